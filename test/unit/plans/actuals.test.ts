import { describe, expect, it } from 'vitest';
import { computePace, periodRange, previousPeriod, nextPeriod, validateObjective } from '../../../src-shared/domain/plans';
import { createMetricReader, metricForPeriod, periodWindow } from '../../../src-main/services/plans/actuals';
import { getPlan, upsertObjective } from '../../../src-main/services/plans';
import { fixedClock } from '../../../src-main/base/clock';
import { clock, seededBook } from './fixture';

const TODAY = '2026-11-20';

describe('plan periods', () => {
  it('maps years and halves to calendar ranges and steps between them', () => {
    expect(periodRange('FY2026')).toEqual({ start: '2026-01-01', end: '2026-12-31', quarters: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] });
    expect(periodRange('2026-H2')).toEqual({ start: '2026-07-01', end: '2026-12-31', quarters: ['2026-Q3', '2026-Q4'] });
    expect(periodRange('2026-H1').end).toBe('2026-06-30');
    expect(previousPeriod('FY2026')).toBe('FY2025');
    expect(previousPeriod('2026-H1')).toBe('2025-H2');
    expect(previousPeriod('2026-H2')).toBe('2026-H1');
    expect(nextPeriod('2026-H2')).toBe('2027-H1');
    expect(periodWindow('FY2026', TODAY)).toEqual({ from: '2026-01-01', to: TODAY, asOf: TODAY });
    expect(periodWindow('FY2025', TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31' });
    expect(periodWindow('FY2027', TODAY)).toBeNull();
  });
});

describe('actuals of linked metrics (hand-computed from the fixture)', () => {
  const db = seededBook();
  const read = createMetricReader(db.sqlite);
  const fy26 = (m: Parameters<typeof read>[1]) => metricForPeriod(read, 'P-1', m, 'FY2026', TODAY);
  const fy25 = (m: Parameters<typeof read>[1]) => metricForPeriod(read, 'P-1', m, 'FY2025', TODAY);

  it('sourced ARR: won sourced amount closed in the period up to today', () => {
    expect(fy26('sourced_arr')).toBe(15_000_000); // O-1 10M + O-2 5M (closes today); O-3 closes tomorrow
    expect(fy25('sourced_arr')).toBe(9_000_000); // O-7
    expect(metricForPeriod(read, 'P-2', 'sourced_arr', 'FY2026', TODAY)).toBe(50_000_000);
  });
  it('influenced ARR: won influenced amount closed in the period', () => {
    expect(fy26('influenced_arr')).toBe(3_000_000); // O-4
    expect(fy25('influenced_arr')).toBe(0);
  });
  it('pipeline created: sourced amount created in the period, any stage', () => {
    expect(fy26('pipeline_created')).toBe(11_000_000); // O-2 5M + O-5 2M (first day) + O-6 4M (open)
    expect(fy25('pipeline_created')).toBe(19_000_000); // O-1 10M + O-7 9M
  });
  it('deal registrations: submitted in the period, any outcome', () => {
    expect(fy26('deal_registrations')).toBe(3); // D-1 (first day), D-2 (today), D-5 (rejected)
    expect(fy25('deal_registrations')).toBe(1); // D-3
  });
  it('certified people: distinct contacts with a certification valid on the as-of date', () => {
    expect(fy26('certified_people')).toBe(2); // K-1 (twice), K-2 (expires today)
    expect(fy25('certified_people')).toBe(3); // at 2025-12-31: K-1, K-2, K-3
  });
  it('win rate: won / (won + lost) closed in the period; null when nothing closed', () => {
    expect(fy26('win_rate')).toBeCloseTo(3 / 5, 10); // won O-1 O-2 O-4, lost O-5 O-8
    expect(fy25('win_rate')).toBe(1); // O-7 only
    expect(metricForPeriod(read, 'P-3', 'win_rate', 'FY2026', TODAY)).toBeNull();
  });
  it('active contacts: portal logins in the 30 days up to the as-of date', () => {
    expect(fy26('active_contacts')).toBe(2); // K-1, K-2 (first day of the window); K-3 a day too old
    expect(fy25('active_contacts')).toBe(1); // at 2025-12-31: K-1's login event; K-2's is a day early, K-3's is a download
  });
  it('custom metrics are never computed; a future period has no actual yet', () => {
    expect(fy26('custom')).toBeNull();
    expect(metricForPeriod(read, 'P-1', 'sourced_arr', 'FY2027', TODAY)).toBeNull();
  });
});

describe('pace against a linear path', () => {
  // FY2026 due Q4: 324 of 365 days elapsed on 2026-11-20 (Jan 1 … Nov 20 inclusive)
  const elapsed = 324 / 365;
  const base = { periodStart: '2026-01-01', dueQuarter: '2026-Q4', asOf: TODAY };

  it('flow metrics go from zero to the target', () => {
    const p = computePace({ ...base, metric: 'sourced_arr', baseline: 9_000_000, target: 30_000_000, actual: 15_000_000 });
    expect(p.elapsed).toBeCloseTo(elapsed, 10);
    expect(p.expected).toBeCloseTo(30_000_000 * elapsed, 4);
    expect(p.progress).toBeCloseTo(0.5, 10);
    expect(p.pctToTarget).toBeCloseTo(50, 10);
    expect(p.status).toBe('off_track'); // 0.5 < 0.7 × 0.8877
    expect(computePace({ ...base, metric: 'influenced_arr', baseline: 0, target: 3_200_000, actual: 3_000_000 }).status).toBe('on_track'); // 0.9375 ≥ 0.9 × 0.8877
    expect(computePace({ ...base, metric: 'pipeline_created', baseline: 0, target: 15_000_000, actual: 11_000_000 }).status).toBe('at_risk'); // 0.733: ≥ 0.621, < 0.799
    expect(computePace({ ...base, metric: 'deal_registrations', baseline: 1, target: 3, actual: 3 }).status).toBe('done');
  });

  it('level metrics go from the baseline to the target', () => {
    const p = computePace({ ...base, metric: 'certified_people', baseline: 1, target: 3, actual: 2 });
    expect(p.expected).toBeCloseTo(1 + 2 * elapsed, 10);
    expect(p.progress).toBeCloseTo(0.5, 10);
    expect(p.status).toBe('off_track');
    const w = computePace({ ...base, metric: 'win_rate', baseline: 0.5, target: 0.65, actual: 0.6 });
    expect(w.progress).toBeCloseTo(0.1 / 0.15, 10);
    expect(w.status).toBe('at_risk'); // 0.667: ≥ 0.621, < 0.799
    expect(computePace({ ...base, metric: 'active_contacts', baseline: 1, target: 2, actual: 2 }).status).toBe('done');
  });

  it('uses the due quarter: mid-way through H1 for a Q2 objective, missed after its quarter', () => {
    const p = computePace({ metric: 'certified_people', baseline: 0, target: 10, actual: 5, periodStart: '2026-01-01', dueQuarter: '2026-Q2', asOf: '2026-03-31' });
    expect(p.elapsed).toBeCloseTo(90 / 181, 10);
    expect(p.status).toBe('on_track'); // 0.5 ≥ 0.9 × 0.497
    expect(computePace({ ...base, metric: 'active_contacts', baseline: 1, target: 4, actual: 3, dueQuarter: '2026-Q3' }).status).toBe('off_track');
  });

  it('no data and not started', () => {
    expect(computePace({ ...base, metric: 'win_rate', baseline: 0.3, target: 0.4, actual: null }).status).toBe('no_data');
    expect(computePace({ ...base, metric: 'sourced_arr', baseline: 0, target: 10, actual: 0, periodStart: '2027-01-01', dueQuarter: '2027-Q4' }).status).toBe('not_started');
  });
});

describe('plan detail computes every objective', () => {
  it('shows actual, % to target and status; custom actuals come from the typed value', () => {
    const db = seededBook();
    const d = getPlan(db, clock, 'JBP-1');
    expect(d.as_of).toBe(TODAY);
    const [arr, certs, custom] = d.objectives;
    expect(arr).toMatchObject({ id: 'OBJ-1', actual: 15_000_000, pace: { status: 'off_track' } });
    expect(arr!.pace.pctToTarget).toBeCloseTo(50, 10);
    expect(certs).toMatchObject({ id: 'OBJ-2', actual: 2, pace: { status: 'off_track' } });
    expect(custom).toMatchObject({ id: 'OBJ-3', actual: 5 });
    expect(custom!.pace.progress).toBeCloseTo(3 / 4, 10); // (5 − 2) / (6 − 2)
    expect(d.weights).toEqual({ sum: 80, ok: false });
  });

  it('fills a new linked objective’s baseline from the previous period', () => {
    const db = seededBook();
    const { id } = upsertObjective(db, clock, 'JBP-1', undefined, { title: 'Win more', metric: 'win_rate', target: 0.7, weight: 10 });
    const o = getPlan(db, clock, 'JBP-1').objectives.find((x) => x.id === id)!;
    expect(o.baseline).toBe(1); // FY2025 win rate
    expect(o.actual).toBeCloseTo(0.6, 10);
    expect(o.due_quarter).toBe('2026-Q4');
    const arr = upsertObjective(db, clock, 'JBP-1', undefined, { metric: 'influenced_arr', target: 5_000_000 });
    expect(getPlan(db, clock, 'JBP-1').objectives.find((x) => x.id === arr.id)).toMatchObject({
      title: 'Influenced ARR',
      baseline: 0,
      actual: 3_000_000,
    });
  });

  it('switching the metric re-bases the objective: baseline from data, a target in the new unit', () => {
    const db = seededBook();
    upsertObjective(db, clock, 'JBP-1', 'OBJ-2', { metric: 'influenced_arr' });
    expect(getPlan(db, clock, 'JBP-1').objectives[1]).toMatchObject({ metric: 'influenced_arr', baseline: 0, target: 20_000_000, actual: 3_000_000 }); // tier minimum when no history
    upsertObjective(db, clock, 'JBP-1', 'OBJ-3', { metric: 'sourced_arr' });
    expect(getPlan(db, clock, 'JBP-1').objectives[2]).toMatchObject({ metric: 'sourced_arr', unit: null, custom_actual: null, baseline: 9_000_000, target: 10_800_000, actual: 15_000_000 });
  });

  it('measures a past period to its end', () => {
    const db = seededBook();
    const later = fixedClock('2027-03-01');
    expect(getPlan(db, later, 'JBP-1').objectives[0]).toMatchObject({ actual: 22_000_000 }); // + O-3 (closes 2026-11-21)
  });

  it('the shared validator names fields', () => {
    expect(validateObjective({ title: 'x', metric: 'sourced_arr', unit: null, baseline: 0, target: 5, due_quarter: '2026-Q4', weight: 10, custom_actual: null }, 'FY2026')).toEqual([]);
  });
});

describe("the metric reader's statements", () => {
  it("each seeks one partner's rows, never a book-wide index range (the plans list runs one per objective)", () => {
    const db = seededBook();
    const prepared: string[] = [];
    const spy = new Proxy(db.sqlite, {
      get(target, prop) {
        if (prop === 'prepare')
          return (sql: string) => {
            prepared.push(sql);
            return target.prepare(sql);
          };
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    createMetricReader(spy);
    expect(prepared.length).toBeGreaterThan(0);
    for (const sql of prepared) {
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 'x');
      const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
      // Every table the statement reads is searched by the partner (partner_id=?), not scanned by role or date.
      for (const search of plan.split(' | ').filter((d) => /^(SEARCH|SCAN) (opportunity|deal_registration|certification|contact|engagement_event)\b/.test(d)))
        expect(search, sql).toMatch(/partner_id=\?/);
    }
  });
});
