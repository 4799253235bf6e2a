/** Display formatting shared by the pages: dates (UTC, as stored) and words; numbers and money come from src-shared/format. */
import { daysBetween, parseDate } from '../../src-shared/domain/time';
import { formatDate } from '../../src-shared/format';

/** Re-exported so the pages keep one import for display text: `1,234`; a day as `Mar 4, 2026` (`—` for null). */
export { formatCount } from '../../src-shared/format';
export { formatDate };

const dateTimeFmt = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const monthFmt = new Intl.DateTimeFormat('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });

const dayMonthFmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A stored day (YYYY-MM-DD…) in `fmt`; `—` for null, the text as it is when it is not a date. */
function formatDay(fmt: Intl.DateTimeFormat, iso: string | null | undefined): string {
  if (!iso) return '—';
  try {
    return fmt.format(parseDate(iso));
  } catch {
    return iso;
  }
}

/** `Mar 4` (no year: where the year is said beside it); `—` for null. */
export function formatDayMonth(iso: string | null | undefined): string {
  return formatDay(dayMonthFmt, iso);
}

/** `Mar 4, 14:05` in the user's local time (for instants such as sync runs). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFmt.format(d);
}

/** `2026-03` → `Mar 26`. */
export function formatMonth(ym: string): string {
  try {
    return monthFmt.format(parseDate(`${ym.slice(0, 7)}-01`));
  } catch {
    return ym;
  }
}

/** "just now", "2 min ago", "3 h ago", "yesterday", "4 days ago", then a date. */
export function formatAgo(iso: string, nowMs: number): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const s = Math.max(0, Math.round((nowMs - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.round(h / 24);
  if (d === 1) return 'yesterday';
  if (d < 14) return `${d} days ago`;
  return formatDate(iso);
}

/** Whole days from `fromIso` to `toIso` (dates or instants). */
export function daysFrom(fromIso: string, toIso: string): number {
  return daysBetween(fromIso.slice(0, 10), toIso.slice(0, 10));
}

/** `at_risk` → `At risk`, `co_sell` → `Co-sell`, `var` → `VAR`. */
export function humanize(value: string): string {
  const special: Record<string, string> = {
    var: 'VAR',
    msp: 'MSP',
    si: 'SI',
    gsi: 'GSI',
    isv: 'ISV',
    co_sell: 'Co-sell',
    closed_won: 'Won',
    closed_lost: 'Lost',
    NA: 'North America',
    LATAM: 'Latin America',
    EMEA: 'EMEA',
    APAC: 'APAC',
  };
  const hit = special[value];
  if (hit) return hit;
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
