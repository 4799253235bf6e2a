/**
 * Who is signed in, and whether views show my book or every partner. The choice lives in
 * the main process (remembered per replica, so the CLI agrees); switching it shows the new
 * scope at once while the main process catches up.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { BookScope, IdentityView } from '../../src-shared/methods/identity';
import { invoke } from './client';
import { useQuery } from './hooks';

/** `data.changed` names that change who is signed in, the scope, or how big my book is. */
export const IDENTITY_REFRESH = ['identity', 'scope', 'user', 'partner'] as const;

let pending: BookScope | null = null;
const listeners = new Set<() => void>();
const setPending = (s: BookScope | null) => {
  pending = s;
  for (const l of [...listeners]) l();
};
const subscribePending = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};

export function useIdentity(): { identity: IdentityView | undefined; error: unknown } {
  const { data, error } = useQuery('identity.get', {}, { refreshOn: IDENTITY_REFRESH });
  return { identity: data, error };
}

/** The scope views show for `identity` when none was just chosen here: the main process's default (the whole book when nobody with a book is signed in). */
export function shownScope(identity: IdentityView): BookScope {
  return identity.book.kind !== 'everyone' ? identity.scope : 'all';
}

export interface BookScopeState {
  /** The scope to ask for; undefined until known (wait before querying). */
  scope: BookScope | undefined;
  /** Whether "my book" differs from everyone (someone with a book is signed in). */
  scoped: boolean;
  identity: IdentityView | undefined;
  setScope(scope: BookScope): void;
}

export function useBookScope(): BookScopeState {
  const { identity, error } = useIdentity();
  const override = useSyncExternalStore(subscribePending, () => pending);
  // Once the main process reports the chosen scope, the local override is no longer needed.
  useEffect(() => {
    if (override !== null && identity?.scope === override) setPending(null);
  }, [identity?.scope, override]);
  const setScope = useCallback((scope: BookScope) => {
    setPending(scope);
    invoke('scope.set', { scope }).catch(() => setPending(null));
  }, []);
  const scoped = !!identity && identity.book.kind !== 'everyone';
  // Without an identity (or if it cannot be read) every view shows the whole book.
  const scope = identity ? (scoped ? (override ?? shownScope(identity)) : 'all') : error ? 'all' : undefined;
  return { scope, scoped, identity, setScope };
}
