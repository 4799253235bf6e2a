/**
 * The deck look of this workspace (`branding` setting): read with the defaults for what is
 * absent or unreadable, checked with the same schema the Settings page uses before it is
 * stored, so a stored look is always one the deck builder can draw.
 */
import { describeInput } from '../../../src-shared/input-messages';
import { brandingSchema, DEFAULT_BRANDING, type Branding } from '../../../src-shared/methods/branding';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../settings';

export const BRANDING_KEY = 'branding';

export function getBranding(db: Db): Branding {
  return readSetting(db, BRANDING_KEY, brandingSchema) ?? DEFAULT_BRANDING;
}

export function setBranding(db: Db, input: unknown): Branding {
  const parsed = brandingSchema.safeParse(input);
  if (!parsed.success) {
    const { message, issues } = describeInput(parsed.error.issues, 'branding.set');
    throw new ServiceError('invalid_input', message, issues);
  }
  const b: Branding = { ...parsed.data, companyName: parsed.data.companyName.trim(), primary: parsed.data.primary.toUpperCase(), accent: parsed.data.accent.toUpperCase() };
  writeSetting(db, BRANDING_KEY, b);
  return b;
}
