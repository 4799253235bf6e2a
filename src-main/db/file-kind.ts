/**
 * A file given as a replica that is plainly something else — a CSV export, a spreadsheet,
 * a PDF — is refused as such before SQLite opens it: it is not a damaged replica, and
 * nothing may "rebuild" it (set it aside and start a fresh book in its place). A file that
 * may be a replica whose first page was damaged (zeros, noise) is left to the damage checks.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export class NotAReplicaError extends Error {
  override readonly name = 'NotAReplicaError';
  constructor(
    readonly path: string,
    /** What the file looks like: "a CSV or text file". */
    readonly looksLike: string,
  ) {
    super(`${path} is not a Partnerbook replica (it looks like ${looksLike}); nothing was changed. Give the replica file (replica.sqlite in a workspace folder), or bring a spreadsheet in with \`partnerbook import\`.`);
  }
}

const SQLITE_HEADER = 'SQLite format 3\u0000';

/** What the first bytes say the file is, when it is plainly not a SQLite database; null otherwise. */
export function foreignFileKind(head: Buffer): string | null {
  if (head.length === 0) return null;
  if (head.subarray(0, 16).toString('latin1') === SQLITE_HEADER) return null;
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'an Excel workbook or another ZIP file';
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'a PDF document';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'an old Excel (.xls) or Office file';
  // Text: a byte-order mark, or printable characters and line breaks only (UTF-8 or a single-byte code page).
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) || (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) return 'a CSV or text file';
  const text = [...head].every((b) => b === 0x09 || b === 0x0a || b === 0x0d || b >= 0x20);
  return text ? 'a CSV or text file' : null;
}

/** Refuses a file that exists and is plainly not a replica (NotAReplicaError); an absent or empty file passes. */
export function refuseForeignFile(path: string): void {
  if (path === ':memory:' || path === '') return;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return; // absent or unreadable: opening it says why
  }
  let kind: string | null = null;
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    kind = foreignFileKind(head.subarray(0, n));
  } catch {
    // a folder, or a file that cannot be read: opening it says why
  } finally {
    closeSync(fd);
  }
  if (kind) throw new NotAReplicaError(path, kind);
}
