/**
 * Display text for numbers, the same in every process (main, renderer, CLI, exports):
 * money, counts, plurals, percentages and days, en-US; money as the money display says
 * (money-display.ts, below). Money amounts are integer minor units
 * (domain/money.ts converts them). A stored day reads `Sep 29, 2026` (formatDate) in the
 * app and in the action rules' texts; date arithmetic lives in domain/time.ts.
 *
 * Money and counts in the common cases are formatted by hand, not with Intl: the action
 * rules format tens of thousands of amounts per recompute and Intl dominated their time.
 * The hand-made text is the text Intl gives (the unit tests hold them equal).
 */
import { toMajor } from './domain/money';
import { DEFAULT_MONEY_DISPLAY, type MoneyDisplay } from './money-display';

const COUNT = new Intl.NumberFormat('en-US');

const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAY_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
/** Each day's text, worded once (bounded): a book's texts name a few thousand distinct days tens of thousands of times. */
const dayTexts = new Map<string, string>();

/**
 * A stored day (`YYYY-MM-DD`, or the UTC day of an instant) as the app writes days:
 * `2026-09-29` → `Sep 29, 2026`, the text Intl's en-US medium date gives in UTC (by hand:
 * the rules write it into tens of thousands of texts per recompute). `—` for null; a text
 * that is not a day, as it is.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  let text = dayTexts.get(iso);
  if (text === undefined) {
    const m = DAY_PREFIX.exec(iso);
    const month = m ? MONTHS_SHORT[Number(m[2]) - 1] : undefined;
    text = m && month ? `${month} ${Number(m[3])}, ${m[1]}` : iso;
    if (dayTexts.size >= 20_000) dayTexts.clear();
    dayTexts.set(iso, text);
  }
  return text;
}

/** `,000` … `,999`: the groups after the first, each worded once (the rules format tens of thousands of amounts per recompute). */
const GROUPS = Array.from({ length: 1000 }, (_, i) => `,${String(i).padStart(3, '0')}`);

