/** Key/value sync bookkeeping in `sync_state` (cursor, client id, last sync, refetch flag). */
import type Database from 'better-sqlite3';

export type SyncStateKey = 'cursor' | 'client_id' | 'last_synced_at' | 'refetch' | 'prm_url' | 'source_notes' | 'clamped_values';

export function getState(sqlite: Database.Database, key: SyncStateKey): string | null {
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setState(sqlite: Database.Database, key: SyncStateKey, value: string | null): void {
  if (value === null) sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(key);
  else
    sqlite
      .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(key, value);
}
