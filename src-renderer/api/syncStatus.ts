/**
 * The app-wide sync status: `sync.status` once (once the first screen is painted), then
 * `sync.status` events. It is read again each time the harness's event stream connects (a
 * run that ended before it did sent its event to nobody), on focus, and by a slow poll as
 * a last safety net.
 */
import { useSyncExternalStore } from 'react';
import type { SyncStatus } from '../../src-shared/methods/sync';
import { invoke, onEventsConnected, subscribe } from './client';
import { afterFirstPaint } from './first-paint';

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

/**
 * Counts `sync.status` events. A read answered after an event arrived may have been
 * computed before it (the answer and the event travel on different connections), so it
 * is dropped: the event is at least as new.
 */
let events = 0;

export function refreshSyncStatus(): void {
  const seen = events;
  invoke('sync.status', {}).then(
    (status) => {
      if (events === seen) set({ status, error: undefined });
    },
    (error: unknown) => {
      if (events === seen) set({ error });
    },
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
  subscribe('sync.status', (status) => {
    events += 1;
    set({ status, error: undefined });
  });
  onEventsConnected(refreshSyncStatus);
  void afterFirstPaint().then(refreshSyncStatus);
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
