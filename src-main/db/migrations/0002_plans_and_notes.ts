import type { Migration } from './types';

/**
 * Client-editable entities (ARCHITECTURE §3). These tables hold the server's copy
 * (the base); local edits not yet acknowledged live in the outbox and are overlaid
 * on read, so a pull never overwrites a pending edit.
 */
export const m0002: Migration = {
  version: 2,
  name: 'plans_and_notes',
  up(db) {
    db.exec(`
      CREATE TABLE jbp (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        title TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft','signed')),
        revision INTEGER NOT NULL,
        summary TEXT NOT NULL,
        vendor_signoff_name TEXT,
        vendor_signoff_at TEXT,
        partner_signoff_name TEXT,
        partner_signoff_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jbp_partner ON jbp(partner_id, period);

      CREATE TABLE jbp_objective (
        id TEXT PRIMARY KEY,
        jbp_id TEXT NOT NULL REFERENCES jbp(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        metric TEXT NOT NULL,
        unit TEXT,
        baseline REAL NOT NULL,
        target REAL NOT NULL,
        due_quarter TEXT NOT NULL,
        weight INTEGER NOT NULL,
        custom_actual REAL,
        sort_order INTEGER NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jbp_objective_jbp ON jbp_objective(jbp_id, sort_order);

      CREATE TABLE jbp_initiative (
        id TEXT PRIMARY KEY,
        jbp_id TEXT NOT NULL REFERENCES jbp(id) ON DELETE CASCADE,
        objective_id TEXT REFERENCES jbp_objective(id) ON DELETE SET NULL,
        title TEXT NOT NULL,
        owner_side TEXT NOT NULL CHECK (owner_side IN ('vendor','partner')),
        owner_name TEXT NOT NULL,
        due_date TEXT NOT NULL,
        status TEXT NOT NULL,
        mdf_investment INTEGER NOT NULL,
        currency TEXT NOT NULL,
        notes TEXT NOT NULL,
        source TEXT,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX jbp_initiative_jbp ON jbp_initiative(jbp_id);
      CREATE INDEX jbp_initiative_objective ON jbp_initiative(objective_id);

      CREATE TABLE qbr_note (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        quarter TEXT NOT NULL,
        section TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('commentary','commitment')),
        body TEXT NOT NULL,
        commitment_status TEXT,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX qbr_note_partner ON qbr_note(partner_id, quarter);

      CREATE TABLE action_state (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('snoozed','done','dismissed')),
        snooze_until TEXT,
        reason TEXT,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX action_state_partner ON action_state(partner_id);

      CREATE TABLE note (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX note_partner ON note(partner_id, created_at);
    `);
  },
};
