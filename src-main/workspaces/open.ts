/**
 * One open workspace: its replica (Db), its own event bus, its sync service and its
 * source connector — for a demo book also the demo PRM child process it starts. Closing
 * it stops the schedule, stops a running sync at its next safe point (nothing
 * half-applied), runs the close hooks (e.g. cancel a batch export), waits for API calls in
 * flight, then closes the Db and stops the demo PRM.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../base/clock';
import { openDb, type Db } from '../db/connection';
import { startDemoPrmProcess, type RunningDemoPrm } from '../embedded-prm';
import { EventBus } from '../events';
import { SourceError, type Source, type SourceConnector } from '../sources/contract';
import { protocolV1Connector } from '../sources/protocol-v1/client';
import { spreadsheetConnector } from '../sources/spreadsheet/source';
import { bookClock } from '../services/import/clock';
import { createSyncService, type SyncService, type SyncServiceDeps } from '../sync/service';
import { readLegacyPrm, scrubSecretSettings } from './legacy';
import { failingConnector } from './failing-connector';
import { salesforceWorkspaceConnector } from './salesforce-connector';
import { recordSalesforceCoverage } from './salesforce-mapping';
import { DEMO_STORE_FILE, type WorkspaceEntry, type WorkspaceRegistry } from './registry';
import { SecretUnavailableError, tokenKey, type SecretStore } from './secrets';

export type SyncTuning = Partial<Pick<SyncServiceDeps, 'pageSize' | 'retry' | 'timeoutMs' | 'editDebounceMs' | 'offlineProbeMs'>>;

/** What opening a workspace needs from the shell. */
export interface WorkspaceEnv {
  registry: WorkspaceRegistry;
  secrets: SecretStore;
  clock: Clock;
  /** The command that runs the demo PRM tool; null where it is not available (a packaged app). */
  demoCommand: string[] | null;
  demoEnv?: NodeJS.ProcessEnv;
  /** Run-time options of the demo PRM (the book's as-of date, test flags). */
  demoRun?: { asOf?: string; extraArgs?: string[] };
  /** Opens a replica (the shell's damaged-replica recovery); `openDb` when not given. */
  openReplica?: (path: string) => Db;
  sync?: SyncTuning;
  /** Start the background sync schedule when a workspace opens (the app: yes; the CLI: no). */
  schedule?: boolean;
}

export interface OpenWorkspace {
  readonly id: string;
  readonly db: Db;
  /**
   * The workspace's clock: the shell's, except for a book imported from files that end
   * before today, whose views compute as of the files' last date (services/import).
   */
  readonly clock: Clock;
  /** This workspace's own bus; the manager forwards it to the app only while it is active. */
  readonly events: EventBus;
  readonly sync: SyncService;
  readonly folder: string;
  /** The registry entry as it is now (its name can change while open). */
  entry(): WorkspaceEntry;
  /** The source's address now (a demo book's changes each start); null until known. */
  sourceUrl(): string | null;
  /** Runs `fn` when the workspace closes, before its Db closes. */
  onClose(fn: () => Promise<void> | void): void;
  /** Counts an API call in flight; close waits for it. */
  track<T>(fn: () => Promise<T>): Promise<T>;
  /** Starts the source (the demo PRM child) and the schedule, then syncs once, in the background. */
  start(): void;
  close(): Promise<void>;
}

/** A call reached a workspace that had started closing (a switch won the race). */
export class WorkspaceClosedError extends Error {
  override readonly name = 'WorkspaceClosedError';
  constructor() {
    super('This workspace was closed; try again.');
  }
}

export const DEMO_UNAVAILABLE = 'The demo book is not available here: its demo PRM tool only comes with a developer checkout.';

/** A source whose connector is only known once `ready()` resolves (the demo PRM starting). */
function deferredConnector(kind: string, label: string, ready: () => Promise<SourceConnector>): SourceConnector {
  return {
    kind,
    label,
    open(opts) {
      let inner: Promise<Source> | null = null;
      const source = (): Promise<Source> => {
        inner ??= new Promise<Source>((resolve, reject) => {
          const onAbort = () => reject(new SourceError('network', 'Sync was cancelled.'));
          if (opts?.signal?.aborted) return onAbort();
          opts?.signal?.addEventListener('abort', onAbort, { once: true });
          ready().then(
            (c) => resolve(c.open(opts)),
            (err: unknown) => reject(err),
          );
        });
        return inner;
      };
      return {
        label,
        describe: async () => (await source()).describe(),
        changes: async (cursor, limit, keys) => (await source()).changes(cursor, limit, keys),
        mutations: async (req) => (await source()).mutations(req),
      };
    },
  };
}

