/** The window a QBR pack covers: a quarter of the book's fiscal calendar, cut at the book's as-of date while it is running. */
import { CALENDAR_YEAR, daysBetween, parseQuarter, quarterEnd, quarterOf, quarterStart, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { fieldError } from '../../base/errors';

export interface QbrPeriod {
  /** The fiscal calendar the quarter's days come from. */
  calendar: FiscalCalendar;
  quarter: string;
  previousQuarter: string;
  start: string;
  /** Last day of the quarter. */
  end: string;
  /** The date the numbers are taken at: the quarter's end, or today for the running quarter. */
  asOf: string;
  complete: boolean;
  daysElapsed: number;
  daysTotal: number;
}

export interface Window {
  start: string;
  /** Inclusive. */
  end: string;
}

export function resolvePeriod(quarter: string | undefined, today: string, cal: FiscalCalendar = CALENDAR_YEAR): QbrPeriod {
  const q = quarter ?? quarterOf(today, cal);
  try {
    parseQuarter(q);
  } catch {
    throw fieldError('invalid_input', 'quarter', `Quarter: '${q}' is not a quarter; a quarter looks like 2026-Q3.`);
  }
  const start = quarterStart(q, cal);
  const end = quarterEnd(q, cal);
  if (start > today) {
    throw fieldError('invalid_input', 'quarter', `Quarter ${q} has not started yet (the book is as of ${today}); choose this quarter or an earlier one.`);
  }
  const complete = end <= today;
  const asOf = complete ? end : today;
  return {
    calendar: cal,
    quarter: q,
    previousQuarter: shiftQuarter(q, -1),
    start,
    end,
    asOf,
    complete,
    daysElapsed: daysBetween(start, asOf) + 1,
    daysTotal: daysBetween(start, end) + 1,
  };
}

/** The window of quarter `q` in `cal` as seen on `today` (cut at today while it runs). */
export function quarterWindow(q: string, today: string, cal: FiscalCalendar = CALENDAR_YEAR): Window {
  const end = quarterEnd(q, cal);
  return { start: quarterStart(q, cal), end: end <= today ? end : today };
}
