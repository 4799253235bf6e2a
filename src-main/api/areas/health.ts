import type { healthMethods } from '../../../src-shared/methods/health';
import { createHealthService } from '../../services/health/service';
import { bookFilter, bookLead } from '../../services/identity';
import type { AreaHandlers, HandlerDeps } from './deps';

export function healthHandlers(d: HandlerDeps): AreaHandlers<typeof healthMethods> {
  // One service per composition root: it caches inputs per quarter and drops them when a
  // sync reports changed input tables (data.changed).
  const health = createHealthService({
    db: d.db,
    clock: d.clock,
    events: d.events,
    syncing: () => d.sync.status().state === 'syncing',
  });
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
