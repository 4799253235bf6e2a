/**
 * Small data hooks over the api client.
 *
 * `useQuery(method, input, { refreshOn })` shares one cache entry per (method, input):
 * two screens asking for `partners.list` get one request. It keeps showing the last
 * value while it refetches (no flashing spinners), and refetches when a `data.changed`
 * event names one of `refreshOn` (throttled, so a sync that emits many pages causes at
 * most one refetch per second or so). A change announced while no screen showed the query
 * (or before its throttled refetch ran) marks the cached result stale, so the next screen
 * that asks reads it again instead of showing it for up to STALE_MS.
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ApiEvents, EventName, MethodInput, MethodName, MethodOutput } from '../../src-shared/api';
import { invoke, onEventsConnected, subscribe } from './client';
import { afterFirstPaint, firstPaintDone } from './first-paint';

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** True while a request is in flight (also during a background refetch). */
  loading: boolean;
  /** When the current `data` arrived (ms since epoch), 0 if never. */
  updatedAt: number;
}

interface Entry {
  state: QueryState<unknown>;
  listeners: Set<() => void>;
  inflight: Promise<void> | null;
  /** A refetch was requested while one was in flight. */
  again: boolean;
  /** Entities whose changes make this result stale (the `refreshOn` of every screen that asked for it). */
  refreshOn: Set<string>;
  /** A change named one of them since the result was fetched, and no refetch followed yet. */
  stale: boolean;
  run: () => Promise<unknown>;
}

const cache = new Map<string, Entry>();
const STALE_MS = 15_000;

function keyOf(method: string, input: unknown): string {
  return `${method} ${JSON.stringify(input ?? {})}`;
}

function entryFor<M extends MethodName>(method: M, input: MethodInput<M>): Entry {
  const key = keyOf(method, input);
  let e = cache.get(key);
  if (!e) {
    e = {
      state: { data: undefined, error: undefined, loading: false, updatedAt: 0 },
      listeners: new Set(),
      inflight: null,
      again: false,
      refreshOn: new Set(),
      stale: false,
      run: () => invoke(method, input),
    };
    cache.set(key, e);
  }
  return e;
}

function setState(e: Entry, patch: Partial<QueryState<unknown>>): void {
  e.state = { ...e.state, ...patch };
  for (const l of [...e.listeners]) l();
}

function fetchEntry(e: Entry, started?: Promise<unknown>): Promise<void> {
  if (e.inflight) {
    e.again = true;
    return e.inflight;
  }
  e.stale = false;
  setState(e, { loading: true });
  e.inflight = (started ?? e.run())
    .then(
      (data) => setState(e, { data, error: undefined, loading: false, updatedAt: Date.now() }),
      (error: unknown) => setState(e, { error, loading: false }),
    )
    .finally(() => {
      e.inflight = null;
      if (e.again) {
        e.again = false;
        void fetchEntry(e);
      }
    });
  return e.inflight;
}

/**
 * Takes a request already sent (at start-up, before any page asked) as the query's
 * fetch: the page that asks for it later waits on it instead of sending its own, or,
 * when its answer has `arrived`, renders with it at once. Ignored when the query has a
 * result or a request of its own already.
 */
export function adoptQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  started: Promise<MethodOutput<M>>,
  arrived?: { value: MethodOutput<M> } | { error: unknown },
): void {
  const e = entryFor(method, input);
  if (e.inflight || e.state.updatedAt !== 0) return;
  if (!arrived) void fetchEntry(e, started);
  else if ('value' in arrived) setState(e, { data: arrived.value, error: undefined, loading: false, updatedAt: Date.now() });
  else setState(e, { error: arrived.error, loading: false });
}

/**
 * Marks stale every cached result no screen shows whose entities a change names (once, for
 * the app's life: screens come and go, the cache stays).
 */
let watchingChanges = false;
function watchChanges(): void {
  if (watchingChanges) return;
  watchingChanges = true;
  subscribe('data.changed', (payload) => {
    for (const e of cache.values()) {
      if (e.listeners.size === 0 && payload.entities.some((name) => e.refreshOn.has(name))) e.stale = true;
    }
  });
}

/** Forgets every cached result (another workspace was opened: nothing cached belongs to it). */
export function clearQueries(): void {
  cache.clear();
}

// A change made while the harness's event stream was down announced itself to nobody:
// what is on screen is read again once it is back.
onEventsConnected((reconnect) => {
  if (reconnect) refetchAll();
});

/** Refetches every result on screen and drops the others (their text changed: how money reads, or the fiscal calendar moved every quarter). */
export function refetchAll(except?: MethodName): void {
  for (const [key, e] of cache) {
    if (except && key.startsWith(`${except} `)) continue;
    if (e.listeners.size > 0) void fetchEntry(e);
    else cache.delete(key);
  }
}

/** Drops cached results of a method (all inputs) and refetches the ones on screen. */
export function invalidate(method: MethodName): void {
  for (const [key, e] of cache) {
    if (!key.startsWith(`${method} `)) continue;
    if (e.listeners.size > 0) void fetchEntry(e);
    else cache.delete(key);
  }
}

export interface QueryOptions {
  /** Entity names (as in `data.changed`) whose changes make this query refetch. */
  refreshOn?: readonly string[];
  /** Skip the request (e.g. until an id is known). */
  enabled?: boolean;
}

