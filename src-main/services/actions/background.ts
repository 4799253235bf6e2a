/**
 * Where the API gets the book's ranked actions without making other calls wait
 * (ARCHITECTURE §8). On a file-backed replica the ranking runs in the actions worker
 * (worker/): the caller awaits it while the API answers other calls. In memory (tests) and
 * in the CLI it runs on the calling thread through the kept ranking of cache.ts, as before.
 *
 * The worker's result is kept only if the replica did not change while it ran: the change
 * counter (`replicaVersion`) is noted when a job starts and compared when it ends; a write
 * in between starts the job again. A replica that keeps changing (a sync applying pages)
 * gets the last consistent ranking after a few tries, not kept.
 */
import type { ActionItem, ActionSettings, ActionsProgress } from '../../../src-shared/methods/actions';
import { untilUnchanged } from '../../base/until-unchanged';
import type { Db } from '../../db/connection';
import { derivedWrite } from '../../db/derived-writes';
import { createRankedCache, replicaVersion } from './cache';
import type { EvidenceOf } from './service';
import type { ActionEvidence } from './types';
import { ActionsWorker, type ActionsWorkerOptions } from './worker/pool';

/** A ranking of the whole book: its items (shared between calls: copy before changing) and their evidence on demand. */
export interface Ranked {
  items: ActionItem[];
  /** The evidence of `keys`; null when it is no longer kept (rank again). */
  evidence(keys: string[]): Promise<EvidenceOf | null>;
}

export interface ActionsCache {
  /** The ranked actions for `asOf`, current for the replica when the promise settles. */
  ranked(asOf: string, settings: ActionSettings): Promise<Ranked>;
  /** Runs `fn`, a write to tables the rules never read (the digest's record): what was current stays current. */
  ownWrite(fn: () => void): void;
  /** How many rankings were computed (for tests and figures). */
  computations(): number;
  /** Stops the worker (when the workspace closes). */
  close(): Promise<void>;
}

/**
 * In the worker when `background` is given and the replica is a file, else on the calling
 * thread. `progress` hears how far a ranking in the worker has got (the `actions.progress` event).
 */
export function createActionsCache(db: Db, background?: ActionsWorkerOptions, progress?: (p: ActionsProgress) => void): ActionsCache {
  const path = db.sqlite.name;
  if (!background || db.sqlite.memory || !path || path === ':memory:') return onThisThread(db);
  return inWorker(db, new ActionsWorker(path, background, progress));
}

function onThisThread(db: Db): ActionsCache {
  const cache = createRankedCache(db);
  return {
    ranked: (asOf, settings) => {
      const { items, evidence } = cache.source(db, asOf, settings);
      return Promise.resolve({ items, evidence: () => Promise.resolve(evidence) });
    },
    ownWrite: (fn) => cache.ownWrite(fn),
    computations: () => cache.computations(),
    close: () => Promise.resolve(),
  };
}

interface Job {
  asOf: string;
  /** The replica's version when the job started. */
  version: string;
  items: ActionItem[];
  /** The id the worker keeps its evidence under. */
  job: number;
}

function inWorker(db: Db, worker: ActionsWorker): ActionsCache {
  const version = replicaVersion(db);
  let kept: Job | null = null;
  let running: { asOf: string; done: Promise<Job> } | null = null;
  let count = 0;

  // One job per as-of date at a time; it ranks again while the replica changes under it (a few times at most).
  const start = (asOf: string, settings: ActionSettings) => {
    const done = untilUnchanged(version, async () => {
      const r = await worker.rank(asOf, settings);
      count++;
      return r;
    }).then(({ value, version: v }): Job => ({ asOf, version: v, items: value.items, job: value.job }));
    const run = { asOf, done };
    running = run;
    const clear = () => {
      if (running === run) running = null;
    };
    done.then(clear, clear);
    return run;
  };

  const view = (j: Job): Ranked => ({
    items: j.items,
    async evidence(keys) {
      if (keys.length === 0) return new Map();
      const got = await worker.evidence(j.job, keys);
      if (!got) {
        if (kept === j) kept = null;
        return null;
      }
      const out = new Map<string, () => ActionEvidence>();
      for (const [key, ev] of got) out.set(key, () => ev);
      return out;
    },
  });

  return {
    async ranked(asOf, settings) {
      if (kept?.asOf === asOf && kept.version === version()) return view(kept);
      const run = running?.asOf === asOf ? running : start(asOf, settings);
      const job = await run.done;
      // Kept only if the replica is still the one it was ranked from; else (it kept changing) used once.
      if (job.version === version()) kept = job;
      return view(job);
    },
    // A write to computed results only: it leaves the version, so what was current stays current.
    ownWrite: (fn) => void derivedWrite(db, fn),
    computations: () => count,
    close: () => worker.close(),
  };
}
