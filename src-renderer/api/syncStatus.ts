/**
 * The app-wide sync status: `sync.status` once, then `sync.status` events, with a slow
 * poll as a safety net (e.g. after the event stream reconnects).
 */
import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../src-shared/methods/sync';
import { invoke, subscribe } from './client';

interface Store {
  status: SyncStatus | null;
  error: unknown;
}

let store: Store = { status: null, error: undefined };
const listeners = new Set<() => void>();
let started = false;

function set(patch: Partial<Store>): void {
  store = { ...store, ...patch };
  for (const l of [...listeners]) l();
}

export function refreshSyncStatus(): void {
  invoke('sync.status', {}).then(
    (status) => set({ status, error: undefined }),
    (error: unknown) => set({ error }),
  );
}

/** Another workspace was opened: forget the old status and read the new one. */
export function resetSyncStatus(): void {
  set({ status: null, error: undefined });
  if (started) refreshSyncStatus();
}

function start(): void {
  if (started) return;
  started = true;
  subscribe('sync.status', (status) => set({ status, error: undefined }));
  refreshSyncStatus();
  setInterval(refreshSyncStatus, 60_000);
  window.addEventListener('focus', refreshSyncStatus);
}

function subscribeStore(l: () => void): () => void {
  start();
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

export function useSyncStatus(): Store {
  return useSyncExternalStore(subscribeStore, () => store);
}
