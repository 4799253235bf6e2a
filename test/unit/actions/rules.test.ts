/**
 * Each rule fires on a crafted fixture and stays silent on its near miss. Fixtures go
 * through the real snapshot loader (the SQL) and the rule, via computeActions.
 */
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../src-shared/format';
import { computeActions } from '../../../src-main/services/actions/service';
import { RULES } from '../../../src-main/services/actions/rules';
import { fixedClock } from '../../../src-main/base/clock';
import { queueEdits } from '../../../src-main/sync/edits';
import { addDays } from '../../../src-shared/domain/time';
import { ACTION_RULE_IDS, DEFAULT_ACTION_SETTINGS, type ActionRuleId } from '../../../src-shared/methods/actions';
import { AS_OF, book, certifiedPeople, type Book } from './fixture';

const ago = (d: number) => addDays(AS_OF, -d);
const ahead = (d: number) => addDays(AS_OF, d);

function fired(b: Book, rule: ActionRuleId, asOf = AS_OF) {
  return computeActions(b.db, asOf, { rule }).items;
}
const keys = (b: Book, rule: ActionRuleId, asOf = AS_OF) => fired(b, rule, asOf).map((a) => a.key);

describe('rule registry', () => {
  it('has one module per rule id, each describing its thresholds', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual([...ACTION_RULE_IDS].sort());
    for (const r of RULES) expect(r.describe(DEFAULT_ACTION_SETTINGS).length).toBeGreaterThan(20);
  });
});

describe('reg_pending', () => {
  it('fires on a registration undecided for 5+ days, silent at 4 days', () => {
    const b = book();
    b.partner('P-1');
    b.reg('R-OLD', 'P-1', { submitted_at: ago(8), amount: 7_500_000 });
    b.reg('R-NEW', 'P-1', { submitted_at: ago(4) });
    const [a, ...rest] = fired(b, 'reg_pending');
    expect(rest).toEqual([]);
    expect(a!.key).toBe(`reg_pending:R-OLD:${ago(8)}`);
    expect(a!.impact).toBe(7_500_000);
    expect(a!.dueDate).toBe(ago(-2)); // submitted + 10-day SLA
    expect(a!.links).toEqual([expect.objectContaining({ kind: 'deal_registration', id: 'R-OLD', partnerId: 'P-1' })]);
    expect(a!.facts.map((f) => f.label)).toContain('Submitted');
  });

  it('leaves a registration colliding with an open direct deal to the conflict rule', () => {
    const b = book();
    b.partner('P-1');
    b.opp('O-D', null, { stage: 'negotiation' });
    b.reg('R-1', 'P-1', { submitted_at: ago(8), matched_opportunity_id: 'O-D' });
    expect(keys(b, 'reg_pending')).toEqual([]);
    expect(keys(b, 'channel_conflict')).toEqual(['channel_conflict:R-1:O-D']);
  });
});

describe('reg_expiring', () => {
  it('fires on an approved, unconverted registration expiring within 14 days; silent at 15 days or when converted', () => {
    const b = book();
    b.partner('P-1');
    b.reg('R-SOON', 'P-1', { status: 'approved', submitted_at: ago(80), decided_at: ago(75), expires_at: ahead(10) });
    b.reg('R-LATER', 'P-1', { status: 'approved', submitted_at: ago(75), decided_at: ago(70), expires_at: ahead(15) });
    b.opp('O-1', 'P-1');
    b.reg('R-CONV', 'P-1', { status: 'approved', submitted_at: ago(80), expires_at: ahead(5), opportunity_id: 'O-1' });
    const a = fired(b, 'reg_expiring');
    expect(a.map((x) => x.key)).toEqual([`reg_expiring:R-SOON:${ahead(10)}`]);
    expect(a[0]!.dueDate).toBe(ahead(10));
    expect(a[0]!.bucket).toBe('later');
  });
});

describe('channel_conflict', () => {
  it('fires when a registration matches an open direct opportunity, silent once the direct deal is closed', () => {
    const b = book();
    b.partner('P-1');
    b.opp('O-OPEN', null, { amount: 30_000_000, stage: 'proposal' });
    b.opp('O-LOST', null, { stage: 'closed_lost', close_date: ago(5) });
    b.reg('R-1', 'P-1', { matched_opportunity_id: 'O-OPEN', amount: 5_000_000, submitted_at: ago(2) });
    b.reg('R-2', 'P-1', { matched_opportunity_id: 'O-LOST' });
    const a = fired(b, 'channel_conflict');
    expect(a.map((x) => x.key)).toEqual(['channel_conflict:R-1:O-OPEN']);
    expect(a[0]!.impact).toBe(30_000_000);
    expect(a[0]!.links.map((l) => `${l.kind}:${l.id}`)).toEqual(['deal_registration:R-1', 'opportunity:O-OPEN']);
    expect(a[0]!.dueDate).toBe(ahead(5));
  });
});

