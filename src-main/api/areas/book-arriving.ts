/**
 * A book still arriving: the workspace's first sync has not finished, so part of the book is
 * not here yet. The Portfolio lists it without scores (health.ts), a QBR deck is not made
 * from it (qbr.ts), and no plan baseline is computed from it (plans.ts). The renderer tells
 * the same way (src-renderer/api/bookLoading.ts).
 */
import { ServiceError } from '../../base/errors';
import { getState } from '../../sync/state';
import type { HandlerDeps } from './deps';

/**
 * A PRM's or Salesforce's book with no finished sync yet. An imported book is whole once
 * imported; a replica the CLI opens (no source kind) is taken as it is.
 */
export function bookArriving(d: HandlerDeps): boolean {
  const kind = d.sourceKind?.();
  return kind !== undefined && kind !== 'spreadsheet' && getState(d.db.sqlite, 'last_synced_at') === null;
}

/** Refuses, in words, to make `what` (or compute it: `verb`) from a book still arriving. */
export function refuseWhileArriving(d: HandlerDeps, what: string, verb = 'made'): void {
  if (!bookArriving(d)) return;
  throw new ServiceError(
    'unavailable',
    `The partner book is still arriving (its first sync has not finished), so ${what} ${verb} now would miss part of it. Try again once the sync is over (see Sync).`,
  );
}
