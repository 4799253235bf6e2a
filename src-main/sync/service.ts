/**
 * The sync service: one sync at a time (push the outbox, then pull), status for the
 * status bar, the run log, progress events, and the schedule — periodic, on demand,
 * shortly after local edits, and as soon as the PRM is reachable again after being
 * offline. The protocol work is in push.ts and pull.ts; this is their bookkeeping.
 */
import type Database from 'better-sqlite3';
import type { SyncRunRecord, SyncSettings, SyncSourceNotes, SyncStatus, SyncSummary } from '../../src-shared/methods/sync';
import { backgroundCheckpoints, type BackgroundCheckpointer } from '../db/checkpoint/checkpointer';
import type { Db } from '../db/connection';
import { bookkeepingWrite } from '../db/derived-writes';
import { pendingRepair, repairBy } from '../db/integrity';
import { isBusy, isWrittenElsewhere } from '../db/written-elsewhere';
import type { EventBus } from '../events';
import { SourceError, type Source, type SourceConnector } from '../sources/contract';
import type { Clock } from '../base/clock';
import { readSetting, writeSetting } from '../settings';
import { z } from 'zod';
import { PageError } from './apply';
import { pull } from './pull';
import { SyncAborted } from './pull-errors';
import { push } from './push';
import { DEFAULT_RETRY, RETRY_LATER, unreachable, type RetryPolicy } from './retry';
import { refreshIdentity } from './identity';
import { startFullRefresh } from '../db/full-refresh';
import { getState, setState } from './state';

export interface SyncServiceDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  /** The workspace's source, or null when none is configured yet. */
  source(): SourceConnector | null;
  pageSize?: number;
  retry?: RetryPolicy;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** Delay after a local edit before syncing it (debounce). */
  editDebounceMs?: number;
  /** How often to check whether the PRM is reachable again while offline. */
  offlineProbeMs?: number;
}

export interface SyncService {
  status(): SyncStatus;
  /**
   * Runs a sync, or joins the one already running. `auto`: a run nobody asked for (the
   * workspace opening, the schedule, an edit): when its first request cannot reach the
   * source it goes offline at once, and the quiet probe syncs once the source answers.
   */
  run(opts?: { auto?: boolean }): Promise<SyncSummary>;
  runs(limit: number): SyncRunRecord[];
  /** Stops a running sync at the next safe point (nothing half-applied) and waits for it. */
  abort(): Promise<void>;
  /**
   * The user's "Cancel": stops a running sync as `abort` does, and the status says it was
   * stopped and that nothing is lost. False when no sync was running.
   */
  cancel(): Promise<boolean>;
  /** Resolves once no sync is running (at once when none is). */
  idle(): Promise<void>;
  /**
   * Stops for good (the workspace is closing): no schedule, a running sync stopped at its
   * next safe point, and every later run refused.
   */
  close(): Promise<void>;
  /** Starts the background schedule (periodic, offline probe). */
  startSchedule(): void;
  stopSchedule(): void;
  /**
   * Starts over from the PRM: stops a running sync cleanly, forgets the cursor and marks
   * the next pull as a full refetch (rows the server no longer has are swept). The
   * replica stays readable meanwhile and local edits in the outbox are kept.
   */
  reset(): Promise<SyncSummary>;
  /** Tells the service a local edit was queued: syncs shortly after, debounced. */
  notifyEdit(): void;
  /** Re-publishes the status (e.g. after outbox changes outside a sync). */
  publish(): void;
  settings(): SyncSettings;
  updateSettings(s: SyncSettings): SyncSettings;
}

const settingsSchema = z.object({ intervalMinutes: z.number().int().min(1).max(1440) });
/** Why a book imported from spreadsheet files is not synced with a PRM (nothing is written). */
export const IMPORTED_BOOK_REFUSAL =
  'This book was imported from spreadsheet files; syncing it with a PRM would mix two books, so nothing was synced. Update it by importing the files again, and sync the PRM into a replica of its own.';
