/**
 * How quarters, fiscal years and plan periods read to a person, in every calendar: the one
 * place the app, the QBR decks and the CLI word them. With the default January start the
 * text is what it always was ("Q4 2026"); with another start month it is the fiscal form
 * ("Q1 FY27"), with the months it covers where a picker offers it ("Q1 FY27 (Jul–Sep 2026)").
 */
import { isPeriod, periodRange } from './plans';
import {
  CALENDAR_YEAR,
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  isCalendarYear,
  parseDate,
  parseQuarter,
  quarterEnd,
  quarterOf,
  quarterStart,
  type FiscalCalendar,
} from './time';

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const SHORT = MONTH_NAMES.map((m) => m.slice(0, 3));

const shortYear = (fy: number) => String(fy % 100).padStart(2, '0');

/**
 * How a screen wrote a calendar quarter before fiscal calendars, kept as it was with a
 * January start: `words` "Q4 2026" (decks, the QBR picker), `label` "2026-Q4" as stored
 * (plan due quarters, action texts), `axis` "2026 Q4" (trend charts), `short` "Q4 26"
 * (slide charts). With any other start month every form is the fiscal one, "Q1 FY27".
 */
export type QuarterForm = 'words' | 'axis' | 'short';

/** The one way a quarter is named for a person: `2026-Q4` → "Q4 2026" (January start), `2027-Q1` → "Q1 FY27" (any other). */
export function quarterText(q: string, cal: FiscalCalendar = CALENDAR_YEAR, form: QuarterForm = 'words'): string {
  const { year, q: n } = parseQuarter(q);
  if (!isCalendarYear(cal)) return `Q${n} FY${shortYear(year)}`;
  switch (form) {
    case 'axis':
      return `${year} Q${n}`;
    case 'short':
      return `Q${n} ${shortYear(year)}`;
    default:
      return `Q${n} ${year}`;
  }
}

/** The months from `start` to `end` (inclusive dates): `Jul–Sep 2026`, `Nov 2026–Jan 2027`, `Jul 2026–Jun 2027`. */
export function monthRangeText(start: string, end: string): string {
  const a = parseDate(start);
  const b = parseDate(end);
  const [am, ay, bm, by] = [SHORT[a.getUTCMonth()], a.getUTCFullYear(), SHORT[b.getUTCMonth()], b.getUTCFullYear()];
  return ay === by ? `${am}–${bm} ${by}` : `${am} ${ay}–${bm} ${by}`;
}

/** The months quarter `q` covers in `cal`: `Jul–Sep 2026`. */
export function quarterMonthsText(q: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return monthRangeText(quarterStart(q, cal), quarterEnd(q, cal));
}

/**
 * A quarter as a picker offers it: the quarter's text, and with a fiscal calendar the
 * months it covers, so "Q1 FY27" is never mistaken for January: `Q1 FY27 (Jul–Sep 2026)`.
 */
export function quarterChoiceText(q: string, cal: FiscalCalendar = CALENDAR_YEAR, form: QuarterForm = 'words'): string {
  return isCalendarYear(cal) ? quarterText(q, cal, form) : `${quarterText(q, cal)} (${quarterMonthsText(q, cal)})`;
}

/** A plan period as a picker offers it: `FY2026` as stored with a January start; `FY2027 (Jul 2026–Jun 2027)` otherwise. */
export function periodChoiceText(period: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  if (isCalendarYear(cal) || !isPeriod(period)) return period;
  const r = periodRange(period, cal);
  return `${period} (${monthRangeText(r.start, r.end)})`;
}

const dayText = (iso: string) => {
  const d = parseDate(iso);
  return `${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};

/**
 * What a calendar means, in one sentence, as of `today`: "FY2027 runs 1 July 2026 – 30 June
 * 2027; this quarter is Q2 FY27 (Oct–Dec 2026)." With a January start: "The fiscal year is
 * the calendar year; this quarter is Q4 2026 (Oct–Dec 2026)."
 */
export function calendarPreviewText(cal: FiscalCalendar, today: string): string {
  const q = quarterOf(today, cal);
  const quarter = `this quarter is ${quarterText(q, cal)} (${quarterMonthsText(q, cal)})`;
  if (isCalendarYear(cal)) return `The fiscal year is the calendar year; ${quarter}.`;
  const fy = fiscalYearOf(today, cal);
  return `FY${fy} runs ${dayText(fiscalYearStart(fy, cal))} – ${dayText(fiscalYearEnd(fy, cal))}; ${quarter}.`;
}
