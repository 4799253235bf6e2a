/**
 * The sync service: one sync at a time, status for the status bar, the run log, and
 * progress events. The protocol work is in pull.ts; this is its bookkeeping.
 */
import type Database from 'better-sqlite3';
import type { SyncRunRecord, SyncStatus, SyncSummary } from '../../src-shared/methods/sync';
import type { Db } from '../db/connection';
import type { EventBus } from '../events';
import { createPrmClient, PrmError } from '../prm/protocol-client';
import type { Clock } from '../services/clock';
import { PageError } from './apply';
import { pull, SyncAborted } from './pull';
import { getState, setState } from './state';

export interface PrmTarget {
  url: string;
  token: string;
}

export interface SyncServiceDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** The PRM to sync with, or null when none is configured yet. */
  target(): PrmTarget | null;
  pageSize?: number;
}

export interface SyncService {
  status(): SyncStatus;
  /** Runs a sync, or joins the one already running. */
  run(): Promise<SyncSummary>;
  runs(limit: number): SyncRunRecord[];
  /** Stops a running sync at the next page boundary (nothing half-applied). */
  abort(): Promise<void>;
}

export function plainError(err: unknown): { message: string; offline: boolean } {
  if (err instanceof PrmError) {
    if (err.kind === 'network' || err.kind === 'timeout') {
      return { message: `Offline — ${err.message} Showing your local copy.`, offline: true };
    }
    return { message: err.message, offline: false };
  }
  if (err instanceof PageError) return { message: err.message, offline: false };
  if (err instanceof SyncAborted) return { message: err.message, offline: false };
  return { message: `Sync failed: ${err instanceof Error ? err.message : String(err)}`, offline: false };
}

function counts(sqlite: Database.Database) {
  const row = sqlite
    .prepare(
      `SELECT
        sum(status = 'pending') AS pending,
        sum(status = 'conflict') AS conflicts,
        sum(status = 'rejected') AS rejected
       FROM outbox`,
    )
    .get() as { pending: number | null; conflicts: number | null; rejected: number | null };
  return { pendingEdits: row.pending ?? 0, conflicts: row.conflicts ?? 0, rejected: row.rejected ?? 0 };
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { sqlite } = deps.db;
  // A run left 'running' by a killed process is history now.
  sqlite.prepare("UPDATE sync_run SET status = 'aborted', finished_at = coalesce(finished_at, started_at) WHERE status = 'running'").run();

  let current: Promise<SyncSummary> | null = null;
  let controller: AbortController | null = null;
  let state: SyncStatus['state'] = 'idle';
  let message: string | null = null;
  let progress: SyncStatus['progress'] = null;

  const status = (): SyncStatus => ({
    state,
    lastSyncedAt: getState(sqlite, 'last_synced_at'),
    progress,
    message,
    ...counts(sqlite),
  });
  const publish = () => deps.events.emit('sync.status', status());

  async function doRun(): Promise<SyncSummary> {
    const target = deps.target();
    const started = Date.now();
    const kindGuess = getState(sqlite, 'cursor') && getState(sqlite, 'refetch') !== '1' ? 'incremental' : 'full';
    if (!target) {
      state = 'error';
      message = 'No PRM is configured yet.';
      publish();
      return { ok: false, kind: kindGuess, pulled: 0, deleted: 0, pages: 0, refetched: false, durationMs: 0, error: message };
    }
    const runId = Number(
      sqlite
        .prepare("INSERT INTO sync_run (started_at, kind, status) VALUES (?, ?, 'running')")
        .run(deps.clock.now(), kindGuess).lastInsertRowid,
    );
    controller = new AbortController();
    state = 'syncing';
    message = null;
    progress = { rows: 0, entities: {}, percent: null };
    publish();
    let lastEmit = 0;
    const changed = new Set<string>();
    const flushChanged = () => {
      if (changed.size === 0) return;
      deps.events.emit('data.changed', { entities: [...changed] });
      changed.clear();
    };
    try {
      const client = createPrmClient({ url: target.url, token: target.token, signal: controller.signal });
      const result = await pull(sqlite, client, {
        pageSize: deps.pageSize,
        signal: controller.signal,
        onProgress: (p) => {
          progress = p;
          const now = Date.now();
          if (now - lastEmit > 150) {
            lastEmit = now;
            publish();
          }
        },
        onPage: (entities) => {
          for (const e of entities) changed.add(e);
          if (Date.now() - lastEmit > 1000) flushChanged();
        },
      });
      const finished = deps.clock.now();
      sqlite.transaction(() => {
        setState(sqlite, 'last_synced_at', finished);
        sqlite
          .prepare("UPDATE sync_run SET status = 'ok', finished_at = ?, kind = ?, pulled = ? WHERE id = ?")
          .run(finished, result.kind, result.pulled + result.deleted, runId);
      })();
      state = 'idle';
      message = null;
      return {
        ok: true,
        kind: result.kind,
        pulled: result.pulled,
        deleted: result.deleted,
        pages: result.pages,
        refetched: result.refetched,
        durationMs: Date.now() - started,
        error: null,
      };
    } catch (err) {
      const plain = plainError(err);
      const aborted = err instanceof SyncAborted;
      sqlite
        .prepare('UPDATE sync_run SET status = ?, finished_at = ?, error = ? WHERE id = ?')
        .run(aborted ? 'aborted' : 'error', deps.clock.now(), plain.message, runId);
      state = aborted ? 'idle' : plain.offline ? 'offline' : 'error';
      message = aborted ? null : plain.message;
      return {
        ok: false,
        kind: kindGuess,
        pulled: progress?.rows ?? 0,
        deleted: 0,
        pages: 0,
        refetched: false,
        durationMs: Date.now() - started,
        error: plain.message,
      };
    } finally {
      controller = null;
      progress = null;
      flushChanged();
      publish();
    }
  }

  return {
    status,
    run() {
      if (!current) {
        current = doRun().finally(() => {
          current = null;
        });
      }
      return current;
    },
    runs(limit) {
      return sqlite
        .prepare('SELECT * FROM sync_run ORDER BY id DESC LIMIT ?')
        .all(limit) as SyncRunRecord[];
    },
    async abort() {
      controller?.abort();
      await current?.catch(() => undefined);
    },
  };
}
