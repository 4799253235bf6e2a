/**
 * The forecast's pieces on a hand-built book: 60 ordinary partners whose next quarter
 * follows their average, their open pipeline and a little noise (so the model has a
 * history to learn from), plus four partners built to be called: a steady one, a growing
 * one with a big pipeline (taking off), one whose pipeline collapsed (stalling) and one
 * signed last quarter (too new to call).
 */
import { describe, expect, it } from 'vitest';
import { quarterEnd } from '../../../src-shared/domain/time';
import type { History, PartnerHistory } from '../../../src-main/services/forecast/history';
import { forecastAll } from '../../../src-main/services/forecast/compute';
import { backtest } from '../../../src-main/services/forecast/backtest';
import { fitAt, predict } from '../../../src-main/services/forecast/model';
import { pointsAt } from '../../../src-main/services/forecast/features';
import { CALENDAR_YEAR } from '../../../src-shared/domain/time';

const QUARTERS = ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const N = QUARTERS.length;
const COMPLETE = N - 2; // 2026-Q3: as of 2026-11-20

let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

function partner(id: string, signed = '2020-01-01', tier = 'gold'): PartnerHistory {
  const z = () => new Array<number>(N).fill(0);
  return { id, name: id, tier_id: tier, tier_name: 'Gold', owner_id: 'u1', owner_name: 'U', status: 'active', currency: 'USD', signed, churned: null, won: z(), created: z(), open: z(), openNext: z(), events: z(), certs: z() };
}

/** Revenue next quarter = 60% of the trailing level + 30% of the open pipeline, times noise. */
function ordinary(i: number): PartnerHistory {
  const p = partner(`P${i}`, '2020-01-01', i % 2 ? 'gold' : 'silver');
  let level = 20_000 + rand() * 200_000;
  for (let t = 0; t < N; t++) {
    p.open[t] = level * (0.5 + rand() * 2.5);
    p.created[t] = p.open[t]! * 0.6;
    p.events[t] = Math.round(20 + rand() * 20);
    const next = (0.6 * level + 0.3 * p.open[t]!) * (0.7 + rand() * 0.6);
    if (t + 1 < N) p.won[t + 1] = next;
    level = 0.7 * level + 0.3 * next;
  }
  p.won[0] = level;
  return p;
}

function book(extra: PartnerHistory[]): History {
  seed = 7;
  const partners = [...Array.from({ length: 60 }, (_, i) => ordinary(i)), ...extra];
  return { quarters: QUARTERS, start: 0, partners, calendar: CALENDAR_YEAR, openPipelineKnown: true };
}

function flat(p: PartnerHistory, won: number, open: number) {
  for (let t = 0; t < N; t++) {
    p.won[t] = won;
    p.open[t] = open;
    p.created[t] = open * 0.6;
    p.events[t] = 30;
  }
  return p;
}

describe('forecast model on hand-built series', () => {
  const steady = flat(partner('STEADY'), 100_000, 150_000);
  const growing = flat(partner('GROWING'), 100_000, 150_000);
  growing.won[COMPLETE] = 180_000;
  growing.open[COMPLETE] = 1_200_000;
  growing.created[COMPLETE] = 900_000;
  growing.certs[COMPLETE] = 4;
  growing.events[COMPLETE] = 80;
  const collapsing = flat(partner('COLLAPSING'), 100_000, 150_000);
  collapsing.won[COMPLETE] = 20_000;
  collapsing.open[COMPLETE] = 0;
  collapsing.created[COMPLETE] = 0;
  collapsing.events[COMPLETE] = 5;
  const fresh = partner('NEW', quarterEnd('2026-Q3'));
  fresh.won[COMPLETE] = 30_000;
  fresh.open[COMPLETE] = 60_000;
  const h = book([steady, growing, collapsing, fresh]);
  const f = forecastAll(h, COMPLETE, '2026-11-20', false);
  const row = (id: string) => f.rows.find((r) => r.id === id)!;

  it('forecasts the two quarters after the last complete one, each point inside its 80% range', () => {
    expect(f.origin).toBe('2026-Q3');
    expect(f.quarters).toEqual(['2026-Q4', '2027-Q1']);
    for (const r of f.rows) for (const q of r.next) expect(q.low <= q.point && q.point <= q.high).toBe(true);
  });

  it('learns that open pipeline carries into next quarter (its coefficient is positive)', () => {
    const m = fitAt(h, COMPLETE)!;
    expect(m.models[0].coef[1]).toBeGreaterThan(0);
    const pts = pointsAt(h, COMPLETE, m.k);
    const g = predict(m, pts.find((p) => p.partner.id === 'GROWING')!, 1);
    const s = predict(m, pts.find((p) => p.partner.id === 'STEADY')!, 1);
    expect(g.point).toBeGreaterThan(s.point);
  });

  it('calls the steady partner steady, the growing one with a big pipeline taking off, the collapsing one stalling', () => {
    expect(row('STEADY').label).toBe('steady');
    expect(row('GROWING').label).toBe('taking_off');
    expect(row('COLLAPSING').label).toBe('stalling');
  });

  it('calls a partner signed last quarter too new to call, and says why', () => {
    expect(row('NEW').label).toBe('too_new');
    expect(row('NEW').drivers[0]!.text).toBe('only 1 quarter of history (4 needed to call a trend)');
  });

  it('explains the taking-off partner with its own numbers (money in minor units)', () => {
    const d = row('GROWING').drivers.map((x) => x.text).join('; ');
    expect(d).toMatch(/open pipeline of \$12k at the end of Q\d \d{4}, 10\.0× its quarterly average/); // minor units: $12k open on a $1.2k average
    expect(row('COLLAPSING').drivers.map((x) => x.text).join('; ')).toMatch(/open pipeline of \$0 at the end of Q\d \d{4}/);
  });

  it('backtests against both baselines on this book, MAPE only over non-zero actuals', () => {
    const b = backtest(h, COMPLETE);
    expect(b.origins.length).toBeGreaterThan(2);
    expect(b.nonZero).toBeLessThanOrEqual(b.n);
    expect(b.model.mae).toBeLessThan(b.lastQuarter.mae);
    expect(b.model.mae).toBeLessThan(b.trailing4.mae);
  });
});
