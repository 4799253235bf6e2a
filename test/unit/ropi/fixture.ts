/**
 * A hand-built book for ROPI and attribution. As of 2026-11-20 (calendar quarters) the
 * last four complete quarters are 2025-Q4 … 2026-Q3. Every expected figure in the tests
 * is worked out by hand from the rows below (see ropi.test.ts).
 */
import { openDb, type Db } from '../../../src-main/db/connection';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import { fixedClock } from '../../../src-main/base/clock';

export const clock = fixedClock('2026-11-20T10:00:00Z');
export const AS_OF = '2026-11-20';

type Change = { entity: string; id: string; version: number; op: 'upsert'; data: Record<string, unknown> };
let v = 0;
const row = (entity: string, data: Record<string, unknown>): Change => ({ entity, id: String(data.id), version: ++v, op: 'upsert', data });

const opp = (id: string, partner: string | null, customer: string, role: string, stage: string, amount: number, created: string, close: string) =>
  row('opportunity', { id, partner_id: partner, customer, amount, currency: 'USD', stage, partner_role: role, created_at: created, close_date: close, last_activity_at: close });
const mdf = (id: string, partner: string, status: string, amount: number, claimed: number, submitted: string, pipeline = 0) =>
  row('mdf_request', { id, partner_id: partner, allocation_id: `AL-${partner}`, activity: 'Event', amount, currency: 'USD', status, submitted_at: submitted, claimed_amount: claimed, attributed_pipeline: pipeline });
const partner = (id: string, name: string, tier: string, owner: string, signed: string, churned: string | null = null) =>
  row('partner', {
    id, name, type: 'reseller', tier_id: tier, region: 'NA', country: 'US', owner_id: owner, status: churned ? 'churned' : 'active',
    agreement_signed_at: signed, churned_at: churned, website: null, currency: 'USD',
  });
const tier = (id: string, name: string, rank: number) =>
  row('tier', { id, name, rank, min_sourced_arr: 0, min_certified: 0, revenue_target: 1, pipeline_target: 1, currency: 'USD', benefits: [] });

export function ropiBook(): Db {
  v = 0;
  const db = openDb(':memory:');
  const changes = validateChanges([
    row('user', { id: 'U-1', name: 'Dana', email: 'dana@vendor.io', role: 'cam', manager_id: null }),
    row('user', { id: 'U-2', name: 'Eli', email: 'eli@vendor.io', role: 'cam', manager_id: null }),
    tier('gold', 'Gold', 2),
    tier('silver', 'Silver', 1),
    partner('A', 'Alpha', 'gold', 'U-1', '2024-01-01'), // U-1 owns A and B: 160 × 0.5 ÷ 2 = 40 h a month
    partner('B', 'Beta', 'gold', 'U-1', '2025-07-01'),
    partner('C', 'Gamma', 'silver', 'U-2', '2024-01-01'), // U-2 owns C (D churned): 80 h a month
    partner('D', 'Delta', 'silver', 'U-2', '2024-01-01', '2026-03-01'), // active 2025-Q4 and 2026-Q1 only
    ...['A', 'B', 'C'].map((p) =>
      row('mdf_allocation', { id: `AL-${p}`, partner_id: p, period: '2026-H1', period_start: '2026-01-01', period_end: '2026-06-30', amount: 50_000_000, currency: 'USD' }),
    ),
    // Deal "Northwind" 2026-Q1: A sourced, B influenced (first touch), C co-sell; value $100k (the largest row)
    opp('X-A', 'A', 'Northwind', 'sourced', 'closed_won', 10_000_000, '2025-12-01', '2026-02-10'),
    opp('X-B', 'B', 'Northwind', 'influenced', 'closed_won', 8_000_000, '2025-11-01', '2026-03-01'),
    opp('X-C', 'C', ' northwind ', 'co_sell', 'closed_won', 10_000_000, '2026-01-05', '2026-03-20'),
    opp('X-V', null, 'Northwind', 'direct', 'closed_won', 10_000_000, '2025-11-01', '2026-03-01'), // vendor-direct: not a partner touch
    // Deal "Contoso" 2026-Q3: A alone, $50k
    opp('Y-A', 'A', 'Contoso', 'sourced', 'closed_won', 5_000_000, '2026-05-01', '2026-08-15'),
    // "Contoso" 2026-Q2: another quarter, another deal: C alone, $10k
    opp('Y-C', 'C', 'Contoso', 'influenced', 'closed_won', 1_000_000, '2026-03-01', '2026-05-15'),
    // Deal "Fabrikam" 2025-Q4: no sourcing partner; B first touch ($40k), C marketplace ($60k): value $60k
    opp('Z-B', 'B', 'Fabrikam', 'influenced', 'closed_won', 4_000_000, '2025-10-01', '2025-12-01'),
    opp('Z-C', 'C', 'Fabrikam', 'marketplace', 'closed_won', 6_000_000, '2025-10-15', '2025-12-10'),
    // not counted: before the window, lost, still open
    opp('N-1', 'A', 'Old', 'sourced', 'closed_won', 9_999_900, '2025-01-01', '2025-09-30'),
    opp('N-2', 'A', 'Lost', 'sourced', 'closed_lost', 7_000_000, '2026-01-01', '2026-04-01'),
    opp('N-3', 'B', 'Open', 'influenced', 'negotiation', 7_000_000, '2026-01-01', '2026-12-20'),
    // MDF: claimed at the claimed amount, approved at the amount, in the quarter submitted
    mdf('M-1', 'A', 'claimed', 3_000_000, 2_500_000, '2026-02-01', 10_000_000), // 2026-Q1: $25k; $100k pipeline attributed
    mdf('M-2', 'A', 'approved', 1_000_000, 0, '2026-08-01'), // 2026-Q3: $10k
    mdf('M-3', 'A', 'rejected', 5_000_000, 0, '2026-05-01'), // not counted
    mdf('M-4', 'A', 'submitted', 5_000_000, 0, '2026-05-01'), // not counted
    mdf('M-5', 'B', 'claimed', 1_200_000, 1_000_000, '2025-11-15'), // 2025-Q4: $10k
    mdf('M-6', 'C', 'claimed', 2_000_000, 2_000_000, '2026-11-01'), // the quarter in progress: not in the window
  ]);
  db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
  return db;
}
