/**
 * How money reads (the "Money display" setting, per workspace): the number style (a short
 * list of locales, written by Intl — no locale data is downloaded), the currency as its
 * symbol or its ISO code, and whether tables and cards show compact amounts ($1.2M) or
 * full ones ($1,234,567). The defaults are the app's display before the setting existed.
 * The formatters that apply it are in format.ts; the schema that checks it is in
 * money-display-schema.ts, apart, so the renderer's start-up bundle does not carry zod.
 */
/** The number styles offered, with an example of each (in the Settings list). */
export const MONEY_LOCALES = {
  'en-US': 'United States',
  'en-GB': 'United Kingdom',
  'en-IN': 'India',
  'de-DE': 'Germany',
  'de-CH': 'Switzerland',
  'fr-FR': 'France',
} as const;
export type MoneyLocale = keyof typeof MONEY_LOCALES;

export const CURRENCY_AS = { symbol: 'Symbol ($, €)', code: 'ISO code (USD, EUR)' } as const;
export type CurrencyAs = keyof typeof CURRENCY_AS;

export const TABLE_AMOUNTS = { compact: 'Compact ($1.2M)', full: 'Full ($1,234,567)' } as const;
export type TableAmounts = keyof typeof TABLE_AMOUNTS;

/** How money reads; validated by `moneyDisplaySchema` (money-display-schema.ts). */
export interface MoneyDisplay {
  locale: MoneyLocale;
  currencyAs: CurrencyAs;
  tableAmounts: TableAmounts;
}

/** What money reads like until someone changes it (and what "Reset to defaults" restores). */
export const DEFAULT_MONEY_DISPLAY: MoneyDisplay = { locale: 'en-US', currencyAs: 'symbol', tableAmounts: 'compact' };

export const isDefaultMoneyDisplay = (d: MoneyDisplay): boolean =>
  d.locale === 'en-US' && d.currencyAs === 'symbol' && d.tableAmounts === 'compact';
