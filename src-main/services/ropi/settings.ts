/** ROPI and attribution settings, kept in the `setting` table under `ropi`. */
import { describeInput } from '../../../src-shared/input-messages';
import { DEFAULT_ROPI_SETTINGS, ropiSettingsSchema, type RopiSettings } from '../../../src-shared/methods/ropi';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings';

export const ROPI_SETTING_KEY = 'ropi';

export function readRopiSettings(db: Db): RopiSettings {
  return readSetting(db, ROPI_SETTING_KEY, ropiSettingsSchema) ?? DEFAULT_ROPI_SETTINGS;
}

/** Validates and stores `input`; refuses with a sentence naming the field (and stores nothing) otherwise. */
export function writeRopiSettings(db: Db, input: unknown): RopiSettings {
  const parsed = ropiSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const { message, issues } = describeInput(parsed.error.issues, 'ropi.settings.set');
    throw new ServiceError('invalid_input', message, issues);
  }
  writeSetting(db, ROPI_SETTING_KEY, parsed.data);
  return parsed.data;
}
