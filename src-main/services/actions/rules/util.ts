/** Small helpers the rule modules share: money and count wording, evidence links. */
import { formatMoneyShort, toMajor } from '../../../../src-shared/domain/money';
import type { ActionLink, ActionLinkKind } from '../../../../src-shared/methods/actions';

// Money and counts are formatted by hand for the common currencies: Intl formatting of
// tens of thousands of amounts per recompute dominated the rules' time.
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
const moneyFormats = new Map<string, Intl.NumberFormat>();

function grouped(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  let i = s.length % 3 || 3;
  let out = s.slice(0, i);
  for (; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return out;
}

/** `$1,234,567` — the same text as formatMoney (en-US, whole major units). */
export function money(minor: number, currency: string): string {
  const major = Math.round(toMajor(minor, currency));
  const sym = SYMBOLS[currency];
  if (sym !== undefined) return `${major < 0 ? '-' : ''}${sym}${grouped(Math.abs(major))}`;
  let f = moneyFormats.get(currency);
  if (!f) moneyFormats.set(currency, (f = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })));
  return f.format(major);
}
export const moneyShort = (minor: number, currency: string): string => formatMoneyShort(minor, currency);
export const count = (n: number): string => (Number.isInteger(n) ? `${n < 0 ? '-' : ''}${grouped(Math.abs(n))}` : n.toLocaleString('en-US'));
export const plural = (n: number, one: string, many = `${one}s`): string => `${count(n)} ${n === 1 ? one : many}`;
export const pct = (share: number): string => `${Math.round(share * 100)}%`;

export function link(kind: ActionLinkKind, id: string, label: string, partnerId: string | null): ActionLink {
  return { kind, id, label, partnerId };
}

export const OPEN_STAGES = new Set(['prospecting', 'qualification', 'proposal', 'negotiation']);

// Date arithmetic on ISO dates, memoised: the rules run it tens of thousands of times
// over a few thousand distinct dates, and Date parsing/formatting dominated their time.
const DAY_MS = 86_400_000;
const dayNums = new Map<string, number>();
const shifted = new Map<string, string>();

function dayNum(iso: string): number {
  let n = dayNums.get(iso);
  if (n === undefined) {
    n = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
    if (Number.isNaN(n)) throw new RangeError(`not a date: ${iso}`);
    if (dayNums.size > 50_000) dayNums.clear();
    dayNums.set(iso, n);
  }
  return n;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return dayNum(to) - dayNum(from);
}

/** `iso` shifted by `days`, `YYYY-MM-DD`. */
export function addDays(iso: string, days: number): string {
  const k = `${iso}|${days}`;
  let s = shifted.get(k);
  if (s === undefined) {
    s = new Date((dayNum(iso) + days) * DAY_MS).toISOString().slice(0, 10);
    if (shifted.size > 50_000) shifted.clear();
    shifted.set(k, s);
  }
  return s;
}
