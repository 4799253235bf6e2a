/**
 * Display text for numbers, the same in every process (main, renderer, CLI, exports):
 * money, counts, plurals and percentages, en-US. Money amounts are integer minor units
 * (domain/money.ts converts them). Dates are formatted where they are shown; date
 * arithmetic lives in domain/time.ts.
 *
 * Money and counts in the common cases are formatted by hand, not with Intl: the action
 * rules format tens of thousands of amounts per recompute and Intl dominated their time.
 * The hand-made text is the text Intl gives (the unit tests hold them equal).
 */
import { toMajor } from './domain/money';

const COUNT = new Intl.NumberFormat('en-US');

/** A non-negative safe integer with thousands separators: `1234567` → `1,234,567`. */
function grouped(n: number): string {
  const s = String(n);
  if (s.length <= 3) return s;
  let i = s.length % 3 || 3;
  let out = s.slice(0, i);
  for (; i < s.length; i += 3) out += `,${s.slice(i, i + 3)}`;
  return out;
}

/** `1,234`; fractions keep up to three digits (`1,234.568`); never `-0`. */
export function formatCount(n: number): string {
  if (Number.isSafeInteger(n)) return n < 0 ? `-${grouped(-n)}` : grouped(n);
  return COUNT.format(n === 0 ? 0 : n);
}

/** `0 partners`, `1 partner`, `2 partners`, `1,204 events`; `many` for irregular plurals. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** A share as a whole percentage: 0.423 → `42%`, 1.5 → `150%`. */
export function formatPercent(share: number): string {
  return `${formatCount(Math.round(share * 100))}%`;
}

/**
 * A change as a signed whole percentage, rounded half away from zero so that a rise and
 * a fall of the same size read the same: 0.125 → `+13%`, −0.125 → `−13%` (a true minus
 * sign), anything that rounds to zero → `±0%`.
 */
export function formatPercentChange(change: number): string {
  const r = Math.round(Math.abs(change) * 100);
  return `${r === 0 ? '±' : change > 0 ? '+' : '−'}${formatCount(r)}%`;
}

// ---- money ---------------------------------------------------------------------------

/** Symbols of the currencies written by hand; Intl (en-US) writes the others. */
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** The symbol the compact forms (and chart axes) write: `$`, `€`, `£`, `¥`, else the code and a space, `CHF `. */
export function moneySymbol(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

/** Full amount in whole major units: `$1,234,567`, `-€1,200`, `CA$1,234`; never `-$0`. */
export function formatMoney(amountMinor: number, currency = 'USD'): string {
  const major = toMajor(amountMinor, currency);
  const whole = Math.round(Math.abs(major));
  const sym = SYMBOLS[currency];
  if (sym !== undefined && Number.isSafeInteger(whole)) return `${major < 0 && whole > 0 ? '-' : ''}${sym}${grouped(whole)}`;
  let f = moneyFormats.get(currency);
  if (!f) moneyFormats.set(currency, (f = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })));
  return f.format(whole === 0 ? 0 : major);
}

/**
 * Compact amount for dense tables: `$950`, `$42k`, `$1.2M`, `$12M`, `-€3.4M`. The unit
 * is chosen after rounding, so $999,600 reads `$1.0M` (not `$1000k`) and $9.97M `$10M`.
 * Currencies without a symbol here are written with their code: `CHF 42k`.
 */
export function formatMoneyShort(amountMinor: number, currency = 'USD'): string {
  const major = toMajor(amountMinor, currency);
  const abs = Math.abs(major);
  let body: string;
  if (Math.round(abs / 1e3) >= 1000) {
    const m = abs / 1e6;
    const one = m.toFixed(1);
    body = Number(one) >= 10 ? `${m.toFixed(0)}M` : `${one}M`;
  } else if (Math.round(abs) >= 1000) body = `${Math.round(abs / 1e3)}k`;
  else body = String(Math.round(abs));
  return `${major < 0 && body !== '0' ? '-' : ''}${moneySymbol(currency)}${body}`;
}

/** Like `formatMoneyShort`, with billions for book-level totals: `$2.0B`. */
export function formatMoneyTotal(amountMinor: number, currency = 'USD'): string {
  const major = toMajor(amountMinor, currency);
  if (Math.round(Math.abs(major) / 1e6) < 1000) return formatMoneyShort(amountMinor, currency);
  return `${major < 0 ? '-' : ''}${moneySymbol(currency)}${(Math.abs(major) / 1e9).toFixed(1)}B`;
}