export function openWorkspace(env: WorkspaceEnv, entry: WorkspaceEntry): OpenWorkspace {
  const folder = env.registry.folderPath(entry);
  const db = (env.openReplica ?? openDb)(env.registry.replicaPath(entry));
  // A replica carried over from before workspaces (or salvaged from one) may still hold a token.
  const legacy = readLegacyPrm(db);
  if (legacy) {
    if (!env.secrets.get(tokenKey(entry.id))) env.secrets.set(tokenKey(entry.id), legacy.token);
    scrubSecretSettings(db);
  }
  const events = new EventBus();
  const closers: (() => Promise<void> | void)[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let demo: RunningDemoPrm | null = null;
  let demoStarting: Promise<RunningDemoPrm> | null = null;
  let closed = false;
  const stopping = new AbortController();

  const current = () => env.registry.get(entry.id) ?? entry;

  function token(): string | null {
    return env.secrets.get(tokenKey(entry.id));
  }

  function demoToken(): string {
    const stored = token();
    if (stored) return stored;
    const fresh = randomBytes(16).toString('hex');
    env.secrets.set(tokenKey(entry.id), fresh);
    return fresh;
  }

  function startDemo(): Promise<RunningDemoPrm> {
    const src = entry.source;
    if (src.kind !== 'demo') return Promise.reject(new Error('not a demo workspace'));
    if (demo) return Promise.resolve(demo);
    if (!env.demoCommand) return Promise.reject(new SourceError('client', DEMO_UNAVAILABLE));
    demoStarting ??= startDemoPrmProcess({
      command: env.demoCommand,
      env: env.demoEnv,
      storePath: join(folder, DEMO_STORE_FILE),
      token: demoToken(),
      seed: src.seed,
      scale: src.scale,
      ...env.demoRun,
      signal: stopping.signal,
    }).then(
      async (running) => {
        if (closed) {
          await running.stop();
          throw new SourceError('network', 'This workspace was closed.');
        }
        demo = running;
        return running;
      },
      (err: unknown) => {
        demoStarting = null; // the next sync tries again
        throw new SourceError('client', `The demo book could not start: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
    return demoStarting;
  }

  function connector(): SourceConnector {
    const src = current().source;
    if (src.kind === 'spreadsheet') return spreadsheetConnector(db);
    if (src.kind === 'salesforce') return salesforceWorkspaceConnector(env.secrets, entry.id, src, { db });
    if (src.kind === 'demo') {
      return deferredConnector('demo', 'the demo book', async () => {
        const running = await startDemo();
        return protocolV1Connector({ url: running.url, token: running.token });
      });
    }
    let t: string | null;
    try {
      t = token();
    } catch (err) {
      if (err instanceof SecretUnavailableError) return failingConnector('protocol-v1', src.url, new SourceError('unauthorized', err.message));
      throw err;
    }
    if (!t) return failingConnector('protocol-v1', src.url, new SourceError('unauthorized', 'No sign-in is stored for this PRM. Sign in again.'));
    return protocolV1Connector({ url: src.url, token: t });
  }

  // What the source cannot hold (a Salesforce mapping without certification or PSAT objects): "no data" in health.
  if (entry.source.kind === 'salesforce') recordSalesforceCoverage(db, entry.source);
  const clock = bookClock(env.clock, db, events);
  const sync = createSyncService({ db, clock, events, source: connector, ...env.sync });

  const ws: OpenWorkspace = {
    id: entry.id,
    db,
    clock,
    events,
    sync,
    folder,
    entry: current,
    sourceUrl() {
      const src = current().source;
      return src.kind === 'demo' ? (demo?.url ?? null) : src.kind === 'protocol-v1' ? src.url : src.kind === 'salesforce' ? (src.instanceUrl ?? null) : null;
    },
    onClose(fn) {
      closers.push(fn);
    },
    track(fn) {
      if (closed) return Promise.reject(new WorkspaceClosedError());
      const p = fn();
      inFlight.add(p);
      const forget = () => inFlight.delete(p);
      p.then(forget, forget);
      return p;
    },
    start() {
      if (env.schedule !== false) sync.startSchedule();
      // Nobody asked for it: a source out of reach means offline at once, not seconds of "Syncing…".
      void sync.run({ auto: true });
    },
    async close() {
      if (closed) return;
      closed = true;
      stopping.abort();
      await sync.close();
      for (const fn of closers.splice(0)) await Promise.resolve(fn()).catch(() => undefined);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      await demoStarting?.catch(() => undefined);
      await demo?.stop();
      db.close();
    },
  };
  return ws;
}
