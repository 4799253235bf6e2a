/**
 * The book's fiscal calendar for every page: loaded once through the shared query cache
 * (one request however many pages ask) and refetched when the main process announces a
 * change (`data.changed` naming `calendar`). Until it has loaded, quarters read as
 * calendar quarters, the default.
 */
import { DEFAULT_FISCAL_CALENDAR, type FiscalCalendar } from '../../src-shared/methods/calendar';
import { refetchAll, useQuery } from './hooks';

export const CALENDAR_REFRESH = ['calendar'] as const;

export function useCalendar(): FiscalCalendar {
  return useQuery('calendar.get', {}, { refreshOn: CALENDAR_REFRESH }).data ?? DEFAULT_FISCAL_CALENDAR;
}

/** After a save: everything cached was computed with the old quarters. */
export function calendarChanged(): void {
  refetchAll();
}
