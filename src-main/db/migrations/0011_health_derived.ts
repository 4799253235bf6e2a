import type { Migration } from './types';

/**
 * What the health worker derived from the inputs kept in `health_snapshot` (ARCHITECTURE
 * §7): every partner's score on a view's dates and the churn model's fit, for one as-of
 * date, under the replica fingerprint of those inputs and the keys of the book, settings,
 * calendar and absent facts they were derived under. A restart on the same inputs answers
 * from it instead of scoring the book and fitting the model again (seconds on a
 * 20,000-partner book). Cleared whenever the inputs are (re)written or invalidated.
 */
export const m0011: Migration = {
  version: 11,
  name: 'health_derived',
  up(db) {
    db.exec(`
      CREATE TABLE health_derived (
        as_of TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL,
        model_key TEXT NOT NULL,
        scores_key TEXT NOT NULL,
        format INTEGER NOT NULL,
        computed_at TEXT NOT NULL,
        derived BLOB NOT NULL
      ) STRICT;
    `);
  },
};