/** What the status says after the user cancelled a sync. */
export const CANCELLED_MESSAGE = 'Sync cancelled. Nothing is lost: what arrived is kept, and edits not yet sent wait for the next sync.';
export const DEFAULT_SYNC_SETTINGS: SyncSettings = { intervalMinutes: 5 };

export function plainError(err: unknown): { message: string; offline: boolean } {
  if (err instanceof SourceError) {
    if (unreachable(err)) {
      return { message: `Offline — ${err.message} Working on your local copy.`, offline: true };
    }
    return { message: err.message, offline: false };
  }
  if (err instanceof PageError) return { message: err.message, offline: false };
  if (err instanceof SyncAborted) return { message: err.message, offline: false };
  if (isBusy(err)) return { message: 'Another program is writing this book just now (Partnerbook in another window, or the command line); the next sync will try again.', offline: false };
  return { message: `Sync failed: ${err instanceof Error ? err.message : String(err)}`, offline: false };
}

export function outboxCounts(sqlite: Database.Database) {
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

const notesSchema = z.object({
  apiUsage: z.object({ used: z.number(), limit: z.number() }).nullable(),
  unavailable: z.array(z.object({ entity: z.string(), reason: z.string() })),
  leftOut: z.array(z.object({ entity: z.string(), count: z.number(), reason: z.string() })).default([]),
  at: z.string(),
});

/** The source's notes kept from the last run that gave any (sync_state, so they survive a restart). */
function readNotes(sqlite: Database.Database): SyncSourceNotes | null {
  const raw = getState(sqlite, 'source_notes');
  if (raw === null) return null;
  try {
    const parsed = notesSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps what `source` learned in this run (API usage, entities it cannot read); a source without notes changes nothing. */
function keepNotes(sqlite: Database.Database, source: Source | null, at: string): void {
  if (!source?.notes) return;
  let notes: ReturnType<NonNullable<Source['notes']>>;
  try {
    notes = source.notes();
  } catch {
    return; // notes are for display only: never a reason for a sync to fail
  }
  const kept: SyncSourceNotes = {
    apiUsage: notes.apiUsage,
    unavailable: notes.unavailable.map((u) => ({ entity: u.entity, reason: u.reason })),
    leftOut: (notes.leftOut ?? []).map((l) => ({ entity: l.entity, count: l.count, reason: l.reason })),
    at,
  };
  bookkeepingWrite(sqlite, () => setState(sqlite, 'source_notes', JSON.stringify(kept)));
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { sqlite } = deps.db;
  // A run left 'running' by a killed process is history now (not on a read-only replica:
  // a CLI command that only reads builds the service for its handler table and never syncs).
  if (!deps.db.readonly) {
    bookkeepingWrite(sqlite, () =>
      sqlite
        .prepare("UPDATE sync_run SET status = 'aborted', finished_at = coalesce(finished_at, started_at) WHERE status = 'running'")
        .run(),
    );
  }

  let current: Promise<SyncSummary> | null = null;
  let controller: AbortController | null = null;
  /** The running sync was stopped by the user's Cancel (not by a reset or the workspace closing). */
  let cancelled = false;
  let state: SyncStatus['state'] = 'idle';
  let message: string | null = null;
  let progress: SyncStatus['progress'] = null;
  let periodic: NodeJS.Timeout | null = null;
  let probe: NodeJS.Timeout | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let scheduled = false;
  /** The PRM asked us to wait longer than a retry waits (429 Retry-After): automatic runs hold off until then. */
  let holdUntil = 0;
  /**
   * A run nobody asked for (the schedule, an edit, the offline probe). It waits while the
   * PRM asked us to (Retry-After), and while the source refuses the sign-in: only a new
   * sign-in or the user's own "Sync now" can change that, and each doomed run would flip
   * the status bar (and the "Sign in again" dialog under it) for nothing.
   */
  const autoRun = () => {
    if (Date.now() < holdUntil || needsSignIn) return;
    // Offline, the probe asks the source quietly and syncs once it answers; a run now (an
    // edit's, the schedule's) would only flip the status to "Syncing…" for the seconds its
    // retries take, and back.
    if (state === 'offline' && probe) return;
    void service.run({ auto: true });
  };
  let closed = false;
  /** Checkpoints the replica's write-ahead log off the API's thread; made at the first run (db/checkpoint). */
  let checkpointer: BackgroundCheckpointer | null | undefined;
  /** The last run failed because the source refused the credentials. */
  let needsSignIn = false;
  const cancelDebounce = () => {
    if (debounce) clearTimeout(debounce);
    debounce = null;
  };

  const settings = (): SyncSettings => readSetting(deps.db, 'sync', settingsSchema) ?? DEFAULT_SYNC_SETTINGS;

  const status = (): SyncStatus => ({
    state,
    lastSyncedAt: getState(sqlite, 'last_synced_at'),
    progress,
    message,
    needsSignIn,
    ...outboxCounts(sqlite),
    notes: readNotes(sqlite),
    repair: pendingRepair(sqlite),
  });
  const publish = () => deps.events.emit('sync.status', status());

  const emptySummary = (kind: SyncSummary['kind']): SyncSummary => ({
    ok: false,
    kind,
    pulled: 0,
    deleted: 0,
    pages: 0,
    refetched: false,
    pushed: 0,
    applied: 0,
    merged: 0,
    conflicts: 0,
    rejected: 0,
    retries: 0,
    durationMs: 0,
    error: null,
  });

  function startProbe() {
    if (!scheduled || probe) return;
    probe = setInterval(() => {
      if (current) return;
      // The source as configured now (a new sign-in or address counts).
      const connector = deps.source();
      if (!connector) return;
      connector
        .open({ timeoutMs: 5000 })
        .describe()
        .then(() => {
          stopProbe();
          void service.run();
        })
        .catch(() => undefined);
    }, deps.offlineProbeMs ?? 20_000);
    probe.unref?.();
  }
  function stopProbe() {
    if (probe) clearInterval(probe);
    probe = null;
  }

  async function doRun(auto: boolean): Promise<SyncSummary> {
    const connector = deps.source();
    const started = Date.now();
    const kindGuess: SyncSummary['kind'] =
      getState(sqlite, 'cursor') && getState(sqlite, 'refetch') !== '1' ? 'incremental' : 'full';
    const summary = emptySummary(kindGuess);
    // An import is writing the book in its worker (db/written-elsewhere.ts): this connection
    // cannot write the run's log, and a spreadsheet book has nothing to fetch meanwhile. The
    // schedule's next run (or "Sync now" after the import) does what this one would have.
    if (isWrittenElsewhere(deps.db)) return { ...summary, error: 'An import is being written to this book; sync again once it is done.' };
    if (!connector) {
      state = 'error';
      message = 'No source is configured for this workspace yet.';
      publish();
      return { ...summary, error: message };
    }
    // A book imported from files (it holds an import) pulled from a PRM would be two books in one (CLI `sync --db`).
    if (connector.kind !== 'spreadsheet' && repairBy(sqlite) === 'import') {
      return { ...summary, error: IMPORTED_BOOK_REFUSAL };
    }
    // The run's log and its last sync time are bookkeeping: they change no book data, so
    // a run that changes none (offline, nothing new) leaves the kept computations current.
    const log = (sql: string, ...params: unknown[]) => bookkeepingWrite(sqlite, () => sqlite.prepare(sql).run(...params));
    const runId = Number(log("INSERT INTO sync_run (started_at, kind, status) VALUES (?, ?, 'running')", deps.clock.now(), kindGuess).lastInsertRowid);
    controller = new AbortController();
    cancelled = false;
    const signal = controller.signal;
    state = 'syncing';
    message = null;
    progress = { rows: 0, entities: {}, percent: null };
    publish();
    // The status goes out at most every 150 ms; what the pages changed at once for the first
    // one (a first sync's Portfolio lists partners as they arrive), then at most every second.
    // Timed apart: the status, sent more often, kept the changes from going out mid-pull.
    let lastEmit = 0;
    let lastPageFlush = 0;
    const changed = new Set<string>();
    const flushChanged = () => {
      if (changed.size === 0) return;
      deps.events.emit('data.changed', { entities: [...changed] });
      changed.clear();
    };
    const onRetry = (err: SourceError, attempt: number, delayMs: number) => {
      summary.retries++;
      log('UPDATE sync_run SET retries = retries + 1 WHERE id = ?', runId);
      message = `${err.message} Retrying in ${Math.max(1, Math.round(delayMs / 1000))} s (attempt ${attempt + 1}).`;
      publish();
    };
    /** Why the push failed, when the run went on to pull all the same. */
    let pushFailure: string | null = null;
    let client: Source | null = null;
    try {
      client = connector.open({ signal, timeoutMs: deps.timeoutMs });
      const retry = deps.retry ?? DEFAULT_RETRY;
      // Who is signed in (also proves the credentials before anything is sent); the UI asks again when it changed.
      // The run's first request: unreachable on an automatic run, it is offline at once (no retries).
      const first = auto ? { ...retry, unreachableAttempts: 1 } : retry;
      if (await refreshIdentity(deps.db, client, deps.clock.now, { signal, retry: first, onRetry })) {
        changed.add('identity');
        flushChanged();
      }
      // Totals are taken batch by batch, so a push that fails part-way still reports
      // (and logs) the edits that did reach the PRM.
      const onBatch = (t: { pushed: number; applied: number; merged: number; conflicts: number; rejected: number }) => {
        Object.assign(summary, { pushed: t.pushed, applied: t.applied, merged: t.merged, conflicts: t.conflicts, rejected: t.rejected });
        log('UPDATE sync_run SET pushed = ? WHERE id = ?', t.pushed, runId);
      };
      // Pull does not depend on push: edits the PRM can't take now wait in the outbox while
      // its changes still come in. Only a refused sign-in (or a stop) ends the run here.
      try {
        const pushed = await push(sqlite, client, { signal, retry, onRetry, onBatch, now: deps.clock.now });
        onBatch(pushed);
        for (const e of pushed.entities) changed.add(e);
        if (pushed.pushed > 0) {
          log('UPDATE sync_run SET pushed = ? WHERE id = ?', pushed.pushed, runId);
          flushChanged();
          publish();
        }
      } catch (err) {
        if (!(err instanceof SourceError) || err.kind === 'unauthorized') throw err;
        pushFailure = `Your edits were not sent: ${err.message} They wait for the next sync.`;
        // the PRM asked for a long pause: automatic runs hold off, as after any other request
        if (err.code === RETRY_LATER && err.retryAfterMs !== undefined) holdUntil = Date.now() + err.retryAfterMs;
      }
      if (checkpointer === undefined) checkpointer = deps.db.readonly ? null : backgroundCheckpoints(sqlite);
      const ckpt = checkpointer;
      const result = await pull(sqlite, client, {
        pageSize: deps.pageSize,
        checkpoint: ckpt ? () => ckpt.request() : undefined,
        signal,
        retry,
        onRetry,
        onProgress: (p) => {
          progress = p;
          message = null;
          const now = Date.now();
          if (now - lastEmit > 150) {
            lastEmit = now;
            publish();
          }
        },
        onPage: (entities) => {
          for (const e of entities) changed.add(e);
          if (Date.now() - lastPageFlush > 1000) {
            lastPageFlush = Date.now();
            flushChanged();
          }
        },
      });
      const finished = deps.clock.now();
      bookkeepingWrite(
        sqlite,
        sqlite.transaction(() => {
          setState(sqlite, 'last_synced_at', finished);
          sqlite
            .prepare('UPDATE sync_run SET status = ?, finished_at = ?, kind = ?, pulled = ?, error = ? WHERE id = ?')
            .run(pushFailure ? 'error' : 'ok', finished, result.kind, result.pulled + result.deleted, pushFailure, runId);
        }),
      );
      state = pushFailure ? 'error' : 'idle';
      message = pushFailure;
      needsSignIn = false;
      stopProbe();
      return {
        ...summary,
        ok: pushFailure === null,
        error: pushFailure,
        kind: result.kind,
        pulled: result.pulled,
        deleted: result.deleted,
        pages: result.pages,
        refetched: result.refetched,
        durationMs: Date.now() - started,
      };
    } catch (err) {
      const pulled = plainError(err);
      const aborted = err instanceof SyncAborted;
      const plain = { ...pulled, message: aborted && cancelled ? CANCELLED_MESSAGE : pushFailure && !aborted ? `${pulled.message} ${pushFailure}` : pulled.message };
      // The runs table's Problem column: a cancel is not a problem of the PRM's.
      const logged = aborted && cancelled ? 'Cancelled.' : plain.message;
      log('UPDATE sync_run SET status = ?, finished_at = ?, error = ? WHERE id = ?', aborted ? 'aborted' : 'error', deps.clock.now(), logged, runId);
      state = aborted ? 'idle' : plain.offline ? 'offline' : 'error';
      message = aborted ? (cancelled ? CANCELLED_MESSAGE : null) : plain.message;
      if (!aborted) needsSignIn = err instanceof SourceError && err.kind === 'unauthorized';
      if (plain.offline) startProbe();
      else stopProbe();
      if (err instanceof SourceError && err.code === RETRY_LATER && err.retryAfterMs !== undefined) holdUntil = Date.now() + err.retryAfterMs;
      return {
        ...summary,
        pulled: progress?.rows ?? 0,
        durationMs: Date.now() - started,
        error: plain.message,
      };
    } finally {
      if (!deps.db.readonly) keepNotes(sqlite, client, deps.clock.now());
      controller = null;
      progress = null;
      flushChanged();
      publish();
      // What the run wrote after the last page (its push, its log row) is checkpointed too.
      checkpointer?.request();
    }
  }

  function armPeriodic() {
    if (periodic) clearInterval(periodic);
    periodic = setInterval(autoRun, settings().intervalMinutes * 60_000);
    periodic.unref?.();
  }

  const service: SyncService = {
    status,
    publish,
    run(opts) {
      if (closed) return Promise.resolve({ ...emptySummary('incremental'), error: 'This workspace is closed.' });
      if (!current) {
        // This run sends every queued edit: an edit's pending automatic run is covered by it.
        cancelDebounce();
        current = doRun(opts?.auto ?? false)
          .catch((err: unknown): SyncSummary => {
            // A failure outside the run's own handling (its log could not be written: another
            // program holds the book, a full disk): said in the status, and never a rejected
            // promise for the schedule's `void service.run()` to leave unhandled.
            const plain = plainError(err);
            state = 'error';
            message = plain.message;
            // A throw from the run's own `finally` (its notes) comes before it resets these.
            controller = null;
            progress = null;
            publish();
            return { ...emptySummary('incremental'), error: plain.message };
          })
          .finally(() => {
            current = null;
          });
      }
      return current;
    },
    runs(limit) {
      return sqlite.prepare('SELECT * FROM sync_run ORDER BY id DESC LIMIT ?').all(limit) as SyncRunRecord[];
    },
    async abort() {
      controller?.abort();
      await current?.catch(() => undefined);
    },
    async cancel() {
      if (!controller) return false;
      cancelled = true;
      await service.abort();
      return true;
    },
    async idle() {
      await current?.catch(() => undefined);
    },
    async close() {
      closed = true;
      service.stopSchedule();
      await service.abort();
      await checkpointer?.close();
    },
    async reset() {
      await service.abort();
      sqlite.transaction(() => startFullRefresh(sqlite))();
      return service.run();
    },
    startSchedule() {
      scheduled = true;
      armPeriodic();
    },
    stopSchedule() {
      scheduled = false;
      if (periodic) clearInterval(periodic);
      periodic = null;
      cancelDebounce();
      stopProbe();
    },
    notifyEdit() {
      publish();
      if (!scheduled) return;
      cancelDebounce();
      debounce = setTimeout(() => {
        debounce = null;
        autoRun();
      }, deps.editDebounceMs ?? 2000);
      debounce.unref?.();
    },
    settings,
    updateSettings(s) {
      writeSetting(deps.db, 'sync', s);
      if (scheduled) armPeriodic();
      return settings();
    },
  };
  return service;
}
