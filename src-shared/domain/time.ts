/** Calendar helpers on ISO dates (UTC). Quarters are fiscal quarters `YYYY-Qn` of a FiscalCalendar (below). */

export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

const DAY_MS = 86_400_000;

export function parseDate(iso: string): Date {
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${iso}`);
  return d;
}

export function toIsoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function toIsoInstant(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

// addDays and daysBetween are memoised: the action rules and the health inputs run them
// tens of thousands of times over a few thousand distinct dates, and Date parsing and
// formatting dominated their time. Both caches are bounded.
const CACHE_LIMIT = 50_000;
const epochMs = new Map<string, number>();
const shifted = new Map<number, Map<string, string>>();

function msOf(iso: string): number {
  let ms = epochMs.get(iso);
  if (ms === undefined) {
    ms = parseDate(iso).getTime();
    if (epochMs.size >= CACHE_LIMIT) epochMs.clear();
    epochMs.set(iso, ms);
  }
  return ms;
}

/** `iso` (a date or an instant) moved by `days` calendar days, as `YYYY-MM-DD`. */
export function addDays(iso: string, days: number): string {
  // Keyed by the shift, then the day: no key text built (and hashed) per call.
  let byDay = shifted.get(days);
  if (byDay === undefined) {
    if (shifted.size >= 1_000) shifted.clear();
    shifted.set(days, (byDay = new Map()));
  }
  let out = byDay.get(iso);
  if (out === undefined) {
    out = toIsoDate(new Date(msOf(iso) + days * DAY_MS));
    if (byDay.size >= CACHE_LIMIT) byDay.clear();
    byDay.set(iso, out);
  }
  return out;
}

/** Whole days from `fromIso` to `toIso` (negative when `toIso` is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((msOf(toIso) - msOf(fromIso)) / DAY_MS);
}

/** The first day of `iso`'s month moved by `months` months: (`2026-01-31`, 1) → `2026-02-01`. */
export function monthStart(iso: string, months = 0): string {
  const d = parseDate(iso);
  return toIsoDate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1)));
}

// ---- quarters and fiscal years ------------------------------------------------------------
//
// A quarter label `YYYY-Qn` names a FISCAL quarter: fiscal year YYYY, quarter n of it. The
// fiscal calendar says where its days fall. A fiscal year is named by the calendar year in
// which it ends (with a July start, FY2027 runs 1 Jul 2026 – 30 Jun 2027); with the default
// January start the fiscal year is the calendar year and every quarter a calendar quarter.
// Label arithmetic (parseQuarter, shiftQuarter, quartersEnding) needs no calendar; turning
// a label into dates or a date into a label (quarterOf, quarterStart, quarterEnd) does.

/** The book's fiscal calendar: the month (1 = January … 12 = December) its fiscal year starts in. */
export interface FiscalCalendar {
  readonly fiscalYearStartMonth: number;
}

/** Fiscal years that are calendar years: the default, and what every stored quarter meant before the setting. */
export const CALENDAR_YEAR: FiscalCalendar = Object.freeze({ fiscalYearStartMonth: 1 });

/** Months from January to the fiscal year's first month (0 for a calendar year). */
function offsetOf(cal: FiscalCalendar): number {
  const m = cal.fiscalYearStartMonth;
  if (!Number.isInteger(m) || m < 1 || m > 12) throw new RangeError(`not a fiscal year start month: ${m} (expected 1 to 12)`);
  return m - 1;
}

/** Whether `cal` is the plain calendar year (quarters are calendar quarters). */
export function isCalendarYear(cal: FiscalCalendar): boolean {
  return offsetOf(cal) === 0;
}

/** The fiscal year `iso` falls in, named by the calendar year it ends in. */
export function fiscalYearOf(iso: string, cal: FiscalCalendar = CALENDAR_YEAR): number {
  const o = offsetOf(cal);
  const d = parseDate(iso);
  return d.getUTCFullYear() + (o > 0 && d.getUTCMonth() >= o ? 1 : 0);
}

/** First day of fiscal year `fy`, inclusive: FY2027 with a July start → `2026-07-01`. */
export function fiscalYearStart(fy: number, cal: FiscalCalendar = CALENDAR_YEAR): string {
  const o = offsetOf(cal);
  return toIsoDate(new Date(Date.UTC(o > 0 ? fy - 1 : fy, o, 1)));
}

/** Last day of fiscal year `fy`, inclusive. */
export function fiscalYearEnd(fy: number, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return addDays(fiscalYearStart(fy + 1, cal), -1);
}

/** The fiscal quarter `iso` falls in: `2026-10-15` is `2026-Q4` with a January start, `2027-Q2` with a July start. */
export function quarterOf(iso: string, cal: FiscalCalendar = CALENDAR_YEAR): Quarter {
  const o = offsetOf(cal);
  const d = parseDate(iso);
  const monthInYear = (d.getUTCMonth() - o + 12) % 12;
  return `${fiscalYearOf(iso, cal)}-Q${(Math.floor(monthInYear / 3) + 1) as 1 | 2 | 3 | 4}`;
}

export function parseQuarter(q: string): { year: number; q: 1 | 2 | 3 | 4 } {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  if (!m) throw new RangeError(`not a quarter: ${q} (expected YYYY-Qn)`);
  return { year: Number(m[1]), q: Number(m[2]) as 1 | 2 | 3 | 4 };
}

// Quarter bounds are memoised too (per quarter label and fiscal start month): plan pace and
// the action rules ask for the same few quarters thousands of times per recompute.
const quarterBounds = new Map<string, { start: string; end: string }>();

function boundsOf(q: string, cal: FiscalCalendar): { start: string; end: string } {
  const key = `${q}|${offsetOf(cal)}`;
  let b = quarterBounds.get(key);
  if (b === undefined) {
    const { year, q: n } = parseQuarter(q);
    const start = monthStart(fiscalYearStart(year, cal), (n - 1) * 3);
    const next = shiftQuarter(q, 1);
    const p = parseQuarter(next);
    b = { start, end: addDays(monthStart(fiscalYearStart(p.year, cal), (p.q - 1) * 3), -1) };
    if (quarterBounds.size >= CACHE_LIMIT) quarterBounds.clear();
    quarterBounds.set(key, b);
  }
  return b;
}

/** First day of the quarter, inclusive: `2027-Q1` is `2027-01-01` with a January start, `2026-07-01` with a July start. */
export function quarterStart(q: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return boundsOf(q, cal).start;
}

/** Last day of the quarter, inclusive. */
export function quarterEnd(q: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return boundsOf(q, cal).end;
}

/**
 * The last day of quarter `q`'s first `days` days (1: its first day), at most its end: how a
 * quarter so far is set against the same days of another (the QBR pack, the voice view).
 */
export function sameDaysEnd(q: string, days: number, cal: FiscalCalendar = CALENDAR_YEAR): string {
  const { start, end } = boundsOf(q, cal);
  const day = addDays(start, days - 1);
  return day < end ? day : end;
}

/** The quarter `by` quarters after `q` (before, when negative): label arithmetic, the same in every calendar. */
export function shiftQuarter(q: string, by: number): Quarter {
  const { year, q: n } = parseQuarter(q);
  const idx = year * 4 + (n - 1) + by;
  return `${Math.floor(idx / 4)}-Q${((idx % 4) + 1) as 1 | 2 | 3 | 4}`;
}

/** The `count` quarters ending with `last`, oldest first. */
export function quartersEnding(last: string, count: number): Quarter[] {
  return Array.from({ length: count }, (_, i) => shiftQuarter(last, i - count + 1));
}

// ---- what the app accepts as a date at its boundaries ------------------------------------

/** Years a date typed into the app may have: wide enough for any plan, narrow enough that quarter arithmetic stays in four digits. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

function yearProblem(year: number): string | null {
  return year < MIN_YEAR || year > MAX_YEAR ? `the year must be between ${MIN_YEAR} and ${MAX_YEAR}` : null;
}

/** Why `s` is not a real calendar date `YYYY-MM-DD` the app accepts (e.g. `2026-02-30`), or null when it is one. */
export function dateProblem(s: string): string | null {
  const m = DATE_RE.exec(s);
  if (!m) return `'${clip(s)}' is not a date; a date looks like 2026-11-20`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const years = yearProblem(year);
  if (years) return `${s}: ${years}`;
  if (month < 1 || month > 12) return `${s} is not a real date (there is no month ${m[2]})`;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) return `${s} is not a real date (that month has ${last} days)`;
  return null;
}

export function isCalendarDate(s: string): boolean {
  return dateProblem(s) === null;
}

/** Why `q` is not a quarter `YYYY-Qn` the app accepts, or null when it is one. */
export function quarterProblem(q: string): string | null {
  const m = QUARTER_RE.exec(q);
  if (!m) return `'${clip(q)}' is not a quarter; a quarter looks like 2026-Q3`;
  const years = yearProblem(Number(m[1]));
  return years ? `${q}: ${years}` : null;
}

/** Why `s` is not a UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` with a real date and time, or null when it is one. */
export function instantProblem(s: string): string | null {
  const m = INSTANT_RE.exec(s);
  if (!m) return `'${clip(s)}' is not a timestamp; one looks like 2026-11-20T09:30:00Z`;
  const date = dateProblem(m[1]!);
  if (date) return date;
  if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 59) return `${s} is not a real time of day`;
  return null;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
