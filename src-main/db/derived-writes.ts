/**
 * The replica's version as the computations that read the book see it (the actions
 * ranking, ROPI, a QBR pack's actions): kept results stay current until the book changes.
 *
 * It is read from SQLite, not guessed from events: the connection's `total_changes()` (every
 * row this connection inserted, updated or deleted: syncs, edits, settings, states) and
 * `PRAGMA data_version` (commits by any other connection, e.g. the CLI on the same file),
 * both O(1). Writes to the tables that only keep what was computed from the book
 * (`health_snapshot`, the health inputs per date, and `health_derived`, what was derived from
 * them; `action_snapshot`, the digest's record)
 * change no computation's input: made through `derivedWrite`, their rows are left out of
 * the count, so a health view storing its inputs does not make the actions rank again.
 * Sync bookkeeping that changes no book data (`bookkeepingWrite`) is left out the same way.
 */
import type Database from 'better-sqlite3';
import type { Db } from './connection';
import { isBusy } from './written-elsewhere';

const derived = new WeakMap<Database.Database, number>();
const counters = new WeakMap<Database.Database, Database.Statement>();

function totalChanges(sqlite: Database.Database): number {
  let st = counters.get(sqlite);
  if (!st) counters.set(sqlite, (st = sqlite.prepare('SELECT total_changes()').pluck()));
  return st.get() as number;
}

function uncounted<T>(sqlite: Database.Database, fn: () => T): T {
  const before = totalChanges(sqlite);
  try {
    return fn();
  } finally {
    derived.set(sqlite, (derived.get(sqlite) ?? 0) + (totalChanges(sqlite) - before));
  }
}

/**
 * Runs `fn`, a write only to tables of computed results (never an input of a computation):
 * its rows do not change `bookVersion`. Such a write only keeps what can be computed again,
 * so it is skipped (false) when another connection holds the write lock and this one is
 * told not to wait (an import writing in its worker, db/written-elsewhere.ts): the read that
 * made it still answers.
 */
export function derivedWrite(db: Db, fn: () => void): boolean {
  try {
    uncounted(db.sqlite, fn);
    return true;
  } catch (err) {
    if (isBusy(err)) return false;
    throw err;
  }
}

/**
 * Runs `fn`, a write of sync bookkeeping that changes no book data: a run's log row
 * (`sync_run`), the last sync time, the source's notes, an unchanged identity, the cursor
 * of a page without changes. Its rows do not change `bookVersion`, so a failed run offline
 * (or a run that found nothing new) recomputes nothing.
 *
 * No kept computation may read what is written so: the actions ranking, ROPI and the
 * health book key read book tables, the outbox and settings only; the digest reads the last
 * sync time on every call; the health fingerprint reads the cursor on every call
 * (health/cache.ts), outside its memo. A reader of these values must not be kept by
 * `bookVersion` or `untilBookChanges`, but read them itself.
 */
export function bookkeepingWrite<T>(sqlite: Database.Database, fn: () => T): T {
  return uncounted(sqlite, fn);
}

/** Equal strings: nothing the computations read was written in between (by this connection or another). */
export function bookVersion(db: Db): string {
  const own = totalChanges(db.sqlite) - (derived.get(db.sqlite) ?? 0);
  return `${String(db.sqlite.pragma('data_version', { simple: true }))}:${own}`;
}

const remembered = new WeakMap<Database.Database, Map<string, { version: string; value: unknown }>>();

/**
 * `compute()`'s last answer on this connection while `bookVersion` is unchanged, else
 * `compute()` again: for keys read from the book on every call (the health fingerprint, the
 * partner list's key: milliseconds of counting on a large book, per view). Only on a
 * read-write connection, where every change is this connection's own or another's commit;
 * a read-only one (a worker's) always computes.
 */
export function untilBookChanges<T>(db: Db, slot: string, compute: () => T): T {
  if (db.readonly) return compute();
  let m = remembered.get(db.sqlite);
  if (!m) remembered.set(db.sqlite, (m = new Map()));
  const version = bookVersion(db);
  const kept = m.get(slot);
  if (kept?.version === version) return kept.value as T;
  const value = compute();
  m.set(slot, { version: bookVersion(db), value });
  return value;
}
