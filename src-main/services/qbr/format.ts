/** Display text for QBR figures: the same strings on the slide, in the preview and in speaker notes. */
import { formatCount, formatMoneyShort, formatPercent, plural as pluralOf } from '../../../src-shared/format';
import { CALENDAR_YEAR, parseDate, type FiscalCalendar } from '../../../src-shared/domain/time';
import { quarterText as sharedQuarterText } from '../../../src-shared/domain/fiscal-text';
import { fromMajor } from '../../../src-shared/domain/money';
import type { QbrMetric, Tone } from '../../../src-shared/methods/qbr';

// Money, counts, plurals and percentages come from the one shared module (src-shared/format),
// so a deck says a figure the way the app does; QBR figures are whole numbers on slides.
export const money = (minor: number, currency: string) => formatMoneyShort(minor, currency);
export const pct = (f: number) => formatPercent(f);
export const count = (v: number) => formatCount(Math.round(v));
export const plural = (v: number, one: string, many = `${one}s`): string => pluralOf(Math.round(v), one, many);
export const days = (v: number) => plural(v, 'day');
export const score10 = (v: number) => `${(Math.round(v * 10) / 10).toFixed(1)}/10`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `20 Nov 2026`. */
/** The parts that are not 0, each as "<amount> <what>", joined: "2 approved, 1 pending", "$767k sourced · $615k co-sell". */
export function partsText(parts: readonly (readonly [number, string])[], show: (n: number) => string, sep: string): string {
  return parts
    .filter(([n]) => n !== 0)
    .map(([n, what]) => `${show(n)} ${what}`)
    .join(sep);
}

export function dateText(iso: string): string {
  const d = parseDate(iso);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `Q4 2026` from `2026-Q4` (calendar quarters), `Q1 FY27` from `2027-Q1` with another fiscal year start: src-shared/domain/fiscal-text.ts. */
export function quarterText(q: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return sharedQuarterText(q, cal);
}

const ROLE_LABELS: Record<string, string> = { sourced: 'Sourced', influenced: 'Influenced', co_sell: 'Co-sell', marketplace: 'Marketplace', direct: 'Direct' };
/** A partner role in words: `co_sell` → `Co-sell`. */
export function roleText(role: string): string {
  return ROLE_LABELS[role] ?? role.replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase());
}

/** Text from another module with full dollar amounts ("$240,200") in the deck's one money format ("$240k"). */
export function shortMoneyIn(text: string, currency: string): string {
  return text.replace(/\$(\d{1,3}(?:,\d{3})+)(?:\.\d+)?/g, (_m, digits: string) => money(fromMajor(Number(digits.replace(/,/g, '')), currency), currency));
}

export function valueText(v: number | null, unit: QbrMetric['unit'], currency: string): string {
  if (v === null) return '—';
  switch (unit) {
    case 'money':
      return money(v, currency);
    case 'percent':
      return pct(v);
    case 'days':
      return days(v);
    case 'score':
      return score10(v);
    case 'ratio':
      return `${(Math.round(v * 10) / 10).toFixed(1)}×`;
    default:
      return count(v);
  }
}

/** Change text and tone from `previous` to `current`. */
export function change(
  current: number | null,
  previous: number | null,
  unit: QbrMetric['unit'],
  currency: string,
  higherIsBetter: boolean,
): { text: string; tone: Tone } {
  if (current === null || previous === null) return { text: '—', tone: 'neutral' };
  // The change of what the slide shows (whole days, whole percent, tenths of a score), so
  // "2 days | 9 days | ▲ 7 days" adds up; money changes as a share of the figure.
  const shown = (v: number) => (unit === 'percent' ? Math.round(v * 100) : unit === 'score' || unit === 'ratio' ? Math.round(v * 10) / 10 : unit === 'money' ? v : Math.round(v));
  const d = unit === 'money' ? current - previous : shown(current) - shown(previous);
  const eps = unit === 'money' ? 0.5 : unit === 'score' || unit === 'ratio' ? 0.05 : 0.5;
  if (Math.abs(d) < eps) return { text: 'flat', tone: 'neutral' };
  const up = d > 0;
  const tone: Tone = up === higherIsBetter ? 'good' : 'bad';
  const arrow = up ? '▲' : '▼';
  let text: string;
  if (unit === 'percent') text = `${Math.abs(d)} pts`;
  else if (unit === 'money') {
    text = previous > 0 ? `${Math.abs(Math.round((d / previous) * 100))}%` : money(Math.abs(d), currency);
  } else if (unit === 'score') text = `${Math.abs(d).toFixed(1)}`;
  else if (unit === 'ratio') text = `${Math.abs(d).toFixed(1)}×`;
  else if (unit === 'days') text = days(Math.abs(d));
  else text = count(Math.abs(d));
  return { text: `${arrow} ${text}`, tone };
}
