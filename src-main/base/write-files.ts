/**
 * Writing the files a user asked for: QBR exports, and the spreadsheets staged for an
 * import. A missing folder is made level by level (not with
 * `mkdirSync(…, { recursive: true })`, which spins forever where a file system answers
 * ENOENT for a folder it will not create, as /proc does), files appear atomically (a
 * temporary name in the same folder, renamed into place), and every failure to write is
 * one sentence that names the folder and the reason: "Can't write to /x/y: permission
 * denied." — never a raw `ENOENT … .partial-1234`.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fieldError, ServiceError } from './errors';

const codeOf = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | null)?.code;

/** Why writing in `dir` failed with `err`, in words. */
function reason(err: unknown, dir: string, creating = false): string {
  switch (codeOf(err)) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      if (creating) return 'the folder does not exist and cannot be created there';
      // A folder that exists but answers "no such file" (as /proc does) takes no new files.
      return existsSync(dir) ? 'files cannot be created in this folder' : 'the folder does not exist';
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EISDIR':
      return 'a folder is in the way of the file';
    default: {
      // "EIO: i/o error, open '…'" → "i/o error"
      const message = err instanceof Error ? err.message : String(err);
      return /^[A-Z0-9]+: ([^,]+),/.exec(message)?.[1] ?? message;
    }
  }
}

/** The error for a folder that cannot be written, on the API field `field` (the whole sentence on both: the app shows either). */
function cannotWrite(dir: string, why: string, field: string): ServiceError {
  return fieldError('invalid_input', field, `Can't write to ${dir}: ${why}.`);
}

/** True for a file-system error about `path` (Node puts the paths it failed on in `path` / `dest`). */
function isAbout(err: unknown, path: string): boolean {
  const e = err as { code?: unknown; path?: unknown; dest?: unknown } | null;
  return typeof e?.code === 'string' && (e.path === path || e.dest === path);
}

/** Makes `dir` (and missing parents) a folder, or throws a ServiceError that says why it can't be. */
export function ensureFolder(dir: string, field: string): void {
  const abs = resolve(dir);
  const missing: string[] = [];
  for (let cur = abs; ; ) {
    try {
      if (!statSync(cur).isDirectory()) throw cannotWrite(abs, cur === abs ? 'it is a file, not a folder' : `${cur} is a file, not a folder`, field);
      break;
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      const parent = dirname(cur);
      if ((codeOf(err) !== 'ENOENT' && codeOf(err) !== 'ENOTDIR') || parent === cur) throw cannotWrite(abs, reason(err, abs), field);
      missing.push(cur);
      cur = parent;
    }
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if (codeOf(err) !== 'EEXIST') throw cannotWrite(abs, reason(err, abs, true), field);
    }
  }
}

/**
 * Creates `wanted` as a new, empty folder — or, when that name is taken (by a folder, a
 * file, anything), `wanted (2)`, `wanted (3)`… — and returns the one it made. Creation is
 * exclusive (no check-then-create race): a folder that exists is never written into, even
 * when two batches start in the same minute from two processes. The parent must exist.
 */
export function makeNewFolder(wanted: string, field: string): string {
  const abs = resolve(wanted);
  for (let n = 1; n <= 1000; n++) {
    const dir = n === 1 ? abs : `${abs} (${n})`;
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if (codeOf(err) !== 'EEXIST') throw cannotWrite(dirname(abs), reason(err, dirname(abs), true), field);
    }
  }
  throw cannotWrite(dirname(abs), `a thousand folders named ${basename(abs)} exist already`, field);
}

/** `ensureFolder`, then proves a file can be created there (before any slow work starts). */
export function ensureWritableFolder(dir: string, field: string): void {
  ensureFolder(dir, field);
  const probe = resolve(dir, `.partnerbook-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
  } catch (err) {
    throw cannotWrite(resolve(dir), reason(err, resolve(dir)), field);
  } finally {
    removeQuietly(probe);
  }
}

/** Moves a finished temporary file into place; a failure says which folder and why. */
export function moveIntoPlace(tmp: string, target: string, field: string): void {
  try {
    renameSync(tmp, target);
  } catch (err) {
    throw cannotWrite(dirname(target), reason(err, dirname(target)), field);
  }
}

/** A file-system error about `file` as the "Can't write to <its folder>: …" error; anything else as it is. */
export function asWriteError(err: unknown, file: string, field: string): unknown {
  return isAbout(err, file) ? cannotWrite(dirname(file), reason(err, dirname(file)), field) : err;
}

/** Writes `data` to `path`; a failure says which folder and why. */
export function putFile(path: string, data: string | Uint8Array, field: string): void {
  try {
    writeFileSync(path, data);
  } catch (err) {
    throw asWriteError(err, path, field);
  }
}

/**
 * Writes `target` through `<target>.partial-<pid>`: the folder is made, the temporary file
 * created (so an unwritable folder fails before `write` does any work), `write(tmp)` fills
 * it, and it is renamed into place. On any failure nothing is left behind.
 */
export async function writeAtomically(target: string, field: string, write: (tmp: string) => Promise<void> | void): Promise<void> {
  ensureFolder(dirname(target), field);
  const tmp = `${target}.partial-${process.pid}`;
  try {
    writeFileSync(tmp, '');
    await write(tmp);
    moveIntoPlace(tmp, target, field);
  } catch (err) {
    throw asWriteError(err, tmp, field);
  } finally {
    removeQuietly(tmp);
  }
}

/** Removes a leftover temporary file; one that cannot be removed must not hide the real error. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Left behind; the error that matters is the one being reported.
  }
}
