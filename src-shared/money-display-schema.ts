/** The schema of the money display setting (money-display.ts), where the API and the settings store check it. */
import { z } from 'zod';
import { CURRENCY_AS, MONEY_LOCALES, TABLE_AMOUNTS, type MoneyDisplay, type MoneyLocale } from './money-display';

const LOCALE_IDS = Object.keys(MONEY_LOCALES) as [MoneyLocale, ...MoneyLocale[]];

const oneOf = (what: string, values: Record<string, string>) =>
  `${what} must be one of ${Object.keys(values).join(', ')}; pick one from the list.`;

export const moneyDisplaySchema = z
  .object({
    locale: z.enum(LOCALE_IDS, { message: oneOf('Number style', MONEY_LOCALES) }),
    currencyAs: z.enum(['symbol', 'code'], { message: oneOf('Currency shown as', CURRENCY_AS) }),
    tableAmounts: z.enum(['compact', 'full'], { message: oneOf('Amounts in tables and cards', TABLE_AMOUNTS) }),
  })
  .strict();

// The schema and the type describe the same object, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<z.infer<typeof moneyDisplaySchema>, MoneyDisplay> = true;
void sameShape;
