import type { syncMethods } from '../../../src-shared/methods/sync';
import { discardEdit, listOutbox, resolveConflict } from '../../sync/conflicts';
import { queueEdit } from '../../sync/edits';
import type { AreaHandlers, HandlerDeps } from './deps';

export function syncHandlers(d: HandlerDeps): AreaHandlers<typeof syncMethods> {
  const afterLocalChange = (entities: string[]) => {
    d.events.emit('data.changed', { entities });
    d.sync.notifyEdit();
  };
  return {
    'sync.status': () => d.sync.status(),
    'sync.run': () => d.sync.run(),
    'sync.reset': () => d.sync.reset(),
    'sync.runs': ({ limit }) => d.sync.runs(limit),
    'sync.outbox': () => listOutbox(d.db.sqlite),
    'sync.resolve': ({ mutation_id, resolutions }) => {
      const res = resolveConflict(d.db.sqlite, d.clock, mutation_id, resolutions);
      afterLocalChange(['outbox']);
      return res;
    },
    'sync.discard': ({ mutation_id }) => {
      discardEdit(d.db.sqlite, d.clock, mutation_id);
      afterLocalChange(['outbox']);
      return { discarded: mutation_id };
    },
    'records.edit': ({ entity, id, op, fields }) => {
      const res = queueEdit(d.db.sqlite, d.clock, { entity, id, op, fields });
      if (res.changed) afterLocalChange([entity, 'outbox']);
      return { mutation_id: res.mutation_id, changed: res.changed };
    },
    'sync.settings': () => d.sync.settings(),
    'sync.settings.set': (s) => d.sync.updateSettings(s),
  };
}