/** A non-negative safe integer with thousands separators: `1234567` → `1,234,567`. */
function grouped(n: number): string {
  if (n < 1e3) return String(n);
  if (n < 1e6) return String(Math.floor(n / 1e3)) + GROUPS[n % 1e3]!;
  if (n < 1e9) return String(Math.floor(n / 1e6)) + GROUPS[Math.floor(n / 1e3) % 1e3]! + GROUPS[n % 1e3]!;
  const s = String(n);
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

/**
 * A name in the possessive: `Acme's`, and for a name ending in s `Northwind Services'` (not
 * `Services's`). `apostrophe`: the mark the sentence uses (' or ’).
 */
export function possessive(name: string, apostrophe = "'"): string {
  return /s$/i.test(name) ? `${name}${apostrophe}` : `${name}${apostrophe}s`;
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
//
// Every money text follows the money display (money-display.ts): `display` when given,
// else the process's current one (`setMoneyDisplay`: the open workspace's setting in the
// main process and the CLI, the loaded one in the renderer). The default display (en-US,
// symbols, compact tables) is written by hand, as before; the others through Intl.

/** Symbols of the currencies written by hand; Intl (en-US) writes the others. */
const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
const moneyFormats = new Map<string, Intl.NumberFormat>();

let current: MoneyDisplay = DEFAULT_MONEY_DISPLAY;

/** Makes `display` the one every money text without its own follows (in this process). */
export function setMoneyDisplay(display: MoneyDisplay): void {
  current = display;
}

/** The money display money texts follow when given none. */
export function currentMoneyDisplay(): MoneyDisplay {
  return current;
}

/** The symbol the compact forms (and chart axes) write: `$`, `€`, `£`, `¥`, else the code and a space, `CHF `. */
export function moneySymbol(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

/** How one locale writes one currency: the text before and after the number, its grouping and decimal mark. */
interface MoneyStyle {
  before: string;
  after: string;
  whole: (n: number) => string;
  decimal: string;
}

/**
 * A whole number as the locale groups it, by hand (Intl per amount is ten times slower,
 * and the action rules format every candidate's amount): the separator and the group
 * sizes are read from Intl once — 3s in most locales, 3 then 2s in en-IN (12,34,567).
 * Past the safe integers, Intl itself.
 */
function localGrouping(locale: string): (n: number) => string {
  const intl = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const parts = intl.formatToParts(1234567890);
  const groups = parts.filter((p) => p.type === 'integer').map((p) => p.value.length);
  const sep = parts.find((p) => p.type === 'group')?.value ?? '';
  const primary = groups.at(-1) ?? 3;
  const secondary = groups.length > 2 ? groups.at(-2)! : primary;
  return (n) => {
    if (!Number.isSafeInteger(n) || n < 0) return intl.format(n);
    const s = String(n);
    if (s.length <= primary || !sep) return s;
    let out = s.slice(-primary);
    let i = s.length - primary;
    for (; i > secondary; i -= secondary) out = `${s.slice(i - secondary, i)}${sep}${out}`;
    return `${s.slice(0, i)}${sep}${out}`;
  };
}
const styles = new Map<string, MoneyStyle>();

function styleOf(currency: string, d: MoneyDisplay): MoneyStyle {
  const key = `${d.locale} ${d.currencyAs} ${currency}`;
  let st = styles.get(key);
  if (st) return st;
  const whole = localGrouping(d.locale);
  const decimal = new Intl.NumberFormat(d.locale, { minimumFractionDigits: 1 }).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  let before: string;
  let after = '';
  try {
    const parts = new Intl.NumberFormat(d.locale, {
      style: 'currency',
      currency,
      currencyDisplay: d.currencyAs,
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    }).formatToParts(1);
    const at = parts.findIndex((p) => p.type === 'integer');
    before = parts.slice(0, at).map((p) => p.value).join('');
    after = parts.slice(at + 1).map((p) => p.value).join('');
  } catch {
    // Not a currency Intl knows (a malformed code from a source): its code, as written.
    before = `${currency}\u00a0`;
  }
  styles.set(key, (st = { before, after, whole, decimal }));
  return st;
}

const isDefault = (d: MoneyDisplay) => d.locale === 'en-US' && d.currencyAs === 'symbol';

/** Full amount in whole major units: `$1,234,567`, `-€1,200`, `CA$1,234`, `1.234.567 USD` (de-DE, codes); never `-$0`. */
export function formatMoney(amountMinor: number, currency = 'USD', display: MoneyDisplay = current): string {
  const major = toMajor(amountMinor, currency);
  const whole = Math.round(Math.abs(major));
  if (isDefault(display)) {
    const sym = SYMBOLS[currency];
    if (sym !== undefined && Number.isSafeInteger(whole)) return (major < 0 && whole > 0 ? `-${sym}` : sym) + grouped(whole);
    let f = moneyFormats.get(currency);
    if (!f) moneyFormats.set(currency, (f = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 })));
    return f.format(whole === 0 ? 0 : major);
  }
  const st = styleOf(currency, display);
  return `${major < 0 && whole > 0 ? '-' : ''}${st.before}${st.whole(whole)}${st.after}`;
}

/** The compact number and its unit, en-US digits: `950`, `42k`, `1.2M`, `12M`, `3.4B`. */
function compact(abs: number): { digits: string; unit: string } {
  if (Math.round(abs / 1e6) >= 1000) return scaled(abs / 1e9, 'B');
  if (Math.round(abs / 1e3) >= 1000) return scaled(abs / 1e6, 'M');
  if (Math.round(abs) >= 1000) return { digits: String(Math.round(abs / 1e3)), unit: 'k' };
  return { digits: String(Math.round(abs)), unit: '' };
}

/** One decimal below 10 units, none from 10 on (chosen after rounding: 9.97 → `10`). */
function scaled(n: number, unit: string): { digits: string; unit: string } {
  const one = n.toFixed(1);
  return { digits: Number(one) >= 10 ? n.toFixed(0) : one, unit };
}

/**
 * Compact amount for dense tables and cards: `$950`, `$42k`, `$1.2M`, `$12M`, `$3.4B`,
 * `-€3.4M`; `1,2M $` in de-DE, `USD 1.2M` with codes. The unit is chosen after rounding,
 * so $999,600 reads `$1.0M` (not `$1000k`), $9.97M `$10M` and $999.96M `$1.0B`.
 * Currencies without a symbol here are written with their code: `CHF 42k`. With full
 * amounts in tables (the display's `tableAmounts`) it is `formatMoney`.
 */
export function formatMoneyShort(amountMinor: number, currency = 'USD', display: MoneyDisplay = current): string {
  if (display.tableAmounts === 'full') return formatMoney(amountMinor, currency, display);
  const major = toMajor(amountMinor, currency);
  const { digits, unit } = compact(Math.abs(major));
  const sign = major < 0 && digits !== '0' ? '-' : '';
  if (isDefault(display)) return `${sign}${moneySymbol(currency)}${digits}${unit}`;
  const st = styleOf(currency, display);
  const [int = '0', frac] = digits.split('.');
  const local = `${st.whole(Number(int))}${frac === undefined ? '' : `${st.decimal}${frac}`}`;
  return `${sign}${st.before}${local}${unit}${st.after}`;
}

/** Book-level totals: the compact form, which reaches billions (`$2.0B`); kept as its own name for the places that sum a book. */
export function formatMoneyTotal(amountMinor: number, currency = 'USD', display: MoneyDisplay = current): string {
  return formatMoneyShort(amountMinor, currency, display);
}

/** The formatters of one money display, for a place that holds it (the renderer's hook, a test). */
export interface MoneyFormat {
  display: MoneyDisplay;
  /** Full amount (detail views, edits): `formatMoney`. */
  full(amountMinor: number, currency: string): string;
  /** Tables and cards: `formatMoneyShort`. */
  short(amountMinor: number, currency: string): string;
}

export function moneyFormat(display: MoneyDisplay): MoneyFormat {
  return {
    display,
    full: (m, c) => formatMoney(m, c, display),
    short: (m, c) => formatMoneyShort(m, c, display),
  };
}
