/** A small hand-made book for QBR tests: every figure in it can be checked by hand. */
import { openDb, type Db } from '../../../src-main/db/connection';

/** The book in memory, or in a replica file at `path`. */
export function qbrBook(path = ':memory:'): Db {
  const db = openDb(path);
  const s = db.sqlite;
  s.prepare(`INSERT INTO user (id, name, email, role, manager_id, version) VALUES ('U-1', 'Dana Cam', 'd@x.example', 'cam', NULL, 1)`).run();
  s.prepare(
    `INSERT INTO tier (id, name, rank, min_sourced_arr, min_certified, revenue_target, pipeline_target, currency, benefits, version)
     VALUES ('gold', 'Gold', 3, 400000, 3, 1200000, 800000, 'USD', '[]', 1)`,
  ).run();
  const partner = s.prepare(
    `INSERT INTO partner (id, name, type, tier_id, region, country, owner_id, status, agreement_signed_at, churned_at, website, currency, version)
     VALUES (?, ?, 'var', 'gold', 'EMEA', 'DE', 'U-1', 'active', ?, NULL, NULL, 'USD', 1)`,
  );
  partner.run('P-1', 'Kestrel Technologies GmbH', '2024-01-01');
  partner.run('P-2', 'Peer Two', '2024-01-01');
  partner.run('P-3', 'Peer Three', '2024-01-01');
  partner.run('P-4', 'Peer Four', '2024-01-01');
  const contact = s.prepare(`INSERT INTO contact (id, partner_id, name, email, role, last_login_at, version) VALUES (?, ?, ?, ?, 'Sales', NULL, 1)`);
  contact.run('C-1', 'P-1', 'Ann One', 'a@p.example');
  contact.run('C-2', 'P-1', 'Ben Two', 'b@p.example');
  contact.run('C-3', 'P-1', 'Cy Three', 'c@p.example');
  const opp = s.prepare(
    `INSERT INTO opportunity (id, partner_id, customer, amount, currency, stage, partner_role, created_at, close_date, last_activity_at, version)
     VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, ?, ?, 1)`,
  );
  // P-1, 2026-Q3: two wins (sourced 100k, influenced 50k), one loss; 210k created.
  opp.run('O-1', 'P-1', 'Acme Bank', 10_000_000, 'closed_won', 'sourced', '2026-07-05', '2026-08-10', '2026-08-10');
  opp.run('O-2', 'P-1', 'Globex', 5_000_000, 'closed_won', 'influenced', '2026-04-01', '2026-09-01', '2026-09-01');
  opp.run('O-3', 'P-1', 'Initech', 3_000_000, 'closed_lost', 'sourced', '2026-07-20', '2026-09-15', '2026-09-15');
  opp.run('O-4', 'P-1', 'Umbrella', 8_000_000, 'proposal', 'sourced', '2026-08-01', '2026-12-15', '2026-10-01');
  // P-1, 2026-Q2: one sourced win of 40k.
  opp.run('O-5', 'P-1', 'Hooli', 4_000_000, 'closed_won', 'sourced', '2026-03-01', '2026-05-01', '2026-05-01');
  // A vendor-direct deal never counts.
  opp.run('O-6', null, 'Acme Bank', 99_000_000, 'closed_won', 'direct', '2026-07-01', '2026-08-01', '2026-08-01');
  // The replica's deal history starts here (before P-1 signed), so time to first deal is knowable.
  opp.run('O-9', 'P-4', 'Old Corp', 1_000_000, 'closed_lost', 'sourced', '2023-06-01', '2023-08-01', '2023-08-01');
  // Peers' sourced wins in 2026-Q3: 10k, 20k, none.
  opp.run('O-7', 'P-2', 'Wayne', 1_000_000, 'closed_won', 'sourced', '2026-06-01', '2026-07-15', '2026-07-15');
  opp.run('O-8', 'P-3', 'Stark', 2_000_000, 'closed_won', 'sourced', '2026-06-01', '2026-07-16', '2026-07-16');
  const reg = s.prepare(
    `INSERT INTO deal_registration (id, partner_id, customer, amount, currency, status, submitted_at, decided_at, expires_at, matched_opportunity_id, opportunity_id, version)
     VALUES (?, 'P-1', 'Acme', 100000, 'USD', ?, ?, ?, '2026-12-31', NULL, NULL, 1)`,
  );
  reg.run('DR-1', 'approved', '2026-07-01', '2026-07-11');
  reg.run('DR-2', 'approved', '2026-08-01', '2026-08-05');
  reg.run('DR-3', 'submitted', '2026-09-20', null);
  const cert = s.prepare(`INSERT INTO certification (id, partner_id, contact_id, name, earned_at, expires_at, version) VALUES (?, 'P-1', ?, 'Architect', ?, ?, 1)`);
  cert.run('CE-1', 'C-1', '2025-01-01', '2027-01-01');
  cert.run('CE-2', 'C-2', '2026-08-01', '2026-10-15');
  const ev = s.prepare(`INSERT INTO engagement_event (id, partner_id, contact_id, kind, occurred_at, detail, version) VALUES (?, 'P-1', ?, 'portal_login', ?, NULL, 1)`);
  ev.run('E-1', 'C-1', '2026-07-10T09:00:00Z');
  ev.run('E-2', 'C-1', '2026-08-10T09:00:00Z');
  ev.run('E-3', 'C-2', '2026-09-30T23:00:00Z');
  ev.run('E-4', 'C-3', '2026-10-01T08:00:00Z');
  const psat = s.prepare(`INSERT INTO psat_response (id, partner_id, contact_id, score, comment, responded_at, version) VALUES (?, 'P-1', NULL, ?, NULL, ?, 1)`);
  psat.run('PS-1', 9, '2026-08-15');
  psat.run('PS-2', 5, '2026-09-01');
  s.prepare(
    `INSERT INTO mdf_allocation (id, partner_id, period, period_start, period_end, amount, currency, version)
     VALUES ('MA-1', 'P-1', '2026-H2', '2026-07-01', '2026-12-31', 1000000, 'USD', 1)`,
  ).run();
  const mdf = s.prepare(
    `INSERT INTO mdf_request (id, partner_id, allocation_id, activity, amount, currency, status, submitted_at, claimed_amount, attributed_pipeline, version)
     VALUES (?, 'P-1', 'MA-1', 'Webinar', ?, 'USD', ?, ?, ?, ?, 1)`,
  );
  mdf.run('MR-1', 300000, 'claimed', '2026-07-15', 200000, 900000);
  mdf.run('MR-2', 500000, 'approved', '2026-10-01', 0, 0);
  const note = s.prepare(
    `INSERT INTO qbr_note (id, partner_id, quarter, section, kind, body, commitment_status, updated_at, version) VALUES (?, 'P-1', '2026-Q2', ?, ?, ?, ?, '2026-06-20T10:00:00Z', 1)`,
  );
  note.run('QN-1', 'next_steps', 'commitment', 'Partner to certify two more architects.', 'done');
  note.run('QN-2', 'next_steps', 'commitment', 'Joint webinar for manufacturing.', 'missed');
  note.run('QN-3', 'summary', 'commentary', 'Good quarter overall.', null);
  return db;
}

