import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { fixedClock } from '../../../src-main/base/clock';
import { discardEdit, listOutbox, resolveConflict } from '../../../src-main/sync/conflicts';
import { queueEdit, queueEdits } from '../../../src-main/sync/edits';
import { readOneOverlaid, readOverlaid } from '../../../src-main/sync/overlay';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';

const clock = fixedClock('2026-06-30T10:00:00Z');

function seeded(): Db {
  const db = openDb(':memory:');
  const changes = validateChanges([
    { entity: 'user', id: 'U-1', version: 1, op: 'upsert', data: { id: 'U-1', name: 'Ada', email: 'a@x.io', role: 'cam', manager_id: null } },
    { entity: 'tier', id: 'gold', version: 1, op: 'upsert', data: { id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 1, min_certified: 1, revenue_target: 1, pipeline_target: 1, currency: 'USD', benefits: [] } },
    { entity: 'partner', id: 'P-1', version: 1, op: 'upsert', data: { id: 'P-1', name: 'Acme', type: 'msp', tier_id: 'gold', region: 'NA', country: 'US', owner_id: 'U-1', status: 'active', agreement_signed_at: '2024-01-01', churned_at: null, website: null, currency: 'USD' } },
    { entity: 'note', id: 'N-1', version: 4, op: 'upsert', data: { id: 'N-1', partner_id: 'P-1', body: 'Met the CEO', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' } },
  ]);
  db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
  return db;
}

describe('local edits and the overlay', () => {
  it('writes the edit to the outbox with base values and shows it overlaid on the server row', () => {
    const db = seeded();
    const res = queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'upsert', fields: { body: 'Met the CEO and CFO' } });
    expect(res.changed).toBe(true);
    const [entry] = listOutbox(db.sqlite);
    expect(entry).toMatchObject({ entity: 'note', record_id: 'N-1', status: 'pending', fields: { body: 'Met the CEO and CFO' }, base: { body: 'Met the CEO' } });
    expect(db.sqlite.prepare("SELECT body FROM note WHERE id = 'N-1'").get()).toEqual({ body: 'Met the CEO' });
    expect(readOneOverlaid(db.sqlite, 'note', 'N-1')).toMatchObject({ body: 'Met the CEO and CFO', version: 4, pending_fields: ['body'] });
  });

  it('refuses bad input naming the field and writes nothing', () => {
    const db = seeded();
    expect(() => queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'upsert', fields: { body: 7 } })).toThrow(/^Note must be text\.$/);
    expect(() => queueEdit(db.sqlite, clock, { entity: 'partner', id: 'P-1', op: 'upsert', fields: { name: 'x' } })).toThrow(/can't be edited/);
    expect(() => queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'upsert', fields: { colour: 'red' } })).toThrow(/no field 'colour'/);
    expect(() => queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-2', op: 'upsert', fields: { body: 'new' } })).toThrow(/A new note needs 'partner_id'/);
    // A choice left out is named as missing too, not with zod's list of options.
    expect(() => queueEdit(db.sqlite, clock, { entity: 'jbp_objective', id: 'OBJ-NEW', op: 'upsert', fields: { title: 'x' } })).toThrow(/A new jbp_objective needs 'metric'\./);
    expect(() => queueEdit(db.sqlite, clock, { entity: 'jbp_objective', id: 'OBJ-NEW', op: 'upsert', fields: { title: 'x' } })).not.toThrow(/expected one of/);
    // a batch with one bad edit writes none of them
    expect(() =>
      queueEdits(db.sqlite, clock, [
        { entity: 'note', id: 'N-1', op: 'upsert', fields: { body: 'fine' } },
        { entity: 'note', id: 'N-1', op: 'upsert', fields: { updated_at: 'yesterday' } },
      ]),
    ).toThrow(/^Updated at: 'yesterday' is not a timestamp/);
    expect(listOutbox(db.sqlite)).toEqual([]);
  });

  it('creates records locally, with increasing mutation ids, and a delete hides them', () => {
    const db = seeded();
    const a = queueEdit(db.sqlite, clock, {
      entity: 'note', id: 'N-2', op: 'upsert',
      fields: { partner_id: 'P-1', body: 'Draft', created_at: clock.now(), updated_at: clock.now() },
    });
    const b = queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-2', op: 'upsert', fields: { body: 'Final' } });
    expect(b.mutation_id).toBeGreaterThan(a.mutation_id);
    expect(readOverlaid(db.sqlite, 'note', { column: 'partner_id', value: 'P-1' }).map((n) => n.body).sort()).toEqual(['Final', 'Met the CEO']);
    queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-2', op: 'delete' });
    expect(readOneOverlaid(db.sqlite, 'note', 'N-2')).toBeNull();
  });

  it('refuses an edit of a record deleted here whose delete is waiting, as not found, and queues nothing', () => {
    const db = seeded();
    queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'delete' });
    expect(() => queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'upsert', fields: { body: 'Too late' } })).toThrow(
      /^This note was deleted here and the delete is waiting to be sent; it can't be edited\.$/,
    );
    expect(listOutbox(db.sqlite).map((e) => e.op)).toEqual(['delete']);
  });

  it('an edit that changes nothing queues nothing', () => {
    const db = seeded();
    expect(queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'upsert', fields: { body: 'Met the CEO' } }).changed).toBe(false);
    expect(listOutbox(db.sqlite)).toEqual([]);
  });

  it('resolving a conflict queues a new mutation on the server version with the chosen values', () => {
    const db = seeded();
    queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-1', op: 'upsert', fields: { body: 'Mine' } });
    const [m] = listOutbox(db.sqlite);
    // what push records when the server answers "conflict" on body
    db.sqlite.prepare("UPDATE outbox SET status = 'conflict' WHERE mutation_id = ?").run(m!.mutation_id);
    db.sqlite
      .prepare("INSERT INTO conflict (mutation_id, entity, record_id, field, base, theirs, mine, server_version, created_at) VALUES (?, 'note', 'N-1', 'body', ?, ?, ?, 5, 'x')")
      .run(m!.mutation_id, '"Met the CEO"', '"Theirs"', '"Mine"');
    expect(readOneOverlaid(db.sqlite, 'note', 'N-1')).toMatchObject({ body: 'Mine', conflict_fields: ['body'] });
    expect(() => resolveConflict(db.sqlite, clock, m!.mutation_id, [])).toThrow(/Choose a value for 'body'/);
    expect(() => resolveConflict(db.sqlite, clock, m!.mutation_id, [{ field: 'body', choice: 'value', value: 42 }])).toThrow(/^Note must be text\.$/);
    expect(listOutbox(db.sqlite)[0]).toMatchObject({ status: 'conflict' });
    const res = resolveConflict(db.sqlite, clock, m!.mutation_id, [{ field: 'body', choice: 'value', value: 'Merged' }]);
    const [next] = listOutbox(db.sqlite);
    expect(next).toMatchObject({ mutation_id: res.mutation_id, status: 'pending', fields: { body: 'Merged' }, base: { body: 'Theirs' } });
    expect(db.sqlite.prepare('SELECT base_version FROM outbox').get()).toEqual({ base_version: 5 });
    discardEdit(db.sqlite, clock, res.mutation_id!);
    expect(listOutbox(db.sqlite)).toEqual([]);
    expect(readOneOverlaid(db.sqlite, 'note', 'N-1')?.body).toBe('Met the CEO');
  });
});
