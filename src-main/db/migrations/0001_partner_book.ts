import type { Migration } from './types';

/**
 * The server-owned partner book (ARCHITECTURE §3). Every row carries the server
 * `version`. Money is integer minor units with a currency; dates are ISO text.
 * References cascade the way the PRM deletes: children go with their parent,
 * optional references fall back to NULL.
 */
export const m0001: Migration = {
  version: 1,
  name: 'partner_book',
  up(db) {
    db.exec(`
      CREATE TABLE user (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('cam','manager')),
        manager_id TEXT REFERENCES user(id) ON DELETE SET NULL,
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE tier (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        rank INTEGER NOT NULL,
        min_sourced_arr INTEGER NOT NULL,
        min_certified INTEGER NOT NULL,
        revenue_target INTEGER NOT NULL,
        pipeline_target INTEGER NOT NULL,
        currency TEXT NOT NULL,
        benefits TEXT NOT NULL CHECK (json_valid(benefits)),
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE partner (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        tier_id TEXT NOT NULL REFERENCES tier(id),
        region TEXT NOT NULL,
        country TEXT NOT NULL,
        owner_id TEXT NOT NULL REFERENCES user(id),
        status TEXT NOT NULL CHECK (status IN ('onboarding','active','at_risk','churned')),
        agreement_signed_at TEXT NOT NULL,
        churned_at TEXT,
        website TEXT,
        currency TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX partner_owner ON partner(owner_id);
      CREATE INDEX partner_tier ON partner(tier_id);

      CREATE TABLE contact (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        role TEXT NOT NULL,
        last_login_at TEXT,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX contact_partner ON contact(partner_id);

      CREATE TABLE opportunity (
        id TEXT PRIMARY KEY,
        partner_id TEXT REFERENCES partner(id) ON DELETE CASCADE,
        customer TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        stage TEXT NOT NULL,
        partner_role TEXT NOT NULL,
        created_at TEXT NOT NULL,
        close_date TEXT NOT NULL,
        last_activity_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX opportunity_partner ON opportunity(partner_id, stage, close_date);
      CREATE INDEX opportunity_customer ON opportunity(customer);

      CREATE TABLE deal_registration (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        customer TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        decided_at TEXT,
        expires_at TEXT NOT NULL,
        matched_opportunity_id TEXT REFERENCES opportunity(id) ON DELETE SET NULL,
        opportunity_id TEXT REFERENCES opportunity(id) ON DELETE SET NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX deal_registration_partner ON deal_registration(partner_id, status, submitted_at);

      CREATE TABLE engagement_event (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        contact_id TEXT REFERENCES contact(id) ON DELETE SET NULL,
        kind TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        detail TEXT,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX engagement_event_partner ON engagement_event(partner_id, occurred_at);
      CREATE INDEX engagement_event_contact ON engagement_event(contact_id);

      CREATE TABLE certification (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        earned_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX certification_partner ON certification(partner_id, expires_at);
      CREATE INDEX certification_contact ON certification(contact_id);

      CREATE TABLE mdf_allocation (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        period TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX mdf_allocation_partner ON mdf_allocation(partner_id, period);

      CREATE TABLE mdf_request (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        allocation_id TEXT NOT NULL REFERENCES mdf_allocation(id) ON DELETE CASCADE,
        activity TEXT NOT NULL,
        amount INTEGER NOT NULL,
        currency TEXT NOT NULL,
        status TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        claimed_amount INTEGER NOT NULL,
        attributed_pipeline INTEGER NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX mdf_request_partner ON mdf_request(partner_id, submitted_at);
      CREATE INDEX mdf_request_allocation ON mdf_request(allocation_id);

      CREATE TABLE psat_response (
        id TEXT PRIMARY KEY,
        partner_id TEXT NOT NULL REFERENCES partner(id) ON DELETE CASCADE,
        contact_id TEXT REFERENCES contact(id) ON DELETE SET NULL,
        score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        comment TEXT,
        responded_at TEXT NOT NULL,
        version INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX psat_response_partner ON psat_response(partner_id, responded_at);
      CREATE INDEX psat_response_contact ON psat_response(contact_id);
    `);
  },
};
