import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { gatherInputs } from '../../../src-main/services/health/inputs';
import { createHealthService, trainingDates, trendDates } from '../../../src-main/services/health/service';
import { AS_OF, craftedBook } from './fixtures';

describe('health inputs', () => {
  it('gathers the hand-counted raw values of the crafted partner', () => {
    const b = craftedBook();
    const inp = gatherInputs(b.db, [AS_OF]).get(AS_OF)!.get('P-A')!;
    expect(inp).toEqual({
      wonT4q: 15_000_000,
      sourcedT4q: 10_000_000,
      wonRecent: 10_000_000,
      wonPrior: 5_000_000,
      pipeline: 6_000_000,
      regsRecent: 2,
      regsPrior: 4,
      contacts: 5,
      activeContacts: 2,
      eventsRecent: 6,
      eventsPrior: 8,
      certifiedPeople: 2,
      validCerts: 3,
      expiringCerts: 1,
      psat: 8,
      psatAt: '2026-03-10',
      lastWin: '2026-05-01',
    });
  });

  it('computes the same inputs one date at a time as in one bulk pass', () => {
    const b = craftedBook();
    const dates = trendDates(AS_OF).map((t) => t.date);
    const bulk = gatherInputs(b.db, dates);
    for (const d of dates) expect(gatherInputs(b.db, [d]).get(d)).toEqual(bulk.get(d));
  });
});

describe('health scores (hand-computed)', () => {
  it('scores partner A 72 (Healthy) with each measure as worked out by hand', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const s = h.partner('P-A').current;
    // Measure scores: 75, 100 (+100%), 60, 35 (−50%), 67 (40% of 60%), 53 (−25%), 100, 67, 80.
    expect(s.measures.map((m) => [m.key, m.measureScore])).toEqual([
      ['revenue.vs_target', 75],
      ['revenue.growth', 100],
      ['pipeline.vs_target', 60],
      ['pipeline.deal_regs', 35],
      ['engagement.active_contacts', 67],
      ['engagement.portal_activity', 53],
      ['enablement.certified', 100],
      ['enablement.expiring', 67],
      ['satisfaction.psat', 80],
    ]);
    // Exact contributions 15.75 + 9 + 7.2 + 2.8 + 6.7 + 5.3 + 10.5 + 3.015 + 12 = 72.265 → 72;
    // floors sum to 69, the 3 largest remainders (.8, .75, .7) get the missing points.
    expect(s.score).toBe(72);
    expect(s.band).toBe('healthy');
    expect(s.measures.map((m) => m.points)).toEqual([16, 9, 7, 3, 7, 5, 10, 3, 12]);
    expect(s.measures.reduce((a, m) => a + m.points, 0)).toBe(72);
    expect(s.components.map((c) => [c.component, c.score, c.points])).toEqual([
      ['revenue', 83, 25],
      ['pipeline', 50, 10],
      ['engagement', 60, 12],
      ['enablement', 90, 13],
      ['satisfaction', 80, 12],
    ]);
    expect(s.measures[0]!.rawText).toBe('$150k won vs $200k target');
    expect(s.measures[0]!.rule).toMatch(/capped at 100/);
  });

  it('scores an empty partner 8 (At risk): satisfaction neutral and flagged no data', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const s = h.partner('P-B').current;
    expect(s.score).toBe(8);
    expect(s.band).toBe('at_risk');
    const psat = s.measures.find((m) => m.key === 'satisfaction.psat')!;
    expect(psat).toMatchObject({ measureScore: 50, noData: true, points: 8, raw: null });
    expect(psat.rawText).toMatch(/no data/);
    // Nothing in either period reads as a sentence, once ("none in the last two 2 quarters periods" before).
    const growth = s.measures.find((m) => m.key === 'revenue.growth')!;
    expect(growth.rawText).toBe('none in the last 2 quarters or the 2 quarters before');
  });

  it('recomputes live when the weights change, and refuses weights that do not add up to 100', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(8);
    h.setSettings({ ...h.getSettings(), weights: { revenue: 20, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 25 } });
    // Only satisfaction scores for B: 25 × 50% = 12.5 → 13.
    expect(h.portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(13);
    expect(() => h.setSettings({ ...h.getSettings(), weights: { revenue: 50, pipeline: 20, engagement: 20, enablement: 15, satisfaction: 25 } })).toThrow(
      /add up to 100/,
    );
    // A fresh service reads the stored weights.
    expect(createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).portfolio().rows.find((r) => r.id === 'P-B')!.score).toBe(13);
  });
});

