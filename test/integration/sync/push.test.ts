/**
 * Push details against the demo PRM: totals reported batch by batch (a push that fails
 * part-way still says what reached the PRM), an edit discarded while its request was in
 * flight, and a resent batch after a lost acknowledgement.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { createPrmClient, type PrmClient } from '../../../src-main/sources/protocol-v1/client';
import { SourceError } from '../../../src-main/sources/contract';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { PrmStore } from '../../../tools/demo-prm/store';
import { fixedClock } from '../../../src-main/base/clock';
import { discardEdit, listOutbox } from '../../../src-main/sync/conflicts';
import { queueEdit } from '../../../src-main/sync/edits';
import { pull } from '../../../src-main/sync/pull';
import { push, type PushResult } from '../../../src-main/sync/push';
import { seedBase, seedCase } from '../../support/tiny-book';

const dir = mkdtempSync(join(tmpdir(), 'pb-push-'));
const clock = fixedClock('2026-11-20T10:00:00Z');
const RETRY = { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 };
let prm: DemoPrm;
let n = 0;

beforeAll(async () => {
  const path = join(dir, 'prm.sqlite');
  const s = PrmStore.open(path);
  seedBase(s);
  s.close();
  prm = await startDemoPrm({ storePath: path, token: 'p' });
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

async function fresh(): Promise<{ db: Db; ids: ReturnType<typeof seedCase>; client: PrmClient }> {
  const ids = seedCase(prm.store, `PU${++n}`, 4);
  const db = openDb(':memory:');
  const client = createPrmClient({ url: prm.url, token: 'p' });
  await pull(db.sqlite, client);
  return { db, ids, client };
}

describe('push', () => {
  it('reports totals batch by batch, so a push failing part-way still counts what reached the PRM', async () => {
    const { db, ids, client } = await fresh();
    for (const id of ids.notes) queueEdit(db.sqlite, clock, { entity: 'note', id, op: 'upsert', fields: { body: `edited ${id}` } });
    let calls = 0;
    // from the second request on, the PRM is down (a refusal of one batch is isolated instead: push-limits.test.ts)
    const failingSecond: PrmClient = {
      ...client,
      mutations: (body) => (++calls >= 2 ? Promise.reject(new SourceError('server', 'The PRM had a problem (HTTP 503).', 503)) : client.mutations(body)),
    };
    const batches: PushResult[] = [];
    await expect(push(db.sqlite, failingSecond, { batchSize: 3, retry: RETRY, now: clock.now, onBatch: (t) => batches.push(t) })).rejects.toThrow(
      /had a problem/,
    );
    expect(batches).toEqual([expect.objectContaining({ pushed: 3, applied: 3, entities: ['note'] })]);
    expect(listOutbox(db.sqlite).map((e) => e.record_id)).toEqual([ids.notes[3]]);
    db.close();
  });

  it('an edit discarded while its request is in flight leaves no orphaned conflict', async () => {
    const { db, ids, client } = await fresh();
    prm.store.patch('note', ids.notes[0]!, { body: 'theirs' });
    const { mutation_id } = queueEdit(db.sqlite, clock, { entity: 'note', id: ids.notes[0]!, op: 'upsert', fields: { body: 'mine' } });
    const discarding: PrmClient = {
      ...client,
      mutations: async (body) => {
        const res = await client.mutations(body);
        discardEdit(db.sqlite, clock, mutation_id);
        return res;
      },
    };
    const res = await push(db.sqlite, discarding, { retry: RETRY, now: clock.now });
    expect(res).toMatchObject({ pushed: 1, conflicts: 0 });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM conflict WHERE resolved_at IS NULL').get()).toEqual({ n: 0 });
    expect(db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(ids.notes[0]!)).toEqual({ body: 'theirs' });
    db.close();
  });

  it('after a lost acknowledgement the resent batch gets the stored results, applied once', async () => {
    const { db, ids, client } = await fresh();
    queueEdit(db.sqlite, clock, { entity: 'jbp_objective', id: ids.objectives[0]!, op: 'upsert', fields: { target: 250 } });
    let lost = false;
    const losing: PrmClient = {
      ...client,
      mutations: async (body) => {
        const res = await client.mutations(body);
        if (!lost) {
          lost = true;
          // meanwhile someone changes the same field in the PRM
          prm.store.patch('jbp_objective', ids.objectives[0]!, { target: 300 });
          throw new SourceError('network', 'The connection to the PRM was cut.');
        }
        return res;
      },
    };
    const res = await push(db.sqlite, losing, { retry: RETRY, now: clock.now });
    // the server's answer to the resend is the stored "applied", not a conflict with its own later edit
    expect(res).toMatchObject({ pushed: 1, applied: 1, conflicts: 0 });
    expect(prm.store.get('jbp_objective', ids.objectives[0]!)).toMatchObject({ version: 3, data: { target: 300 } });
    expect(listOutbox(db.sqlite)).toEqual([]);
    db.close();
  });
});
