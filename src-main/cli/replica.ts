/**
 * Opening a replica file for a CLI command: read-only for the commands that only read,
 * and one plain sentence (with the file's path and what to do) when the file is damaged
 * or at another schema version. `--rebuild-replica` (sync) keeps a damaged file aside
 * and starts a fresh replica, carrying over the edits that can still be read.
 */
import { existsSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDb, ReplicaDamagedError, ReplicaVersionError, type Db } from '../db/connection';
import { pendingRepair } from '../db/integrity';
import { NotAReplicaError } from '../db/file-kind';
import { describeRebuild, openReplicaWithRecovery } from '../db/recover';
import { getState } from '../sync/state';
import { CliError } from './args';

export const REBUILD_HINT =
  'Nothing was changed. To keep it aside and start a fresh copy from the PRM (edits not yet sent are carried over where they can be read), run `partnerbook sync` on it with --rebuild-replica.';

export interface CliReplicaOptions {
  /** The command only reads: no migration, no write lock, works on a read-only file. */
  readonly?: boolean;
  /** Keep a damaged replica aside and start a fresh one (sync --rebuild-replica). */
  rebuild?: boolean;
  /** Where the rebuild's outcome is told (stderr). */
  log?: (line: string) => void;
}

/**
 * Opens the replica for a command. A replica waiting for a repairing refresh (records
 * pointing at records it lacks, db/integrity.ts) is told on stderr, whatever the command.
 */
export function openCliReplica(path: string, opts: CliReplicaOptions = {}): Db {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  refuseUnusablePath(path);
  try {
    const db =
      opts.rebuild && !opts.readonly
        ? openReplicaWithRecovery(path, () => true, (r) => log(describeRebuild(r)))
        : openDb(path, { readonly: opts.readonly });
    const repair = pendingRepair(db.sqlite);
    if (repair) log(repair);
    return db;
  } catch (err) {
    if (err instanceof ReplicaDamagedError) throw new CliError(`${err.message} ${REBUILD_HINT}`);
    if (err instanceof ReplicaVersionError || err instanceof NotAReplicaError) throw new CliError(err.message);
    const said = openFailure(err, path);
    if (said) throw new CliError(said);
    throw err;
  }
}

/**
 * Refuses to report on a book whose first sync stopped part-way (a cursor from the PRM, no
 * finished sync): its figures would describe part of the book, as the app's "loading — n%
 * of the book" says. `what` names the report ("health figures").
 */
export function refuseArrivingBook(db: Db, dbPath: string, what: string): void {
  if (getState(db.sqlite, 'cursor') === null || getState(db.sqlite, 'last_synced_at') !== null) return;
  const partners = db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get() as number;
  throw new CliError(
    `the book in ${dbPath} is only partly here: its first sync stopped part-way (${partners.toLocaleString('en-US')} partners so far), so ${what} would describe part of it. Run \`partnerbook sync\` on it to finish, then try again.`,
  );
}

/** A --db that names a folder, or a file in a folder that does not exist: said before SQLite's words are. */
function refuseUnusablePath(path: string): void {
  const stat = ((): Stats | null => {
    try {
      return statSync(path);
    } catch {
      return null;
    }
  })();
  if (stat?.isDirectory()) throw new CliError(`${path} is a folder, not a replica file; give the replica file in it (a workspace keeps replica.sqlite), or use --workspace NAME.`);
  if (!stat && !existsSync(dirname(resolve(path)))) throw new CliError(`the folder ${dirname(resolve(path))} does not exist, so no replica can be kept at ${path}; nothing was written. Create the folder, or give another path.`);
}

/** SQLite's and the system's reasons a replica cannot be opened, in words; null for anything else. */
export function openFailure(err: unknown, path: string): string | null {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (code === 'EACCES' || code === 'EPERM' || /SQLITE_(READONLY|PERM)|attempt to write a readonly database/.test(`${code} ${message}`)) {
    return `${path} cannot be written here (no permission); nothing was changed. Check the file's permissions, or give another path.`;
  }
  if (/SQLITE_CANTOPEN|unable to open database file/.test(`${code} ${message}`)) return `${path} cannot be opened (the system refused to open it); nothing was changed. Check that the path and its folder are yours to use.`;
  if (/SQLITE_IOERR|disk I\/O error/.test(`${code} ${message}`)) return `${path} could not be read or written (the disk reported an error); nothing was changed. Check the disk has room and the file is on a drive that is connected.`;
  if (/SQLITE_FULL|database or disk is full/.test(`${code} ${message}`)) return `the disk holding ${path} is full; nothing was changed. Free some space, then try again.`;
  return null;
}