describe('trend, movers, benchmarks, eligibility', () => {
  it('gives an 8-quarter trend of quarter ends ending today, and movers since last quarter', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const d = h.partner('P-A');
    expect(d.trend.map((t) => t.asOf)).toEqual([
      '2024-09-30',
      '2024-12-31',
      '2025-03-31',
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
      '2026-03-31',
      '2026-06-30',
    ]);
    expect(d.trend.at(-1)!.score).toBe(72);
    expect(d.previousAsOf).toBe('2026-03-31');
    const prevScore = d.trend.at(-2)!.score!;
    const delta = h.portfolio().rows.find((r) => r.id === 'P-A')!.delta;
    expect(delta).toBe(72 - prevScore);
    // Movers are the biggest point changes per measure; their deltas are consistent with the explanations.
    for (const m of d.movers) {
      const now = d.current.measures.find((x) => x.key === m.key)!.points;
      const before = d.previous!.measures.find((x) => x.key === m.key)!.points;
      expect(m.delta).toBe(now - before);
    }
    expect(d.movers.length).toBeGreaterThan(0);
  });

  it('says what it takes to reach the next tier in plain numbers', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const e = h.partner('P-A').eligibility;
    expect(e.currentText).toBe('Meets Silver requirements');
    expect(e.nextText).toBe('To reach Gold: +$400k sourced ARR, +3 certified people');
    const eb = h.partner('P-B').eligibility;
    expect(eb.currentText).toBe('At risk of losing Silver: +$100k sourced ARR, +2 certified people');
  });

  it('ranks KPIs against partners of the same tier', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const k = h.partner('P-A').kpis;
    const score = k.find((x) => x.key === 'score')!;
    // Two silver peers (A 72, B 8): A is above one and ties itself: (1 + 0.5) / 2 = 75th percentile.
    expect(score).toMatchObject({ value: 72, percentile: 75, peers: 2, tierMedian: 40 });
    expect(k.find((x) => x.key === 'psat')).toMatchObject({ value: 8, percentile: 50, peers: 1 });
  });

  it('uses rules for churn risk when history is too thin, and says so', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const d = h.partner('P-B');
    expect(d.model.kind).toBe('rules');
    expect(d.model.reason).toMatch(/too thin/);
    expect(d.churn.model).toBe('rules');
    expect(d.churn.probability).toBeGreaterThan(0);
  });

  it('builds a manager roll-up with bands per CAM and the at-risk list', () => {
    const b = craftedBook();
    const h = createHealthService({ db: b.db, clock: fixedClock(AS_OF) });
    const r = h.rollup();
    expect(r.cams.map((c) => [c.owner_name, c.partners, c.bands])).toEqual([
      ['Casey Cam', 1, { healthy: 1, watch: 0, at_risk: 0, no_data: 0 }],
      ['Robin Cam', 1, { healthy: 0, watch: 0, at_risk: 1, no_data: 0 }],
    ]);
    expect(r.atRisk.map((a) => a.id)).toContain('P-B');
    expect(r.totals.partners).toBe(2);
    expect(r.managers).toEqual([{ id: 'M-1', name: 'Morgan Manager' }]);
  });

  it('lists training snapshot dates whose 2-quarter outcome is known', () => {
    expect(trainingDates('2026-11-20').at(-1)).toBe('2026-03-31');
    expect(trainingDates('2026-11-20')[0]).toBe('2023-12-31');
    expect(trainingDates('2026-11-20', '2024-01-01')[0]).toBe('2024-06-30');
  });
});
