/** Money is integer minor units plus an ISO 4217 code; no floats stored. Its display text is in ../format.ts. */

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

/**
 * Money text now lives in src-shared/format.ts. These re-exports keep the one importer
 * that may not change yet (src-main/services/qbr/format.ts, being reworked) compiling;
 * delete them once it imports from src-shared/format.
 * @deprecated import formatMoney / formatMoneyShort from src-shared/format.
 */
export { formatMoney, formatMoneyShort } from '../format';
