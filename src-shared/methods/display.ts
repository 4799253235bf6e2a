/** How money reads in this workspace (money-display.ts): read and change it. */
import { z } from 'zod';
import { method } from './define';
import type { MoneyDisplay } from '../money-display';
import { moneyDisplaySchema } from '../money-display-schema';

export const displayMethods = {
  'display.get': method<MoneyDisplay>()(z.object({}).strict()),
  'display.set': method<MoneyDisplay>()(z.object({ settings: moneyDisplaySchema }).strict()),
};
