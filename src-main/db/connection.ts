import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from './migrate';
import type { DB } from './schema';

export interface Db {
  /** The raw connection, for hot paths (bulk apply) and pragmas. */
  sqlite: Database.Database;
  /** Typed query builder over the same connection. */
  k: Kysely<DB>;
  close(): void;
}

/**
 * Opens (creating if needed) the replica at `path` (`:memory:` for tests), sets the
 * pragmas the replica relies on and applies pending migrations.
 */
export function openDb(path: string): Db {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; writes that must also
  // survive power loss (local edits + outbox) raise it to FULL for their transaction.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
  migrate(sqlite);
  const k = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  let closed = false;
  return {
    sqlite,
    k,
    close() {
      if (closed) return;
      closed = true;
      sqlite.close();
    },
  };
}
