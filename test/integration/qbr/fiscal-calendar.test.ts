/**
 * The fiscal calendar through the API a screen uses (issue 14, point 2): saving a start
 * month moves the days of every quarter and plan period at once, for the QBR pack, the
 * action rules, the plans and the health trend; quarter names keep their labels. On
 * 2026-11-30 the current quarter is Q4 2026 with calendar quarters and Q2 FY27 with a July
 * start (both 1 Oct – 31 Dec 2026); with a February start it runs 1 Nov 2026 – 31 Jan 2027.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { computeActions } from '../../../src-main/services/actions/service';
import { loadSnapshot } from '../../../src-main/services/actions/snapshot';
import { getActionSettings } from '../../../src-main/services/actions/settings';
import { createSyncService } from '../../../src-main/sync/service';
import type { FiscalCalendar } from '../../../src-shared/methods/calendar';
import type { HealthPartnerDetail } from '../../../src-shared/methods/health';
import type { NewPlanOptions, PlanDetail } from '../../../src-shared/methods/plans';
import type { QbrMetric, QbrPack } from '../../../src-shared/methods/qbr';
import { withAppHandlers } from '../../support/api';
import { qbrBook } from '../../unit/qbr/fixtures';

const TODAY = '2026-11-30';

function setup() {
  const db = qbrBook();
  const clock = fixedClock(`${TODAY}T09:00:00Z`);
  const events = new EventBus();
  const changed: string[][] = [];
  events.on('data.changed', ({ entities }) => changed.push(entities));
  const sync = createSyncService({ db, clock, events, source: () => null });
  const r = createRouter(withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: ':memory:' }), { clock }));
  const call = async <T,>(method: string, input: unknown = {}): Promise<T> => {
    const res = await r.handle(method, input);
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return res.value as T;
  };
  return { db, r, call, changed };
}

const titleOf = (pack: QbrPack) => (pack.sections.find((s) => s.key === 'title')!.data as { subtitle: string }).subtitle;

describe('the QBR pack follows the fiscal calendar', () => {
  it('names the current quarter Q4 2026 with calendar quarters and Q2 FY27 with a July start, over the same days', async () => {
    const { call } = setup();
    expect(await call<FiscalCalendar>('calendar.get')).toEqual({ fiscalYearStartMonth: 1 });
    const jan = await call<QbrPack>('qbr.pack', { partnerId: 'P-1' });
    expect([jan.quarter, jan.period.start, jan.period.end]).toEqual(['2026-Q4', '2026-10-01', '2026-12-31']);
    expect(titleOf(jan)).toBe('Quarterly business review · Q4 2026');

    expect(await call<FiscalCalendar>('calendar.set', { fiscalYearStartMonth: 7 })).toEqual({ fiscalYearStartMonth: 7 });
    const jul = await call<QbrPack>('qbr.pack', { partnerId: 'P-1' });
    expect([jul.quarter, jul.previousQuarter, jul.period.start, jul.period.end]).toEqual(['2027-Q2', '2027-Q1', '2026-10-01', '2026-12-31']);
    expect(titleOf(jul)).toBe('Quarterly business review · Q2 FY27');
    expect(jul.calendar).toEqual({ fiscalYearStartMonth: 7 });
  });

  it('reads a stored quarter label in the calendar: 2027-Q1 is Jul–Sep 2026 with a July start, not yet begun with calendar quarters', async () => {
    const { r, call } = setup();
    const refused = await r.handle('qbr.pack', { partnerId: 'P-1', quarter: '2027-Q1' });
    expect(!refused.ok && refused.error.message).toContain('has not started yet');
    await call('calendar.set', { fiscalYearStartMonth: 7 });
    const q1 = await call<QbrPack>('qbr.pack', { partnerId: 'P-1', quarter: '2027-Q1' });
    expect([q1.period.start, q1.period.end, q1.period.complete]).toEqual(['2026-07-01', '2026-09-30', true]);
    // The figures are those days' deals: the fixture's 100k sourced win of 10 Aug 2026, and
    // the previous quarter (Apr–Jun 2026) its 40k win of 1 May.
    const metrics = (q1.sections.find((s) => s.key === 'scorecard')!.data as { metrics: QbrMetric[] }).metrics;
    expect(metrics.find((m) => m.key === 'sourced_arr')).toMatchObject({ current: 10_000_000, previous: 4_000_000 });
  });

  it('moves the days with a February start: the current quarter runs 1 Nov 2026 – 31 Jan 2027', async () => {
    const { call } = setup();
    await call('calendar.set', { fiscalYearStartMonth: 2 });
    const feb = await call<QbrPack>('qbr.pack', { partnerId: 'P-1' });
    expect([feb.quarter, feb.period.start, feb.period.end, feb.period.daysTotal]).toEqual(['2027-Q4', '2026-11-01', '2027-01-31', 92]);
  });
});

describe('action rules follow the fiscal calendar', () => {
  it('raise the QBR-due action by the fiscal quarter’s end and name it in fiscal words', async () => {
    const { db, call } = setup();
    const qbrDue = () => computeActions(db, TODAY).items.find((i) => i.rule === 'qbr_due' && i.partnerId === 'P-1');
    // Calendar quarters: Q4 ends 31 Dec, 31 days away, inside the 45-day window.
    expect(qbrDue()).toMatchObject({ key: 'qbr_due:P-1:2026-Q4', dueDate: '2026-12-31' });
    expect(qbrDue()!.suggestion).toContain('Q4 2026 QBR pack');
    await call('calendar.set', { fiscalYearStartMonth: 7 });
    expect(qbrDue()).toMatchObject({ key: 'qbr_due:P-1:2027-Q2', dueDate: '2026-12-31' });
    expect(qbrDue()!.suggestion).toContain('Q2 FY27 QBR pack');
    // A February start: the quarter ends 31 Jan 2027, 62 days away, so no QBR is due yet.
    await call('calendar.set', { fiscalYearStartMonth: 2 });
    expect(qbrDue()).toBeUndefined();
  });

  it('pace a live plan over its fiscal period: FY2027 is live on 30 Nov 2026 with a July start only', async () => {
    const { db, call } = setup();
    await call('calendar.set', { fiscalYearStartMonth: 7 });
    const { id } = await call<{ id: string }>('plans.create', { partnerId: 'P-1', period: 'FY2027', from: 'template' });
    const live = () => loadSnapshot(db, TODAY, getActionSettings(db)).objectives.filter((o) => o.jbpId === id);
    expect(live().length).toBeGreaterThan(0);
    expect(live()[0]).toMatchObject({ periodStart: '2026-07-01', periodEnd: '2027-06-30' });
    await call('calendar.set', { fiscalYearStartMonth: 1 });
    expect(live()).toEqual([]);
  });
});

describe('plans follow the fiscal calendar', () => {
  it('offer this fiscal year first and date a plan period by it', async () => {
    const { call } = setup();
    expect((await call<NewPlanOptions>('plans.newOptions', { partnerId: 'P-1' })).periods[0]!.period).toBe('FY2026');
    await call('calendar.set', { fiscalYearStartMonth: 7 });
    const opts = await call<NewPlanOptions>('plans.newOptions', { partnerId: 'P-1' });
    expect(opts.periods.map((p) => p.period).slice(0, 3)).toEqual(['FY2027', '2027-H1', '2027-H2']);
    const { id } = await call<{ id: string }>('plans.create', { partnerId: 'P-1', period: '2027-H1', from: 'template' });
    const plan = await call<PlanDetail>('plans.get', { id });
    expect(plan.period).toEqual({ start: '2026-07-01', end: '2026-12-31', quarters: ['2027-Q1', '2027-Q2'] });
    expect(plan.calendar).toEqual({ fiscalYearStartMonth: 7 });
    // The label is the truth: back on calendar quarters the same plan covers Jan–Jun 2027.
    await call('calendar.set', { fiscalYearStartMonth: 1 });
    expect((await call<PlanDetail>('plans.get', { id })).period).toMatchObject({ start: '2027-01-01', end: '2027-06-30' });
  });
});

describe('health trends follow the fiscal calendar', () => {
  it('end each trend point on a fiscal quarter end', async () => {
    const { call } = setup();
    const before = await call<HealthPartnerDetail>('health.partner', { id: 'P-1' });
    expect(before.trend.at(-2)).toMatchObject({ quarter: '2026-Q3', asOf: '2026-09-30' });
    await call('calendar.set', { fiscalYearStartMonth: 2 });
    const after = await call<HealthPartnerDetail>('health.partner', { id: 'P-1' });
    expect(after.trend.at(-1)).toMatchObject({ quarter: '2027-Q4', asOf: TODAY });
    expect(after.trend.at(-2)).toMatchObject({ quarter: '2027-Q3', asOf: '2026-10-31' });
  });
});

describe('calendar.set', () => {
  it('refuses what is not a month with a sentence, stores nothing, and announces a change to every screen', async () => {
    const { r, call, changed } = setup();
    for (const bad of [13, 0, 6.5, '7']) {
      const res = await r.handle('calendar.set', { fiscalYearStartMonth: bad });
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error.code).toBe('invalid_input');
        expect(res.error.message).toBe('The fiscal year start month must be a month from 1 (January) to 12 (December).');
      }
    }
    expect(await call<FiscalCalendar>('calendar.get')).toEqual({ fiscalYearStartMonth: 1 });
    expect(changed).toEqual([]);
    await call('calendar.set', { fiscalYearStartMonth: 4 });
    expect(changed.at(-1)).toEqual(expect.arrayContaining(['calendar', 'health_settings', 'setting']));
    expect(await call<FiscalCalendar>('calendar.get')).toEqual({ fiscalYearStartMonth: 4 });
  });
});
