import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import type { Source } from '../../../src-main/sources/contract';
import { SourceError } from '../../../src-main/sources/contract';
import { createApplier, PageError, validateChanges } from '../../../src-main/sync/apply';
import { pull } from '../../../src-main/sync/pull';
import { getState } from '../../../src-main/sync/state';
import type { ChangesPage } from '../../../src-shared/domain/protocol';

const user = { entity: 'user', id: 'U-1', version: 1, op: 'upsert', data: { id: 'U-1', name: 'Ada', email: 'a@x.io', role: 'cam', manager_id: null } };
const tier = {
  entity: 'tier', id: 'gold', version: 1, op: 'upsert',
  data: { id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 1, min_certified: 2, revenue_target: 3, pipeline_target: 4, currency: 'USD', benefits: ['MDF'] },
};
const partner = (v: number, name = 'Acme') => ({
  entity: 'partner', id: 'P-1', version: v, op: 'upsert',
  data: { id: 'P-1', name, type: 'reseller', tier_id: 'gold', region: 'EMEA', country: 'DE', owner_id: 'U-1', status: 'active', agreement_signed_at: '2024-01-10', churned_at: null, website: null, currency: 'USD' },
});

/** A scripted PRM: pages handed out in order; a cursor is the index of the next page. */
function scripted(pages: unknown[][], opts: { expireAt?: number } = {}): Source & { calls: (string | null)[] } {
  const calls: (string | null)[] = [];
  return {
    label: 'scripted',
    calls,
    describe: async () => ({ name: 's', user: null, writable: [] }),
    mutations: async () => ({ results: [] }),
    async changes(cursor) {
      calls.push(cursor);
      const i = cursor === null ? 0 : Number(cursor);
      if (opts.expireAt !== undefined && cursor !== null && i === opts.expireAt && calls.filter((c) => c === cursor).length === 1) {
        throw new SourceError('cursor_expired', 'expired', 410);
      }
      const page: ChangesPage = { cursor: String(i + 1), has_more: i + 1 < pages.length, remaining: 0, changes: pages[i] ?? [] };
      return page;
    },
  };
}

describe('validateChanges', () => {
  it('names the record and field of a malformed change', () => {
    expect(() => validateChanges([user, { ...partner(1), data: { ...partner(1).data, tier_id: 7 } }])).toThrow(
      /change 2 of 2 \(partner P-1\): field 'tier_id'/,
    );
    expect(() => validateChanges([{ entity: 'spaceship', id: 'X', version: 1, op: 'upsert', data: {} }])).toThrow(/unknown entity 'spaceship'/);
    expect(() => validateChanges([{ entity: 'user', version: 1, op: 'upsert', data: {} }])).toThrow(PageError);
    expect(() => validateChanges([{ ...user, data: { ...user.data, id: 'U-2' } }])).toThrow(/data\.id is 'U-2'/);
    expect(() => validateChanges([{ ...user, data: { ...user.data, extra: 1 } }])).toThrow(/extra/);
  });
});

