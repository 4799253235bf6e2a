/**
 * One kept result of a whole-book computation (the forecast, ROPI, the plans list), current
 * while the replica's version is unchanged, computed on the calling thread (`here`) or in a
 * book worker (`inBackground`). Calls for the same key while a background run is under way
 * share it; a run whose replica changed while it ran runs again (a few times at most:
 * base/until-unchanged.ts) and its last value is current only for the version it read. While
 * a sync applies pages a run is not retried, and with `syncing` the kept result is served as
 * it is.
 */
import { JOB_TRIES, untilUnchanged } from '../../base/until-unchanged';

export interface KeptResult<T> {
  /** The kept value for `key` when it is current, else undefined (nothing is started). */
  peek(key: string): T | undefined;
  /** The error of the last background run for `key` when it failed on the replica as it is now (until another run starts). */
  failure(key: string): Error | undefined;
  /** The kept value for `key`, or `compute()` now (and kept). */
  here(key: string, compute: () => T): T;
  /**
   * The kept value for `key`, or the running or a new background run of `compute`; with
   * `retry` false (a sync is applying pages) a run is not retried when the replica moved.
   */
  inBackground(key: string, compute: () => Promise<T>, retry?: boolean): Promise<T>;
  /** How many values were computed (tests). */
  computations(): number;
}

export interface KeptOptions {
  /** True while a sync applies pages: the kept value is served as it is, and a background run is not retried. */
  syncing?: () => boolean;
  /** Called once a background run's value is kept (a listener's next call reads it). */
  landed?: () => void;
}

export function keptResult<T>(version: () => string, o: KeptOptions = {}): KeptResult<T> {
  const { syncing, landed } = o;
  let kept: { key: string; version: string; value: T } | null = null;
  let running: { key: string; done: Promise<T> } | null = null;
  let failed: { key: string; version: string; error: Error } | null = null;
  let count = 0;
  const fresh = (key: string): T | undefined => (kept && kept.key === key && (kept.version === version() || syncing?.()) ? kept.value : undefined);
  const keep = (key: string, v: string, value: T): T => {
    count++;
    kept = { key, version: v, value };
    return value;
  };
  return {
    peek: fresh,
    failure: (key) => (failed && failed.key === key && failed.version === version() ? failed.error : undefined),
    here(key, compute) {
      const hit = fresh(key);
      if (hit !== undefined) return hit;
      const v = version();
      return keep(key, v, compute());
    },
    inBackground(key, compute, retry = true) {
      const hit = fresh(key);
      if (hit !== undefined) return Promise.resolve(hit);
      if (running?.key === key) return running.done;
      // A sync moves the replica on every page: one run then, kept as the sync's value.
      const tries = syncing?.() || !retry ? 1 : JOB_TRIES;
      failed = null;
      const started = version();
      const done = untilUnchanged(version, compute, tries).then(
        ({ value, version: v }) => {
          keep(key, v, value);
          landed?.();
          return value;
        },
        (err: unknown) => {
          const error = err instanceof Error ? err : new Error(String(err));
          failed = { key, version: started, error };
          throw error;
        },
      );
      const run = { key, done };
      running = run;
      const clear = () => {
        if (running === run) running = null;
      };
      done.then(clear, clear);
      return done;
    },
    computations: () => count,
  };
}
