/** The rules' thresholds in settings (`actions`), merged over the defaults. */
import { describeInput } from '../../../src-shared/input-messages';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings';
import { actionSettingsSchema, DEFAULT_ACTION_SETTINGS, type ActionSettings } from '../../../src-shared/methods/actions';

export const ACTION_SETTINGS_KEY = 'actions';

export function getActionSettings(db: Db): ActionSettings {
  const stored = readSetting(db, ACTION_SETTINGS_KEY, actionSettingsSchema.partial());
  return { ...DEFAULT_ACTION_SETTINGS, ...(stored ?? {}) };
}

export function updateActionSettings(db: Db, patch: Partial<ActionSettings>): ActionSettings {
  const parsed = actionSettingsSchema.safeParse({ ...getActionSettings(db), ...patch });
  if (!parsed.success) {
    const { message, issues } = describeInput(parsed.error.issues);
    throw new ServiceError('invalid_input', message, issues);
  }
  writeSetting(db, ACTION_SETTINGS_KEY, parsed.data);
  return parsed.data;
}
