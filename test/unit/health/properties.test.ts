import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { gatherInputs } from '../../../src-main/services/health/inputs';
import { DEFAULT_HEALTH_SETTINGS, type RawInputs, type TierTargets } from '../../../src-main/services/health/measures';
import { scorePartner } from '../../../src-main/services/health/scoring';
import { createHealthService } from '../../../src-main/services/health/service';
import { addDays } from '../../../src-shared/domain/time';
import type { HealthSettings } from '../../../src-shared/methods/health';
import { AS_OF, craftedBook } from './fixtures';

const money = fc.integer({ min: 0, max: 2_000_000_000 });
const count = fc.integer({ min: 0, max: 500 });

const inputsArb: fc.Arbitrary<RawInputs> = fc
  .record({
    wonRecent: money,
    wonPrior: money,
    sourcedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    pipeline: money,
    regsRecent: count,
    regsPrior: count,
    contacts: fc.integer({ min: 0, max: 40 }),
    activeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    eventsRecent: count,
    eventsPrior: count,
    certifiedPeople: fc.integer({ min: 0, max: 30 }),
    validCerts: fc.integer({ min: 0, max: 60 }),
    expiringShare: fc.double({ min: 0, max: 1, noNaN: true }),
    psat: fc.option(fc.integer({ min: 0, max: 10 })),
  })
  .map((r) => ({
    wonT4q: r.wonRecent + r.wonPrior,
    sourcedT4q: Math.floor((r.wonRecent + r.wonPrior) * r.sourcedShare),
    wonRecent: r.wonRecent,
    wonPrior: r.wonPrior,
    pipeline: r.pipeline,
    regsRecent: r.regsRecent,
    regsPrior: r.regsPrior,
    contacts: r.contacts,
    activeContacts: Math.floor(r.contacts * r.activeShare),
    eventsRecent: r.eventsRecent,
    eventsPrior: r.eventsPrior,
    certifiedPeople: r.certifiedPeople,
    validCerts: r.validCerts,
    expiringCerts: Math.floor(r.validCerts * r.expiringShare),
    psat: r.psat,
    psatAt: r.psat === null ? null : '2026-01-01',
    lastWin: null,
  }));

const tierArb: fc.Arbitrary<TierTargets> = fc.record({
  id: fc.constant('t'),
  name: fc.constant('Tier'),
  rank: fc.integer({ min: 1, max: 4 }),
  revenueTarget: fc.integer({ min: 0, max: 1_000_000_000 }),
  pipelineTarget: fc.integer({ min: 0, max: 1_000_000_000 }),
  minSourcedArr: fc.integer({ min: 0, max: 1_000_000_000 }),
  minCertified: fc.integer({ min: 0, max: 15 }),
  currency: fc.constant('USD'),
});

/** Component weights that add up to 100. */
const settingsArb: fc.Arbitrary<HealthSettings> = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 })
  .map((cuts) => {
    const c = [0, ...cuts.sort((a, b) => a - b), 100];
    const w = c.slice(1).map((v, i) => v - c[i]!);
    return {
      ...DEFAULT_HEALTH_SETTINGS,
      weights: { revenue: w[0]!, pipeline: w[1]!, engagement: w[2]!, enablement: w[3]!, satisfaction: w[4]! },
    };
  });

const revenueOf = (i: RawInputs, t: TierTargets, s: HealthSettings) =>
  scorePartner('P', AS_OF, i, t, s).components.find((c) => c.component === 'revenue')!.score;

describe('health properties', () => {
  it('the explanation adds up exactly to the score (any inputs, targets and weights)', () => {
    fc.assert(
      fc.property(inputsArb, tierArb, settingsArb, (inp, tier, settings) => {
        const s = scorePartner('P', AS_OF, inp, tier, settings);
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
        expect(s.measures.reduce((a, m) => a + m.points, 0)).toBe(s.score);
        expect(s.components.reduce((a, c) => a + c.points, 0)).toBe(s.score);
        for (const m of s.measures) {
          expect(m.points).toBeGreaterThanOrEqual(0);
          // Whole points never stray more than one point from the exact contribution.
          expect(Math.abs(m.points - (m.weight * m.measureScore) / 100)).toBeLessThan(1);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('more won revenue in the current period never lowers the revenue component', () => {
    fc.assert(
      fc.property(inputsArb, tierArb, money, (inp, tier, extra) => {
        const more = { ...inp, wonRecent: inp.wonRecent + extra, wonT4q: inp.wonT4q + extra };
        expect(revenueOf(more, tier, DEFAULT_HEALTH_SETTINGS)).toBeGreaterThanOrEqual(revenueOf(inp, tier, DEFAULT_HEALTH_SETTINGS));
      }),
      { numRuns: 2000 },
    );
  });

  it('scaling all won revenue up never lowers the revenue component', () => {
    fc.assert(
      fc.property(inputsArb, tierArb, fc.integer({ min: 1, max: 5 }), (inp, tier, k) => {
        const more = { ...inp, wonRecent: inp.wonRecent * k, wonPrior: inp.wonPrior * k, wonT4q: inp.wonT4q * k };
        expect(revenueOf(more, tier, DEFAULT_HEALTH_SETTINGS)).toBeGreaterThanOrEqual(revenueOf(inp, tier, DEFAULT_HEALTH_SETTINGS));
      }),
      { numRuns: 2000 },
    );
  });

  it('a new won deal in the replica never lowers the revenue component (end to end through SQL)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 181 }),
        fc.integer({ min: 100, max: 500_000_000 }),
        fc.constantFrom('sourced', 'influenced'),
        (daysAgo, amount, role) => {
          const b = craftedBook();
          const before = createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).partner('P-A').current;
          b.opp({ partner: 'P-A', amount, stage: 'closed_won', role, close: addDays(AS_OF, -daysAgo) });
          const after = createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).partner('P-A').current;
          const rev = (s: typeof before) => s.components.find((c) => c.component === 'revenue')!.score;
          expect(rev(after)).toBeGreaterThanOrEqual(rev(before));
          b.db.close();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the same inputs give the same score as of the same date', () => {
    fc.assert(
      fc.property(inputsArb, tierArb, settingsArb, (inp, tier, settings) => {
        expect(scorePartner('P', AS_OF, { ...inp }, tier, settings)).toEqual(scorePartner('P', AS_OF, inp, tier, settings));
      }),
      { numRuns: 500 },
    );
    const b = craftedBook();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), (daysAgo) => {
        const d = addDays(AS_OF, -daysAgo);
        const one = createHealthService({ db: b.db, clock: fixedClock(d) }).portfolio();
        const two = createHealthService({ db: b.db, clock: fixedClock(AS_OF) }).portfolio(d);
        expect(two.rows).toEqual(one.rows);
        expect(gatherInputs(b.db, [d])).toEqual(gatherInputs(b.db, [d]));
      }),
      { numRuns: 25 },
    );
  });
});
