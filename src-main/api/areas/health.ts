import type { healthMethods } from '../../../src-shared/methods/health';
import { createHealthService } from '../../services/health/service';
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
    'health.portfolio': ({ asOf }) => health.portfolio(asOf),
    'health.partner': ({ id, asOf }) => health.partner(id, asOf),
    'health.rollup': ({ asOf, managerId }) => health.rollup(asOf, managerId),
    'health.model': ({ asOf }) => health.model(asOf),
    'health.settings.get': () => health.getSettings(),
    'health.settings.set': ({ settings }) => health.setSettings(settings),
  };
}
