import type { syncMethods } from '../../../src-shared/methods/sync';
import { discardEdit, listOutbox, resolveConflict } from '../../sync/conflicts';
import { queueEdit } from '../../sync/edits';
import type { AreaHandlers, HandlerDeps } from './deps';
import { mutating } from './mutating';

export function syncHandlers(d: HandlerDeps): AreaHandlers<typeof syncMethods> {
  return {
    'sync.status': () => d.sync.status(),
    'sync.run': () => d.sync.run(),
    'sync.cancel': async () => ({ stopped: await d.sync.cancel() }),
    'sync.reset': () => d.sync.reset(),
    'sync.runs': ({ limit }) => d.sync.runs(limit),
    'sync.outbox': () => listOutbox(d.db.sqlite),
    'sync.resolve': mutating(d, ['outbox'], ({ mutation_id, resolutions }) => resolveConflict(d.db.sqlite, d.clock, mutation_id, resolutions)),
    'sync.discard': mutating(d, ['outbox'], ({ mutation_id }) => {
      discardEdit(d.db.sqlite, d.clock, mutation_id);
      return { discarded: mutation_id };
    }),
    'records.edit': mutating(
      d,
      ({ entity }) => [entity, 'outbox'],
      ({ entity, id, op, fields }) => {
        const res = queueEdit(d.db.sqlite, d.clock, { entity, id, op, fields });
        return { mutation_id: res.mutation_id, changed: res.changed };
      },
      (r) => r.changed,
    ),
    'sync.settings': () => d.sync.settings(),
    'sync.settings.set': (s) => d.sync.updateSettings(s),
  };
}
