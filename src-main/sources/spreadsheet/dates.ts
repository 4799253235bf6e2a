/**
 * Dates in spreadsheet cells. A column's day/month order is read from ALL of its values
 * (detectDateOrder); a column where every value reads both ways is ambiguous and the
 * user is asked, never guessed for. Re-exported by values.ts. Pure functions, no I/O.
 */
import { isMissing } from './missing';

export type DateOrder = 'iso' | 'mdy' | 'dmy' | 'serial';

export interface DateColumnReading {
  order: DateOrder | null;
  /** Every slash/dash value reads both as month/day and day/month: ask the user. */
  ambiguous: boolean;
  /** Orders that fit the column: ['mdy','dmy'] when ambiguous, [order] when decided, [] otherwise. */
  candidates: DateOrder[];
  /** `index` is the position in the array given to detectDateOrder. */
  bad: { index: number; value: string }[];
}

/** Excel serial numbers accepted as dates: 1 (1900-01-01) .. 80000 (2119-01-10). */
export const MAX_SERIAL = 80000;

const TIME = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?`;
/** Year first: 2018-02-26, 2018/2/26, 2018.02.26, optionally with a time. */
const YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
/** Day and month in some order, then a 2- or 4-digit year: 26/02/2018, 2-26-18, 26.02.2018 19:58. */
const PARTS = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{2}|\d{4})${TIME}$`);
const SERIAL = /^\d+(?:\.\d+)?$/;

type Shape =
  | { kind: 'ymd'; y: number; m: number; d: number }
  | { kind: 'parts'; first: number; second: number; y: number }
  | { kind: 'serial'; n: number };

function shapeOf(value: string): Shape | null {
  const v = value.trim();
  const ymd = YMD.exec(v);
  if (ymd) return validTime(ymd, 5) ? { kind: 'ymd', y: Number(ymd[1]), m: Number(ymd[3]), d: Number(ymd[4]) } : null;
  const parts = PARTS.exec(v);
  if (parts) {
    if (!validTime(parts, 5)) return null;
    const y = parts[4]!;
    const year = y.length === 2 ? (Number(y) < 70 ? 2000 : 1900) + Number(y) : Number(y);
    return { kind: 'parts', first: Number(parts[1]), second: Number(parts[3]), y: year };
  }
  if (SERIAL.test(v)) {
    const n = Number(v);
    return n >= 1 && n <= MAX_SERIAL ? { kind: 'serial', n } : null;
  }
  return null;
}

/** The time after a date, if any: 0-23 hours (1-12 with AM/PM), 0-59 minutes and seconds. */
function validTime(m: RegExpExecArray, at: number): boolean {
  if (m[at] === undefined) return true;
  const h = Number(m[at]);
  const min = Number(m[at + 1]);
  const s = m[at + 2] === undefined ? 0 : Number(m[at + 2]);
  const ampm = m[at + 3] !== undefined;
  return (ampm ? h >= 1 && h <= 12 : h <= 23) && min <= 59 && s <= 59;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function isoOf(y: number, m: number, d: number): string | null {
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Excel's 1900 date system: 1 = 1900-01-01, 60 = the 1900-02-29 that never was, 61 = 1900-03-01, 25569 = 1970-01-01. */
function serialToIso(n: number): string | null {
  const days = Math.floor(n);
  if (days < 1 || days > MAX_SERIAL || days === 60) return null;
  const epoch = Date.UTC(1899, 11, days < 60 ? 31 : 30);
  return new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * One value as 'YYYY-MM-DD' under the given order, or null when it is not a real calendar
 * date that way (month lengths and leap years checked; a time after the date is allowed
 * and dropped). Year-first dates (2018-02-26) are unambiguous and read under every order;
 * 'iso' reads only those. 2-digit years: 00-69 -> 20xx, 70-99 -> 19xx. 'serial' reads
 * Excel serial numbers (1900 system) from 1 to 80000.
 */
export function parseDate(v: string, order: DateOrder): string | null {
  const shape = shapeOf(v);
  if (!shape) return null;
  switch (shape.kind) {
    case 'ymd':
      return isoOf(shape.y, shape.m, shape.d);
    case 'serial':
      return order === 'serial' ? serialToIso(shape.n) : null;
    case 'parts':
      if (order === 'mdy') return isoOf(shape.y, shape.first, shape.second);
      if (order === 'dmy') return isoOf(shape.y, shape.second, shape.first);
      return null;
  }
}

/**
 * How a column writes its dates, from ALL of its values (missing ones ignored):
 * - every value an Excel serial number -> 'serial';
 * - year-first dates only -> 'iso';
 * - day/month forms: a first part 13-31 (with a second part ≤ 12) proves day-first ->
 *   'dmy'; a second part 13-31 (first ≤ 12) proves month-first -> 'mdy'; both proofs in
 *   one column -> order null, ambiguous false, the proving values of both kinds in `bad`;
 *   no proof either way -> order null, ambiguous true, candidates ['mdy','dmy'] (ask);
 *   year-first values may be mixed in (they read under either order).
 * `bad` also lists values that fit no form (or are serial numbers among text dates) and,
 * once the order is known, values that are no real date in it (31/02/2019).
 */
export function detectDateOrder(values: readonly string[]): DateColumnReading {
  const present: { index: number; value: string; shape: Shape | null }[] = [];
  values.forEach((value, index) => {
    if (!isMissing(value)) present.push({ index, value, shape: shapeOf(value) });
  });
  if (present.length === 0) return { order: null, ambiguous: false, candidates: [], bad: [] };

  const badOf = (list: typeof present) => list.map(({ index, value }) => ({ index, value }));
  const decided = (order: DateOrder): DateColumnReading => ({
    order,
    ambiguous: false,
    candidates: [order],
    bad: badOf(present.filter((p) => parseDate(p.value, order) === null)),
  });

  if (present.every((p) => p.shape?.kind === 'serial')) return decided('serial');

  const parts = present.filter((p) => p.shape?.kind === 'parts');
  if (parts.length === 0) {
    if (present.some((p) => p.shape?.kind === 'ymd')) return decided('iso');
    return { order: null, ambiguous: false, candidates: [], bad: badOf(present) };
  }

  const inRange = (day: number, month: number) => day >= 13 && day <= 31 && month >= 1 && month <= 12;
  const dayFirst = parts.filter((p) => p.shape?.kind === 'parts' && inRange(p.shape.first, p.shape.second));
  const monthFirst = parts.filter((p) => p.shape?.kind === 'parts' && inRange(p.shape.second, p.shape.first));
  if (dayFirst.length > 0 && monthFirst.length > 0) {
    const proofs = new Set([...dayFirst, ...monthFirst]);
    const bad = present.filter((p) => proofs.has(p) || (p.shape?.kind !== 'parts' && p.shape?.kind !== 'ymd'));
    return { order: null, ambiguous: false, candidates: [], bad: badOf(bad) };
  }
  if (dayFirst.length > 0) return decided('dmy');
  if (monthFirst.length > 0) return decided('mdy');
  return {
    order: null,
    ambiguous: true,
    candidates: ['mdy', 'dmy'],
    bad: badOf(present.filter((p) => parseDate(p.value, 'mdy') === null && parseDate(p.value, 'dmy') === null)),
  };
}
