/**
 * One set of rules, every path: an edit goes through the generic path (`records.edit`:
 * its input schema, then its handler → queueEdits), the typed plan services, and the
 * demo PRM's mutation handler. Properties over random edits of a tiny book:
 *  - any edit to a signed plan (or its objectives and initiatives) is refused on every
 *    path, nothing written on the client, nothing changed on the server;
 *  - any edit the client's rules accept round-trips through the demo PRM as applied,
 *    and any edit they refuse the PRM rejects too, naming the field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../src-main/base/errors';
import { fixedClock } from '../../../src-main/base/clock';
import { EventBus } from '../../../src-main/events';
import { syncHandlers } from '../../../src-main/api/areas/sync';
import { updatePlan, upsertInitiative, upsertObjective } from '../../../src-main/services/plans';
import { listOutbox, resolveConflict } from '../../../src-main/sync/conflicts';
import { queueEdit } from '../../../src-main/sync/edits';
import type { OutboxRow } from '../../../src-main/sync/overlay';
import { push, toMutation } from '../../../src-main/sync/push';
import type { Source } from '../../../src-main/sources/contract';
import { createSyncService } from '../../../src-main/sync/service';
import type { Db } from '../../../src-main/db/connection';
import { api } from '../../../src-shared/api';
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import { handleMutations } from '../../../tools/demo-prm/mutations';
import { PrmStore } from '../../../tools/demo-prm/store';
import { replicaOf } from '../../support/replica-of';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';

const clock = fixedClock('2026-11-20T10:00:00Z');
const LONG = (n: number) => 'x'.repeat(n);

interface Book {
  store: PrmStore;
  db: Db;
  signed: CaseIds;
  draft: CaseIds;
}

function book(): Book {
  const store = PrmStore.open(':memory:');
  seedBase(store);
  const signed = seedCase(store, 'S');
  // both sides signed it in the PRM
  store.patch('jbp', signed.jbp, {
    status: 'signed', vendor_signoff_name: 'Dana', vendor_signoff_at: '2026-10-01', partner_signoff_name: 'Pat', partner_signoff_at: '2026-10-02',
  });
  const draft = seedCase(store, 'D');
  return { store, db: replicaOf(store), signed, draft };
}

const outbox = (db: Db) => db.sqlite.prepare('SELECT * FROM outbox ORDER BY mutation_id').all() as OutboxRow[];

/** Candidate values per field: good ones and bad ones (too long, impossible, wrong type, against the plan rules). */
const VALUES: Record<'jbp' | 'jbp_objective' | 'jbp_initiative' | 'note', Record<string, unknown[]>> = {
  jbp: {
    title: ['Renamed plan', '', LONG(201)],
    summary: ['New summary', LONG(20_000), LONG(20_001), LONG(100_000)],
    status: ['signed', 'draft'],
    revision: [2, 7],
    vendor_signoff_name: ['Dana'],
    vendor_signoff_at: ['2026-03-01', '2026-02-30'],
    partner_signoff_name: [null],
    updated_at: ['2026-11-20T10:00:00Z', '2026-11-31T10:00:00Z'],
  },
  jbp_objective: {
    title: ['More workshops', '   ', LONG(201)],
    target: [120, 0, -5, 'lots'],
    weight: [10, 60, 101, 2.5],
    due_quarter: ['2026-Q2', '2027-Q1', '9999-Q1'],
    unit: ['sessions', null, LONG(41)],
    custom_actual: [3, -1],
  },
  jbp_initiative: {
    title: ['Launch', ''],
    status: ['done', 'blocked', 'bogus'],
    due_date: ['2026-05-01', '2026-02-30', '0000-01-01'],
    notes: ['ok', LONG(4000), LONG(4001)],
    mdf_investment: [100_000, -1, 0.5],
    owner_name: ['Pat', LONG(121)],
  },
  note: {
    body: ['Met the CFO', LONG(20_001)],
  },
};

interface Edit {
  entity: EditableEntityName;
  id: string;
  field: string;
  value: unknown;
}

function editArb(ids: (b: Book) => CaseIds, entities: (keyof typeof VALUES)[]): fc.Arbitrary<(b: Book) => Edit> {
  return fc.constantFrom(...entities).chain((entity) =>
    fc.constantFrom(...Object.keys(VALUES[entity])).chain((field) =>
      fc.tuple(fc.constantFrom(...VALUES[entity][field]!), fc.nat(1)).map(([value, which]) => (b: Book) => {
        const c = ids(b);
        const id = entity === 'jbp' ? c.jbp : entity === 'jbp_objective' ? c.objectives[which]! : entity === 'jbp_initiative' ? c.initiatives[which]! : c.notes[which]!;
        return { entity, id, field, value };
      }),
    ),
  );
}

