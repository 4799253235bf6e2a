/**
 * Where the API gets the book's ranked actions without making other calls wait
 * (ARCHITECTURE §8). On a file-backed replica the ranking runs in the actions worker
 * (worker/): the caller awaits it while the API answers other calls. In memory (tests) and
 * in the CLI it runs on the calling thread through the kept ranking of cache.ts, as before
 * (the CLI reading the ranking the worker kept on disk when it is of the book as it is now).
 *
 * Each ranking kept is also written to disk by the worker (kept.ts), and a start with no
 * ranking yet reads it back when it was ranked from the book as it is now: after a restart
 * the first list is read, not ranked (seconds on a 20,000-partner book).
 *
 * The worker's result is kept only if the replica did not change while it ran: the change
 * counter (`replicaVersion`) is noted when a job starts and compared when it ends; a write
 * in between starts the job again. A replica that keeps changing (a sync applying pages)
 * gets the last consistent ranking after a few tries, not kept.
 */
import { currentMoneyDisplay } from '../../../src-shared/format';
import type { ActionItem, ActionSettings, ActionsProgress } from '../../../src-shared/methods/actions';
import { untilUnchanged } from '../../base/until-unchanged';
import type { Db } from '../../db/connection';
import { derivedWrite } from '../../db/derived-writes';
import { createRankedCache, replicaVersion, type KeptElsewhere } from './cache';
import { keptFileOf, keptKey, rankingCodeKey, readKept, type KeptRanking } from './kept';
import type { EvidenceOf } from './service';
import type { ActionEvidence } from './types';
import { actionsWorkerEntry, ActionsWorker, type ActionsWorkerOptions } from './worker/pool';

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
  /** For tests and figures: settles once the last ranking asked to be kept on disk is written (true) or given up. */
  keptOnDisk(): Promise<boolean>;
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
  return inWorker(db, new ActionsWorker(path, background, progress), path);
}

/**
 * The ranking the actions worker kept on disk for the replica at `path`, when it is of the
 * book as it is now (the CLI reads it instead of ranking; kept.ts).
 */
function keptOnDisk(db: Db, path: string): KeptElsewhere {
  let code: string | null = null;
  return (asOf, settings) => {
    try {
      code ??= rankingCodeKey(actionsWorkerEntry());
      const r = readKept(keptFileOf(path, asOf), keptKey(db, asOf, settings, currentMoneyDisplay(), code));
      const evidence = r?.allEvidence();
      return r && evidence ? { items: r.items, evidence } : null;
    } catch {
      // No worker script in this build, or the file unreadable: rank.
      return null;
    }
  };
}

function onThisThread(db: Db): ActionsCache {
  const path = db.sqlite.name;
  const cache = createRankedCache(db, !db.sqlite.memory && path && path !== ':memory:' ? keptOnDisk(db, path) : undefined);
  return {
    ranked: (asOf, settings) => {
      const { items, evidence } = cache.source(db, asOf, settings);
      return Promise.resolve({ items, evidence: () => Promise.resolve(evidence) });
    },
    ownWrite: (fn) => cache.ownWrite(fn),
    computations: () => cache.computations(),
    keptOnDisk: () => Promise.resolve(false),
    close: () => Promise.resolve(),
  };
}

interface Job {
  asOf: string;
  /** The replica's version when the job started. */
  version: string;
  items: ActionItem[];
  /** The id the worker keeps its evidence under; for a ranking read from disk, null. */
  job: number | null;
  /** A ranking read from disk (kept.ts), which holds its evidence. */
  restored?: KeptRanking;
}

function inWorker(db: Db, worker: ActionsWorker, path: string): ActionsCache {
  const version = replicaVersion(db);
  let kept: Job | null = null;
  let running: { asOf: string; done: Promise<Job> } | null = null;
  let count = 0;
  let onDisk: Promise<boolean> = Promise.resolve(false);
  /** The key last looked for on disk: a file is read once per state of the book. */
  let looked: string | null = null;

  /**
   * The ranking on disk when it was ranked from the book as it is now, else null (also when
   * the book's key cannot be read, a replica being replaced: then it is ranked).
   */
  const restore = (asOf: string, settings: ActionSettings): Job | null => {
    try {
      const v = version();
      const key = keptKey(db, asOf, settings, currentMoneyDisplay(), worker.codeKey());
      if (key === looked) return null;
      looked = key;
      const r = readKept(keptFileOf(path, asOf), key);
      return r ? { asOf, version: v, items: r.items, job: null, restored: r } : null;
    } catch {
      return null;
    }
  };

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
      const got = j.restored ? j.restored.evidence(keys) : j.job === null ? null : await worker.evidence(j.job, keys);
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
      if (running?.asOf !== asOf) {
        const restored = restore(asOf, settings);
        if (restored) return view((kept = restored));
      }
      const run = running?.asOf === asOf ? running : start(asOf, settings);
      const job = await run.done;
      // Kept only if the replica is still the one it was ranked from; else (it kept changing) used once.
      if (job.version === version() && kept !== job) {
        kept = job;
        // For the next start: written by the worker, off this thread, after the lists it is asked for now.
        if (job.job !== null) onDisk = worker.keep(job.job, path, keptFileOf(path, asOf)).catch(() => false);
      }
      return view(job);
    },
    // A write to computed results only: it leaves the version, so what was current stays current.
    ownWrite: (fn) => void derivedWrite(db, fn),
    computations: () => count,
    keptOnDisk: () => onDisk,
    close: () => worker.close(),
  };
}
