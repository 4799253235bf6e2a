/**
 * Fiscal calendars (issue 14, point 2): quarters `YYYY-Qn` and plan periods keep their
 * labels, their days follow the fiscal year start month; a fiscal year is named by the
 * calendar year it ends in. Start months 1, 4, 7 and 10, around year ends, and a property
 * for every date and every start month.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  carryQuarter,
  computePace,
  periodChoices,
  periodRange,
  periodsOverlap,
  quarterInPeriod,
  validateObjective,
} from '../../../src-shared/domain/plans';
import {
  calendarPreviewText,
  periodChoiceText,
  quarterChoiceText,
  quarterMonthsText,
  quarterText,
} from '../../../src-shared/domain/fiscal-text';
import {
  addDays,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  quarterEnd,
  quarterOf,
  quarterStart,
  shiftQuarter,
  toIsoDate,
  type FiscalCalendar,
} from '../../../src-shared/domain/time';
import { fiscalCalendarSchema } from '../../../src-shared/methods/calendar';
import { describeInput } from '../../../src-shared/input-messages';

const cal = (m: number): FiscalCalendar => ({ fiscalYearStartMonth: m });
const JAN = cal(1);
const APR = cal(4);
const JUL = cal(7);
const OCT = cal(10);

describe('quarter of a date', () => {
  it('with a January start is the calendar quarter (unchanged)', () => {
    expect(quarterOf('2026-12-31', JAN)).toBe('2026-Q4');
    expect(quarterOf('2027-01-01', JAN)).toBe('2027-Q1');
    expect(quarterOf('2026-10-15')).toBe('2026-Q4');
  });

  it('with an April start: FY2027 runs Apr 2026 – Mar 2027', () => {
    expect(quarterOf('2026-03-31', APR)).toBe('2026-Q4');
    expect(quarterOf('2026-04-01', APR)).toBe('2027-Q1');
    expect(quarterOf('2026-12-31', APR)).toBe('2027-Q3');
    expect(quarterOf('2027-01-01', APR)).toBe('2027-Q4');
  });

  it('with a July start: FY2027 runs Jul 2026 – Jun 2027', () => {
    expect(quarterOf('2026-06-30', JUL)).toBe('2026-Q4');
    expect(quarterOf('2026-07-01', JUL)).toBe('2027-Q1');
    expect(quarterOf('2026-11-30', JUL)).toBe('2027-Q2');
    expect(quarterOf('2026-12-31', JUL)).toBe('2027-Q2');
    expect(quarterOf('2027-01-01', JUL)).toBe('2027-Q3');
  });

  it('with an October start: FY2027 runs Oct 2026 – Sep 2027', () => {
    expect(quarterOf('2026-09-30', OCT)).toBe('2026-Q4');
    expect(quarterOf('2026-10-01', OCT)).toBe('2027-Q1');
    expect(quarterOf('2026-12-31', OCT)).toBe('2027-Q1');
    expect(quarterOf('2027-01-01', OCT)).toBe('2027-Q2');
  });
});

describe('quarter start, end and shift', () => {
  it('place each quarter on its months', () => {
    expect([quarterStart('2027-Q1', JUL), quarterEnd('2027-Q1', JUL)]).toEqual(['2026-07-01', '2026-09-30']);
    expect([quarterStart('2027-Q2', JUL), quarterEnd('2027-Q2', JUL)]).toEqual(['2026-10-01', '2026-12-31']);
    expect([quarterStart('2027-Q4', JUL), quarterEnd('2027-Q4', JUL)]).toEqual(['2027-04-01', '2027-06-30']);
    expect([quarterStart('2027-Q4', APR), quarterEnd('2027-Q4', APR)]).toEqual(['2027-01-01', '2027-03-31']);
    expect([quarterStart('2027-Q1', OCT), quarterEnd('2027-Q1', OCT)]).toEqual(['2026-10-01', '2026-12-31']);
    expect([quarterStart('2026-Q1', JAN), quarterEnd('2026-Q1', JAN)]).toEqual(['2026-01-01', '2026-03-31']);
    // a start month off the calendar quarters, with a leap day in its quarter
    expect([quarterStart('2028-Q4', cal(3)), quarterEnd('2028-Q4', cal(3))]).toEqual(['2027-12-01', '2028-02-29']);
  });

  it('shift by label, across fiscal year ends, the same in every calendar', () => {
    expect(shiftQuarter('2027-Q4', 1)).toBe('2028-Q1');
    expect(quarterStart(shiftQuarter('2026-Q4', 1), JUL)).toBe('2026-07-01');
  });

  it('name fiscal years by the calendar year they end in', () => {
    expect(fiscalYearOf('2026-11-30', JUL)).toBe(2027);
    expect(fiscalYearOf('2026-11-30', JAN)).toBe(2026);
    expect(fiscalYearOf('2026-11-30', OCT)).toBe(2027);
    expect(fiscalYearOf('2026-03-31', APR)).toBe(2026);
    expect([fiscalYearStart(2027, JUL), fiscalYearEnd(2027, JUL)]).toEqual(['2026-07-01', '2027-06-30']);
    expect([fiscalYearStart(2026, JAN), fiscalYearEnd(2026, JAN)]).toEqual(['2026-01-01', '2026-12-31']);
  });

  it('refuse a start month that is not a month', () => {
    expect(() => quarterOf('2026-01-01', cal(13))).toThrow(RangeError);
    expect(() => quarterStart('2026-Q1', cal(0))).toThrow(RangeError);
    expect(() => quarterOf('2026-01-01', cal(2.5))).toThrow(RangeError);
  });

  it('hold for every date and every start month: a date lies in its quarter, and the next quarter starts the day after', () => {
    const dates = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2150, 11, 31) }).map((ms) => toIsoDate(new Date(ms)));
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 12 }), (d, m) => {
        const c = cal(m);
        const q = quarterOf(d, c);
        const start = quarterStart(q, c);
        const end = quarterEnd(q, c);
        expect(start <= d && d <= end).toBe(true);
        expect(quarterStart(shiftQuarter(q, 1), c)).toBe(addDays(end, 1));
        expect(quarterOf(start, c)).toBe(q);
        expect(quarterOf(end, c)).toBe(q);
        // the fiscal year holds its four quarters, Q1 starting the year
        const fy = fiscalYearOf(d, c);
        expect(q.startsWith(`${fy}-Q`)).toBe(true);
        expect(quarterStart(`${fy}-Q1`, c)).toBe(fiscalYearStart(fy, c));
        expect(quarterEnd(`${fy}-Q4`, c)).toBe(fiscalYearEnd(fy, c));
        expect(Number(start.slice(5, 7))).toBe(((m - 1 + (Number(q.slice(6)) - 1) * 3) % 12) + 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('plan periods', () => {
  it('keep their quarters and move their days with the calendar', () => {
    expect(periodRange('FY2026')).toEqual({ start: '2026-01-01', end: '2026-12-31', quarters: ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'] });
    expect(periodRange('FY2027', JUL)).toEqual({ start: '2026-07-01', end: '2027-06-30', quarters: ['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4'] });
    expect(periodRange('2027-H1', JUL)).toEqual({ start: '2026-07-01', end: '2026-12-31', quarters: ['2027-Q1', '2027-Q2'] });
    expect(periodRange('2027-H2', JUL)).toEqual({ start: '2027-01-01', end: '2027-06-30', quarters: ['2027-Q3', '2027-Q4'] });
    expect(periodRange('2027-H2', APR)).toEqual({ start: '2026-10-01', end: '2027-03-31', quarters: ['2027-Q3', '2027-Q4'] });
    expect(periodRange('FY2027', OCT)).toMatchObject({ start: '2026-10-01', end: '2027-09-30' });
  });

  it('offer this fiscal year and the next around today', () => {
    expect(periodChoices('2026-11-30')).toEqual(['FY2026', '2026-H1', '2026-H2', 'FY2027', '2027-H1', '2027-H2', 'FY2025']);
    expect(periodChoices('2026-11-30', JUL)).toEqual(['FY2027', '2027-H1', '2027-H2', 'FY2028', '2028-H1', '2028-H2', 'FY2026']);
    expect(periodChoices('2026-03-31', APR)[0]).toBe('FY2026');
    expect(periodChoices('2026-04-01', APR)[0]).toBe('FY2027');
  });

  it('carry a quarter into the same position of the new period, and tell overlaps by quarter', () => {
    expect(carryQuarter('2026-Q3', 'FY2027')).toBe('2027-Q3');
    expect(carryQuarter('2026-Q1', '2027-H2')).toBe('2027-Q4');
    expect(periodsOverlap('FY2027', '2027-H2')).toBe(true);
    expect(periodsOverlap('FY2027', '2026-H2')).toBe(false);
  });

  it('place a date in its fiscal quarter of the period', () => {
    expect(quarterInPeriod('2026-11-30', 'FY2027', JUL)).toBe(true);
    expect(quarterInPeriod('2026-11-30', 'FY2027', JAN)).toBe(false);
    expect(quarterInPeriod('2026-11-30', '2027-H1', JUL)).toBe(true);
  });

  it('judge pace against the due quarter’s fiscal end', () => {
    const args = { metric: 'certified_people' as const, baseline: 0, target: 10, actual: 5, periodStart: '2026-07-01', dueQuarter: '2027-Q2', asOf: '2026-10-01' };
    // July start: 2027-Q2 ends 2026-12-31, half the time has gone by on 1 Oct.
    expect(computePace({ ...args, calendar: JUL }).elapsed).toBeCloseTo(0.5, 1);
    // Calendar quarters: 2027-Q2 ends 2027-06-30, a quarter of the way there.
    expect(computePace(args).elapsed).toBeCloseTo(0.25, 1);
  });

  it('validate a due quarter by its label, whatever the calendar', () => {
    const o = { title: 'x', metric: 'sourced_arr' as const, unit: null, baseline: 0, target: 5, due_quarter: '2027-Q2', weight: 10, custom_actual: null };
    expect(validateObjective(o, 'FY2027')).toEqual([]);
    expect(validateObjective({ ...o, due_quarter: '2026-Q4' }, 'FY2027')[0]?.message).toContain('2027-Q1 to 2027-Q4');
  });
});

describe('quarter text', () => {
  it('keeps every form of today with a January start', () => {
    expect(quarterText('2026-Q4', JAN)).toBe('Q4 2026');
    expect(quarterText('2026-Q4', JAN, 'axis')).toBe('2026 Q4');
    expect(quarterText('2026-Q4', JAN, 'short')).toBe('Q4 26');
    expect(quarterChoiceText('2026-Q4', JAN)).toBe('Q4 2026');
    expect(periodChoiceText('FY2026', JAN)).toBe('FY2026');
  });

  it('names fiscal quarters, with their months where a picker offers them', () => {
    for (const form of ['words', 'axis', 'short'] as const) expect(quarterText('2027-Q2', JUL, form)).toBe('Q2 FY27');
    expect(quarterChoiceText('2027-Q1', JUL)).toBe('Q1 FY27 (Jul–Sep 2026)');
    expect(quarterMonthsText('2027-Q1', cal(12))).toBe('Dec 2026–Feb 2027');
    expect(periodChoiceText('FY2027', JUL)).toBe('FY2027 (Jul 2026–Jun 2027)');
    expect(periodChoiceText('2027-H2', JUL)).toBe('2027-H2 (Jan–Jun 2027)');
  });

  it('previews what a calendar means', () => {
    expect(calendarPreviewText(JUL, '2026-11-30')).toBe('FY2027 runs 1 July 2026 – 30 June 2027; this quarter is Q2 FY27 (Oct–Dec 2026).');
    expect(calendarPreviewText(JAN, '2026-11-30')).toBe('The fiscal year is the calendar year; this quarter is Q4 2026 (Oct–Dec 2026).');
    expect(calendarPreviewText(APR, '2026-11-30')).toBe('FY2027 runs 1 April 2026 – 31 March 2027; this quarter is Q3 FY27 (Oct–Dec 2026).');
  });
});

describe('the calendar setting', () => {
  it('accepts a whole month from 1 to 12 and refuses anything else with a sentence', () => {
    expect(fiscalCalendarSchema.safeParse({ fiscalYearStartMonth: 7 }).success).toBe(true);
    for (const bad of [0, 13, 6.5, '7', null]) {
      const r = fiscalCalendarSchema.safeParse({ fiscalYearStartMonth: bad });
      expect(r.success).toBe(false);
      if (!r.success) {
        expect(describeInput(r.error.issues, 'calendar.set').message).toBe(
          'The fiscal year start month must be a month from 1 (January) to 12 (December).',
        );
      }
    }
    const missing = fiscalCalendarSchema.safeParse({});
    expect(missing.success).toBe(false);
  });
});
