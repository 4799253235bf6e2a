/**
 * The composition root: builds the object graph once (database, services, sync, router)
 * for whichever shell hosts it — the Electron main process, the browser harness or a
 * CLI command.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb, type Db } from './db/connection';
import { createHandlers } from './api/handlers';
import { createRouter, type Router } from './api/router';
import { startDemoPrmProcess, type RunningDemoPrm } from './embedded-prm';
import { EventBus } from './events';
import type { PdfRenderer } from './export/pdf/renderer';
import { systemClock, type Clock } from './base/clock';
import { prmSettingSchema, readSetting, writeSetting, type PrmSetting } from './settings';
import { protocolV1Connector } from './sources/protocol-v1/client';
import { createSyncService, type SyncService } from './sync/service';

export interface CoreOptions {
  dataDir: string;
  clock?: Clock;
  version?: string;
  /** A PRM to use instead of the stored one (CLI / tests). */
  prm?: { url: string; token: string };
  /** The command that runs the demo PRM tool (see `findDemoPrmCommand`); null where it is not available. */
  demoCommand?: string[] | null;
  demoEnv?: NodeJS.ProcessEnv;
  demo?: { seed?: number; scale?: 'small' | 'medium' | 'large'; asOf?: string; extraArgs?: string[] };
  onInternalError?: (method: string, err: unknown) => void;
  /** The PDF engine for QBR exports; LibreOffice (converting the .pptx) when not given. */
  pdfRenderer?: PdfRenderer;
}

export interface Core {
  db: Db;
  clock: Clock;
  events: EventBus;
  sync: SyncService;
  router: Router;
  dataDir: string;
  /** Starts the embedded demo PRM if no PRM is configured, then syncs in the background. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createCore(opts: CoreOptions): Core {
  mkdirSync(opts.dataDir, { recursive: true });
  const db = openDb(join(opts.dataDir, 'partnerbook.sqlite'));
  const clock = opts.clock ?? systemClock;
  const events = new EventBus();
  let prm: PrmSetting | null = opts.prm ? { kind: 'custom', ...opts.prm } : readSetting(db, 'prm', prmSettingSchema);
  let demo: RunningDemoPrm | null = null;

  const sync = createSyncService({
    db,
    clock,
    events,
    source: () => (prm && (prm.kind === 'custom' || demo) ? protocolV1Connector({ url: prm.url, token: prm.token }) : null),
  });

  const core: Core = {
    db,
    clock,
    events,
    sync,
    dataDir: opts.dataDir,
    router: undefined as unknown as Router,
    async start() {
      if (!prm || prm.kind === 'demo') {
        if (!opts.demoCommand) throw new Error('The demo book is not available here: the demo PRM tool is only in a developer checkout.');
        const token = prm?.token ?? randomBytes(16).toString('hex');
        demo = await startDemoPrmProcess({
          command: opts.demoCommand,
          env: opts.demoEnv,
          storePath: join(opts.dataDir, 'demo-prm.sqlite'),
          token,
          ...opts.demo,
        });
        prm = { kind: 'demo', url: demo.url, token };
        writeSetting(db, 'prm', prm);
      }
      sync.startSchedule();
      void sync.run();
    },
    async close() {
      sync.stopSchedule();
      await sync.abort();
      await demo?.stop();
      await db.k.destroy().catch(() => undefined);
      db.close();
    },
  };
  core.router = createRouter(
    createHandlers({ db, clock, events, sync, version: opts.version ?? '0.1.0', dataDir: opts.dataDir, prm: () => prm, pdfRenderer: opts.pdfRenderer }),
    opts.onInternalError,
  );
  return core;
}
