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
 * The largest amount any money field holds, in minor units: 10 billion in a currency with
 * cents (1e12 minor units). Far above any partner's deal, plan target or MDF budget, and
 * small enough that adding up every amount of a large book stays an exact integer in
 * JavaScript and in SQLite (no REAL, no overflow): a value past it is refused where a
 * person types it, and clamped (with a note) where a source sends it.
 */
export const MAX_MONEY_MINOR = 1_000_000_000_000;

/** The bound in words, for messages: "10,000,000,000". */
export const MAX_MONEY_TEXT = (MAX_MONEY_MINOR / 100).toLocaleString('en-US');

/** What is wrong with `amount` as a money value in minor units (whole, 0 or more unless `signed`, within the bound); null when fine. */
export function moneyProblem(what: string, amount: unknown, opts: { signed?: boolean } = {}): string | null {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return `${what} must be an amount of money, e.g. 25000.`;
  if (!Number.isInteger(amount)) return `${what} must be a whole amount of money (no fractions of a cent).`;
  if (!opts.signed && amount < 0) return `${what} can't be negative; enter zero or more.`;
  if (Math.abs(amount) > MAX_MONEY_MINOR) return `${what} can be at most ${MAX_MONEY_TEXT}; check the number of digits.`;
  return null;
}

/** A value from a source clamped into the money bound (a non-number is left for the schema to refuse). */
export function clampMoney(amount: unknown): unknown {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) return amount;
  if (amount > MAX_MONEY_MINOR) return MAX_MONEY_MINOR;
  if (amount < -MAX_MONEY_MINOR) return -MAX_MONEY_MINOR;
  return amount;
}

/**
 * An amount at stake as a whole number of minor units within the bound: what a ranking,
 * a sum or an INTEGER column can always take, whatever a stored record holds (a value
 * from before the bounds, a computation over one).
 */
export function safeAmount(amount: number): number {
  return Number.isFinite(amount) ? Math.min(MAX_MONEY_MINOR, Math.max(0, Math.round(amount))) : 0;
}
