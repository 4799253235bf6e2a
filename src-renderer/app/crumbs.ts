/** Lets a page put extra crumbs in the top bar, e.g. the partner's name. */
import { useEffect, useSyncExternalStore } from 'react';

let crumbs: string[] = [];
const listeners = new Set<() => void>();

function set(next: string[]): void {
  crumbs = next;
  for (const l of [...listeners]) l();
}

export function usePageCrumbs(next: (string | null | undefined)[]): void {
  const key = next.filter(Boolean).join('\u0000');
  useEffect(() => {
    set(key ? key.split('\u0000') : []);
    return () => set([]);
  }, [key]);
}

export function useCrumbs(): string[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => {
        listeners.delete(l);
      };
    },
    () => crumbs,
  );
}
