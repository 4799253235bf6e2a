import type { actionMethods } from '../../../src-shared/methods/actions';
import { createActionsCache, type ActionsCache } from '../../services/actions/background';
import { actionDigestFrom, listActionsFrom, recordSyncSnapshotFrom, summarizeActionsFrom, weekPlanFrom } from '../../services/actions/book';
import { getActionSettings, updateActionSettings } from '../../services/actions/settings';
import { clearActionState, setActionState } from '../../services/actions/states';
import { bookFilter, partnersOwnedBy } from '../../services/identity';
import type { AreaHandlers, HandlerDeps } from './deps';
import { mutating } from './mutating';

/**
 * `shared` is the workspace's one actions cache (handlers.ts), which the QBR decks use too;
 * without it (a test of this area alone) the area makes its own.
 */
export function actionHandlers(d: HandlerDeps, shared?: ActionsCache): AreaHandlers<typeof actionMethods> {
  // One computation of the book's actions serves the list, the badge, the week, the digest and the QBR decks until the replica changes;
  // on a file-backed replica it runs in a worker, so other calls are answered while it does (services/actions/background.ts).
  const cache = shared ?? createActionsCache(d.db, d.backgroundActions, (p) => d.events.emit('actions.progress', p));
  if (!shared) d.onClose?.(() => cache.close());
  // Record the fired set once per finished sync, off the emitter's stack, for the digest.
  let lastSeen: string | null = null;
  d.events.on('sync.status', (s) => {
    if (s.state === 'syncing' || !s.lastSyncedAt || s.lastSyncedAt === lastSeen) return;
    lastSeen = s.lastSyncedAt;
    setImmediate(() => {
      // On failure the digest records lazily on its next read instead.
      recordSyncSnapshotFrom(cache, d.db, d.clock).catch(() => undefined);
    });
  });
  return {
    // One partner's actions are theirs whoever owns the partner; the book-wide list defaults to my book.
    'actions.list': ({ scope, ...input }) =>
      listActionsFrom(cache, d.db, d.clock, { ...input, owners: bookFilter(d.db, scope ?? (input.partnerId ? 'all' : undefined)).owners }),
    'actions.summary': ({ scope, ...input }) => summarizeActionsFrom(cache, d.db, d.clock, { ...input, owners: bookFilter(d.db, scope).owners }),
    'actions.week': ({ scope, asOf }) => weekPlanFrom(cache, d.db, d.clock, { asOf, owners: bookFilter(d.db, scope).owners }),
    'actions.setState': mutating(d, ['action_state'], (input) => setActionState(d.db, d.clock, input)),
    'actions.clearState': mutating(d, ['action_state'], ({ key }) => ({ cleared: clearActionState(d.db, d.clock, key) }), (r) => r.cleared),
    'actions.digest': async ({ scope }) => {
      const digest = await actionDigestFrom(cache, d.db, d.clock);
      const { owners } = bookFilter(d.db, scope);
      if (!owners) return digest;
      const mine = partnersOwnedBy(d.db, owners);
      return { ...digest, added: digest.added.filter((e) => mine.has(e.partnerId)), resolved: digest.resolved.filter((e) => mine.has(e.partnerId)) };
    },
    'actions.settings': () => getActionSettings(d.db),
    'actions.updateSettings': (patch) => {
      const s = updateActionSettings(d.db, patch);
      d.events.emit('data.changed', { entities: ['setting'] });
      return s;
    },
  };
}