describe('createApplier', () => {
  const row = (db: ReturnType<typeof openDb>, table: string) => db.sqlite.prepare(`SELECT * FROM "${table}"`).get();
  const apply = (db: ReturnType<typeof openDb>, changes: unknown[], ownWrites = false) =>
    db.sqlite.transaction(() => createApplier(db.sqlite, { ownWrites }).apply(validateChanges(changes), false))();

  it('leaves a held record equal to the newer version, whichever fields it changed (JSON ones too)', () => {
    const db = openDb(':memory:');
    apply(db, [user, tier, partner(1)]);
    const renamed = partner(2, 'Acme Renamed');
    const moved = { ...renamed, data: { ...renamed.data, region: 'APAC', website: 'https://acme.example', churned_at: null } };
    apply(db, [{ ...tier, version: 2, data: { ...tier.data, benefits: ['MDF', 'NFR'], rank: 4 } }, moved]);
    expect(row(db, 'partner')).toEqual({ ...moved.data, version: 2 });
    expect(row(db, 'tier')).toMatchObject({ rank: 4, benefits: '["MDF","NFR"]', version: 2 });
    // A newer version that changes nothing but the version, then a field back to null.
    apply(db, [partner(3, 'Acme Renamed')]);
    expect(row(db, 'partner')).toMatchObject({ region: 'EMEA', website: null, name: 'Acme Renamed', version: 3 });
    // The same applier again (its statements are kept per connection): an older version changes nothing.
    apply(db, [partner(2, 'Stale')]);
    expect(row(db, 'partner')).toMatchObject({ name: 'Acme Renamed', version: 3 });
  });

  it("keeps 'strictly newer' for a pull and 'the later edit wins' for the answers to this client's own push", () => {
    const db = openDb(':memory:');
    apply(db, [user, tier, partner(4, 'First')]);
    apply(db, [partner(4, 'Same version, pulled')]);
    expect(row(db, 'partner')).toMatchObject({ name: 'First', version: 4 });
    apply(db, [partner(4, 'Same version, own write')], true);
    expect(row(db, 'partner')).toMatchObject({ name: 'Same version, own write', version: 4 });
    apply(db, [partner(3, 'Older, own write')], true);
    expect(row(db, 'partner')).toMatchObject({ name: 'Same version, own write', version: 4 });
  });
});

describe('pull (scripted PRM)', () => {
  it('applies pages with their cursor; a bad page applies nothing and keeps the old cursor', async () => {
    const db = openDb(':memory:');
    const bad = { ...partner(2), data: { ...partner(2).data, status: 'sleeping' } };
    const client = scripted([[user, tier], [partner(1)], [partner(3, 'Acme Renamed'), bad]]);
    await expect(pull(db.sqlite, client)).rejects.toThrow(/change 2 of 2 \(partner P-1\): field 'status'/);
    expect(getState(db.sqlite, 'cursor')).toBe('2');
    expect(db.sqlite.prepare('SELECT name, version FROM partner').get()).toEqual({ name: 'Acme', version: 1 });
  });

  it('is idempotent under replay and ignores older versions', async () => {
    const db = openDb(':memory:');
    await pull(db.sqlite, scripted([[user, tier, partner(5, 'New')]]));
    const before = db.sqlite.prepare('SELECT * FROM partner').all();
    // replay the same page, then an older version of the row
    await pull(db.sqlite, scripted([[user, tier, partner(5, 'New')], [partner(4, 'Old')]]));
    expect(db.sqlite.prepare('SELECT * FROM partner').all()).toEqual(before);
  });

  it('applies tombstones', async () => {
    const db = openDb(':memory:');
    await pull(db.sqlite, scripted([[user, tier, partner(1)], [{ entity: 'partner', id: 'P-1', version: 2, op: 'delete' }]]));
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM partner').get()).toEqual({ n: 0 });
  });

  it('on 410 refetches from the start and sweeps rows the server no longer has', async () => {
    const db = openDb(':memory:');
    const extra = { ...partner(1), id: 'P-2', data: { ...partner(1).data, id: 'P-2', name: 'Gone Ltd' } };
    await pull(db.sqlite, scripted([[user, tier, partner(1), extra]]));
    db.sqlite
      .prepare("INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES ('note','N-1','upsert',0,'{}','{}','x')")
      .run();
    // The server compacted; P-2 was deleted in the gap and its tombstone is gone.
    const client = scripted([[user, tier], [partner(2, 'Acme v2')]], { expireAt: 1 });
    const res = await pull(db.sqlite, client);
    expect(res.refetched).toBe(true);
    expect(client.calls).toEqual(['1', null, '1']);
    expect(db.sqlite.prepare('SELECT id, name FROM partner').all()).toEqual([{ id: 'P-1', name: 'Acme v2' }]);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM refetch_seen').get()).toEqual({ n: 0 });
  });
});
