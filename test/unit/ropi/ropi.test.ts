/**
 * ROPI and attributed revenue on the hand-built book (fixture.ts), each figure worked out
 * by hand. Window: 2025-Q4 … 2026-Q3. CAM at the default $80/h: A and B 40 h a month
 * (U-1 owns two partners), C 80 h (U-2 owns one partner that has not churned).
 */
import { describe, expect, it } from 'vitest';
import { computeRopi } from '../../../src-main/services/ropi/ropi';
import { attribute, splitShares } from '../../../src-main/services/ropi/attribution';
import { DEFAULT_ROPI_SETTINGS, type RopiSettings } from '../../../src-shared/methods/ropi';
import { AS_OF, ropiBook } from './fixture';

const figures = (s: RopiSettings = DEFAULT_ROPI_SETTINGS) => {
  const book = computeRopi(ropiBook(), AS_OF, s);
  return { book, by: Object.fromEntries(book.rows.map((r) => [r.id, r])) };
};

describe('attribution rules', () => {
  const touches = [
    { partner: 'A', sourced: true, created: '2025-12-01' },
    { partner: 'B', sourced: false, created: '2025-11-01' },
    { partner: 'C', sourced: false, created: '2026-01-05' },
  ];
  it('sourcing 60/40: the sourcing partner 60%, the two others 20% each', () => {
    expect(Object.fromEntries(splitShares(touches, { rule: 'sourcing', sourcingShare: 60 }))).toEqual({ A: 0.6, B: 0.2, C: 0.2 });
  });
  it('position-based: first touch 40%, sourcing 40%, the rest 20%', () => {
    const s = splitShares(touches, { rule: 'position', sourcingShare: 60 });
    expect(s.get('B')).toBeCloseTo(0.4);
    expect(s.get('A')).toBeCloseTo(0.4);
    expect(s.get('C')).toBeCloseTo(0.2);
  });
  it('position-based when the sourcing partner is also first: 80% and the rest 20%; nobody sourcing: shares rescaled', () => {
    const s = splitShares([{ partner: 'A', sourced: true, created: '2025-01-01' }, { partner: 'B', sourced: false, created: '2025-02-01' }], { rule: 'position', sourcingShare: 60 });
    expect(s.get('A')).toBeCloseTo(0.8);
    expect(s.get('B')).toBeCloseTo(0.2);
    const n = splitShares([{ partner: 'B', sourced: false, created: '2025-01-01' }, { partner: 'C', sourced: false, created: '2025-02-01' }], { rule: 'position', sourcingShare: 60 });
    expect(n.get('B')).toBeCloseTo(2 / 3);
    expect(n.get('C')).toBeCloseTo(1 / 3);
  });
  it("a deal's value is the sourcing partner's amount, else the largest row", () => {
    const row = (id: string, partner_id: string, role: 'sourced' | 'influenced', amount: number, created_at: string) => ({ id, partner_id, customer: 'Acme', role, amount, created_at, quarter: '2026-Q1' });
    const sourced = attribute([row('1', 'A', 'sourced', 1_000, '2025-01-01'), row('2', 'B', 'influenced', 5_000, '2025-02-01')], { rule: 'sourcing', sourcingShare: 60 });
    expect(sourced.map((c) => c.credit)).toEqual([600, 400]);
    const nobody = attribute([row('1', 'A', 'influenced', 1_000, '2025-01-01'), row('2', 'B', 'influenced', 5_000, '2025-02-01')], { rule: 'even', sourcingShare: 60 });
    expect(nobody.map((c) => c.credit)).toEqual([2_500, 2_500]);
  });
  it('two orders a partner sourced at one customer in one quarter both count (they were read as one deal and the second earned nothing)', () => {
    const row = (id: string, partner_id: string, role: 'sourced' | 'influenced', amount: number, created_at: string) => ({ id, partner_id, customer: 'Acme', role, amount, created_at, quarter: '2026-Q1' });
    const alone = attribute([row('1', 'A', 'sourced', 1_000, '2025-01-01'), row('2', 'A', 'sourced', 3_000, '2025-01-15')], { rule: 'sourcing', sourcingShare: 60 });
    expect(alone.reduce((sum, c) => sum + c.credit, 0)).toBe(4_000);
    const helped = attribute([row('1', 'A', 'sourced', 1_000, '2025-01-01'), row('2', 'A', 'sourced', 3_000, '2025-01-15'), row('3', 'B', 'influenced', 2_000, '2025-02-01')], {
      rule: 'sourcing',
      sourcingShare: 60,
    });
    expect(helped.map((c) => c.credit)).toEqual([2_400, 0, 1_600]);
  });
  it('a lone partner gets everything under every rule', () => {
    for (const rule of ['sourcing', 'even', 'position'] as const) expect(splitShares([{ partner: 'B', sourced: false, created: '2025-01-01' }], { rule, sourcingShare: 60 }).get('B')).toBe(1);
  });
});

