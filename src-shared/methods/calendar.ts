/**
 * The book's fiscal calendar (issue 14): the month its fiscal year starts in. Quarters
 * (`YYYY-Qn`) and plan periods (`FYyyyy`, `yyyy-Hn`) keep their labels; their days follow
 * this setting everywhere (plans, QBR packs, action rules, health trends).
 */
import { z } from 'zod';
import { method } from './define';
import { CALENDAR_YEAR, type FiscalCalendar } from '../domain/time';

export type { FiscalCalendar } from '../domain/time';

const MONTH_MESSAGE = 'The fiscal year start month must be a month from 1 (January) to 12 (December).';

export const fiscalCalendarSchema = z
  .object({
    fiscalYearStartMonth: z.number({ message: MONTH_MESSAGE }).int({ message: MONTH_MESSAGE }).min(1, { message: MONTH_MESSAGE }).max(12, { message: MONTH_MESSAGE }),
  })
  .strict();

/** Calendar quarters: what every book uses until someone changes it (and what "Reset to defaults" restores). */
export const DEFAULT_FISCAL_CALENDAR: FiscalCalendar = CALENDAR_YEAR;

export const calendarMethods = {
  'calendar.get': method<FiscalCalendar>()(z.object({}).strict()),
  'calendar.set': method<FiscalCalendar>()(fiscalCalendarSchema),
};