describe('stalled_opportunity', () => {
  it('fires on an open deal idle 45+ days, silent at 44 days and for closed deals', () => {
    const b = book();
    b.partner('P-1');
    b.opp('O-STALL', 'P-1', { last_activity_at: ago(50), stage: 'negotiation' });
    b.opp('O-FRESH', 'P-1', { last_activity_at: ago(44) });
    b.opp('O-WON', 'P-1', { last_activity_at: ago(100), stage: 'closed_won', close_date: ago(100) });
    const a = fired(b, 'stalled_opportunity');
    expect(a.map((x) => x.key)).toEqual([`stalled_opportunity:O-STALL:${ago(50)}`]);
    expect(a[0]!.priority.confidence).toBe(0.75);
    expect(a[0]!.dueDate).toBe(ahead(2)); // last activity + 45 + 7
  });
});

describe('engagement_drop', () => {
  it('fires when the last 30 days fall 50%+ below the prior average, silent on a 45% drop or a thin baseline', () => {
    const b = book();
    for (const id of ['P-DROP', 'P-DIP', 'P-THIN']) b.partner(id);
    b.events('P-DROP', 60, 119, 31); // 20 per 30 days before
    b.events('P-DROP', 5, 29, 0);
    b.events('P-DIP', 60, 119, 31);
    b.events('P-DIP', 11, 29, 0); // 45% down
    b.events('P-THIN', 12, 119, 31); // 4 per window < 6
    const a = fired(b, 'engagement_drop');
    expect(a.map((x) => x.key)).toEqual(['engagement_drop:P-DROP:2026-Q4']);
    expect(a[0]!.suggestion).toMatch(/down 75%/);
  });
});

describe('cert_expiring', () => {
  it("fires when expiries within 60 days would take the partner below its tier's requirement", () => {
    const b = book();
    b.partner('P-EXP', { tier_id: 'gold' });
    certifiedPeople(b, 'P-EXP', 3);
    certifiedPeople(b, 'P-EXP', 1, ahead(30), 4); // the 4th person lapses in 30 days
    b.partner('P-SPARE', { tier_id: 'gold' });
    certifiedPeople(b, 'P-SPARE', 4);
    certifiedPeople(b, 'P-SPARE', 1, ahead(30), 5); // one spare: still 4 after
    b.partner('P-LATE', { tier_id: 'gold' });
    certifiedPeople(b, 'P-LATE', 3);
    certifiedPeople(b, 'P-LATE', 1, ahead(61), 4); // outside the window
    const a = fired(b, 'cert_expiring');
    expect(a.map((x) => x.key)).toEqual([`cert_expiring:P-EXP:${ahead(30).slice(0, 7)}`]);
    expect(a[0]!.dueDate).toBe(ahead(30));
    expect(a[0]!.links.map((l) => l.kind)).toEqual(['contact', 'certification']);
  });

  it('a person with a later valid certification is not expiring', () => {
    const b = book();
    b.partner('P-1', { tier_id: 'gold' });
    certifiedPeople(b, 'P-1', 4, ahead(30));
    for (let i = 1; i <= 4; i++) b.cert(`P-1-RENEW${i}`, 'P-1', `P-1-C${i}`, { expires_at: '2028-01-01' });
    expect(keys(b, 'cert_expiring')).toEqual([]);
  });
});

