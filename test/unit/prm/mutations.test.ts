/**
 * The demo PRM's mutation handler (POST /v1/mutations) without HTTP: request validation,
 * per-field compare-and-set, idempotent resends, id ordering, creations, deletes and
 * the rejection reasons.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Mutation, MutationResult } from '../../../src-shared/domain/protocol';
import { handleMutations } from '../../../tools/demo-prm/mutations';
import { PrmStore, StoreError } from '../../../tools/demo-prm/store';
import { seedBase, seedCase, T0, type CaseIds } from '../../support/tiny-book';

let store: PrmStore;
let ids: CaseIds;
let nextId = 1;

beforeEach(() => {
  store = PrmStore.open(':memory:');
  seedBase(store);
  ids = seedCase(store, 'A');
  nextId = 1;
});

function mutation(m: Partial<Mutation> & Pick<Mutation, 'entity' | 'id'>): Mutation {
  return { mutation_id: nextId++, op: 'upsert', base_version: 1, fields: {}, base: {}, ...m };
}

function send(mutations: Mutation[], client = 'client-1'): MutationResult[] {
  return handleMutations(store, { client_id: client, mutations }).results;
}

function one(m: Mutation, client?: string): MutationResult {
  const [r] = send([m], client);
  if (!r) throw new Error('no result');
  return r;
}

const objective = (i = 0) => ids.objectives[i]!;

describe('POST /v1/mutations request validation', () => {
  it.each([
    [{ mutations: [] }, 'client_id'],
    [{ client_id: 'c', mutations: [{ mutation_id: 0, entity: 'note', id: 'x', op: 'upsert', base_version: 1, fields: {}, base: {} }] }, 'mutations.0.mutation_id'],
    [{ client_id: 'c', mutations: [{ mutation_id: 1, entity: 'note', id: 'x', op: 'patch', base_version: 1, fields: {}, base: {} }] }, 'mutations.0.op'],
    [{ client_id: 'c', mutations: [{ mutation_id: 1, entity: 'note', id: 'x', op: 'upsert', base_version: 1, fields: {} }] }, 'mutations.0.base'],
    ['nope', ''],
  ])('a malformed request is a 400 naming the field (%#)', (body, field) => {
    let err: unknown;
    try {
      handleMutations(store, body);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).status).toBe(400);
    expect((err as StoreError).message.startsWith(field)).toBe(true);
  });

  it('refuses more than 1000 mutations in one request', () => {
    const many = Array.from({ length: 1001 }, () => mutation({ entity: 'note', id: ids.notes[0]! }));
    expect(() => send(many)).toThrow(/at most 1000/);
  });
});

describe('per-field compare-and-set', () => {
  it('applies fields whose server value equals the base, once, logged for other clients', () => {
    const head = store.head();
    const r = one(mutation({ entity: 'jbp_objective', id: objective(), fields: { target: 120, title: 'More workshops' }, base: { target: 100, title: 'Objective 1' } }));
    expect(r).toMatchObject({ status: 'applied', version: 2, record: { target: 120, title: 'More workshops', baseline: 0 } });
    expect(r.status === 'applied' && r.merged).toBeUndefined();
    expect(store.get('jbp_objective', objective())).toMatchObject({ version: 2, data: { target: 120, title: 'More workshops' } });
    expect(store.head()).toBe(head + 1);
    const page = JSON.parse(store.changes(store.encodeCursor({ p: 'l', q: head })).body) as { changes: { id: string; version: number }[] };
    expect(page.changes).toEqual([expect.objectContaining({ id: objective(), version: 2 })]);
  });

  it('merges fields changed only on the server and reports them', () => {
    store.patch('jbp_objective', objective(), { title: 'Renamed in the PRM' });
    const r = one(mutation({ entity: 'jbp_objective', id: objective(), fields: { target: 150 }, base: { target: 100 } }));
    expect(r).toMatchObject({ status: 'applied', version: 3, merged: ['title'], record: { title: 'Renamed in the PRM', target: 150 } });
  });

  it('the same field changed on both sides is a conflict; the other fields still apply with one version bump', () => {
    store.patch('jbp_objective', objective(), { target: 130 });
    const r = one(
      mutation({ entity: 'jbp_objective', id: objective(), fields: { target: 120, weight: 60 }, base: { target: 100, weight: 50 } }),
    );
    expect(r).toEqual({
      mutation_id: 1,
      status: 'conflict',
      version: 3,
      fields: ['target'],
      record: expect.objectContaining({ target: 130, weight: 60 }) as unknown,
    });
    expect(store.get('jbp_objective', objective())?.version).toBe(3);
  });

  it('a conflict with nothing else to apply changes nothing', () => {
    store.patch('note', ids.notes[0]!, { body: 'Theirs' });
    const r = one(mutation({ entity: 'note', id: ids.notes[0]!, fields: { body: 'Mine' }, base: { body: 'Note 1' } }));
    expect(r).toMatchObject({ status: 'conflict', version: 2, fields: ['body'], record: { body: 'Theirs' } });
    expect(store.get('note', ids.notes[0]!)?.version).toBe(2);
  });

  it('both sides making the same change is no conflict and no new version', () => {
    store.patch('jbp_initiative', ids.initiatives[0]!, { status: 'done' });
    const r = one(mutation({ entity: 'jbp_initiative', id: ids.initiatives[0]!, fields: { status: 'done' }, base: { status: 'not_started' } }));
    expect(r).toMatchObject({ status: 'applied', version: 2, record: { status: 'done' } });
    expect(store.get('jbp_initiative', ids.initiatives[0]!)?.version).toBe(2);
  });

  it('a field sent without its base is never blindly overwritten', () => {
    const r = one(mutation({ entity: 'note', id: ids.notes[0]!, fields: { body: 'Mine' }, base: {} }));
    expect(r).toMatchObject({ status: 'conflict', fields: ['body'] });
  });
});

describe('remembered results and mutation ids', () => {
  it('a resent mutation gets its stored result and is never applied twice', () => {
    const m = mutation({ entity: 'jbp_objective', id: objective(), fields: { target: 120 }, base: { target: 100 } });
    const first = one(m);
    // someone else then edits the same field in the PRM
    store.patch('jbp_objective', objective(), { target: 175 });
    const head = store.head();
    const again = send([m, m]);
    expect(again).toEqual([first, first]);
    expect(store.get('jbp_objective', objective())).toMatchObject({ version: 3, data: { target: 175 } });
    expect(store.head()).toBe(head);
  });

  it('ids are per client', () => {
    const a = one(mutation({ mutation_id: 5, entity: 'note', id: ids.notes[0]!, fields: { body: 'A' }, base: { body: 'Note 1' } }), 'a');
    const b = one(mutation({ mutation_id: 5, entity: 'note', id: ids.notes[1]!, fields: { body: 'B' }, base: { body: 'Note 2' } }), 'b');
    expect([a.status, b.status]).toEqual(['applied', 'applied']);
  });

  it('an unseen id at or below the last one is rejected; an id reused for another edit is rejected', () => {
    one(mutation({ mutation_id: 10, entity: 'note', id: ids.notes[0]!, fields: { body: 'x' }, base: { body: 'Note 1' } }));
    const lower = one(mutation({ mutation_id: 7, entity: 'note', id: ids.notes[1]!, fields: { body: 'y' }, base: { body: 'Note 2' } }));
    expect(lower).toMatchObject({ status: 'rejected', code: 'validation', field: 'mutation_id' });
    expect(lower.status === 'rejected' && lower.message).toMatch(/after edit #10/);
    const reused = one(mutation({ mutation_id: 10, entity: 'note', id: ids.notes[1]!, fields: { body: 'z' }, base: { body: 'Note 2' } }));
    expect(reused).toMatchObject({ status: 'rejected', code: 'validation', field: 'mutation_id' });
    expect(store.get('note', ids.notes[1]!)?.data.body).toBe('Note 2');
  });

  it('remembers results across a restart of the PRM', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pb-mut-')), 'prm.sqlite');
    let s = PrmStore.open(path);
    seedBase(s);
    const c = seedCase(s, 'R');
    const m: Mutation = { mutation_id: 3, entity: 'note', id: c.notes[0]!, op: 'upsert', base_version: 1, fields: { body: 'Once' }, base: { body: 'Note 1' } };
    const first = handleMutations(s, { client_id: 'c', mutations: [m] }).results;
    s.close();
    s = PrmStore.open(path);
    s.patch('note', c.notes[0]!, { body: 'Changed later' });
    expect(handleMutations(s, { client_id: 'c', mutations: [m] }).results).toEqual(first);
    expect(s.get('note', c.notes[0]!)?.data.body).toBe('Changed later');
    s.close();
    rmSync(dirname(path), { recursive: true, force: true });
  });
});

describe('rejections', () => {
  it('server-owned entities are read_only; unknown entities name the field', () => {
    expect(one(mutation({ entity: 'partner', id: ids.partner, fields: { name: 'x' }, base: { name: `Partner A` } }))).toMatchObject({
      status: 'rejected',
      code: 'read_only',
    });
    expect(one(mutation({ entity: 'planet', id: 'x', fields: {} }))).toMatchObject({ status: 'rejected', code: 'validation', field: 'entity' });
    expect(store.get('partner', ids.partner)?.data.name).toBe('Partner A');
  });

  it('bad values and unknown fields are validation errors naming the field, nothing applied', () => {
    expect(one(mutation({ entity: 'jbp_objective', id: objective(), fields: { target: 'lots' }, base: { target: 100 } }))).toMatchObject({
      status: 'rejected', code: 'validation', field: 'target',
    });
    expect(one(mutation({ entity: 'jbp_objective', id: objective(), fields: { colour: 'red' }, base: { colour: null } }))).toMatchObject({
      status: 'rejected', code: 'validation',
    });
    expect(one(mutation({ entity: 'jbp_objective', id: objective(), fields: { id: 'OTHER' }, base: {} }))).toMatchObject({
      status: 'rejected', code: 'validation', field: 'id',
    });
    expect(store.get('jbp_objective', objective())?.version).toBe(1);
  });

  it('a reference to a missing parent is not_found naming the field', () => {
    expect(
      one(mutation({ entity: 'jbp_initiative', id: ids.initiatives[0]!, fields: { objective_id: 'OBJ-nope' }, base: { objective_id: objective() } })),
    ).toMatchObject({ status: 'rejected', code: 'not_found', field: 'objective_id' });
  });

  it('updating a record that no longer exists is not_found', () => {
    store.delete('note', ids.notes[0]!);
    expect(one(mutation({ entity: 'note', id: ids.notes[0]!, fields: { body: 'x' }, base: { body: 'Note 1' } }))).toMatchObject({
      status: 'rejected', code: 'not_found',
    });
  });
});

describe('creations', () => {
  const newNote = (id: string, extra: Record<string, unknown> = {}) =>
    mutation({
      entity: 'note', id, base_version: 0,
      fields: { partner_id: ids.partner, body: 'Fresh', created_at: T0, updated_at: T0, ...extra },
      base: { partner_id: null, body: null, created_at: null, updated_at: null },
    });

  it('creates a valid new record at version 1', () => {
    expect(one(newNote('N-new'))).toMatchObject({ status: 'applied', version: 1, record: { id: 'N-new', body: 'Fresh' } });
    expect(store.get('note', 'N-new')?.version).toBe(1);
  });

  it('validates the whole record and its parents', () => {
    const partial = mutation({ entity: 'note', id: 'N-partial', base_version: 0, fields: { body: 'x' }, base: { body: null } });
    expect(one(partial)).toMatchObject({ status: 'rejected', code: 'validation', field: 'partner_id' });
    expect(one(newNote('N-orphan', { partner_id: 'P-nope' }))).toMatchObject({ status: 'rejected', code: 'not_found', field: 'partner_id' });
    expect(store.get('note', 'N-partial')).toBeNull();
    expect(store.get('note', 'N-orphan')).toBeNull();
  });

  it('a later partial edit of a record created earlier in the same batch applies', () => {
    const [a, b] = send([
      newNote('N-two'),
      mutation({ entity: 'note', id: 'N-two', base_version: 0, fields: { body: 'Second' }, base: { body: 'Fresh' } }),
    ]);
    expect(a?.status).toBe('applied');
    expect(b).toMatchObject({ status: 'applied', version: 2, record: { body: 'Second' } });
  });
});

describe('deletes', () => {
  const del = (id: string, base_version: number) => mutation({ entity: 'note', id, op: 'delete', base_version });

  it('deletes on the current version, tombstoned for other clients', () => {
    expect(one(del(ids.notes[0]!, 1))).toEqual({ mutation_id: 1, status: 'applied', version: 2, record: null });
    expect(store.get('note', ids.notes[0]!)).toBeNull();
    expect(store.tombstoneVersion('note', ids.notes[0]!)).toBe(2);
  });

  it('a delete made on a stale copy is rejected so the user sees the other change first', () => {
    store.patch('note', ids.notes[0]!, { body: 'Edited in the PRM' });
    expect(one(del(ids.notes[0]!, 1))).toMatchObject({ status: 'rejected', code: 'validation', field: 'base_version' });
    expect(store.get('note', ids.notes[0]!)?.data.body).toBe('Edited in the PRM');
  });

  it('versions written by the same client do not make its delete stale', () => {
    one(mutation({ entity: 'note', id: ids.notes[0]!, fields: { body: 'Mine' }, base: { body: 'Note 1' } }));
    expect(one(del(ids.notes[0]!, 1))).toMatchObject({ status: 'applied', record: null });
  });

  it('deleting an already deleted record is applied (the end state holds)', () => {
    store.delete('note', ids.notes[1]!);
    expect(one(del(ids.notes[1]!, 1))).toEqual({ mutation_id: 1, status: 'applied', version: 2, record: null });
  });

  it('deleting an objective clears the initiatives pointing at it, as the client does', () => {
    expect(one(mutation({ entity: 'jbp_objective', id: objective(), op: 'delete', base_version: 1 }))).toMatchObject({ status: 'applied' });
    expect(store.get('jbp_initiative', ids.initiatives[0]!)).toMatchObject({ version: 2, data: { objective_id: null } });
  });
});
