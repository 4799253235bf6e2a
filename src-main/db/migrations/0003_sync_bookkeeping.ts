import type { Migration } from './types';

/**
 * Sync bookkeeping: key/value sync state (cursor, client id, last sync), the log of
 * sync runs, the outbox of local edits and the per-field conflicts they can raise,
 * and app settings.
 */
export const m0003: Migration = {
  version: 3,
  name: 'sync_bookkeeping',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_run (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        kind TEXT NOT NULL CHECK (kind IN ('full','incremental')),
        status TEXT NOT NULL CHECK (status IN ('running','ok','error','aborted')),
        pulled INTEGER NOT NULL DEFAULT 0,
        pushed INTEGER NOT NULL DEFAULT 0,
        retries INTEGER NOT NULL DEFAULT 0,
        error TEXT
      ) STRICT;
      CREATE INDEX sync_run_started ON sync_run(started_at);

      -- One row per local edit, written in the same transaction as the edit.
      -- mutation_id is strictly increasing per client (this database is one client).
      CREATE TABLE outbox (
        mutation_id INTEGER PRIMARY KEY AUTOINCREMENT,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert','delete')),
        base_version INTEGER NOT NULL,
        fields TEXT NOT NULL CHECK (json_valid(fields)),
        base TEXT NOT NULL CHECK (json_valid(base)),
        status TEXT NOT NULL CHECK (status IN ('pending','conflict','rejected')) DEFAULT 'pending',
        error TEXT,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX outbox_record ON outbox(entity, record_id);
      CREATE INDEX outbox_status ON outbox(status, mutation_id);

      -- A field changed on both sides: base, theirs and mine kept until the user decides.
      CREATE TABLE conflict (
        id INTEGER PRIMARY KEY,
        mutation_id INTEGER NOT NULL,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        base TEXT CHECK (base IS NULL OR json_valid(base)),
        theirs TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
        mine TEXT CHECK (mine IS NULL OR json_valid(mine)),
        server_version INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT
      ) STRICT;
      CREATE INDEX conflict_open ON conflict(resolved_at, entity, record_id);

      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;
    `);
  },
};
