/**
 * How money reads (the "Money display" setting, per workspace): the number style (a short
 * list of locales, written by Intl — no locale data is downloaded), the currency as its
 * symbol or its ISO code, and whether tables and cards show compact amounts ($1.2M) or
 * full ones ($1,234,567). The defaults are the app's display before the setting existed.
 * The formatters that apply it are in format.ts.
 */
import { z } from 'zod';

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
const LOCALE_IDS = Object.keys(MONEY_LOCALES) as [MoneyLocale, ...MoneyLocale[]];

export const CURRENCY_AS = { symbol: 'Symbol ($, €)', code: 'ISO code (USD, EUR)' } as const;
export type CurrencyAs = keyof typeof CURRENCY_AS;

export const TABLE_AMOUNTS = { compact: 'Compact ($1.2M)', full: 'Full ($1,234,567)' } as const;
export type TableAmounts = keyof typeof TABLE_AMOUNTS;

const oneOf = (what: string, values: Record<string, string>) =>
  `${what} must be one of ${Object.keys(values).join(', ')}; pick one from the list.`;

export const moneyDisplaySchema = z
  .object({
    locale: z.enum(LOCALE_IDS, { message: oneOf('Number style', MONEY_LOCALES) }),
    currencyAs: z.enum(['symbol', 'code'], { message: oneOf('Currency shown as', CURRENCY_AS) }),
    tableAmounts: z.enum(['compact', 'full'], { message: oneOf('Amounts in tables and cards', TABLE_AMOUNTS) }),
  })
  .strict();
export type MoneyDisplay = z.infer<typeof moneyDisplaySchema>;

/** What money reads like until someone changes it (and what "Reset to defaults" restores). */
export const DEFAULT_MONEY_DISPLAY: MoneyDisplay = { locale: 'en-US', currencyAs: 'symbol', tableAmounts: 'compact' };

export const isDefaultMoneyDisplay = (d: MoneyDisplay): boolean =>
  d.locale === 'en-US' && d.currencyAs === 'symbol' && d.tableAmounts === 'compact';
