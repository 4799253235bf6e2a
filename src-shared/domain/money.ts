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
