/**
 * Makes the next pull a full refresh from the beginning: no cursor, and the bookkeeping of
 * an earlier refresh and the source's record keys forgotten. With `sweep` (the default)
 * the refresh also removes what the source no longer sends (the 'refetch' mark; see
 * sync/pull.ts). Used by "Refresh everything" (sync.reset), by a pull whose source asks
 * to start over, and by the repair of broken references (integrity.ts), which runs inside
 * a migration: a table an older schema lacks is skipped. Runs in the caller's transaction.
 */
import type Database from 'better-sqlite3';

const hasTable = (sqlite: Database.Database, name: string) =>
  !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);

export function startFullRefresh(sqlite: Database.Database, opts: { sweep?: boolean } = {}): void {
  if (opts.sweep ?? true) {
    sqlite
      .prepare("INSERT INTO sync_state (key, value) VALUES ('refetch', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run();
  } else sqlite.prepare("DELETE FROM sync_state WHERE key = 'refetch'").run();
  sqlite.prepare("DELETE FROM sync_state WHERE key = 'cursor'").run();
  for (const table of ['refetch_seen', 'source_key']) {
    if (hasTable(sqlite, table)) sqlite.prepare(`DELETE FROM ${table}`).run();
  }
}
