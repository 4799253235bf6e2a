import type { calendarMethods } from '../../../src-shared/methods/calendar';
import { forgetDigest } from '../../services/actions/digest';
import { readCalendar, writeCalendar } from '../../services/calendar';
import type { HealthService } from '../../services/health/service';
import type { AreaHandlers, HandlerDeps } from './deps';

/**
 * The fiscal calendar. Saving one drops what was computed with the old quarters (the
 * health service's cached trends and model, the digest's recorded action sets) and tells
 * every screen: quarters, plan periods, QBR packs and actions follow at once.
 */
export function calendarHandlers(d: HandlerDeps, health: HealthService): AreaHandlers<typeof calendarMethods> {
  return {
    'calendar.get': () => readCalendar(d.db),
    'calendar.set': (input) => {
      const before = readCalendar(d.db);
      const saved = writeCalendar(d.db, input);
      if (saved.fiscalYearStartMonth !== before.fiscalYearStartMonth) {
        forgetDigest(d.db);
        health.calendarChanged();
      }
      d.events.emit('data.changed', { entities: ['calendar', 'setting', 'health_settings', 'jbp', 'qbr_note'] });
      return saved;
    },
  };
}
