/**
 * Push batches (property, against the demo PRM's mutation handler in-process): whatever
 * the sizes of the queued edits, no request carries more bytes than the cap or more
 * edits than the count cap, every edit is sent once and in order, and each one either
 * reaches the PRM or — too large to send alone — is rejected on that edit, saying so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import type { Source } from '../../../src-main/sources/contract';
import { listOutbox } from '../../../src-main/sync/conflicts';
import { push } from '../../../src-main/sync/push';
import type { MutationsRequest } from '../../../src-shared/domain/protocol';
import { handleMutations } from '../../../tools/demo-prm/mutations';
import { PrmStore } from '../../../tools/demo-prm/store';
import { replicaOf } from '../../support/replica-of';
import { seedBase, seedCase, T0 } from '../../support/tiny-book';

const clock = fixedClock('2026-11-20T10:00:00Z');

function setup() {
  const store = PrmStore.open(':memory:');
  seedBase(store);
  const ids = seedCase(store, 'B', 1);
  const db = replicaOf(store);
  const requests: MutationsRequest[] = [];
  const source: Source = {
    label: 'in-process demo PRM',
    describe: () => Promise.resolve({ name: 'demo', user: null, writable: [] }),
    changes: () => Promise.reject(new Error('not used')),
    mutations: (req) => {
      requests.push(req);
      return Promise.resolve(handleMutations(store, JSON.parse(JSON.stringify(req))));
    },
  };
  return { store, db, ids, requests, source };
}

describe('push batches', () => {
  it('stay under the byte and count caps; each edit is sent once, in order, or rejected as too large (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 12_000 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2_000, max: 40_000 }),
        fc.integer({ min: 1, max: 8 }),
        async (sizes, maxBatchBytes, batchSize) => {
          const { store, db, ids, requests, source } = setup();
          // new notes of the given sizes, queued as an older version (without size rules) would have
          const insert = db.sqlite.prepare('INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES (?, ?, ?, 0, ?, ?, ?)');
          sizes.forEach((n, i) =>
            insert.run('note', `N-new-${i}`, 'upsert', JSON.stringify({ partner_id: ids.partner, body: 'b'.repeat(n), created_at: T0, updated_at: T0 }), '{}', T0),
          );
          const result = await push(db.sqlite, source, { now: clock.now, maxBatchBytes, batchSize });

          const sent = requests.flatMap((r) => r.mutations.map((m) => m.mutation_id));
          for (const r of requests) {
            expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThanOrEqual(maxBatchBytes);
            expect(r.mutations.length).toBeLessThanOrEqual(batchSize);
          }
          expect(sent).toEqual([...sent].sort((a, b) => a - b));
          expect(new Set(sent).size).toBe(sent.length);
          const left = listOutbox(db.sqlite);
          for (const e of left) {
            expect(e.status).toBe('rejected');
            expect(e.error).toMatch(/^body: this edit is too large to send to the PRM/);
            expect(sent).not.toContain(e.mutation_id);
          }
          expect(result).toMatchObject({ pushed: sent.length, applied: sent.length, rejected: left.length });
          expect(sent.length + left.length).toBe(sizes.length);
          for (const [i, n] of sizes.entries()) {
            const onServer = store.get('note', `N-new-${i}`);
            if (onServer) expect(onServer.data.body).toHaveLength(n);
          }
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
