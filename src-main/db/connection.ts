import Database from 'better-sqlite3';
import { recordCleanClose, takeCleanClose } from './clean-close';
import { refuseForeignFile } from './file-kind';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export interface Db {
  /** The connection: every query is a prepared statement (docs/ARCHITECTURE.md §2, "Queries"). */
  sqlite: Database.Database;
  /** True when opened with `readonly`: every write fails with SQLITE_READONLY. */
  readonly: boolean;
  /**
   * What the open checked of the file's pages (`quickCheck`): every page, none because the
   * file is unchanged since its last clean close (db/clean-close.ts), or none asked for.
   */
  pageCheck: 'every page' | 'unchanged since a clean close' | 'none';
  /** A query met a damaged page: the next open checks every page (no clean close is recorded). */
  damageSeen(): void;
  close(): void;
}

export interface OpenOptions {
  /**
   * Open for reading only (commands that only read): no migrations, no pragma that
   * writes, no write lock ever taken; works on a replica another process is writing.
   * The file must exist and be at this build's schema version.
   */
  readonly?: boolean;
  /**
   * Also run `PRAGMA quick_check` (reads every page: about 0.2 s per 100 MB in the page
   * cache, far more read cold), unless the file is unchanged since a connection opened
   * this way closed it cleanly (db/clean-close.ts). Read-write opens of a file only.
   */
  quickCheck?: boolean;
}

/** The replica file is not a usable SQLite database (garbage, truncated, damaged pages). */
export class ReplicaDamagedError extends Error {
  override readonly name = 'ReplicaDamagedError';
  constructor(
    /** The replica file. */
    readonly path: string,
    /** What SQLite said, e.g. "file is not a database". */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`The local replica at ${path} is damaged and cannot be opened (${reason}).`, options);
  }
}

/** A read-only open of a replica whose schema is not this build's. */
export class ReplicaVersionError extends Error {
  override readonly name = 'ReplicaVersionError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for SQLite's "this is not a database" and "the database is damaged" errors. */
export function isDamageError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

function quickCheck(sqlite: Database.Database): string | null {
  const rows = sqlite.pragma('quick_check(3)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  return problems.length ? problems.join('; ') : null;
}

/** The read-only open refuses a replica this build would have to migrate (a write). */
function checkSchemaVersion(sqlite: Database.Database, path: string): void {
  const latest = MIGRATIONS.at(-1)?.version ?? 0;
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  const current = hasTable
    ? ((sqlite.prepare('SELECT max(version) AS v FROM schema_migration').get() as { v: number | null }).v ?? 0)
    : 0;
  if (current === latest) return;
  if (current === 0) throw new ReplicaVersionError(path, `${path} is not a Partnerbook replica (it has no replica tables).`);
  if (current > latest) {
    throw new ReplicaVersionError(path, `The replica at ${path} was written by a newer Partnerbook (schema ${current}, this build knows ${latest}). Update the app.`);
  }
  throw new ReplicaVersionError(
    path,
    `The replica at ${path} was written by an older Partnerbook and must be updated before it can be read; run \`partnerbook sync\` on it (or open it in the app) once.`,
  );
}

/**
 * Opens (creating if needed) the replica at `path` (`:memory:` for tests), sets the
 * pragmas the replica relies on and applies pending migrations. With `readonly`, opens
 * an existing replica for reading only. A file that is not a usable database fails with
 * `ReplicaDamagedError` (see db/recover.ts for setting it aside and rebuilding).
 */
export function openDb(path: string, opts: OpenOptions = {}): Db {
  const readonly = opts.readonly ?? false;
  // The shells' open (read-write, checked): the file as last closed cleanly needs no check.
  const keepsRecord = !!opts.quickCheck && !readonly && path !== ':memory:' && path !== '';
  let pageCheck: Db['pageCheck'] = keepsRecord && takeCleanClose(path) ? 'unchanged since a clean close' : 'none';
  // A CSV or a workbook given as the replica is refused as what it is, never opened (nor rebuilt) as a damaged replica.
  refuseForeignFile(path);
  let sqlite: Database.Database | null = null;
  try {
    sqlite = new Database(path, readonly ? { readonly: true, fileMustExist: true } : {});
    if (!readonly) {
      sqlite.pragma('journal_mode = WAL');
      // NORMAL is durable across application crashes in WAL mode; writes that must also
      // survive power loss (local edits + outbox) raise it to FULL for their transaction.
      sqlite.pragma('synchronous = NORMAL');
      sqlite.pragma('foreign_keys = ON');
    }
    sqlite.pragma('busy_timeout = 5000');
    // Page cache, at most: 64 MB for the writer; 128 MB for a reader, the connections that
    // read the whole book (the actions and health workers, read-only commands). At 64 MB each
    // whole-book read fetched most pages from the OS again (the ranking's input reads 35%
    // slower); 128 and 256 MB measured the same (bench:actions, large and xlarge), and each
    // reader's cache is the process's memory (bench:sync-rss). A small book never fills either.
    sqlite.pragma(readonly ? 'cache_size = -131072' : 'cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    // Reading the schema catches a file that is not a database, or whose first pages are gone.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    if (opts.quickCheck && pageCheck === 'none') {
      const problem = quickCheck(sqlite);
      if (problem) throw new ReplicaDamagedError(path, problem);
      pageCheck = 'every page';
    }
    if (readonly) checkSchemaVersion(sqlite, path);
    else migrate(sqlite);
  } catch (err) {
    sqlite?.close();
    if (err instanceof ReplicaDamagedError || !isDamageError(err)) throw err;
    throw new ReplicaDamagedError(path, (err as Error).message, { cause: err });
  }
  const db = sqlite;
  let closed = false;
  let damaged = false;
  return {
    sqlite: db,
    readonly,
    pageCheck,
    damageSeen() {
      damaged = true;
    },
    close() {
      if (closed) return;
      closed = true;
      db.close();
      // Checked (or unchanged) at open and only written by SQLite since: the next open may skip the check.
      if (keepsRecord && !damaged) recordCleanClose(path);
    },
  };
}
