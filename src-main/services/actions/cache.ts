/**
 * The book's ranked actions, kept between calls while the replica is unchanged, so the
 * Actions page, its badge, "Plan my week" and the digest share one computation instead of
 * each recomputing the whole book (about half a second on a 5,000-partner book). This one
 * computes on the calling thread (in memory, the CLI); the API ranks a file-backed replica
 * in a worker instead (background.ts), with the same version check.
 *
 * "Unchanged" is the replica's version as computations see it (db/derived-writes.ts): any
 * write invalidates except the writes of computed results (the health inputs per date, and
 * the digest's record made here through `ownWrite`).
 */
import type { ActionItem, ActionSettings } from '../../../src-shared/methods/actions';
import type { Db } from '../../db/connection';
import { bookVersion, derivedWrite } from '../../db/derived-writes';
import { rankActions, type CachedActions, type EvidenceOf, type RankedSource } from './service';

export interface RankedCache extends CachedActions {
  /** The ranked actions for `asOf`: the kept ones when nothing changed since, else computed now. */
  source: RankedSource;
  /**
   * Runs `fn`, a write to tables the rules never read (the digest's action_snapshot):
   * what was current before it stays current after it.
   */
  ownWrite(fn: () => void): void;
  /** How many times the actions were computed (for tests and figures). */
  computations(): number;
}

/** The replica's version as the rules see it (db/derived-writes.ts): equal strings, nothing they read was written in between. */
export function replicaVersion(db: Db): () => string {
  return () => bookVersion(db);
}

/** A ranking of the book as it is now from elsewhere (the one kept on disk: kept.ts), or null. */
export type KeptElsewhere = (asOf: string, settings: ActionSettings) => { items: ActionItem[]; evidence: EvidenceOf } | null;

/** `fromDisk`: where a ranking of the book as it is now may already be kept (read before ranking). */
export function createRankedCache(db: Db, fromDisk?: KeptElsewhere): RankedCache {
  const version = replicaVersion(db);
  let kept: { asOf: string; version: string; items: ActionItem[]; evidence: EvidenceOf } | null = null;
  let count = 0;
  const source: RankedSource = (d: Db, asOf: string, settings: ActionSettings) => {
    if (d !== db) return { ...rankActions(d, asOf, { settings }), shared: false };
    if (kept?.asOf !== asOf || kept.version !== version()) {
      const v = version();
      let found = fromDisk?.(asOf, settings) ?? null;
      if (!found) {
        found = rankActions(db, asOf, { settings });
        count++;
      }
      kept = { asOf, version: v, items: found.items, evidence: found.evidence };
    }
    return { items: kept.items, evidence: kept.evidence, shared: true };
  };
  return {
    source,
    // A write to computed results only: it leaves the version, so what was current stays current.
    ownWrite: (fn) => void derivedWrite(db, fn),
    computations: () => count,
  };
}
