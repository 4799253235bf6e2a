/** Crafted partner-book rows for health tests, inserted straight into a `:memory:` replica. */
import { openDb, type Db } from '../../../src-main/db/connection';

let seq = 0;
const nextId = (p: string) => `${p}-${++seq}`;

export interface Book {
  db: Db;
  tier(t: { id: string; rank: number; minSourced: number; minCertified: number; revenueTarget: number; pipelineTarget: number }): void;
  user(id: string, name: string, role?: 'cam' | 'manager', managerId?: string | null): void;
  partner(p: { id: string; tier: string; owner?: string; signed?: string; churned?: string | null; name?: string; region?: string; type?: string }): void;
  contact(partnerId: string, id?: string): string;
  opp(o: { partner: string; amount: number; stage: string; role: string; created?: string; close: string }): void;
  reg(partnerId: string, submitted: string): void;
  event(partnerId: string, contactId: string | null, at: string, kind?: string): void;
  cert(partnerId: string, contactId: string, earned: string, expires: string): void;
  psat(partnerId: string, score: number, at: string): void;
}

export function book(path = ':memory:'): Book {
  const db = openDb(path);
  const s = db.sqlite;
  return {
    db,
    tier(t) {
      s.prepare(
        `INSERT INTO tier (id, name, rank, min_sourced_arr, min_certified, revenue_target, pipeline_target, currency, benefits, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'USD', '[]', 1)`,
      ).run(t.id, t.id[0]!.toUpperCase() + t.id.slice(1), t.rank, t.minSourced, t.minCertified, t.revenueTarget, t.pipelineTarget);
    },
    user(id, name, role = 'cam', managerId = null) {
      s.prepare(`INSERT INTO user (id, name, email, role, manager_id, version) VALUES (?, ?, ?, ?, ?, 1)`).run(id, name, `${id}@x.example`, role, managerId);
    },
    partner(p) {
      s.prepare(
        `INSERT INTO partner (id, name, type, tier_id, region, country, owner_id, status, agreement_signed_at, churned_at, website, currency, version)
         VALUES (?, ?, ?, ?, ?, 'US', ?, ?, ?, ?, NULL, 'USD', 1)`,
      ).run(p.id, p.name ?? `Partner ${p.id}`, p.type ?? 'reseller', p.tier, p.region ?? 'NA', p.owner ?? 'U-1', p.churned ? 'churned' : 'active', p.signed ?? '2022-01-01', p.churned ?? null);
    },
    contact(partnerId, id = nextId('C')) {
      s.prepare(`INSERT INTO contact (id, partner_id, name, email, role, last_login_at, version) VALUES (?, ?, ?, ?, 'Sales', NULL, 1)`).run(id, partnerId, `Name ${id}`, `${id}@p.example`);
      return id;
    },
    opp(o) {
      s.prepare(
        `INSERT INTO opportunity (id, partner_id, customer, amount, currency, stage, partner_role, created_at, close_date, last_activity_at, version)
         VALUES (?, ?, 'Acme', ?, 'USD', ?, ?, ?, ?, ?, 1)`,
      ).run(nextId('O'), o.partner, o.amount, o.stage, o.role, o.created ?? '2025-01-01', o.close, o.close);
    },
    reg(partnerId, submitted) {
      s.prepare(
        `INSERT INTO deal_registration (id, partner_id, customer, amount, currency, status, submitted_at, decided_at, expires_at, matched_opportunity_id, opportunity_id, version)
         VALUES (?, ?, 'Acme', 100000, 'USD', 'submitted', ?, NULL, '2030-01-01', NULL, NULL, 1)`,
      ).run(nextId('DR'), partnerId, submitted);
    },
    event(partnerId, contactId, at, kind = 'portal_login') {
      s.prepare(
        `INSERT INTO engagement_event (id, partner_id, contact_id, kind, occurred_at, detail, version) VALUES (?, ?, ?, ?, ?, NULL, 1)`,
      ).run(nextId('E'), partnerId, contactId, kind, at.length === 10 ? `${at}T10:00:00Z` : at);
    },
    cert(partnerId, contactId, earned, expires) {
      s.prepare(
        `INSERT INTO certification (id, partner_id, contact_id, name, earned_at, expires_at, version) VALUES (?, ?, ?, 'Cert', ?, ?, 1)`,
      ).run(nextId('CERT'), partnerId, contactId, earned, expires);
    },
    psat(partnerId, score, at) {
      s.prepare(`INSERT INTO psat_response (id, partner_id, contact_id, score, comment, responded_at, version) VALUES (?, ?, NULL, ?, NULL, ?, 1)`).run(nextId('PS'), partnerId, score, at);
    },
  };
}

