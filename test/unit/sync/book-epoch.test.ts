/**
 * The book's epoch (sync/book-epoch.ts) moves with every write of the book's base rows and
 * only then: what is kept on disk under it (the actions ranking) is trusted after a restart.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { createApplier, sweepUnseen, validateChanges } from '../../../src-main/sync/apply';
import { readBookEpoch } from '../../../src-main/sync/book-epoch';

const user = (v: number, name = 'Ada') => ({ entity: 'user', id: 'U-1', version: v, op: 'upsert', data: { id: 'U-1', name, email: 'a@x.io', role: 'cam', manager_id: null } });
const other = { entity: 'user', id: 'U-2', version: 1, op: 'upsert', data: { id: 'U-2', name: 'Bo', email: 'b@x.io', role: 'cam', manager_id: null } };

function replica() {
  const db = openDb(':memory:');
  const applier = createApplier(db.sqlite);
  const apply = (changes: unknown[], markSeen = false) => db.sqlite.transaction(() => applier.apply(validateChanges(changes), markSeen))();
  return { db, apply, epoch: () => readBookEpoch(db.sqlite) };
}

describe('the book epoch', () => {
  it('moves when a page writes rows, and names the replica', () => {
    const r = replica();
    expect(r.epoch()).toBe('-');
    r.apply([user(1)]);
    const first = r.epoch();
    expect(first).toMatch(/^[0-9a-f-]{36}:1$/);
    r.apply([user(2, 'Ada Lovelace')]);
    expect(r.epoch()).toBe(first.replace(/:1$/, ':2'));
    // Another replica draws its own id.
    const s = replica();
    s.apply([user(1)]);
    expect(s.epoch().split(':')[0]).not.toBe(first.split(':')[0]);
  });

  it('stays when a page writes nothing: a replay, an older version, a delete of what is not there', () => {
    const r = replica();
    r.apply([user(2)]);
    const at = r.epoch();
    r.apply([user(2)]);
    r.apply([user(1, 'Old name')]);
    r.apply([{ entity: 'user', id: 'U-9', version: 1, op: 'delete' }]);
    r.apply([]);
    expect(r.epoch()).toBe(at);
  });

  it('moves on a delete, and on the sweep after a full refresh that removes rows', () => {
    const r = replica();
    r.apply([user(1), other]);
    const at = r.epoch();
    r.apply([{ entity: 'user', id: 'U-2', version: 2, op: 'delete' }]);
    const afterDelete = r.epoch();
    expect(afterDelete).not.toBe(at);
    // A refresh that saw U-1 again: nothing to sweep, the epoch stays; one that did not: U-1 is swept.
    r.apply([user(1)], true);
    r.db.sqlite.transaction(() => sweepUnseen(r.db.sqlite))();
    expect(r.epoch()).toBe(afterDelete);
    r.db.sqlite.transaction(() => sweepUnseen(r.db.sqlite))();
    expect(r.db.sqlite.prepare('SELECT count(*) FROM user').pluck().get()).toBe(0);
    expect(r.epoch()).not.toBe(afterDelete);
  });
});
