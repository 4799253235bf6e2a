/**
 * The book's ranked actions, kept between calls while the replica is unchanged, so the
 * Actions page, its badge, "Plan my week" and the digest share one computation instead of
 * each recomputing the whole book (about half a second on a 5,000-partner book). This one
 * computes on the calling thread (in memory, the CLI); the API ranks a file-backed replica
 * in a worker instead (background.ts), with the same version check.
 *
 * "Unchanged" is read from SQLite, not guessed from events: the connection's
 * `total_changes()` (every row this connection inserted, updated or deleted: syncs, edits,
 * settings, states) and `PRAGMA data_version` (commits by any other connection, e.g. the
 * CLI on the same file). Both are O(1). Any write therefore invalidates, including writes
 * the rules do not read; `ownWrite` is for the one such write made here (the digest's record).
 */
import type Database from 'better-sqlite3';
import type { ActionItem, ActionSettings } from '../../../src-shared/methods/actions';
import type { Db } from '../../db/connection';
import { rankActions, type CachedActions, type EvidenceOf, type RankedSource } from './service';

export interface RankedCache extends CachedActions {
  /** The ranked actions for `asOf`: the kept ones when nothing changed since, else computed now. */
  source: RankedSource;
  /**
   * Runs `fn`, a write to tables the rules never read (the digest's action_snapshot):
   * what was current before it stays current after it.
   */
  ownWrite<T>(fn: () => T): T;
  /** How many times the actions were computed (for tests and figures). */
  computations(): number;
}

/** The replica's change counter as this connection sees it (equal strings: nothing was written in between). */
export function replicaVersion(db: Db): () => string {
  let changes: Database.Statement | null = null;
  return () => {
    changes ??= db.sqlite.prepare('SELECT total_changes()').pluck();
    return `${String(db.sqlite.pragma('data_version', { simple: true }))}:${String(changes.get())}`;
  };
}

export function createRankedCache(db: Db): RankedCache {
  const version = replicaVersion(db);
  let kept: { asOf: string; version: string; items: ActionItem[]; evidence: EvidenceOf } | null = null;
  let count = 0;
  const source: RankedSource = (d: Db, asOf: string, settings: ActionSettings) => {
    if (d !== db) return { ...rankActions(d, asOf, { settings }), shared: false };
    if (kept?.asOf !== asOf || kept.version !== version()) {
      const { items, evidence } = rankActions(db, asOf, { settings });
      count++;
      kept = { asOf, version: version(), items, evidence };
    }
    return { items: kept.items, evidence: kept.evidence, shared: true };
  };
  return {
    source,
    ownWrite(fn) {
      const current = kept !== null && kept.version === version();
      const out = fn();
      if (current && kept) kept = { ...kept, version: version() };
      return out;
    },
    computations: () => count,
  };
}