/** The same edit as a mutation another client (or a script) would send, made on the server's copy. */
function rawMutation(b: Book, e: Edit, mutationId: number) {
  const rec = b.store.get(e.entity, e.id)!;
  return {
    mutation_id: mutationId, entity: e.entity, id: e.id, op: 'upsert' as const, base_version: rec.version,
    fields: { [e.field]: e.value }, base: { [e.field]: (rec.data as Record<string, unknown>)[e.field] ?? null },
  };
}

function recordsEdit(b: Book) {
  const deps = { db: b.db, clock, events: new EventBus(), sync: createSyncService({ db: b.db, clock, events: new EventBus(), source: () => null }), dataDir: ':memory:' };
  const handler = syncHandlers(deps as Parameters<typeof syncHandlers>[0])['records.edit'];
  /** As the router does: the method's input schema first, then the handler. */
  return async (input: unknown): Promise<'refused at the boundary' | 'locked' | 'invalid_input' | 'queued'> => {
    const parsed = api['records.edit'].input.safeParse(input);
    if (!parsed.success) return 'refused at the boundary';
    try {
      await (handler as (input: never) => unknown)(parsed.data as never);
      return 'queued';
    } catch (err) {
      if (err instanceof ServiceError && (err.code === 'locked' || err.code === 'invalid_input')) return err.code;
      throw err;
    }
  };
}

function typedPath(b: Book, e: Edit): (() => unknown) | null {
  const planId = b.signed.jbp;
  const fields = { [e.field]: e.value } as never;
  if (e.entity === 'jbp' && (e.field === 'title' || e.field === 'summary')) return () => updatePlan(b.db, clock, e.id, fields);
  if (e.entity === 'jbp_objective') return () => upsertObjective(b.db, clock, planId, e.id, fields);
  if (e.entity === 'jbp_initiative') return () => upsertInitiative(b.db, clock, planId, e.id, fields);
  return null;
}

describe('a signed plan refuses every edit on every path (property)', () => {
  it('records.edit, queueEdits (the CLI), the typed services and the PRM', async () => {
    await fc.assert(
      fc.asyncProperty(editArb((b) => b.signed, ['jbp', 'jbp_objective', 'jbp_initiative']), async (make) => {
        const b = book();
        const e = make(b);
        const current = (b.store.get(e.entity, e.id)!.data as Record<string, unknown>)[e.field];
        fc.pre(JSON.stringify(current) !== JSON.stringify(e.value));
        const serverBefore = b.store.get(e.entity, e.id);

        // the generic path, through the API boundary
        const outcome = await recordsEdit(b)({ entity: e.entity, id: e.id, fields: { [e.field]: e.value } });
        expect(['refused at the boundary', 'locked']).toContain(outcome);
        // queueEdits itself (what `partnerbook edit` and the services call)
        let code: string | null = null;
        try {
          queueEdit(b.db.sqlite, clock, { entity: e.entity, id: e.id, op: 'upsert', fields: { [e.field]: e.value } });
        } catch (err) {
          code = err instanceof ServiceError ? err.code : 'other';
        }
        expect(code).toBe('locked');
        // the typed plan services
        const typed = typedPath(b, e);
        if (typed) expect(() => typed()).toThrow(ServiceError);
        expect(outbox(b.db)).toEqual([]);

        // a server does not trust its clients
        const [r] = handleMutations(b.store, { client_id: 'c', mutations: [rawMutation(b, e, 1)] }).results;
        expect(r).toMatchObject({ status: 'rejected', code: 'validation', field: e.field });
        expect(b.store.get(e.entity, e.id)).toEqual(serverBefore);
        b.db.close();
      }),
      { numRuns: 120 },
    );
  });

  it('deletes too, and the reopen the typed service makes goes through', () => {
    const b = book();
    expect(() => queueEdit(b.db.sqlite, clock, { entity: 'jbp_objective', id: b.signed.objectives[0]!, op: 'delete' })).toThrow(/locked/);
    const [del] = handleMutations(b.store, {
      client_id: 'c', mutations: [{ mutation_id: 1, entity: 'jbp_initiative', id: b.signed.initiatives[0]!, op: 'delete', base_version: 1, fields: {}, base: {} }],
    }).results;
    expect(del).toMatchObject({ status: 'rejected', code: 'validation' });
    expect(b.store.get('jbp_initiative', b.signed.initiatives[0]!)).not.toBeNull();
  });
});

