/**
 * While another connection of this process writes the replica for long (the import worker's
 * one transaction, services/import/worker/), the API's connection must not wait for it: a
 * wait holds the API's thread for the busy timeout (seconds) and every other call with it.
 * So for that time this connection's busy timeout is 0: a write fails at once with
 * SQLITE_BUSY, which the router answers in words (nothing was saved; try again when the
 * import is done) and a write of computed results skips (derived-writes.ts). A sync does
 * not start meanwhile (sync/service.ts), and the import waits for one already running.
 * Reads go on as before: WAL lets them read the last commit meanwhile.
 */
import type { Db } from './connection';

const held = new WeakMap<Db, { count: number; timeout: number }>();

/** Runs `fn` with this connection's writes failing at once instead of waiting (see above). */
export async function whileWrittenElsewhere<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const h = held.get(db);
  if (h) h.count++;
  else {
    held.set(db, { count: 1, timeout: db.sqlite.pragma('busy_timeout', { simple: true }) as number });
    db.sqlite.pragma('busy_timeout = 0');
  }
  try {
    return await fn();
  } finally {
    const now = held.get(db)!;
    if (--now.count === 0) {
      held.delete(db);
      if (db.sqlite.open) db.sqlite.pragma(`busy_timeout = ${now.timeout}`);
    }
  }
}

/** Whether another connection is writing the replica for long now (`whileWrittenElsewhere` is running). */
export function isWrittenElsewhere(db: Db): boolean {
  return held.has(db);
}

/** Whether `err` is SQLite saying another connection holds the lock it needs. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
