/**
 * The pull half of sync (ARCHITECTURE §5): page through the PRM's change log from the
 * stored cursor, applying each page, its cursor and the source keys it changes
 * (source-keys.ts) in one transaction. A 410 restarts
 * from the beginning as a refetch that sweeps rows the server no longer has; local
 * pending edits (the outbox) are never touched by a pull.
 *
 * The server is not trusted to end the loop: a page that says "more" must move the
 * cursor to a place this run has not been (else: a protocol error, not retried), a run of
 * empty "more" pages is bounded, a page over the client's size cap is asked for again in
 * smaller pages, and a second 410 in one run stops with what happened and what was done.
 */
import type Database from 'better-sqlite3';
import type { SyncProgress } from '../../src-shared/methods/sync';
import { bookkeepingWrite } from '../db/derived-writes';
import { finishRepair } from '../db/integrity';
import { SourceError, type Source, type SourcePage } from '../sources/contract';
import { createApplier, sweepUnseen, validateChanges } from './apply';
import { SyncAborted } from './pull-errors';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { applySourceKeys, sourceKeyStore } from './source-keys';
import { startFullRefresh } from '../db/full-refresh';
import { getState, setState } from './state';

export interface PullOptions {
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  /** Called after each committed page, with the entities it touched. */
  onPage?: (entities: string[]) => void;
  retry?: RetryPolicy;
  /** Called before each retry of a transient failure. */
  onRetry?: (err: SourceError, attempt: number, delayMs: number) => void;
  /**
   * Called after each committed page that changed rows: asks for a checkpoint of the
   * write-ahead log off this thread (db/checkpoint), so the commit does not copy it itself.
   */
  checkpoint?: () => void;
}

export interface PullResult {
  kind: 'full' | 'incremental';
  pulled: number;
  deleted: number;
  pages: number;
  /** The server answered 410 and the replica was refetched from the start. */
  refetched: boolean;
  byEntity: Record<string, number>;
}

export { SyncAborted };

/** Pages are asked for again this many times smaller when one is over the size cap, down to MIN_PAGE_SIZE. */
const SHRINK_FACTOR = 10;
export const MIN_PAGE_SIZE = 50;
/** Consecutive pages without a change that still say "more" before the run stops. */
export const MAX_EMPTY_PAGES = 100;

const CONTACT = 'sync stopped. Contact your PRM admin.';
export const REFETCH_REFUSED =
  'The PRM could no longer continue from where this copy left off, so Partnerbook started a full refresh; the PRM refused that too. Your local copy and pending edits are unchanged; try again later.';

function replicaHasRows(sqlite: Database.Database): boolean {
  return Boolean(
    sqlite.prepare('SELECT 1 FROM tier UNION ALL SELECT 1 FROM user UNION ALL SELECT 1 FROM partner LIMIT 1').get(),
  );
}

