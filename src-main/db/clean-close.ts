/**
 * Whether a replica file is exactly as Partnerbook left it when it last closed it cleanly,
 * so that opening it need not read every page again (`PRAGMA quick_check` takes ~1 s for a
 * 500 MB replica in the page cache, 4 s for 2 GB, and two minutes for 2 GB read cold).
 *
 * When a connection that checked the file at open (or found it unchanged) closes, and no
 * write-ahead log is left beside the file, the file's identity and change times are written
 * to `<replica>-closed`. The next checked open takes that record (deleting it): the check is
 * skipped only when the file is the same inode with the same size, modification and
 * status-change times, and no log is waiting to be replayed. Anything else runs the check
 * as before: a crash (no record, or a log left), another program or a copy writing the
 * file, even a `touch` (the status-change time cannot be set back).
 *
 * What this cannot see is damage that changes no time: a disk failing under an unchanged
 * file, or another program writing within the same clock tick as the close on a file system
 * whose times are that coarse. SQLite reports such a page when a query reads it
 * (SQLITE_CORRUPT).
 */
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

/** The record beside `path`. */
export const cleanCloseRecord = (path: string): string => `${path}-closed`;

interface FileState {
  dev: string;
  ino: string;
  size: string;
  mtimeNs: string;
  ctimeNs: string;
}

function stateOf(path: string): FileState | null {
  try {
    const s = statSync(path, { bigint: true });
    return { dev: String(s.dev), ino: String(s.ino), size: String(s.size), mtimeNs: String(s.mtimeNs), ctimeNs: String(s.ctimeNs) };
  } catch {
    return null;
  }
}

/** A write-ahead log with frames in it: what it holds is not in the file yet. */
function logWaiting(path: string): boolean {
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

/**
 * Takes (and deletes) the record of the last clean close: true when `path` is unchanged
 * since then. Call before opening the file; never throws.
 */
export function takeCleanClose(path: string): boolean {
  const record = cleanCloseRecord(path);
  if (!existsSync(record)) return false;
  let kept: unknown = null;
  try {
    kept = JSON.parse(readFileSync(record, 'utf8'));
  } catch {
    // Unreadable: as if there were none.
  }
  try {
    rmSync(record, { force: true });
  } catch {
    // A record that cannot be removed is still only trusted when it matches the file.
  }
  const now = stateOf(path);
  if (!now || logWaiting(path) || typeof kept !== 'object' || kept === null) return false;
  const was = kept as Partial<Record<keyof FileState, unknown>>;
  return (Object.keys(now) as (keyof FileState)[]).every((k) => was[k] === now[k]);
}

/**
 * Records that `path` was closed cleanly, after the last connection to it closed. Nothing is
 * recorded while a write-ahead log is left (another connection still open); never throws.
 */
export function recordCleanClose(path: string): void {
  const record = cleanCloseRecord(path);
  try {
    const state = logWaiting(path) ? null : stateOf(path);
    if (!state) {
      rmSync(record, { force: true });
      return;
    }
    // Written whole, then renamed over: a record is never half there.
    writeFileSync(`${record}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${record}.tmp`, record);
  } catch {
    // Without a record the next open checks every page, as it always did.
  }
}