/**
 * Text no CAM types but a replica can hold (an old client, a server that does not check):
 * P-1's plan for 2026-H2 with `summary` and an initiative titled `title`, and 2026-Q3 and
 * 2026-Q2 notes with `note` as the summary commentary, a next step and a commitment.
 */
export function addHugeText(db: Db, t: { summary: string; title: string; note: string }): void {
  const s = db.sqlite;
  s.prepare(
    `INSERT INTO jbp (id, partner_id, period, title, status, revision, summary, vendor_signoff_name, vendor_signoff_at, partner_signoff_name, partner_signoff_at, created_at, updated_at, version)
     VALUES ('JBP-1', 'P-1', '2026-H2', 'Second-half plan', 'draft', 1, ?, NULL, NULL, NULL, NULL, '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z', 1)`,
  ).run(t.summary);
  s.prepare(
    `INSERT INTO jbp_initiative (id, jbp_id, objective_id, title, owner_side, owner_name, due_date, status, mdf_investment, currency, notes, source, version)
     VALUES ('JI-1', 'JBP-1', NULL, ?, 'partner', 'Ann One', '2026-12-15', 'in_progress', 0, 'USD', '', NULL, 1)`,
  ).run(t.title);
  const note = s.prepare(
    `INSERT INTO qbr_note (id, partner_id, quarter, section, kind, body, commitment_status, updated_at, version) VALUES (?, 'P-1', ?, ?, ?, ?, ?, '2026-09-20T10:00:00Z', 1)`,
  );
  note.run('QN-H1', '2026-Q3', 'summary', 'commentary', t.note, null);
  note.run('QN-H2', '2026-Q3', 'next_steps', 'commitment', t.note, 'open');
  note.run('QN-H3', '2026-Q2', 'next_steps', 'commitment', t.note, 'open');
}
