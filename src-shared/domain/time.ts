/** Calendar helpers on ISO dates (UTC). Quarters are calendar quarters, `YYYY-Qn`. */

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
const shifted = new Map<string, string>();

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
  const key = `${iso}|${days}`;
  let out = shifted.get(key);
  if (out === undefined) {
    out = toIsoDate(new Date(msOf(iso) + days * DAY_MS));
    if (shifted.size >= CACHE_LIMIT) shifted.clear();
    shifted.set(key, out);
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

export function quarterOf(iso: string): Quarter {
  const d = parseDate(iso);
  return `${d.getUTCFullYear()}-Q${(Math.floor(d.getUTCMonth() / 3) + 1) as 1 | 2 | 3 | 4}`;
}

export function parseQuarter(q: string): { year: number; q: 1 | 2 | 3 | 4 } {
  const m = /^(\d{4})-Q([1-4])$/.exec(q);
  if (!m) throw new RangeError(`not a quarter: ${q} (expected YYYY-Qn)`);
  return { year: Number(m[1]), q: Number(m[2]) as 1 | 2 | 3 | 4 };
}

/** First day of the quarter, inclusive. */
export function quarterStart(q: string): string {
  const { year, q: n } = parseQuarter(q);
  return `${year}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`;
}

/** Last day of the quarter, inclusive. */
export function quarterEnd(q: string): string {
  return addDays(quarterStart(shiftQuarter(q, 1)), -1);
}

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
