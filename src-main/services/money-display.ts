/**
 * The workspace's money display (src-shared/money-display.ts) in settings
 * (`money_display`), and the process's formatters set to it: every money text made in
 * this process after `applyMoneyDisplay` — action titles and evidence, health sentences,
 * QBR packs, CLI lines — reads the way the workspace says (src-shared/format.ts).
 */
import { describeInput } from '../../src-shared/input-messages';
import { setMoneyDisplay } from '../../src-shared/format';
import { DEFAULT_MONEY_DISPLAY, type MoneyDisplay } from '../../src-shared/money-display';
import { moneyDisplaySchema } from '../../src-shared/money-display-schema';
import { ServiceError } from '../base/errors';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings';

export const MONEY_DISPLAY_KEY = 'money_display';

/** The stored display, or the default when none (or an unreadable one) is stored. */
export function getMoneyDisplay(db: Db): MoneyDisplay {
  return readSetting(db, MONEY_DISPLAY_KEY, moneyDisplaySchema) ?? DEFAULT_MONEY_DISPLAY;
}

/** Makes the workspace's display the one this process formats money with (when the workspace opens). */
export function applyMoneyDisplay(db: Db): MoneyDisplay {
  const display = getMoneyDisplay(db);
  setMoneyDisplay(display);
  return display;
}

/** Checks, stores and applies a display; a refused one changes nothing and says which field is wrong. */
export function updateMoneyDisplay(db: Db, value: unknown): MoneyDisplay {
  const parsed = moneyDisplaySchema.safeParse(value);
  if (!parsed.success) {
    const { message, issues } = describeInput(parsed.error.issues, 'display.set');
    throw new ServiceError('invalid_input', message, issues);
  }
  writeSetting(db, MONEY_DISPLAY_KEY, parsed.data);
  setMoneyDisplay(parsed.data);
  return parsed.data;
}
