import type { Migration } from './types';

/**
 * Keys seen during a full refetch (after a 410). When the refetch completes, base rows
 * that were not seen are gone on the server and are swept. Kept in the database, not in
 * memory, so a refetch interrupted by a crash resumes without losing track.
 */
export const m0004: Migration = {
  version: 4,
  name: 'refetch_marks',
  up(db) {
    db.exec(`
      CREATE TABLE refetch_seen (
        entity TEXT NOT NULL,
        id TEXT NOT NULL,
        PRIMARY KEY (entity, id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