export const AS_OF = '2026-06-30';

/** Two tiers, two CAMs, partner A (crafted, hand-computed score 72) and partner B (empty, score 8). */
export function craftedBook(path?: string): Book {
  const b = book(path);
  b.tier({ id: 'silver', rank: 2, minSourced: 10_000_000, minCertified: 2, revenueTarget: 20_000_000, pipelineTarget: 10_000_000 });
  b.tier({ id: 'gold', rank: 3, minSourced: 50_000_000, minCertified: 5, revenueTarget: 100_000_000, pipelineTarget: 40_000_000 });
  b.user('M-1', 'Morgan Manager', 'manager');
  b.user('U-1', 'Casey Cam', 'cam', 'M-1');
  b.user('U-2', 'Robin Cam', 'cam', 'M-1');
  b.partner({ id: 'P-A', tier: 'silver', owner: 'U-1', name: 'Alpha Systems' });
  b.partner({ id: 'P-B', tier: 'silver', owner: 'U-2', name: 'Beta Empty' });

  // Revenue: $100k sourced won in the last 2 quarters, $50k influenced in the 2 before.
  b.opp({ partner: 'P-A', amount: 10_000_000, stage: 'closed_won', role: 'sourced', close: '2026-05-01' });
  b.opp({ partner: 'P-A', amount: 5_000_000, stage: 'closed_won', role: 'influenced', close: '2025-10-01' });
  // Not revenue: lost, co-sell, and a win older than 4 quarters.
  b.opp({ partner: 'P-A', amount: 9_000_000, stage: 'closed_lost', role: 'sourced', close: '2026-04-01' });
  b.opp({ partner: 'P-A', amount: 9_000_000, stage: 'closed_won', role: 'co_sell', close: '2026-04-01' });
  b.opp({ partner: 'P-A', amount: 9_000_000, stage: 'closed_won', role: 'sourced', close: '2025-06-01' });
  // Pipeline: $60k open sourced closing within 2 quarters; beyond the horizon and co-sell excluded.
  b.opp({ partner: 'P-A', amount: 6_000_000, stage: 'proposal', role: 'sourced', created: '2026-04-01', close: '2026-09-15' });
  b.opp({ partner: 'P-A', amount: 7_000_000, stage: 'proposal', role: 'sourced', created: '2026-04-01', close: '2027-03-01' });
  b.opp({ partner: 'P-A', amount: 7_000_000, stage: 'proposal', role: 'co_sell', created: '2026-04-01', close: '2026-09-01' });

  // Deal registrations: 2 in the last 90 days, 4 in the 90 before (−50%).
  for (const d of ['2026-05-10', '2026-06-20']) b.reg('P-A', d);
  for (const d of ['2026-01-10', '2026-02-10', '2026-03-10', '2026-03-30']) b.reg('P-A', d);

  // Five contacts; two active in the last 30 days.
  const c = [1, 2, 3, 4, 5].map((n) => b.contact('P-A', `C-A${n}`));
  // Recent 90 days (from 2026-04-02): 6 events; the 90 before (2026-01-03..2026-04-01): 8 events (−25%).
  b.event('P-A', c[0]!, '2026-06-10');
  b.event('P-A', c[1]!, '2026-06-25');
  b.event('P-A', c[2]!, '2026-05-20');
  b.event('P-A', c[2]!, '2026-05-01');
  b.event('P-A', c[3]!, '2026-04-15');
  b.event('P-A', null, '2026-04-03');
  for (const d of ['2026-01-05', '2026-01-20', '2026-02-01', '2026-02-14', '2026-03-01', '2026-03-15', '2026-03-20', '2026-04-01']) {
    b.event('P-A', c[4]!, d);
  }
  // Certifications: 2 people certified, 3 valid certs, 1 expiring within 60 days, 1 already expired.
  b.cert('P-A', c[0]!, '2024-08-15', '2026-08-15');
  b.cert('P-A', c[0]!, '2025-06-01', '2027-06-01');
  b.cert('P-A', c[1]!, '2025-01-01', '2027-01-01');
  b.cert('P-A', c[2]!, '2023-01-01', '2025-01-01');
  // PSAT: the latest counts.
  b.psat('P-A', 5, '2025-09-01');
  b.psat('P-A', 8, '2026-03-10');
  return b;
}
