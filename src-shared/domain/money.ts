/** Money is integer minor units plus an ISO 4217 code. Formatting only; no floats stored. */

export interface Money {
  amount: number;
  currency: string;
}

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0 };

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

export function toMajor(amountMinor: number, currency = 'USD'): number {
  return amountMinor / 10 ** minorDigits(currency);
}

export function fromMajor(amountMajor: number, currency = 'USD'): number {
  return Math.round(amountMajor * 10 ** minorDigits(currency));
}

/** Full amount: `$1,234,567`. */
export function formatMoney(amountMinor: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  }).format(toMajor(amountMinor, currency));
}

/** Compact amount for dense tables: `$1.2M`, `$42k`. */
export function formatMoneyShort(amountMinor: number, currency = 'USD'): string {
  const major = toMajor(amountMinor, currency);
  const abs = Math.abs(major);
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  const sign = major < 0 ? '-' : '';
  if (abs >= 1e6) return `${sign}${symbol}${(abs / 1e6).toFixed(abs >= 1e7 ? 0 : 1)}M`;
  if (abs >= 1e3) return `${sign}${symbol}${Math.round(abs / 1e3)}k`;
  return `${sign}${symbol}${Math.round(abs)}`;
}
