import type { healthMethods } from '../../../src-shared/methods/health';
import type { HealthService } from '../../services/health/service';
import { bookFilter, bookLead } from '../../services/identity';
import type { AreaHandlers, HandlerDeps } from './deps';

/** `health` is the workspace's one health service (see handlers.ts): it caches inputs per quarter and drops them when a sync reports changed input tables. */
export function healthHandlers(d: HandlerDeps, health: HealthService): AreaHandlers<typeof healthMethods> {
  return {
    'health.portfolio': ({ asOf, scope }) => {
      const portfolio = health.portfolio(asOf);
      const { owners } = bookFilter(d.db, scope);
      return owners ? { ...portfolio, rows: portfolio.rows.filter((r) => owners.has(r.owner_id)) } : portfolio;
    },
    'health.partner': ({ id, asOf }) => health.partner(id, asOf),
    // A team picked explicitly wins; otherwise my book (my partners, or my team's) or everyone.
    'health.rollup': ({ asOf, managerId, scope }) => health.rollup(asOf, managerId ?? bookLead(d.db, scope)),
    'health.model': ({ asOf }) => health.model(asOf),
    'health.settings.get': () => health.getSettings(),
    'health.settings.set': ({ settings }) => health.setSettings(settings),
  };
}
