/**
 * Health inputs recomputed without making other calls wait (ARCHITECTURE §7). On a
 * file-backed replica the cold part of a health view (gathering every partner's inputs per
 * date, seconds on a large book) runs in the health worker (worker/); meanwhile the views
 * are answered from the last inputs, marked stale (stale-while-revalidate), or, when there
 * are none yet (a book's first open), the caller awaits the worker while the API answers
 * other calls. In memory (tests), in the CLI and in the benches the inputs are gathered on
 * the calling thread (cache.ts), as before.
 *
 * A view's job also derives, beside the inputs, what its views compute in bulk from them
 * (derive.ts: every partner's score on the view's dates and the churn model's fit, most of
 * a view's time after new inputs); that lands with the inputs and is used with exactly
 * those inputs (context.ts). Inputs travel packed and already encoded for `health_snapshot`
 * (packed-inputs.ts): the landing turn unpacks nothing until a view reads it.
 *
 * A result is kept only if the replica did not change while it was computed
 * (base/until-unchanged.ts, with the context's version: the fingerprint and a count of the
 * data.changed events that touched inputs); else the job runs again, a few times at most.
 */
import type { HealthProgress } from '../../../src-shared/methods/health';
import { untilUnchanged } from '../../base/until-unchanged';
import type { Db } from '../../db/connection';
import { fingerprint, type InputsCache } from './cache';
import type { Derived } from './derive';
import type { InputsByDate } from './inputs';
import { HealthWorker, type HealthWorkerOptions } from './worker/pool';
import type { DeriveRequest } from './worker/protocol';

export interface Landed {
  fingerprint: string;
  inputs: InputsByDate;
  /** The stored form of `inputs`' dates (encoded in the worker). */
  texts: Record<string, string>;
  /** What the views derive from the inputs (derive.ts), when the job was asked for it. */
  derived: Derived | null;
  /** The dates the job was asked for. */
  dates: string[];
  /** False when the replica kept changing while the job ran (the last run's inputs, not current). */
  current: boolean;
}

export interface HealthRefresher {
  /**
   * Starts a recompute of `dates` (and, with `derive`, of what the views derive from them),
   * or joins a running one that covers them; settles once its results have landed.
   */
  refresh(dates: readonly string[], derive?: DeriveRequest): Promise<void>;
  /** True while a recompute runs. */
  pending(): boolean;
  /** Fails what runs (a plain sentence) and stops the worker: nothing lands after. */
  close(): Promise<void>;
}

/**
 * `version`: the replica as the health inputs see it; `land`: keeps a job's inputs
 * (called on the API's thread, in the same turn as the version check).
 */
export function createRefresher(worker: HealthWorker, version: () => string, land: (l: Landed) => void): HealthRefresher {
  const running: { dates: Set<string>; derive?: DeriveRequest; done: Promise<void> }[] = [];
  let closed = false;
  const covers = (r: (typeof running)[number], dates: readonly string[], derive?: DeriveRequest) =>
    dates.every((d) => r.dates.has(d)) &&
    (!derive || (r.derive?.asOf === derive.asOf && derive.scoreDates.every((d) => r.derive!.scoreDates.includes(d))));
  return {
    refresh(dates, derive) {
      const joined = running.find((r) => covers(r, dates, derive));
      if (joined) return joined.done;
      const asked = [...new Set(dates)];
      const done = untilUnchanged(version, () => worker.inputs(asked, derive)).then(({ value, current }) => {
        if (!closed) land({ ...value, dates: asked, current });
      });
      const run = { dates: new Set(asked), derive, done };
      running.push(run);
      const clear = () => {
        running.splice(running.indexOf(run), 1);
      };
      done.then(clear, clear);
      return done;
    },
    pending: () => running.length > 0,
    close() {
      closed = true;
      return worker.close();
    },
  };
}

