import type { syncMethods } from '../../../src-shared/methods/sync';
import type { AreaHandlers, HandlerDeps } from './deps';

export function syncHandlers(d: HandlerDeps): AreaHandlers<typeof syncMethods> {
  return {
    'sync.status': () => d.sync.status(),
    'sync.run': () => d.sync.run(),
    'sync.runs': ({ limit }) => d.sync.runs(limit),
  };
}