describe('tier_at_risk and tier_promotion', () => {
  const won = (b: Book, id: string, pid: string, amount: number) =>
    b.opp(id, pid, { stage: 'closed_won', amount, close_date: ago(60), created_at: ago(120), last_activity_at: ago(60) });

  it('tier_at_risk fires below the current tier requirement, silent exactly at it', () => {
    const b = book();
    b.partner('P-LOW');
    won(b, 'O-1', 'P-LOW', 10_000_000);
    certifiedPeople(b, 'P-LOW', 2);
    b.partner('P-OK');
    won(b, 'O-2', 'P-OK', 20_000_000);
    certifiedPeople(b, 'P-OK', 2);
    const a = fired(b, 'tier_at_risk');
    expect(a.map((x) => x.key)).toEqual(['tier_at_risk:P-LOW:2026-Q4']);
    expect(a[0]!.suggestion).toContain('At risk of losing Silver: +$100k sourced ARR');
    expect(a[0]!.dueDate).toBe('2026-12-31');
  });

  it('tier_promotion fires within 20% of the next tier, silent just outside', () => {
    const b = book();
    b.partner('P-NEAR');
    won(b, 'O-1', 'P-NEAR', 45_000_000); // Gold needs 50M: gap 5M ≤ 10M
    certifiedPeople(b, 'P-NEAR', 4);
    b.partner('P-FAR');
    won(b, 'O-2', 'P-FAR', 39_000_000); // gap 11M > 10M
    certifiedPeople(b, 'P-FAR', 4);
    const a = fired(b, 'tier_promotion');
    expect(a.map((x) => x.key)).toEqual(['tier_promotion:P-NEAR:2026-Q4']);
    expect(a[0]!.impact).toBe(60_000_000); // Gold target − Silver target
    expect(a[0]!.suggestion).toMatch(/close to Gold: \+\$50k sourced ARR to go/);
  });
});

describe('mdf_unspent', () => {
  it('fires with 30%+ uncommitted within 60 days of the period end, silent at 25%', () => {
    const b = book();
    for (const id of ['P-1', 'P-2']) {
      b.partner(id);
      b.insert('mdf_allocation', { id: `A-${id}`, partner_id: id, period: '2026-H2', period_start: '2026-07-01', period_end: '2026-12-31', amount: 10_000_000, currency: 'USD', version: 1 });
    }
    const req = (id: string, pid: string, amount: number, status: string, claimed = 0) =>
      b.insert('mdf_request', { id, partner_id: pid, allocation_id: `A-${pid}`, activity: 'Webinar', amount, currency: 'USD', status, submitted_at: '2026-08-01', claimed_amount: claimed, attributed_pipeline: claimed * 4, version: 1 });
    req('M-1', 'P-1', 5_000_000, 'approved');
    req('M-2', 'P-2', 5_000_000, 'approved');
    req('M-3', 'P-2', 2_500_000, 'claimed', 2_500_000);
    const a = fired(b, 'mdf_unspent');
    expect(a.map((x) => x.key)).toEqual(['mdf_unspent:A-P-1:2026-H2']);
    expect(a[0]!.impact).toBe(25_000_000); // 5M unspent × default multiple 5
    expect(a[0]!.dueDate).toBe('2026-12-10');
  });
});

describe('jbp_off_pace', () => {
  function planned(b: Book, pid: string, wonAmount: number, status: 'draft' | 'signed' = 'signed') {
    b.partner(pid);
    b.insert('jbp', { id: `J-${pid}`, partner_id: pid, period: 'FY2026', title: 'FY26 plan', status, revision: 1, summary: '', vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null, partner_signoff_at: null, created_at: '2026-01-05T10:00:00Z', updated_at: '2026-01-05T10:00:00Z', version: 1 });
    b.insert('jbp_objective', { id: `OBJ-${pid}`, jbp_id: `J-${pid}`, title: 'Grow sourced ARR', metric: 'sourced_arr', unit: null, baseline: 80_000_000, target: 100_000_000, due_quarter: '2026-Q4', weight: 50, custom_actual: null, sort_order: 0, version: 1 });
    b.opp(`O-${pid}`, pid, { stage: 'closed_won', amount: wonAmount, close_date: '2026-05-01', created_at: '2026-03-01', last_activity_at: '2026-05-01' });
  }

  it('fires when the plans pace rule says off track (progress < 70% of time elapsed), silent when merely at risk', () => {
    const b = book();
    planned(b, 'P-BEHIND', 30_000_000); // 30% of the way with 89% of the time gone
    planned(b, 'P-CLOSE', 70_000_000); // 70% ≥ 0.7 × 89%
    const a = fired(b, 'jbp_off_pace');
    expect(a.map((x) => x.key)).toEqual(['jbp_off_pace:OBJ-P-BEHIND:2026-Q4']);
    expect(a[0]!.links[0]).toMatchObject({ kind: 'jbp_objective', id: 'OBJ-P-BEHIND' });
    expect(a[0]!.impact).toBeGreaterThan(60_000_000);
    // The evidence names the due quarter as the rest of the app does ("Q4 2026"), not as stored ("2026-Q4").
    const facts = Object.fromEntries(a[0]!.facts.map((f) => [f.label, f.value]));
    expect(facts['Expected by now']).toMatch(/ of the way to Q4 2026\)$/);
  });

  it('reads objectives through the overlay: a local, unsynced target edit counts', () => {
    const b = book();
    // a draft plan: a signed one is locked and refuses the edit
    planned(b, 'P-1', 70_000_000, 'draft');
    expect(keys(b, 'jbp_off_pace')).toEqual([]);
    queueEdits(b.db.sqlite, fixedClock(AS_OF), [{ entity: 'jbp_objective', id: 'OBJ-P-1', op: 'upsert', fields: { target: 200_000_000 } }]);
    expect(keys(b, 'jbp_off_pace')).toEqual(['jbp_off_pace:OBJ-P-1:2026-Q4']);
  });
});

