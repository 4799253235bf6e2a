/**
 * A small hand-made book for plan tests. Every number the tests expect is computed by
 * hand from the rows below (see the comments next to each row).
 */
import { openDb, type Db } from '../../../src-main/db/connection';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import { fixedClock } from '../../../src-main/base/clock';

/** The book's today: FY2026 is measured over 2026-01-01 … 2026-11-20. */
export const clock = fixedClock('2026-11-20T10:00:00Z');

type Change = { entity: string; id: string; version: number; op: 'upsert'; data: Record<string, unknown> };
let v = 0;
const row = (entity: string, data: Record<string, unknown>): Change => ({ entity, id: String(data.id), version: ++v, op: 'upsert', data });

const opp = (id: string, partner: string, role: string, stage: string, amount: number, created: string, close: string) =>
  row('opportunity', {
    id, partner_id: partner, customer: `Cust ${id}`, amount, currency: 'USD', stage, partner_role: role,
    created_at: created, close_date: close, last_activity_at: close,
  });
const reg = (id: string, submitted: string, status = 'approved') =>
  row('deal_registration', {
    id, partner_id: 'P-1', customer: `Reg ${id}`, amount: 100_000, currency: 'USD', status, submitted_at: submitted,
    decided_at: null, expires_at: '2027-06-30', matched_opportunity_id: null, opportunity_id: null,
  });
const cert = (id: string, contact: string, earned: string, expires: string) =>
  row('certification', { id, partner_id: 'P-1', contact_id: contact, name: 'Sales Foundations', earned_at: earned, expires_at: expires });
const contact = (id: string, lastLogin: string | null) =>
  row('contact', { id, partner_id: 'P-1', name: `Person ${id}`, email: `${id}@acme.io`, role: 'Sales', last_login_at: lastLogin });
const event = (id: string, contactId: string, kind: string, at: string) =>
  row('engagement_event', { id, partner_id: 'P-1', contact_id: contactId, kind, occurred_at: at, detail: null });

