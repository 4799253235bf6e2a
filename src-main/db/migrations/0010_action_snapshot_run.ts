import type { Migration } from './types';

/**
 * The arrivals (syncs, imports) whose fired set the digest recorded, kept apart from the
 * fired actions themselves: a book in which no action fires records an arrival with no
 * `action_snapshot` row, and before this table the digest could not tell it from a book
 * never recorded (it said "Not imported yet" after an import, and ranked the book again on
 * every call). Filled from the arrivals already recorded.
 */
export const m0010: Migration = {
  version: 10,
  name: 'action_snapshot_run',
  up(db) {
    db.exec(`
      CREATE TABLE action_snapshot_run (
        synced_at TEXT PRIMARY KEY
      ) STRICT, WITHOUT ROWID;
      INSERT INTO action_snapshot_run (synced_at) SELECT DISTINCT synced_at FROM action_snapshot;
    `);
  },
};
