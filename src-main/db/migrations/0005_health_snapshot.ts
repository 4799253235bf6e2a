import type { Migration } from './types';

/**
 * The partner-health cache (ARCHITECTURE §7): the raw health inputs of every partner as
 * of one date (a quarter end, or today), stored once per date with the fingerprint of the
 * replica they were computed from. Scores are derived from these inputs and the current
 * weights, so editing the weights never invalidates the cache; a sync that changes the
 * inputs changes the fingerprint, and the row is recomputed on next use.
 */
export const m0005: Migration = {
  version: 5,
  name: 'health_snapshot',
  up(db) {
    db.exec(`
      CREATE TABLE health_snapshot (
        as_of TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        computed_at TEXT NOT NULL,
        inputs TEXT NOT NULL CHECK (json_valid(inputs))
      ) STRICT;
    `);
  },
};
