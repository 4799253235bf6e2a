/**
 * The book's fiscal calendar, kept in the `setting` table under `calendar`. Services read
 * it here (never from a module-global), so a change applies to the next call everywhere.
 */
import { describeInput } from '../../src-shared/input-messages';
import { DEFAULT_FISCAL_CALENDAR, fiscalCalendarSchema } from '../../src-shared/methods/calendar';
import type { FiscalCalendar } from '../../src-shared/domain/time';
import { ServiceError } from '../base/errors';
import type { Db } from '../db/connection';
import { readSetting, writeSetting } from '../settings';

export const CALENDAR_SETTING_KEY = 'calendar';

/** The stored calendar, or calendar quarters when none is stored (or the stored one is unreadable). */
export function readCalendar(db: Db): FiscalCalendar {
  return readSetting(db, CALENDAR_SETTING_KEY, fiscalCalendarSchema) ?? DEFAULT_FISCAL_CALENDAR;
}

/** Validates and stores `input`; refuses with a sentence (and stores nothing) when it is not a calendar. */
export function writeCalendar(db: Db, input: unknown): FiscalCalendar {
  const parsed = fiscalCalendarSchema.safeParse(input);
  if (!parsed.success) {
    const { message, issues } = describeInput(parsed.error.issues, 'calendar.set');
    throw new ServiceError('invalid_input', message, issues);
  }
  writeSetting(db, CALENDAR_SETTING_KEY, parsed.data);
  return parsed.data;
}