/** What a view's `prepare` asks the worker to derive besides the inputs. */
export interface DeriveAsk {
  request(): DeriveRequest;
  /** True when the views can answer without deriving on this thread (memoised, or landed): nothing to ask. */
  warm(): boolean;
}

export interface InputsSource {
  /** `current`: never stale ones (outside a sync): what is not current is gathered on this thread. */
  inputs(dates: readonly string[], current?: boolean): InputsByDate;
  /**
   * Resolves once `inputs(dates)` can answer without gathering on this thread (at once when
   * stale ones can be served meanwhile) and, with `derive`, once what the views derive from
   * current inputs has landed (at once when stale ones are served, or it is warm).
   */
  prepare(dates: readonly string[], derive?: DeriveAsk): Promise<void>;
  refreshing(): boolean;
  close(): Promise<void>;
}

export interface InputsSourceDeps {
  db: Db;
  cache: InputsCache;
  /** Absent, or an in-memory replica: everything on the calling thread. */
  background?: HealthWorkerOptions;
  syncing(): boolean;
  /** The replica as the inputs see it (changes whenever cached inputs stop being current). */
  version(): string;
  /**
   * A recompute's inputs were kept (and `derived` with them, computed from them and the
   * inputs of `fingerprint` already held); `servedStale`: views were answered from stale
   * inputs meanwhile.
   */
  landed(servedStale: boolean, derived: Derived | null, fingerprint: string): void;
  /** Hears how far a recompute in the worker has got. */
  progress?(p: HealthProgress): void;
}

/** The context's inputs (context.ts): on the calling thread, or from the worker with stale ones served meanwhile. */
export function createInputsSource(o: InputsSourceDeps): InputsSource {
  const { db, cache, syncing } = o;
  const path = db.sqlite.name;
  if (!o.background || db.sqlite.memory || !path || path === ':memory:') {
    return {
      inputs: (dates) => cache.get(dates, { allowStale: syncing() }),
      prepare: () => Promise.resolve(),
      refreshing: () => false,
      close: () => Promise.resolve(),
    };
  }
  let servedStale = false;
  const refresher = createRefresher(new HealthWorker(path, o.background, (p) => o.progress?.(p)), o.version, (l) => {
    const kept = l.current && l.fingerprint === fingerprint(db);
    if (kept && l.inputs.size > 0) cache.store(l.fingerprint, l.inputs, l.dates, l.texts);
    else if (!kept) cache.keepStale(l.inputs); // the replica kept changing: newer, still stale
    const told = servedStale && !syncing();
    if (told) servedStale = false;
    // What was derived is current only with the inputs it was derived from.
    o.landed(told, kept ? l.derived : null, l.fingerprint);
  });
  const revalidate = (dates: readonly string[], derive?: DeriveAsk) => {
    // During a sync the replica changes page by page: the sync's end recomputes instead.
    if (!syncing()) refresher.refresh(dates, derive?.request()).catch(() => undefined);
  };
  return {
    inputs(dates, current) {
      if (current) return cache.get(dates, { allowStale: syncing() });
      if (syncing()) {
        const have = cache.during(dates);
        if (have) return have;
      }
      const { have, missing } = cache.lookup(dates);
      if (missing.length === 0) return have;
      const stale = cache.stale(missing);
      // Nothing to serve (a caller that did not `prepare`): gathered on this thread.
      if (!stale) return cache.get(dates);
      for (const [d, m] of stale) have.set(d, m);
      servedStale = true;
      revalidate(missing);
      return have;
    },
    async prepare(dates, derive) {
      if (syncing() && cache.during(dates)) return;
      const { missing } = cache.lookup(dates);
      if (missing.length === 0) {
        // Current inputs (a restart, other settings): derived in the worker too, while the API answers.
        if (derive && !derive.warm()) await refresher.refresh([], derive.request());
        return;
      }
      if (cache.stale(missing)) return revalidate(missing, derive);
      await refresher.refresh(missing, derive?.request());
    },
    refreshing: () => refresher.pending(),
    close: () => refresher.close(),
  };
}
