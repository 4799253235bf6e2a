/**
 * The push half of sync (ARCHITECTURE §5): send pending outbox rows in mutation-id
 * order, then record each result in one transaction — applied rows leave the outbox and
 * refresh the base; conflicts keep base/theirs/mine per field until the user decides;
 * rejections are consumed and kept for the user to fix or discard. A resent batch is
 * harmless: the server answers a mutation it has seen with its stored result.
 *
 * Batches are capped by count and by bytes. One edit can't stop the queue: an edit too
 * large to send is rejected locally, and a request the PRM refuses for its content is
 * split until the one edit it refuses is found and rejected with the PRM's reason.
 */
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { Mutation, MutationResult } from '../../src-shared/domain/protocol';
import { SourceError, type Source } from '../sources/contract';
import { createApplier, validateChanges } from './apply';
import { bumpBookEpoch } from './book-epoch';
import type { OutboxRow } from './overlay';
import { SyncAborted } from './pull-errors';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import { getState, setState } from './state';

export interface PushOptions {
  /** Most mutations per request. */
  batchSize?: number;
  /** Most bytes of JSON per request (default MAX_BATCH_BYTES). */
  maxBatchBytes?: number;
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

/** Most bytes of JSON one push request carries; an edit larger than this alone is never sent. */
export const MAX_BATCH_BYTES = 1024 * 1024;

/**
 * A refusal of the request for what it carries, not for who sends it or where: too
 * large (413, also from a proxy in front of the PRM that answers in HTML), malformed
 * (400) or unprocessable (422). Splitting the batch finds the one edit it is about.
 */
function refusedForContent(err: unknown): err is SourceError {
  if (!(err instanceof SourceError)) return false;
  if (err.status === 413) return err.kind === 'client' || err.kind === 'not_source';
  return err.kind === 'client' && (err.status === 400 || err.status === 422);
}

function refusalReason(err: SourceError): string {
  if (err.kind === 'client') return err.message;
  return `The PRM refused this edit as too large (HTTP ${err.status ?? 413}). Shorten it, or discard it.`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Names the largest field of a too-large edit, the one to shorten. */
function tooLargeMessage(row: OutboxRow, bytes: number, max: number): string {
  const fields = JSON.parse(row.fields) as Record<string, unknown>;
  const largest = Object.entries(fields)
    .map(([f, v]) => [f, JSON.stringify(v ?? null).length] as const)
    .sort((a, b) => b[1] - a[1])[0];
  return `${largest ? `${largest[0]}: ` : ''}this edit is too large to send to the PRM (${formatBytes(bytes)}; an edit can be at most ${formatBytes(max)}). Shorten it, or discard it.`;
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
  const applier = createApplier(sqlite, { ownWrites: true });
  // A conflict's record is the source's current copy, not the result of our write: it
  // replaces the replica's row only when newer (as a pull would).
  const conflictApplier = createApplier(sqlite);
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

  const refreshBase = (row: OutboxRow, version: number, record: Record<string, unknown> | null, own = true) => {
    if (record === null) {
      if (deleteBase(row.entity).run(row.record_id, version).changes > 0) bumpBookEpoch(sqlite);
      return;
    }
    try {
      const changes = validateChanges([{ entity: row.entity, id: row.record_id, version, op: 'upsert', data: record }]);
      (own ? applier : conflictApplier).apply(changes, false);
    } catch {
      // A record the replica can't hold yet (e.g. its parent arrives with the next pull)
      // is left to the pull; the outcome of the mutation is recorded all the same.
    }
  };

  const record = sqlite.transaction((rows: OutboxRow[], results: MutationResult[]) => {
    const byId = new Map(rows.map((r) => [r.mutation_id, r]));
    // In the order the edits were made (answers may come in any order): with equal
    // versions, the record of the later edit is the one the replica keeps.
    for (const r of [...results].sort((a, b) => a.mutation_id - b.mutation_id)) {
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
          refreshBase(row, r.version, r.record, false);
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
        refreshBase(row, r.version, r.record, false);
        result.conflicts++;
      } else {
        markRejected.run(r.field ? `${r.field}: ${r.message}` : r.message, row.mutation_id);
        result.rejected++;
      }
    }
    return byId.size;
  });

  const stillPending = sqlite.prepare("SELECT 1 FROM outbox WHERE mutation_id = ? AND status = 'pending'");
  const rejectOne = (row: OutboxRow, message: string) => {
    markRejected.run(message, row.mutation_id);
    touched.add(row.entity);
    result.rejected++;
  };
  const report = () => {
    result.entities = [...touched];
    opts.onBatch?.({ ...result });
  };

  /**
   * Sends `rows` and records the answers. A request the PRM refuses for what it carries
   * (too large, malformed) is split in halves and resent, down to the one mutation it
   * can't take, which is rejected with the PRM's reason; the rest still go through.
   */
  const send = async (batch: OutboxRow[]): Promise<void> => {
    if (opts.signal?.aborted) throw new SyncAborted();
    // a half sent later: edits the user discarded meanwhile are not sent
    const rows = batch.filter((r) => stillPending.get(r.mutation_id));
    if (rows.length === 0) return;
    bumpAll(rows);
    let response: { results: MutationResult[] };
    try {
      response = await withRetry(
        () => client.mutations({ client_id: id, mutations: rows.map(toMutation) }),
        opts.retry ?? DEFAULT_RETRY,
        { signal: opts.signal, onRetry: opts.onRetry },
      );
    } catch (err) {
      if (!refusedForContent(err)) throw err;
      if (rows.length === 1) {
        rejectOne(rows[0]!, refusalReason(err));
        result.pushed++;
        report();
        return;
      }
      const half = Math.ceil(rows.length / 2);
      await send(rows.slice(0, half));
      await send(rows.slice(half));
      return;
    }
    const unanswered = record(rows, response.results);
    result.pushed += rows.length - unanswered;
    report();
    if (unanswered === rows.length) {
      throw new SourceError('bad_response', 'The PRM did not answer for the edits that were sent.');
    }
  };

  const maxBytes = opts.maxBatchBytes ?? MAX_BATCH_BYTES;
  const envelope = Buffer.byteLength(JSON.stringify({ client_id: id, mutations: [] }));
  for (;;) {
    if (opts.signal?.aborted) throw new SyncAborted();
    const rows = selectBatch.all(batchSize) as OutboxRow[];
    if (rows.length === 0) break;
    // Oldest first, as many as fit under the byte cap; an edit too large to fit alone is
    // rejected here, on that edit, for the user to shorten or discard.
    const batch: OutboxRow[] = [];
    let bytes = envelope;
    let tooLarge = false;
    for (const row of rows) {
      const size = Buffer.byteLength(JSON.stringify(toMutation(row)));
      if (envelope + size > maxBytes) {
        rejectOne(row, tooLargeMessage(row, size, maxBytes));
        tooLarge = true;
        continue;
      }
      const add = size + (batch.length > 0 ? 1 : 0);
      if (bytes + add > maxBytes) break;
      batch.push(row);
      bytes += add;
    }
    if (tooLarge) report();
    await send(batch);
  }
  result.entities = [...touched];
  return result;
}
