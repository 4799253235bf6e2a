/**
 * Binds every method of the API table to its service. The `Handlers` type makes a
 * missing or mistyped method a compile error.
 */
import type { Db } from '../db/connection';
import type { Clock } from '../services/clock';
import { getPartner, listPartners, listTiers, listUsers } from '../services/partners';
import type { PrmSetting } from '../settings';
import type { SyncService } from '../sync/service';
import type { Handlers } from './router';

export interface HandlerDeps {
  db: Db;
  clock: Clock;
  sync: SyncService;
  version: string;
  dataDir: string;
  prm(): PrmSetting | null;
}

export function createHandlers(d: HandlerDeps): Handlers {
  return {
    'app.info': () => {
      const prm = d.prm();
      return {
        version: d.version,
        dataDir: d.dataDir,
        prm: prm ? { url: prm.url, kind: prm.kind } : null,
        today: d.clock.today(),
      };
    },
    'partners.list': () => listPartners(d.db, d.clock),
    'partners.get': ({ id }) => getPartner(d.db, d.clock, id),
    'users.list': () => listUsers(d.db),
    'tiers.list': () => listTiers(d.db),
    'sync.status': () => d.sync.status(),
    'sync.run': () => d.sync.run(),
    'sync.runs': ({ limit }) => d.sync.runs(limit),
  };
}
