/**
 * Parsing the text of spreadsheet cells: missing markers, money amounts and their
 * currency, booleans, and (from dates.ts) dates. Pure functions, no I/O.
 */
export { isMissing } from './missing';
export { detectDateOrder, parseDate, MAX_SERIAL } from './dates';
export type { DateColumnReading, DateOrder } from './dates';

/** Current ISO 4217 codes (and RMB, the common name for CNY). */
const CODES: ReadonlySet<string> = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
    'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
    'GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
    'LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR ' +
    'NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP ' +
    'STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF ' +
    'XPF YER ZAR ZMW ZWL RMB'
  ).split(' '),
);
const CODE_ALIASES: Readonly<Record<string, string>> = { RMB: 'CNY' };

/** Symbols, longest first so "US$" is not read as "$". A bare '$' is USD, '¥' JPY. */
const SYMBOLS: readonly (readonly [string, string])[] = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['MX$', 'MXN'],
  ['R$', 'BRL'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['S$', 'SGD'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₫', 'VND'],
  ['₦', 'NGN'],
];

const codeOf = (letters: string): string | null => {
  const up = letters.toUpperCase();
  return CODES.has(up) ? (CODE_ALIASES[up] ?? up) : null;
};

/**
 * The currency a cell names: an ISO code anywhere in it as a word of its own ("12 EUR",
 * "usd 5", "$12 CAD" -> CAD: a code wins over a symbol), else a symbol ('$' -> USD,
 * '€' -> EUR, '£' -> GBP, '¥' -> JPY, 'R$' -> BRL …); null when it names none.
 */
export function currencyOf(v: string): string | null {
  for (const m of v.matchAll(/(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])/g)) {
    const code = codeOf(m[1]!);
    if (code) return code;
  }
  for (const [symbol, code] of SYMBOLS) if (v.includes(symbol)) return code;
  return null;
}

/** Currencies a bare '$' is written for, and a bare '¥'. */
const BARE_SYMBOL_CURRENCIES: Readonly<Record<string, ReadonlySet<string>>> = {
  $: new Set(['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN', 'ARS', 'CLP', 'COP', 'TWD', 'BSD', 'BBD', 'BMD', 'BZD', 'FJD', 'JMD', 'KYD', 'LRD', 'NAD', 'SBD', 'SRD', 'TTD', 'XCD', 'GYD', 'UYU', 'CUP', 'DOP', 'BND']),
  '¥': new Set(['JPY', 'CNY']),
};

/**
 * The currency a money cell is written in when it is surely not `expected` (the import's
 * currency): an ISO code of another currency, or a symbol no writer of `expected` uses
 * ("€1.234,56" in a USD import; not "$5" in a CAD one, nor "¥5000" in a CNY one). Null
 * when the cell names none, or names `expected`.
 */
export function otherCurrency(raw: string, expected: string): string | null {
  const named = currencyOf(raw);
  if (!named || named === expected) return null;
  const hasCode = [...raw.matchAll(/(?<![A-Za-z])([A-Za-z]{3})(?![A-Za-z])/g)].some((m) => codeOf(m[1]!) !== null);
  if (!hasCode) {
    const bare = Object.keys(BARE_SYMBOL_CURRENCIES).find((sym) => SYMBOLS.find(([symbol]) => raw.includes(symbol))?.[0] === sym);
    if (bare && BARE_SYMBOL_CURRENCIES[bare]!.has(expected)) return null;
  }
  return named;
}

const SPACES = /[\s\u00a0\u202f\u2009\u2007]+/g;

/**
 * A money amount in major units, or null when the text is not one. Around the number:
 * spaces, at most one currency symbol and one ISO code, one sign ('-', '−', '+', before
 * or after the currency, or a trailing '-'), or accounting parentheses "(1,234.00)" for a
 * negative. The number itself (separator rule, first match wins):
 * - "1.2e3": scientific notation;
 * - spaces or apostrophes group thousands ("1 234,5", "1'234.50"): groups of 3, then
 *   an optional decimal part after '.' or ',';
 * - both '.' and ',' appear: the LAST one is the decimal separator and the other groups
 *   thousands ("1,234.56", "€ 1.234,56");
 * - one kind repeated ("1,234,567", "1.234.567", Indian "12,34,567"): thousands;
 * - a single ',' or '.' with exactly 3 digits after it and 1-3 digits (not 0) before it
 *   ("1,234", "1.234") reads two ways: `decimal` is the mark that separates decimals
 *   (the column's, decimals.ts), by default '.': "$1,234" = 1234 and "1.234" = 1.234;
 *   with ',': "€1.234" = 1234 and "1,234" = 1.234;
 * - any other single ',' or '.': decimal ("12,5", "0,125", "1234,567", "0.125").
 */
