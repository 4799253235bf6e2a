/** The window a QBR pack covers: a calendar quarter, cut at the book's as-of date while it is running. */
import { daysBetween, parseQuarter, quarterEnd, quarterOf, quarterStart, shiftQuarter } from '../../../src-shared/domain/time';
import { ServiceError } from '../../base/errors';

export interface QbrPeriod {
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

export function resolvePeriod(quarter: string | undefined, today: string): QbrPeriod {
  const q = quarter ?? quarterOf(today);
  try {
    parseQuarter(q);
  } catch {
    throw new ServiceError('invalid_input', `quarter: expected YYYY-Qn, got '${q}'`, [{ path: 'quarter', message: 'expected YYYY-Qn' }]);
  }
  const start = quarterStart(q);
  const end = quarterEnd(q);
  if (start > today) {
    throw new ServiceError('invalid_input', `quarter: ${q} has not started yet (the book is as of ${today}).`, [
      { path: 'quarter', message: 'in the future' },
    ]);
  }
  const complete = end <= today;
  const asOf = complete ? end : today;
  return {
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

/** The window of quarter `q` as seen on `today` (cut at today while it runs). */
export function quarterWindow(q: string, today: string): Window {
  const end = quarterEnd(q);
  return { start: quarterStart(q), end: end <= today ? end : today };
}
