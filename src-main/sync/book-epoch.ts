/**
 * The book's epoch: a count, kept in `sync_state`, that every write of the book's base rows
 * moves in the same transaction (a pulled or pushed page that changed a row, the sweep
 * after a full refresh, a delete confirmed by a push: sync/apply.ts, sync/push.ts). Local
 * edits do not move it: they wait in the outbox, which readers of the book lay over it.
 * Unlike the connection's change counters (db/derived-writes.ts `bookVersion`) it survives
 * a restart and sees writes by any connection (an import's worker, the CLI), so a result
 * computed from the book can be kept on disk under it and trusted after a restart
 * (services/actions/kept.ts).
 *
 * The value names the replica too (`<id>:<n>`, the id drawn at the first write): a replica
 * rebuilt at the same path (a recovery, a new workspace) never takes up an older one's count.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

const KEY = 'book_epoch';

/** The epoch now: `-` before the book's first write since epochs were kept. */
export function readBookEpoch(sqlite: Database.Database): string {
  const v = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(KEY) as string | undefined;
  return v ?? '-';
}

/** Moves the epoch on: call inside the transaction that wrote base rows of the book. */
export function bumpBookEpoch(sqlite: Database.Database): void {
  const now = readBookEpoch(sqlite);
  const at = now.lastIndexOf(':');
  const next = at > 0 ? `${now.slice(0, at)}:${Number(now.slice(at + 1)) + 1}` : `${randomUUID()}:1`;
  sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, next);
}
