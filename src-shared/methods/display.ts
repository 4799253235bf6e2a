/** How money reads in this workspace (money-display.ts): read and change it. */
import { z } from 'zod';
import { method } from './define';
import { moneyDisplaySchema, type MoneyDisplay } from '../money-display';

export const displayMethods = {
  'display.get': method<MoneyDisplay>()(z.object({}).strict()),
  'display.set': method<MoneyDisplay>()(z.object({ settings: moneyDisplaySchema }).strict()),
};