export interface QueryResult<T> extends QueryState<T> {
  refetch: () => Promise<void>;
}

export function useQuery<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  options: QueryOptions = {},
): QueryResult<MethodOutput<M>> {
  const enabled = options.enabled ?? true;
  const key = keyOf(method, input);
  // The entry is looked up by key; `input` identity may change on every render.
  const entry = entryFor(method, input);

  const subscribeStore = useCallback(
    (onChange: () => void) => {
      entry.listeners.add(onChange);
      return () => {
        entry.listeners.delete(onChange);
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by `key`
    [key],
  );
  const state = useSyncExternalStore(subscribeStore, () => entry.state) as QueryState<MethodOutput<M>>;

  useEffect(() => {
    if (!enabled) return;
    const e = cache.get(key);
    if (!e) return;
    if (e.stale && e.inflight) e.again = true;
    else if ((e.stale || e.state.updatedAt === 0 || Date.now() - e.state.updatedAt > STALE_MS) && !e.inflight) void fetchEntry(e);
  }, [key, enabled]);

  const refreshKey = (options.refreshOn ?? []).join(',');
  useEffect(() => {
    if (!enabled || !refreshKey) return;
    const wanted = new Set(refreshKey.split(','));
    for (const name of wanted) entry.refreshOn.add(name);
    watchChanges();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const unsubscribe = subscribe('data.changed', (payload) => {
      if (!payload.entities.some((name) => wanted.has(name))) return;
      const e = cache.get(key);
      if (!e || timer) return;
      const wait = Math.max(0, last + 1200 - Date.now());
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        void fetchEntry(e);
      }, wait);
    });
    return () => {
      unsubscribe();
      if (timer) {
        // The screen went before its refetch ran: the next one to ask reads again.
        clearTimeout(timer);
        const e = cache.get(key);
        if (e) e.stale = true;
      }
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `entry` is keyed by `key`
  }, [key, enabled, refreshKey]);

  const refetch = useCallback(() => {
    const e = cache.get(key);
    return e ? fetchEntry(e) : Promise.resolve();
  }, [key]);

  return { ...state, refetch };
}

/** False until the window's first screen is painted (api/first-paint.ts): for reads that are not on it. */
export function useFirstPaint(): boolean {
  const [painted, setPainted] = useState(firstPaintDone);
  useEffect(() => {
    if (painted) return;
    let live = true;
    void afterFirstPaint().then(() => {
      if (live) setPainted(true);
    });
    return () => {
      live = false;
    };
  }, [painted]);
  return painted;
}

/**
 * The payload of the latest `event` heard while `active` (a computation's progress), null
 * before any and whenever inactive: the next activity starts from nothing, not from where
 * the last one ended.
 */
export function useLatestEvent<E extends EventName>(event: E, active: boolean): ApiEvents[E] | null {
  const [latest, setLatest] = useState<ApiEvents[E] | null>(null);
  useEffect(() => {
    if (!active) return;
    const off = subscribe(event, setLatest);
    return () => {
      off();
      setLatest(null);
    };
  }, [event, active]);
  return active ? latest : null;
}

/** Runs `listener` for every `event`; the latest listener is used without resubscribing. */
export function useEvent<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => subscribe(event, (payload) => ref.current(payload)), [event]);
}

export interface MutationState<T> {
  running: boolean;
  error: unknown;
  data: T | undefined;
}

/** For commands (`sync.run`, later edits): tracks running/error, never caches. */
export function useMutation<M extends MethodName>(method: M) {
  const [state, setStateLocal] = useState<MutationState<MethodOutput<M>>>({
    running: false,
    error: undefined,
    data: undefined,
  });
  const run = useCallback(
    async (input: MethodInput<M>): Promise<MethodOutput<M> | undefined> => {
      setStateLocal((s) => ({ ...s, running: true, error: undefined }));
      try {
        const data = await invoke(method, input);
        setStateLocal({ running: false, error: undefined, data });
        return data;
      } catch (error) {
        setStateLocal((s) => ({ ...s, running: false, error }));
        return undefined;
      }
    },
    [method],
  );
  return { ...state, run };
}

/**
 * One clock for every "2 min ago" label, ticking every CLOCK_TICK_MS while any label shows:
 * each label kept its own, so the status bar could say "Synced just now" beside a Sync page
 * opened a few seconds later saying "Synced 1 min ago" about the same sync.
 */
const CLOCK_TICK_MS = 15_000;
let clockNow = Date.now();
let clockTimer: ReturnType<typeof setInterval> | null = null;
const clockListeners = new Set<() => void>();

function subscribeClock(listener: () => void): () => void {
  clockListeners.add(listener);
  clockTimer ??= setInterval(() => {
    clockNow = Date.now();
    for (const l of clockListeners) l();
  }, CLOCK_TICK_MS);
  return () => {
    clockListeners.delete(listener);
    if (clockListeners.size === 0 && clockTimer) {
      clearInterval(clockTimer);
      clockTimer = null;
    }
  };
}

function clockSnapshot(): number {
  // Not ticking (no label shown for a while): the first label to show reads the time afresh.
  if (!clockTimer && Date.now() - clockNow >= CLOCK_TICK_MS) clockNow = Date.now();
  return clockNow;
}

/** Current time for "2 min ago" labels: the app's one clock, the same for every label on screen. */
export function useNow(): number {
  return useSyncExternalStore(subscribeClock, clockSnapshot);
}