describe('ROPI on the fixture book', () => {
  it('window and default rule: attributed revenue, MDF, CAM time and ROPI by hand', () => {
    const { book, by } = figures();
    expect(book.quarters).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    // A: Northwind 60% of $100k + Contoso $50k; MDF claimed $25k + approved $10k; CAM 4 quarters × 120 h × $80
    expect(by.A!.trailing).toMatchObject({ sourced: 15_000_000, sourcedCredit: 11_000_000, influenced: 0, attributed: 11_000_000, mdf: 3_500_000, camHours: 480, camCost: 3_840_000, investment: 7_340_000 });
    expect(by.A!.trailing.ropi).toBeCloseTo(11_000_000 / 7_340_000, 10);
    // B: Northwind 20% ($20k) + Fabrikam, nobody sourcing, even: $30k; MDF $10k; CAM 4 × $9,600
    expect(by.B!.trailing).toMatchObject({ sourced: 0, influenced: 12_000_000, attributed: 5_000_000, mdf: 1_000_000, camCost: 3_840_000, investment: 4_840_000 });
    // C: Northwind 20% + Fabrikam $30k + Contoso (2026-Q2, alone) $10k; CAM 4 × 240 h × $80; its 2026-Q4 MDF is outside the window
    expect(by.C!.trailing).toMatchObject({ influenced: 17_000_000, attributed: 6_000_000, mdf: 0, camHours: 960, camCost: 7_680_000 });
    expect(by.C!.trailing.ropi).toBeCloseTo(0.78125, 10);
    // D churned 2026-03-01: CAM in 2025-Q4 and 2026-Q1 only, 80 h a month; no return
    expect(by.D!.trailing).toMatchObject({ attributed: 0, camHours: 480, camCost: 3_840_000, ropi: 0 });
    expect(by.D!.quarters.map((q) => q.camHours)).toEqual([240, 240, 0, 0]);
    // A quarter by quarter
    expect(by.A!.quarters.map((q) => [q.quarter, q.attributed, q.mdf, q.camCost])).toEqual([
      ['2025-Q4', 0, 0, 960_000],
      ['2026-Q1', 6_000_000, 2_500_000, 960_000],
      ['2026-Q2', 0, 0, 960_000],
      ['2026-Q3', 5_000_000, 1_000_000, 960_000],
    ]);
    expect(by.A!.quarters[1]!.ropi).toBeCloseTo(6_000_000 / 3_460_000, 10);
  });

  it('tiers: median of the partners ROPI and the pooled ROPI', () => {
    const { book } = figures();
    const gold = book.tiers.find((t) => t.tier_id === 'gold')!;
    expect(gold.median).toBeCloseTo((11_000_000 / 7_340_000 + 5_000_000 / 4_840_000) / 2, 10);
    expect(gold.pooled).toBeCloseTo(16_000_000 / 12_180_000, 10);
    const silver = book.tiers.find((t) => t.tier_id === 'silver')!;
    expect(silver.median).toBeCloseTo(0.78125 / 2, 10);
  });

  it('even and position-based rules give the hand-computed attributed revenue', () => {
    const even = figures({ ...DEFAULT_ROPI_SETTINGS, rule: 'even' }).by;
    // Northwind a third each ($33,333.33), Fabrikam half each, Contoso whole
    expect([even.A!.trailing.attributed, even.B!.trailing.attributed, even.C!.trailing.attributed]).toEqual([8_333_333, 6_333_333, 7_333_333]);
    const pos = figures({ ...DEFAULT_ROPI_SETTINGS, rule: 'position' }).by;
    // Northwind: B first 40%, A sourcing 40%, C 20%; Fabrikam: B first 40 / C rest 20 rescaled to 2/3 and 1/3
    expect([pos.A!.trailing.attributed, pos.B!.trailing.attributed, pos.C!.trailing.attributed]).toEqual([9_000_000, 8_000_000, 5_000_000]);
    const s70 = figures({ ...DEFAULT_ROPI_SETTINGS, sourcingShare: 70 }).by;
    expect([s70.A!.trailing.attributed, s70.B!.trailing.attributed, s70.C!.trailing.attributed]).toEqual([12_000_000, 4_500_000, 5_500_000]);
  });

  it('CAM hours and cost from settings replace the derived default', () => {
    const { by } = figures({ ...DEFAULT_ROPI_SETTINGS, camHourlyCost: 100, camHoursPerPartnerMonth: 10 });
    expect(by.A!.camHoursPerMonth).toBe(10);
    expect(by.A!.trailing).toMatchObject({ camHours: 120, camCost: 1_200_000, investment: 4_700_000 });
  });
});
