import type { identityMethods } from '../../../src-shared/methods/identity';
import { confirmIdentity, currentIdentity, getScope, rejectIdentity, setScope } from '../../services/identity';
import type { AreaHandlers, HandlerDeps } from './deps';

export function identityHandlers(d: HandlerDeps): AreaHandlers<typeof identityMethods> {
  /** Every scoped view refetches: "identity" (who is me) and "scope" (my book or everyone). */
  const changed = (entities: string[]) => d.events.emit('data.changed', { entities });
  return {
    'identity.get': () => currentIdentity(d.db),
    'identity.confirm': () => {
      const view = confirmIdentity(d.db);
      changed(['identity', 'scope']);
      return view;
    },
    'identity.reject': () => {
      const view = rejectIdentity(d.db);
      changed(['identity', 'scope']);
      return view;
    },
    'scope.get': () => getScope(d.db),
    'scope.set': ({ scope }) => {
      const view = setScope(d.db, scope);
      changed(['scope']);
      return view;
    },
  };
}
