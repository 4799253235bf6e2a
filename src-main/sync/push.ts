/**
 * The push half of sync (ARCHITECTURE §5): send pending outbox rows in mutation-id
 * order, then record each result in one transaction — applied rows leave the outbox and
 * refresh the base; conflicts keep base/theirs/mine per field until the user decides;
 * rejections are consumed and kept for the user to fix or discard. A resent batch is
 * harmless: the server answers a mutation it has seen with its stored result.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Mutation, MutationResult } from '../../src-shared/domain/protocol';
import { SourceError, type Source } from '../sources/contract';
import { createApplier, validateChanges } from './apply';
import type { OutboxRow } from './overlay';
import { SyncAborted } from './pull-errors';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { getState, setState } from './state';

export interface PushOptions {
  batchSize?: number;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  onRetry?: (err: SourceError, attempt: number, delayMs: number) => void;
  /** Called after each batch's results are recorded, with the totals so far. */
  onBatch?: (totals: PushResult) => void;
  now: () => string;
}

export interface PushResult {
  pushed: number;
  applied: number;
  /** Applied mutations where the server also merged fields changed only on its side. */
  merged: number;
  conflicts: number;
  rejected: number;
  entities: string[];
}

/** This replica's client id, created once. */
export function clientId(sqlite: Database.Database): string {
  let id = getState(sqlite, 'client_id');
  if (!id) {
    id = randomUUID();
    setState(sqlite, 'client_id', id);
  }
  return id;
}

export function toMutation(row: OutboxRow): Mutation {
  return {
    mutation_id: row.mutation_id,
    entity: row.entity,
    id: row.record_id,
    op: row.op,
    base_version: row.base_version,
    fields: JSON.parse(row.fields) as Record<string, unknown>,
    base: JSON.parse(row.base) as Record<string, unknown>,
  };
}

export async function push(sqlite: Database.Database, client: Source, opts: PushOptions): Promise<PushResult> {
  const batchSize = opts.batchSize ?? 250;
  const id = clientId(sqlite);
  const applier = createApplier(sqlite);
  const result: PushResult = { pushed: 0, applied: 0, merged: 0, conflicts: 0, rejected: 0, entities: [] };
  const touched = new Set<string>();
  const selectBatch = sqlite.prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY mutation_id LIMIT ?");
  const bumpAttempts = sqlite.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE mutation_id = ?');
  const del = sqlite.prepare('DELETE FROM outbox WHERE mutation_id = ?');
  const stillQueued = sqlite.prepare('SELECT 1 FROM outbox WHERE mutation_id = ?');
  const bumpAll = sqlite.transaction((rows: OutboxRow[]) => {
    for (const r of rows) bumpAttempts.run(r.mutation_id);
  });
  const markConflict = sqlite.prepare("UPDATE outbox SET status = 'conflict', fields = ?, base = ? WHERE mutation_id = ?");
  const markRejected = sqlite.prepare("UPDATE outbox SET status = 'rejected', error = ? WHERE mutation_id = ?");
  const insertConflict = sqlite.prepare(
    `INSERT INTO conflict (mutation_id, entity, record_id, field, base, theirs, mine, server_version, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const deleteBase = (entity: string) => sqlite.prepare(`DELETE FROM "${entity}" WHERE id = ? AND version <= ?`);

  const refreshBase = (row: OutboxRow, version: number, record: Record<string, unknown> | null) => {
    if (record === null) {
      deleteBase(row.entity).run(row.record_id, version);
      return;
    }
    try {
      const changes = validateChanges([{ entity: row.entity, id: row.record_id, version, op: 'upsert', data: record }]);
      applier.apply(changes, false);
    } catch {
      // A record the replica can't hold yet (e.g. its parent arrives with the next pull)
      // is left to the pull; the outcome of the mutation is recorded all the same.
    }
  };

  const record = sqlite.transaction((rows: OutboxRow[], results: MutationResult[]) => {
    const byId = new Map(rows.map((r) => [r.mutation_id, r]));
    for (const r of results) {
      const row = byId.get(r.mutation_id);
      if (!row) continue;
      byId.delete(r.mutation_id);
      touched.add(row.entity);
      if (r.status === 'applied') {
        del.run(row.mutation_id);
        refreshBase(row, r.version, r.record);
        result.applied++;
        if (r.merged && r.merged.length > 0) result.merged++;
      } else if (r.status === 'conflict') {
        // Discarded by the user while the request was in flight: the server kept its
        // copy (refreshed below), and there is no edit left to attach a conflict to.
        if (!stillQueued.get(row.mutation_id)) {
          refreshBase(row, r.version, r.record);
          continue;
        }
        const mine = JSON.parse(row.fields) as Record<string, unknown>;
        const base = JSON.parse(row.base) as Record<string, unknown>;
        const keepMine: Record<string, unknown> = {};
        const keepBase: Record<string, unknown> = {};
        for (const f of r.fields) {
          keepMine[f] = mine[f];
          keepBase[f] = base[f] ?? null;
          insertConflict.run(
            row.mutation_id,
            row.entity,
            row.record_id,
            f,
            JSON.stringify(base[f] ?? null),
            JSON.stringify(r.record[f] ?? null),
            JSON.stringify(mine[f] ?? null),
            r.version,
            opts.now(),
          );
        }
        markConflict.run(JSON.stringify(keepMine), JSON.stringify(keepBase), row.mutation_id);
        refreshBase(row, r.version, r.record);
        result.conflicts++;
      } else {
        markRejected.run(r.field ? `${r.field}: ${r.message}` : r.message, row.mutation_id);
        result.rejected++;
      }
    }
    return byId.size;
  });

  for (;;) {
    if (opts.signal?.aborted) throw new SyncAborted();
    const rows = selectBatch.all(batchSize) as OutboxRow[];
    if (rows.length === 0) break;
    bumpAll(rows);
    const response = await withRetry(
      () => client.mutations({ client_id: id, mutations: rows.map(toMutation) }),
      opts.retry ?? DEFAULT_RETRY,
      { signal: opts.signal, onRetry: opts.onRetry },
    );
    const unanswered = record(rows, response.results);
    result.pushed += rows.length - unanswered;
    result.entities = [...touched];
    opts.onBatch?.({ ...result });
    if (unanswered === rows.length) {
      throw new SourceError('bad_response', 'The PRM did not answer for the edits that were sent.');
    }
  }
  result.entities = [...touched];
  return result;
}