export function seededBook(): Db {
  v = 0;
  const db = openDb(':memory:');
  const changes = validateChanges([
    row('user', { id: 'U-1', name: 'Dana Owner', email: 'dana@vendor.io', role: 'cam', manager_id: null }),
    row('tier', {
      id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 20_000_000, min_certified: 4, revenue_target: 50_000_000,
      pipeline_target: 40_000_000, currency: 'USD', benefits: [],
    }),
    ...['P-1', 'P-2', 'P-3'].map((id, i) =>
      row('partner', {
        id, name: ['Acme Cloud Partners', 'Beta Systems', 'Gamma Group'][i], type: 'msp', tier_id: 'gold', region: 'NA',
        country: 'US', owner_id: 'U-1', status: 'active', agreement_signed_at: '2024-01-01', churned_at: null,
        website: null, currency: 'USD',
      }),
    ),
    // contacts and their last logins (active window for 2026-11-20: 2026-10-21 … 2026-11-20)
    contact('K-1', '2026-11-19T08:00:00Z'), // active
    contact('K-2', '2026-10-21T00:00:00Z'), // active (first day of the window)
    contact('K-3', '2026-10-20T23:59:59Z'), // one day too old
    contact('K-4', null), // never
    // portal activity in FY2025's last 30 days (2025-12-01 … 2025-12-31)
    event('E-1', 'K-1', 'portal_login', '2025-12-15T09:00:00Z'), // active at 2025-12-31
    event('E-2', 'K-2', 'portal_login', '2025-11-30T23:00:00Z'), // before the window
    event('E-3', 'K-3', 'content_download', '2025-12-20T09:00:00Z'), // not a login
    // opportunities of P-1
    opp('O-1', 'P-1', 'sourced', 'closed_won', 10_000_000, '2025-12-01', '2026-03-15'), // sourced ARR
    opp('O-2', 'P-1', 'sourced', 'closed_won', 5_000_000, '2026-02-01', '2026-11-20'), // sourced ARR (today) + pipeline
    opp('O-3', 'P-1', 'sourced', 'closed_won', 7_000_000, '2026-11-21', '2026-11-21'), // after today: nothing
    opp('O-4', 'P-1', 'influenced', 'closed_won', 3_000_000, '2026-01-10', '2026-06-30'), // influenced ARR
    opp('O-5', 'P-1', 'sourced', 'closed_lost', 2_000_000, '2026-01-01', '2026-05-01'), // pipeline (first day), a loss
    opp('O-6', 'P-1', 'sourced', 'negotiation', 4_000_000, '2026-09-09', '2027-01-15'), // pipeline, open
    opp('O-7', 'P-1', 'sourced', 'closed_won', 9_000_000, '2025-06-01', '2025-12-31'), // FY2025 sourced ARR
    opp('O-8', 'P-1', 'co_sell', 'closed_lost', 1_000_000, '2026-04-01', '2026-08-01'), // a loss
    opp('O-9', 'P-2', 'sourced', 'closed_won', 50_000_000, '2026-01-05', '2026-04-01'), // another partner
    // deal registrations of P-1
    reg('D-1', '2026-01-01'), // in
    reg('D-2', '2026-11-20', 'submitted'), // in (today)
    reg('D-3', '2025-12-31'), // FY2025
    reg('D-4', '2026-11-21'), // after today
    reg('D-5', '2026-07-07', 'rejected'), // in, any outcome counts
    // certifications of P-1 (valid on 2026-11-20: earned on or before, expiring on or after)
    cert('C-1', 'K-1', '2025-05-01', '2027-05-01'), // K-1
    cert('C-2', 'K-1', '2026-02-01', '2028-02-01'), // K-1 again: one person
    cert('C-3', 'K-2', '2024-01-01', '2026-11-20'), // K-2, expires today: still valid
    cert('C-4', 'K-3', '2024-01-01', '2026-11-19'), // expired yesterday
    cert('C-5', 'K-4', '2026-11-21', '2028-11-21'), // not earned yet
    // a signed plan of P-3 (for "no draft" paths)
    row('jbp', {
      id: 'JBP-S', partner_id: 'P-3', period: 'FY2026', title: 'Gamma FY2026', status: 'signed', revision: 2, summary: '',
      vendor_signoff_name: 'Dana Owner', vendor_signoff_at: '2026-02-01', partner_signoff_name: 'Pat Partner',
      partner_signoff_at: '2026-02-02', created_at: '2026-01-05T00:00:00Z', updated_at: '2026-02-02T00:00:00Z',
    }),
    row('jbp_objective', {
      id: 'OBJ-S1', jbp_id: 'JBP-S', title: 'Grow sourced ARR', metric: 'sourced_arr', unit: null, baseline: 0,
      target: 1_000_000, due_quarter: '2026-Q4', weight: 100, custom_actual: null, sort_order: 0,
    }),
    // a draft FY2026 plan of P-1
    row('jbp', {
      id: 'JBP-1', partner_id: 'P-1', period: 'FY2026', title: 'Acme FY2026', status: 'draft', revision: 1,
      summary: '## Goals\n- Grow', vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null,
      partner_signoff_at: null, created_at: '2026-01-05T00:00:00Z', updated_at: '2026-01-05T00:00:00Z',
    }),
    row('jbp_objective', {
      id: 'OBJ-1', jbp_id: 'JBP-1', title: 'Grow sourced ARR', metric: 'sourced_arr', unit: null, baseline: 9_000_000,
      target: 30_000_000, due_quarter: '2026-Q4', weight: 40, custom_actual: null, sort_order: 0,
    }),
    row('jbp_objective', {
      id: 'OBJ-2', jbp_id: 'JBP-1', title: 'Certify people', metric: 'certified_people', unit: null, baseline: 1,
      target: 3, due_quarter: '2026-Q4', weight: 20, custom_actual: null, sort_order: 1,
    }),
    row('jbp_objective', {
      id: 'OBJ-3', jbp_id: 'JBP-1', title: 'Workshops', metric: 'custom', unit: 'workshops', baseline: 2,
      target: 6, due_quarter: '2026-Q4', weight: 20, custom_actual: 5, sort_order: 2,
    }),
    row('jbp_initiative', {
      id: 'INI-1', jbp_id: 'JBP-1', objective_id: 'OBJ-1', title: 'Joint pipeline review', owner_side: 'vendor',
      owner_name: 'Dana Owner', due_date: '2026-12-15', status: 'in_progress', mdf_investment: 500_000, currency: 'USD',
      notes: '', source: null,
    }),
    row('jbp_initiative', {
      id: 'INI-2', jbp_id: 'JBP-1', objective_id: null, title: 'Battlecards', owner_side: 'partner',
      owner_name: 'Pat', due_date: '2026-04-01', status: 'done', mdf_investment: 0, currency: 'USD', notes: '', source: null,
    }),
  ]);
  db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
  return db;
}

export function outboxCount(db: Db): number {
  return (db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
}

export function historyCount(db: Db): number {
  return (db.sqlite.prepare('SELECT count(*) AS n FROM jbp_history').get() as { n: number }).n;
}
