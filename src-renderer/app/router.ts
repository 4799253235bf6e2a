/**
 * Hash routing: `#/portfolio`, `#/partners/P-00012`, `#/sync`. Reload and back work
 * because the route lives in the URL. Patterns use `:name` segments.
 */
import { useSyncExternalStore } from 'react';

export type Params = Record<string, string>;

/** Where the app opens (and `#/` leads). */
export const DEFAULT_PATH = '/portfolio';

/** The route in the URL now (`/` when there is none). */
export function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  if (!raw.startsWith('/')) return '/';
  return raw.split('?')[0] || '/';
}

function subscribeHash(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function usePath(): string {
  return useSyncExternalStore(subscribeHash, currentPath);
}

/** The route's query (`#/qbr?partner=P-00012` → "partner=P-00012"); a change of it alone re-renders too. */
export function useHashQuery(): string {
  return useSyncExternalStore(subscribeHash, currentQuery);
}

function currentQuery(): string {
  return window.location.hash.split('?')[1] ?? '';
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const hash = `#${path}`;
  if (window.location.hash === hash) return;
  if (opts.replace) {
    window.history.replaceState(null, '', hash);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = path;
  }
}

export function href(path: string): string {
  return `#${path}`;
}

/** `matchPath('/partners/:id', '/partners/P-1')` → `{ id: 'P-1' }`, or null. */
export function matchPath(pattern: string, path: string): Params | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Params = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i]!;
    const val = s[i]!;
    if (seg.startsWith(':')) {
      try {
        params[seg.slice(1)] = decodeURIComponent(val);
      } catch {
        return null;
      }
    } else if (seg !== val) {
      return null;
    }
  }
  return params;
}