describe('qbr_due', () => {
  it('fires for Silver+ partners without a pack this quarter within 45 days of its end', () => {
    const b = book();
    b.partner('P-DUE');
    b.partner('P-ENTRY', { tier_id: 'registered' });
    b.partner('P-STARTED');
    queueEdits(b.db.sqlite, fixedClock(AS_OF), [
      { entity: 'qbr_note', id: 'QN-1', op: 'upsert', fields: { partner_id: 'P-STARTED', quarter: '2026-Q4', section: 'Summary', kind: 'commentary', body: 'Draft', commitment_status: null, updated_at: '2026-11-19T10:00:00Z' } },
    ]);
    expect(keys(b, 'qbr_due')).toEqual(['qbr_due:P-DUE:2026-Q4']);
    // 46+ days before the quarter end: not yet.
    expect(keys(b, 'qbr_due', '2026-11-15')).toEqual([]);
  });

  it('says when the quarter ends in words: today on its last day, tomorrow the day before (never "in 0 days")', () => {
    const b = book();
    b.partner('P-DUE');
    const said = (asOf: string) => {
      const [a] = fired(b, 'qbr_due', asOf);
      return [a!.suggestionHere, a!.facts.find((f) => f.label === 'Quarter ends')!.value];
    };
    expect(said('2026-12-31')).toEqual(['Start the Q4 2026 QBR pack — the quarter ends today', 'Dec 31, 2026 (today; window 45)']);
    expect(said('2026-12-30')).toEqual(['Start the Q4 2026 QBR pack — the quarter ends tomorrow', 'Dec 31, 2026 (1 day; window 45)']);
    expect(said('2026-12-01')[0]).toBe('Start the Q4 2026 QBR pack — the quarter ends in 30 days');
  });
});

describe('psat_detractor', () => {
  it("fires on a latest score of 6 or lower, silent when the latest answer is a 7", () => {
    const b = book();
    b.partner('P-SAD');
    b.partner('P-BETTER');
    b.contact('C-1', 'P-SAD', { name: 'Rita Roe' });
    const psat = (id: string, pid: string, score: number, at: string, contact: string | null = null) =>
      b.insert('psat_response', { id, partner_id: pid, contact_id: contact, score, comment: score < 7 ? 'Slow approvals' : null, responded_at: at, version: 1 });
    psat('S-1', 'P-SAD', 9, ago(200));
    psat('S-2', 'P-SAD', 4, ago(20), 'C-1');
    psat('S-3', 'P-BETTER', 3, ago(100));
    psat('S-4', 'P-BETTER', 7, ago(10));
    b.partner('P-OLD');
    psat('S-5', 'P-OLD', 2, ago(91)); // a detractor, but older than 90 days
    const a = fired(b, 'psat_detractor');
    expect(a.map((x) => x.key)).toEqual([`psat_detractor:S-2:${ago(20)}`]);
    expect(a[0]!.suggestion).toBe(`Call Rita Roe at Partner P-SAD: PSAT 4/10 on ${formatDate(ago(20))} — “Slow approvals”`);
    expect(a[0]!.priority.confidence).toBe(0.67);
  });
});

describe('onboarding_stuck', () => {
  it('fires 90+ days after signing with no won deal, silent at 80 days or after a first win', () => {
    const b = book();
    b.partner('P-STUCK', { status: 'onboarding', agreement_signed_at: ago(100) });
    b.partner('P-YOUNG', { status: 'onboarding', agreement_signed_at: ago(80) });
    b.partner('P-WON', { status: 'onboarding', agreement_signed_at: ago(120) });
    b.opp('O-1', 'P-WON', { stage: 'closed_won', close_date: ago(10), created_at: ago(50) });
    const a = fired(b, 'onboarding_stuck');
    expect(a.map((x) => x.key)).toEqual([`onboarding_stuck:P-STUCK:${ago(100)}`]);
    expect(a[0]!.impact).toBe(10_000_000); // a quarter of Silver's 40M revenue target
  });
});
