/** The window a QBR pack covers: a quarter of the book's fiscal calendar, cut at the book's as-of date while it is running. */
import { CALENDAR_YEAR, daysBetween, parseQuarter, quarterEnd, quarterOf, quarterStart, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { ServiceError } from '../../base/errors';

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
    throw new ServiceError('invalid_input', `quarter: expected YYYY-Qn, got '${q}'`, [{ path: 'quarter', message: 'expected YYYY-Qn' }]);
  }
  const start = quarterStart(q, cal);
  const end = quarterEnd(q, cal);
  if (start > today) {
    throw new ServiceError('invalid_input', `quarter: ${q} has not started yet (the book is as of ${today}).`, [
      { path: 'quarter', message: 'in the future' },
    ]);
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
