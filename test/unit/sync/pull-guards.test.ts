/**
 * Pull does not trust the server to end the loop: a cursor that does not advance, a cycle
 * of cursors, endless empty "more" pages, a page over the size cap and a 410 that repeats
 * after the refetch all end the run with a plain message, and nothing of the replica is lost.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { SourceError, type Source } from '../../../src-main/sources/contract';
import { MAX_EMPTY_PAGES, MIN_PAGE_SIZE, pull, REFETCH_REFUSED } from '../../../src-main/sync/pull';
import { getState } from '../../../src-main/sync/state';
import type { ChangesPage } from '../../../src-shared/domain/protocol';

const user = { entity: 'user', id: 'U-1', version: 1, op: 'upsert', data: { id: 'U-1', name: 'Ada', email: 'a@x.io', role: 'cam', manager_id: null } };
const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 };

/** A source whose pages come from `answer(cursor, limit)`; every call is recorded. */
function source(answer: (cursor: string | null, limit: number) => ChangesPage): Source & { calls: [string | null, number][] } {
  const calls: [string | null, number][] = [];
  return {
    label: 'scripted',
    calls,
    describe: async () => ({ name: 's', user: null, writable: [] }),
    mutations: async () => ({ results: [] }),
    async changes(cursor, limit) {
      calls.push([cursor, limit]);
      return answer(cursor, limit);
    },
  };
}

async function seeded() {
  const db = openDb(':memory:');
  await pull(db.sqlite, source(() => ({ cursor: 'c0', has_more: false, changes: [user] })));
  db.sqlite
    .prepare("INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES ('note','N-local','upsert',0,'{}','{}','x')")
    .run();
  return db;
}

describe('pull guards', () => {
  it('stops when a page says "more" with the cursor it was asked for, without retrying it', async () => {
    const db = await seeded();
    const s = source((cursor) => ({ cursor: cursor ?? 'x', has_more: true, changes: [] }));
    await expect(pull(db.sqlite, s, { retry: fast })).rejects.toMatchObject({
      kind: 'protocol',
      message: expect.stringMatching(/^The PRM's change log did not move forward .*; sync stopped\. Contact your PRM admin\.$/) as unknown,
    });
    expect(s.calls).toHaveLength(1);
    expect(getState(db.sqlite, 'cursor')).toBe('c0');
  });

  it('stops on a cycle of cursors', async () => {
    const db = await seeded();
    const next: Record<string, string> = { c0: 'a', a: 'b', b: 'c', c: 'a' };
    const s = source((cursor) => ({ cursor: next[cursor!]!, has_more: true, changes: [] }));
    await expect(pull(db.sqlite, s, { retry: fast })).rejects.toThrow(/went back to a place it had already sent \(a loop\)/);
    expect(s.calls.map(([c]) => c)).toEqual(['c0', 'a', 'b', 'c']);
  });

  it('stops after a bounded run of empty pages that never finish', async () => {
    const db = await seeded();
    let n = 0;
    const s = source(() => ({ cursor: `fresh-${++n}`, has_more: true, changes: [] }));
    await expect(pull(db.sqlite, s, { retry: fast })).rejects.toThrow(`The PRM sent ${MAX_EMPTY_PAGES} empty pages in a row without finishing`);
    expect(s.calls).toHaveLength(MAX_EMPTY_PAGES);
  });

  it('asks again in smaller pages when one is over the size cap, and says so when even the smallest is', async () => {
    const db = await seeded();
    const tooLarge = (limit: number) => new SourceError('protocol', `too large at ${limit}`, undefined, undefined, 'too_large');
    const shrinking = source((cursor, limit) => {
      if (limit > 500) throw tooLarge(limit);
      return { cursor: 'c1', has_more: false, changes: [] };
    });
    await pull(db.sqlite, shrinking, { pageSize: 5000, retry: fast });
    expect(shrinking.calls.map(([, l]) => l)).toEqual([5000, 500]);
    expect(getState(db.sqlite, 'cursor')).toBe('c1');

    const never = source((_cursor, limit) => {
      throw tooLarge(limit);
    });
    await expect(pull(db.sqlite, never, { pageSize: 5000, retry: fast })).rejects.toThrow(`too large at ${MIN_PAGE_SIZE}`);
    expect(never.calls.map(([, l]) => l)).toEqual([5000, 500, MIN_PAGE_SIZE]);
  });

  it('a 410 after the refetch it caused says what happened and what was done; the local copy and edits stay', async () => {
    const db = await seeded();
    const s = source(() => {
      throw new SourceError('cursor_expired', 'The PRM asked for a full refresh.', 410, undefined, 'cursor_expired');
    });
    const err = await pull(db.sqlite, s, { retry: fast }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).message).toBe(REFETCH_REFUSED);
    expect(REFETCH_REFUSED).toMatch(/started a full refresh; the PRM refused that too\. Your local copy and pending edits are unchanged; try again later\.$/);
    expect(s.calls.map(([c]) => c)).toEqual(['c0', null]);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM user').get()).toEqual({ n: 1 });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
  });

  it('a page that finishes may repeat the cursor (nothing new)', async () => {
    const db = await seeded();
    const s = source((cursor) => ({ cursor: cursor!, has_more: false, changes: [] }));
    await expect(pull(db.sqlite, s, { retry: fast })).resolves.toMatchObject({ kind: 'incremental', pages: 1 });
  });
});
