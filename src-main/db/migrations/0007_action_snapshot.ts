import type { Migration } from './types';

/**
 * The set of actions that fired at a sync, kept for the last two syncs, so the Actions
 * page can say what is new and what got resolved since the previous sync. Local only
 * (never synced); rows are plain copies, so a resolved action can still be named after
 * its partner or records are gone.
 *
 * Also four indexes for the book-wide action queries: a stage-first covering index for
 * the per-partner won / open roll-ups (only the rows of a stage, no table lookups, no
 * sort), a covering index for sourced pipeline created since a date, and partial indexes
 * on open partner opportunities by last activity and on live deal registrations.
 */
export const m0007: Migration = {
  version: 7,
  name: 'action_snapshot',
  up(db) {
    db.exec(`
      CREATE TABLE action_snapshot (
        synced_at TEXT NOT NULL,
        key TEXT NOT NULL,
        rule TEXT NOT NULL,
        partner_id TEXT NOT NULL,
        partner_name TEXT NOT NULL,
        suggestion TEXT NOT NULL,
        impact INTEGER NOT NULL,
        currency TEXT NOT NULL,
        PRIMARY KEY (synced_at, key)
      ) STRICT;

      CREATE INDEX opportunity_stage_rollup
        ON opportunity(stage, partner_id, partner_role, close_date, created_at, amount);
      CREATE INDEX opportunity_sourced_created
        ON opportunity(partner_role, created_at, partner_id, amount);
      CREATE INDEX opportunity_open_activity ON opportunity(last_activity_at)
        WHERE partner_id IS NOT NULL AND stage NOT IN ('closed_won','closed_lost');
      CREATE INDEX deal_registration_live ON deal_registration(status)
        WHERE status IN ('submitted','approved');
    `);
  },
};
