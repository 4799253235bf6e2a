/**
 * The stalled actions book (test/unit/actions/fixture.ts) in a replica file, served by the
 * API with its actions ranked in the worker (`background`: the pool's options, e.g. a held
 * reply or another worker script). What it opened is closed by `cleanup` (run in reverse
 * by the test's afterEach): the handlers' close hooks, the Db, the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers } from '../../src-main/api/handlers';
import { createRouter, type Router } from '../../src-main/api/router';
import { fixedClock } from '../../src-main/base/clock';
import { openDb, type Db } from '../../src-main/db/connection';
import { EventBus } from '../../src-main/events';
import type { ActionsWorkerOptions } from '../../src-main/services/actions/worker/pool';
import { createSyncService } from '../../src-main/sync/service';
import { AS_OF, stalledBook } from '../unit/actions/fixture';
import { withAppHandlers } from './api';

export interface StalledReplicaApi {
  db: Db;
  /** The folder holding the replica (the API's data folder). */
  dir: string;
  /** The API's events (what the worker says of a ranking's progress, among others). */
  events: EventBus;
  router: Router;
  /** Runs the handlers' close hooks (stops the workspace's workers); also run by `cleanup`. */
  close(): Promise<void>;
}

export function stalledReplicaApi(background: ActionsWorkerOptions, cleanup: (() => Promise<void> | void)[], prefix = 'pb-stalled-'): StalledReplicaApi {
  const clock = fixedClock(AS_OF);
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'replica.sqlite');
  const b = stalledBook();
  b.db.sqlite.prepare('VACUUM INTO ?').run(path);
  b.db.close();
  const db = openDb(path);
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const closers: (() => Promise<void> | void)[] = [];
  const handlers = createHandlers({ db, clock, events, sync, dataDir: dir, backgroundActions: background, onClose: (fn) => closers.push(fn) });
  const close = async () => {
    for (const fn of closers.splice(0)) await fn();
  };
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  cleanup.push(close);
  return { db, dir, events, router: createRouter(withAppHandlers(handlers, { clock })), close };
}