export async function pull(sqlite: Database.Database, client: Source, opts: PullOptions = {}): Promise<PullResult> {
  let pageSize = opts.pageSize ?? 5000;
  const applier = createApplier(sqlite);
  const keys = sourceKeyStore(sqlite);
  let cursor = getState(sqlite, 'cursor');
  let refetch = getState(sqlite, 'refetch') === '1';
  if (refetch && client.sendsWholeBook === false) {
    // A source that never sends the whole book (a spreadsheet workspace's) cannot refresh
    // it: sweeping what it did not send would remove the book and, with it, the plans and
    // notes that exist only here. A repair waits for the next import (db/integrity.ts).
    bookkeepingWrite(sqlite, () => setState(sqlite, 'refetch', null));
    refetch = false;
  }
  const result: PullResult = {
    kind: cursor && !refetch ? 'incremental' : 'full',
    pulled: 0,
    deleted: 0,
    pages: 0,
    refetched: false,
    byEntity: {},
  };
  const checkAbort = () => {
    if (opts.signal?.aborted) throw new SyncAborted();
  };

  // Every position this run asked for; a page that says "more" must lead somewhere new.
  const seen = new Set<string>();
  if (cursor) seen.add(cursor);
  let emptyPages = 0;
  const checkAdvance = (page: SourcePage, requested: string | null) => {
    if (!page.has_more) return;
    if (page.cursor === requested) {
      throw new SourceError('protocol', `The PRM's change log did not move forward (it sent the same cursor again with more to come); ${CONTACT}`, undefined, undefined, 'stuck_cursor');
    }
    if (seen.has(page.cursor)) {
      throw new SourceError('protocol', `The PRM's change log went back to a place it had already sent (a loop); ${CONTACT}`, undefined, undefined, 'cursor_cycle');
    }
    emptyPages = page.changes.length === 0 ? emptyPages + 1 : 0;
    if (emptyPages >= MAX_EMPTY_PAGES) {
      throw new SourceError('protocol', `The PRM sent ${MAX_EMPTY_PAGES} empty pages in a row without finishing; ${CONTACT}`, undefined, undefined, 'empty_pages');
    }
    seen.add(page.cursor);
  };

  const startRefetch = () => {
    sqlite.transaction(() => {
      refetch = replicaHasRows(sqlite);
      startFullRefresh(sqlite, { sweep: refetch });
    })();
    cursor = null;
    seen.clear();
    emptyPages = 0;
    result.kind = 'full';
    result.refetched = true;
  };

  const applyPageTx = sqlite.transaction((page: SourcePage, changes: ReturnType<typeof validateChanges>) => {
    const counts = applier.apply(changes, refetch);
    applySourceKeys(sqlite, page.keys);
    setState(sqlite, 'cursor', page.cursor);
    if (!page.has_more && refetch) {
      sweepUnseen(sqlite);
      setState(sqlite, 'refetch', null);
      finishRepair(sqlite);
    }
    return counts;
  });
  // A page without changes (that ends no refresh) only moves the cursor and the source's
  // keys: sync bookkeeping, which leaves the kept computations current (db/derived-writes.ts).
  const applyPage = (page: SourcePage, changes: ReturnType<typeof validateChanges>) =>
    changes.length === 0 && !(!page.has_more && refetch) ? bookkeepingWrite(sqlite, () => applyPageTx(page, changes)) : applyPageTx(page, changes);

  const fetchPage = (c: string | null, limit: number) =>
    withRetry(() => client.changes(c, limit, keys), opts.retry ?? DEFAULT_RETRY, { signal: opts.signal, onRetry: opts.onRetry });
  let pending: Promise<SourcePage> | null = null;
  for (;;) {
    checkAbort();
    let page: SourcePage;
    try {
      page = await (pending ?? fetchPage(cursor, pageSize));
    } catch (err) {
      pending = null;
      if (err instanceof SourceError && err.kind === 'cursor_expired') {
        if (result.refetched) throw new SourceError('cursor_expired', REFETCH_REFUSED, err.status, undefined, err.code);
        startRefetch();
        continue;
      }
      if (err instanceof SourceError && err.code === 'too_large' && pageSize > MIN_PAGE_SIZE) {
        pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / SHRINK_FACTOR));
        continue;
      }
      throw err;
    }
    pending = null;
    checkAbort();
    checkAdvance(page, cursor);
    // Validate the whole page before writing; fetch the next page meanwhile.
    const changes = validateChanges(page.changes);
    if (page.has_more) {
      pending = fetchPage(page.cursor, pageSize);
      pending.catch(() => undefined);
    }
    const counts = applyPage(page, changes);
    if (changes.length > 0) opts.checkpoint?.();
    cursor = page.cursor;
    result.pages++;
    result.pulled += counts.upserts;
    result.deleted += counts.deletes;
    for (const [e, n] of Object.entries(counts.byEntity)) result.byEntity[e] = (result.byEntity[e] ?? 0) + n;
    const done = result.pulled + result.deleted;
    opts.onProgress?.({
      rows: done,
      entities: { ...result.byEntity },
      percent: page.remaining === undefined ? null : page.has_more ? Math.min(99, Math.floor((100 * done) / (done + page.remaining))) : 100,
    });
    if (changes.length > 0) opts.onPage?.(Object.keys(counts.byEntity));
    if (!page.has_more) break;
  }
  return result;
}
