import type { actionMethods } from '../../../src-shared/methods/actions';
import { actionDigest, listActions, recordSyncSnapshot, summarizeActions } from '../../services/actions/service';
import { getActionSettings, updateActionSettings } from '../../services/actions/settings';
import { clearActionState, setActionState } from '../../services/actions/states';
import type { AreaHandlers, HandlerDeps } from './deps';

export function actionHandlers(d: HandlerDeps): AreaHandlers<typeof actionMethods> {
  // Record the fired set once per finished sync, off the emitter's stack, for the digest.
  let lastSeen: string | null = null;
  d.events.on('sync.status', (s) => {
    if (s.state === 'syncing' || !s.lastSyncedAt || s.lastSyncedAt === lastSeen) return;
    lastSeen = s.lastSyncedAt;
    setImmediate(() => {
      try {
        recordSyncSnapshot(d.db, d.clock);
      } catch {
        // The digest records lazily on its next read instead.
      }
    });
  });
  const changed = () => {
    d.events.emit('data.changed', { entities: ['action_state'] });
    d.sync.notifyEdit();
  };
  return {
    'actions.list': (input) => listActions(d.db, d.clock, input),
    'actions.summary': (input) => summarizeActions(d.db, d.clock, input),
    'actions.setState': (input) => {
      const view = setActionState(d.db, d.clock, input);
      changed();
      return view;
    },
    'actions.clearState': ({ key }) => {
      const cleared = clearActionState(d.db, d.clock, key);
      if (cleared) changed();
      return { cleared };
    },
    'actions.digest': () => actionDigest(d.db, d.clock),
    'actions.settings': () => getActionSettings(d.db),
    'actions.updateSettings': (patch) => {
      const s = updateActionSettings(d.db, patch);
      d.events.emit('data.changed', { entities: ['setting'] });
      return s;
    },
  };
}