export function parseAmount(v: string, decimal: DecimalMark = '.'): number | null {
  const a = amountParts(v);
  if (a === null) return null;
  const n = numberOf(a.core, decimal);
  if (n === null) return null;
  return a.negative ? -n : n;
}

/** '.' or ',': the mark that separates an amount's decimals. */
export type DecimalMark = '.' | ',';

/**
 * The number of a money cell without its currency, sign and parentheses ("€ -1.234,5" ->
 * "1.234,5"), and whether it is negative; null when those are not an amount's (twice a sign …).
 */
export function amountParts(v: string): { core: string; negative: boolean } | null {
  let s = v.replace(SPACES, ' ').trim();
  let parens = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    parens = true;
    s = s.slice(1, -1).trim();
  }
  const seen = { sign: null as string | null, code: false, symbol: false };
  const front = peel(s, seen, 'front');
  if (front === null) return null;
  const core = peel(front, seen, 'back');
  if (core === null) return null;
  if (parens && seen.sign !== null) return null; // "(-12)": negative said twice
  const minus = seen.sign !== null && seen.sign !== '+';
  return { core, negative: parens || minus };
}

/**
 * Takes signs, ISO codes and currency symbols off one end of the text; null when one
 * of them appears twice ("--12", "$12 $"). A code must be a word of its own ("12 EUR", not "12EURO").
 */
function peel(text: string, seen: { sign: string | null; code: boolean; symbol: boolean }, end: 'front' | 'back'): string | null {
  let s = text;
  for (;;) {
    const sign = end === 'front' ? /^[-\u2212+]/.exec(s) : /[-\u2212]$/.exec(s);
    const code = end === 'front' ? /^([A-Za-z]{3})(?![A-Za-z])/.exec(s) : /(?<![A-Za-z])([A-Za-z]{3})$/.exec(s);
    const symbol = SYMBOLS.find(([x]) => (end === 'front' ? s.startsWith(x) : s.endsWith(x)));
    let cut: number;
    if (sign) {
      if (seen.sign !== null) return null;
      seen.sign = sign[0];
      cut = 1;
    } else if (code && codeOf(code[1]!)) {
      if (seen.code) return null;
      seen.code = true;
      cut = 3;
    } else if (symbol) {
      if (seen.symbol) return null;
      seen.symbol = true;
      cut = symbol[0].length;
    } else {
      return s;
    }
    s = (end === 'front' ? s.slice(cut) : s.slice(0, s.length - cut)).trim();
  }
}

function numberOf(s: string, decimal: DecimalMark): number | null {
  if (!/\d/.test(s) || !/^[\d.,' ’eE+-]+$/.test(s)) return null;
  if (/^(?:\d+(?:\.\d*)?|\.\d+)e[-+]?\d+$/i.test(s)) return finite(Number(s));
  if (/[ '’]/.test(s)) {
    const m = /^(\d{1,3}(?:[ '’]\d{3})+)(?:[.,](\d+))?$/.exec(s);
    return m ? finite(Number(`${m[1]!.replace(/[ '’]/g, '')}.${m[2] ?? '0'}`)) : null;
  }
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot < 0 && lastComma < 0) return /^\d+$/.test(s) ? finite(Number(s)) : null;
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = lastDot > lastComma ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    const int = s.slice(0, at);
    const frac = s.slice(at + 1);
    if (!/^\d+$/.test(frac) || !grouped(int, dec === '.' ? ',' : '.')) return null;
    return finite(Number(`${int.replace(/[.,]/g, '')}.${frac}`));
  }
  const sep = lastDot >= 0 ? '.' : ',';
  const pieces = s.split(sep);
  if (pieces.length > 2) return grouped(s, sep) ? finite(Number(s.split(sep).join(''))) : null;
  const [int, frac] = [pieces[0]!, pieces[1]!];
  if (!/^\d*$/.test(int) || !/^\d*$/.test(frac) || (int === '' && frac === '')) return null;
  if (frac.length === 3 && /^[1-9]\d{0,2}$/.test(int)) return finite(Number(sep === decimal ? `${int}.${frac}` : int + frac));
  if (frac === '') return sep === '.' && int !== '' ? finite(Number(int)) : null;
  return finite(Number(`${int || '0'}.${frac}`));
}

/** Digits grouped in thousands by `sep` ("1,234,567"), Indian lakh grouping ("12,34,567"), or plain digits. */
function grouped(int: string, sep: '.' | ','): boolean {
  if (/^\d+$/.test(int)) return true;
  const e = sep === '.' ? '\\.' : ',';
  return new RegExp(`^\\d{1,3}(?:${e}\\d{3})+$`).test(int) || (sep === ',' && /^\d{1,2}(?:,\d{2})+,\d{3}$/.test(int));
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

/** true/yes/y/1 -> true, false/no/n/0 -> false (any case, spaces ignored); anything else null. */
export function parseBoolean(v: string): boolean | null {
  const t = v.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}
