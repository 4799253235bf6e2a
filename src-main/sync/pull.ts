/**
 * The pull half of sync (ARCHITECTURE §5): page through the PRM's change log from the
 * stored cursor, applying each page and its cursor in one transaction. A 410 restarts
 * from the beginning as a refetch that sweeps rows the server no longer has; local
 * pending edits (the outbox) are never touched by a pull.
 */
import type Database from 'better-sqlite3';
import type { ChangesPage } from '../../src-shared/domain/protocol';
import type { SyncProgress } from '../../src-shared/methods/sync';
import { SourceError, type Source } from '../sources/contract';
import { createApplier, sweepUnseen, validateChanges } from './apply';
import { SyncAborted } from './pull-errors';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
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

function replicaHasRows(sqlite: Database.Database): boolean {
  return Boolean(
    sqlite.prepare('SELECT 1 FROM tier UNION ALL SELECT 1 FROM user UNION ALL SELECT 1 FROM partner LIMIT 1').get(),
  );
}

export async function pull(sqlite: Database.Database, client: Source, opts: PullOptions = {}): Promise<PullResult> {
  const pageSize = opts.pageSize ?? 5000;
  const applier = createApplier(sqlite);
  let cursor = getState(sqlite, 'cursor');
  let refetch = getState(sqlite, 'refetch') === '1';
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

  const startRefetch = () => {
    sqlite.transaction(() => {
      refetch = replicaHasRows(sqlite);
      sqlite.prepare('DELETE FROM refetch_seen').run();
      setState(sqlite, 'cursor', null);
      setState(sqlite, 'refetch', refetch ? '1' : null);
    })();
    cursor = null;
    result.kind = 'full';
    result.refetched = true;
  };

  const applyPage = sqlite.transaction((page: ChangesPage, changes: ReturnType<typeof validateChanges>) => {
    const counts = applier.apply(changes, refetch);
    setState(sqlite, 'cursor', page.cursor);
    if (!page.has_more && refetch) {
      sweepUnseen(sqlite);
      setState(sqlite, 'refetch', null);
    }
    return counts;
  });

  const fetchPage = (c: string | null) =>
    withRetry(() => client.changes(c, pageSize), opts.retry ?? DEFAULT_RETRY, { signal: opts.signal, onRetry: opts.onRetry });
  let pending: Promise<ChangesPage> | null = null;
  for (;;) {
    checkAbort();
    let page: ChangesPage;
    try {
      page = await (pending ?? fetchPage(cursor));
    } catch (err) {
      pending = null;
      if (err instanceof SourceError && err.kind === 'cursor_expired' && !result.refetched) {
        startRefetch();
        continue;
      }
      throw err;
    }
    pending = null;
    checkAbort();
    // Validate the whole page before writing; fetch the next page meanwhile.
    const changes = validateChanges(page.changes);
    if (page.has_more) {
      pending = fetchPage(page.cursor);
      pending.catch(() => undefined);
    }
    const counts = applyPage(page, changes);
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
