/** The voice lexicon (themes, sentiment cues, the feedback note marker), kept in the `setting` table under `voice`. */
import { describeInput } from '../../../src-shared/input-messages';
import { DEFAULT_VOICE_SETTINGS, voiceSettingsSchema, type VoiceSettings } from '../../../src-shared/methods/voice';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings';

export const VOICE_SETTING_KEY = 'voice';

export function readVoiceSettings(db: Db): VoiceSettings {
  return readSetting(db, VOICE_SETTING_KEY, voiceSettingsSchema) ?? DEFAULT_VOICE_SETTINGS;
}

/** Validates and stores `input`; refuses with a sentence naming the field (and stores nothing) otherwise. */
export function writeVoiceSettings(db: Db, input: unknown): VoiceSettings {
  const parsed = voiceSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const { message, issues } = describeInput(parsed.error.issues, 'voice.settings.set');
    throw new ServiceError('invalid_input', message, issues);
  }
  writeSetting(db, VOICE_SETTING_KEY, parsed.data);
  return parsed.data;
}
