import type { Migration } from './types';

/**
 * The change history of joint business plans (ARCHITECTURE §9): who changed what, when,
 * and from which value. Written locally in the same transaction as the edit and its
 * outbox row, so history and edit are never apart. One row per changed field (or one row
 * for a create, delete, sign-off or reopen). No foreign key to `jbp`: a plan created
 * offline lives only in the outbox until the PRM accepts it.
 */
export const m0006: Migration = {
  version: 6,
  name: 'jbp_history',
  up(db) {
    db.exec(`
      CREATE TABLE jbp_history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        jbp_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create','update','delete','signoff','reopen')),
        entity TEXT NOT NULL CHECK (entity IN ('jbp','jbp_objective','jbp_initiative')),
        record_id TEXT NOT NULL,
        label TEXT NOT NULL,
        field TEXT,
        old_value TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
        new_value TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
        mutation_id INTEGER
      ) STRICT;
      CREATE INDEX jbp_history_plan ON jbp_history(jbp_id, id);
    `);
  },
};