describe('client and PRM agree on the rules (property)', () => {
  it('an edit the rules accept is applied by the PRM; one they refuse is rejected there too, naming the field', async () => {
    await fc.assert(
      fc.asyncProperty(editArb((b) => b.draft, ['jbp', 'jbp_objective', 'jbp_initiative', 'note']), async (make) => {
        const b = book();
        const e = make(b);
        const current = (b.store.get(e.entity, e.id)!.data as Record<string, unknown>)[e.field];
        fc.pre(JSON.stringify(current) !== JSON.stringify(e.value));
        const outcome = await recordsEdit(b)({ entity: e.entity, id: e.id, fields: { [e.field]: e.value } });
        if (outcome === 'queued') {
          const rows = outbox(b.db);
          expect(rows).toHaveLength(1);
          const [r] = handleMutations(b.store, { client_id: 'c', mutations: rows.map(toMutation) }).results;
          expect(r).toMatchObject({ status: 'applied' });
          expect((b.store.get(e.entity, e.id)!.data as Record<string, unknown>)[e.field]).toEqual(e.value);
        } else {
          expect(outbox(b.db)).toEqual([]);
          const before = b.store.get(e.entity, e.id);
          const [r] = handleMutations(b.store, { client_id: 'c', mutations: [rawMutation(b, e, 1)] }).results;
          expect(r, `${e.entity}.${e.field} = ${JSON.stringify(e.value)?.slice(0, 40)} (${outcome})`).toMatchObject({ status: 'rejected', code: 'validation' });
          // a field is named: the one sent, or the one it breaks a rule with (a signature's date for its name)
          if (r?.status === 'rejected') expect(r.field).toMatch(/^[a-z_]+$/);
          expect(b.store.get(e.entity, e.id)).toEqual(before);
        }
        b.db.close();
      }),
      { numRuns: 150 },
    );
  });
});

describe('records.edit', () => {
  it('refuses a 2.5 MB edit at the boundary with the field, its size and the limit', async () => {
    const b = book();
    const outcome = api['records.edit'].input.safeParse({ entity: 'note', id: b.draft.notes[0]!, fields: { body: LONG(2_500_000) } });
    expect(outcome.success).toBe(false);
    expect(outcome.error?.issues[0]).toMatchObject({ path: ['fields', 'body'], message: 'The note is 2,500,000 characters long; it can be at most 20,000.' });
    expect(await recordsEdit(b)({ entity: 'jbp', id: b.draft.jbp, fields: { summary: LONG(100_000) } })).toBe('refused at the boundary');
    expect(outbox(b.db)).toEqual([]);
  });

  it('refuses to un-sign a signed plan, writing nothing', async () => {
    const b = book();
    const run = recordsEdit(b);
    expect(await run({ entity: 'jbp', id: b.signed.jbp, fields: { status: 'draft' } })).toBe('locked');
    expect(await run({ entity: 'jbp', id: b.signed.jbp, fields: { status: 'draft', summary: 'Changed after signing' } })).toBe('locked');
    // nor sign a draft by hand
    expect(
      await run({ entity: 'jbp', id: b.draft.jbp, fields: { status: 'signed', vendor_signoff_name: 'Me', vendor_signoff_at: '2026-11-01', partner_signoff_name: 'Them', partner_signoff_at: '2026-11-01' } }),
    ).toBe('invalid_input');
    expect(outbox(b.db)).toEqual([]);
  });
});

describe('resolving a conflict with a typed value', () => {
  it('takes the same value rules as any other edit', async () => {
    const b = book();
    const note = b.draft.notes[0]!;
    b.store.patch('note', note, { body: 'Theirs' });
    queueEdit(b.db.sqlite, clock, { entity: 'note', id: note, op: 'upsert', fields: { body: 'Mine' } });
    const source: Source = {
      label: 'in-process demo PRM',
      describe: () => Promise.resolve({ name: 'demo', user: null, writable: [] }),
      changes: () => Promise.reject(new Error('not used')),
      mutations: (req) => Promise.resolve(handleMutations(b.store, req)),
    };
    expect(await push(b.db.sqlite, source, { now: clock.now })).toMatchObject({ conflicts: 1 });
    const [conflict] = listOutbox(b.db.sqlite);
    const before = outbox(b.db);
    expect(() =>
      resolveConflict(b.db.sqlite, clock, conflict!.mutation_id, [{ field: 'body', choice: 'value', value: LONG(20_001) }]),
    ).toThrow(/^The note is 20,001 characters long; it can be at most 20,000\.$/);
    expect(outbox(b.db)).toEqual(before);
    expect(resolveConflict(b.db.sqlite, clock, conflict!.mutation_id, [{ field: 'body', choice: 'value', value: 'Both' }]).mutation_id).not.toBeNull();
  });
});
