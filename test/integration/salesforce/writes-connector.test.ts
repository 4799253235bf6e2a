/**
 * The Salesforce connector's writes against the fake org (no AdventureWorks files needed:
 * an empty org with one partner Account): a plan created offline becomes a
 * Partnerbook_Plan__c record and a resend does not duplicate it; an edit racing a server
 * change of another field merges, of the same field becomes a conflict, and resolving it
 * reaches Salesforce (also end to end through push, the conflicts inbox and pull); an org
 * without the package is read-only; a Salesforce refusal rejects only its own mutation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { SourceError, type Source } from '../../../src-main/sources/contract';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { NOT_INSTALLED } from '../../../src-main/sources/salesforce/writes';
import { WRITE_MAP } from '../../../src-main/sources/salesforce/writes-mapping';
import { listOutbox, resolveConflict } from '../../../src-main/sync/conflicts';
import { queueEdit } from '../../../src-main/sync/edits';
import { pull } from '../../../src-main/sync/pull';
import { push } from '../../../src-main/sync/push';
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import type { Mutation, MutationResult } from '../../../src-shared/domain/protocol';
import { PARTNERBOOK_OBJECTS } from '../../../tools/fake-salesforce/schema';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from '../../../tools/fake-salesforce/server';
import { admin, client, session, type JsonObject } from './support';

const T0 = '2026-11-20T10:00:00Z';
const RETRY = { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 };

async function fakeWithPartner(config?: FakeSalesforceOptions['config']) {
  const sf = await startFakeSalesforce({ dataDir: null, now: T0, ...(config ? { config } : {}) });
  const user = [...sf.org.rows(sf.org.schema.object('User')!)][0]!;
  const account = sf.org.insert(sf.org.schema.object('Account')!, { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, String(user.Id));
  const token = (await session(sf)).access_token;
  return { sf, token, partner: String(account.Id), userName: String(user.Name) };
}

const planFields = (id: string, partner: string) => ({
  id,
  partner_id: partner,
  period: 'FY2027',
  title: 'FY27 joint plan',
  status: 'draft',
  revision: 1,
  summary: 'Grow the cloud practice',
  vendor_signoff_name: null,
  vendor_signoff_at: null,
  partner_signoff_name: null,
  partner_signoff_at: null,
  created_at: '2026-11-20T09:00:00Z',
  updated_at: '2026-11-20T09:00:00Z',
});

const create = (mutation_id: number, entity: EditableEntityName, fields: Record<string, unknown>): Mutation => ({
  mutation_id,
  entity,
  id: String(fields.id),
  op: 'upsert',
  base_version: 0,
  fields,
  base: Object.fromEntries(Object.keys(fields).map((k) => [k, null])),
});

const edit = (mutation_id: number, entity: EditableEntityName, id: string, base_version: number, fields: Record<string, unknown>, base: Record<string, unknown>): Mutation => ({
  mutation_id,
  entity,
  id,
  op: 'upsert',
  base_version,
  fields,
  base,
});

const one = async (source: Source, ...mutations: Mutation[]) => (await source.mutations({ client_id: 'writes-test', mutations })).results;
const ms = (iso: string) => Date.parse(iso);

describe('Salesforce connector writes to the Partnerbook package', () => {
  let sf: FakeSalesforce;
  let token: string;
  let partner: string;
  let userName: string;
  let api: ReturnType<typeof client>;
  const open = () => salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() }).open();
  const planRow = async (id: string) =>
    ((await api.query(`SELECT Id, Partner__c, Period__c, Title__c, Status__c, Revision__c, Summary__c, Created_At__c, Edited_By__c FROM Partnerbook_Plan__c WHERE Partnerbook_Id__c = '${id}'`)).json as JsonObject)
      .records as JsonObject[];
  const tick = (seconds = 60) => admin(sf, 'clock', { advanceSeconds: seconds });

  beforeAll(async () => {
    ({ sf, token, partner, userName } = await fakeWithPartner());
    api = client(sf, token);
  });
  afterAll(() => sf?.close());

  it('describes every editable entity as writable when the org has the package', async () => {
    expect((await open().describe()).writable).toEqual(['jbp', 'jbp_objective', 'jbp_initiative', 'qbr_note', 'action_state', 'note']);
  });

  it('a plan created offline becomes a Partnerbook_Plan__c record; resending it does not duplicate it', async () => {
    const m = create(1, 'jbp', planFields('jbp-1', partner));
    const source = open();
    const [first] = await one(source, m);
    expect(first).toMatchObject({ mutation_id: 1, status: 'applied', version: ms(T0) });
    const applied = first as Extract<MutationResult, { status: 'applied' }>;
    expect(applied.record).toEqual({ ...planFields('jbp-1', partner), updated_at: T0 });
    expect(await planRow('jbp-1')).toEqual([
      expect.objectContaining({
        Partner__c: partner,
        Period__c: 'FY2027',
        Title__c: 'FY27 joint plan',
        Status__c: 'draft',
        Revision__c: 1,
        Summary__c: 'Grow the cloud practice',
        Created_At__c: '2026-11-20T09:00:00.000+0000',
        Edited_By__c: userName,
      }),
    ]);

    await tick();
    // The same connection remembers its answer; a new one (the app restarted) finds the record and writes nothing.
    expect(await one(source, m)).toEqual([first]);
    expect(await one(open(), m)).toEqual([first]);
    expect(await planRow('jbp-1')).toHaveLength(1);
  });

  it('children point at their plan by its Partnerbook id, in the same request or a later one; money in minor units', async () => {
    const plan = create(2, 'jbp', planFields('jbp-2', partner));
    const objective = create(3, 'jbp_objective', {
      id: 'obj-1', jbp_id: 'jbp-2', title: 'Sourced ARR', metric: 'sourced_arr', unit: null, baseline: 100000, target: 250000.5, due_quarter: '2027-Q2', weight: 60, custom_actual: null, sort_order: 1,
    });
    const [p, o] = await one(open(), plan, objective);
    expect([p!.status, o!.status]).toEqual(['applied', 'applied']);
    expect((o as { record: JsonObject }).record).toMatchObject({ id: 'obj-1', jbp_id: 'jbp-2', target: 250000.5 });
    const initiative = create(4, 'jbp_initiative', {
      id: 'ini-1', jbp_id: 'jbp-2', objective_id: 'obj-1', title: 'Joint webinar', owner_side: 'vendor', owner_name: 'Ana', due_date: '2027-03-31', status: 'not_started', mdf_investment: 250050, currency: 'USD', notes: '', source: null,
    });
    const [i] = await one(open(), initiative);
    expect((i as { record: JsonObject }).record).toMatchObject({ jbp_id: 'jbp-2', objective_id: 'obj-1', mdf_investment: 250050, notes: '' });
    const stored = ((await api.query("SELECT Plan__c, Objective__c, MDF_Investment__c FROM Partnerbook_Initiative__c WHERE Partnerbook_Id__c = 'ini-1'")).json as JsonObject).records as JsonObject[];
    const planId = (await planRow('jbp-2'))[0]!.Id;
    expect(stored[0]).toMatchObject({ Plan__c: planId, MDF_Investment__c: 2500.5 });
    // A connection that never saw the plan reads its Partnerbook id back by Salesforce Id.
    const version = (i as { version: number }).version;
    const [again] = await one(open(), edit(5, 'jbp_initiative', 'ini-1', version, { status: 'in_progress' }, { status: 'not_started' }));
    expect(again).toMatchObject({ status: 'applied', record: { jbp_id: 'jbp-2', objective_id: 'obj-1', status: 'in_progress' } });
  });

  it('an edit racing a change of another field merges; of the same field it is a conflict; resolving it reaches Salesforce', async () => {
    const [created] = await one(open(), create(10, 'jbp', planFields('jbp-race', partner)));
    const v1 = (created as { version: number }).version;
    const sfId = String((await planRow('jbp-race'))[0]!.Id);

    await tick();
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [sfId], fields: { Summary__c: 'Changed in Salesforce' } });
    const [merged] = await one(open(), edit(11, 'jbp', 'jbp-race', v1, { title: 'Mine' }, { title: 'FY27 joint plan' }));
    expect(merged).toMatchObject({ status: 'applied', record: { title: 'Mine', summary: 'Changed in Salesforce' } });
    expect((merged as { merged?: string[] }).merged).toContain('summary');
    expect((merged as { merged?: string[] }).merged).not.toContain('title');
    expect((await planRow('jbp-race'))[0]).toMatchObject({ Title__c: 'Mine', Summary__c: 'Changed in Salesforce' });
    const v2 = (merged as { version: number }).version;

    await tick();
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [sfId], fields: { Title__c: 'Theirs' } });
    const [conflict] = await one(open(), edit(12, 'jbp', 'jbp-race', v2, { title: 'Mine again', revision: 2 }, { title: 'Mine', revision: 1 }));
    expect(conflict).toMatchObject({ status: 'conflict', fields: ['title'], record: { title: 'Theirs', revision: 2 } });
    // The field without a conflict was written all the same.
    expect((await planRow('jbp-race'))[0]).toMatchObject({ Title__c: 'Theirs', Revision__c: 2 });

    const v3 = (conflict as { version: number }).version;
    await tick();
    const [resolved] = await one(open(), edit(13, 'jbp', 'jbp-race', v3, { title: 'Mine again' }, { title: 'Theirs' }));
    expect(resolved).toMatchObject({ status: 'applied', record: { title: 'Mine again' } });
    expect((resolved as { merged?: string[] }).merged).toBeUndefined();
    expect((await planRow('jbp-race'))[0]).toMatchObject({ Title__c: 'Mine again' });
  });

  it('a Salesforce refusal rejects only that mutation, with its field; the others apply', async () => {
    const note = (id: string, partnerId: string) => create(0, 'note', { id, partner_id: partnerId, body: `note ${id}`, created_at: T0, updated_at: T0 });
    const batch = [note('n-ok-1', partner), note('n-bad', 'not-an-account-id'), note('n-ok-2', partner)].map((m, i) => ({ ...m, mutation_id: 20 + i }));
    const results = await one(open(), ...batch);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'applied']);
    expect(results[1]).toMatchObject({ code: 'validation', field: 'partner_id', message: expect.stringContaining('not-an-account-id') as unknown });
    const kinds = ((await api.query("SELECT Partnerbook_Id__c, Kind__c FROM Partnerbook_Note__c WHERE Partnerbook_Id__c IN ('n-ok-1', 'n-bad', 'n-ok-2')")).json as JsonObject).records as JsonObject[];
    expect(kinds.map((k) => [k.Partnerbook_Id__c, k.Kind__c]).sort()).toEqual([['n-ok-1', 'note'], ['n-ok-2', 'note']]);
  });

  it('deletes by external id (gone already: applied); an edit of a record deleted in Salesforce is not_found', async () => {
    const [made] = await one(open(), create(30, 'note', { id: 'n-del', partner_id: partner, body: 'bye', created_at: T0, updated_at: T0 }));
    const del: Mutation = { mutation_id: 31, entity: 'note', id: 'n-del', op: 'delete', base_version: (made as { version: number }).version, fields: {}, base: {} };
    expect(await one(open(), del)).toEqual([expect.objectContaining({ status: 'applied', record: null })]);
    expect(await one(open(), del)).toEqual([expect.objectContaining({ status: 'applied', record: null })]);
    expect((await api.get('/sobjects/Partnerbook_Note__c/Partnerbook_Id__c/n-del')).status).toBe(404);
    const [late] = await one(open(), edit(32, 'note', 'n-del', (made as { version: number }).version, { body: 'too late' }, { body: 'bye' }));
    expect(late).toMatchObject({ status: 'rejected', code: 'not_found' });
  });

  it('a locked row fails the whole request for push to retry; the retry writes each record once', async () => {
    const batch = ['a', 'b', 'c'].map((x, i) => create(40 + i, 'action_state', { id: `rule:partner:${x}`, partner_id: partner, state: 'snoozed', snooze_until: '2026-12-01', reason: null, updated_at: T0 }));
    await admin(sf, 'config', { lockEvery: 2 });
    const failed = await one(open(), ...batch).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SourceError);
    expect(failed).toMatchObject({ kind: 'server' });
    await admin(sf, 'config', { lockEvery: 0 });
    expect((await one(open(), ...batch)).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    expect(((await api.query('SELECT COUNT() FROM Partnerbook_Action_State__c')).json as JsonObject).totalSize).toBe(3);
  });

  it('end to end: an offline plan edit reaches Salesforce through push; a race lands in the conflicts inbox; resolving it reaches Salesforce', async () => {
    const clock = fixedClock(T0);
    const db = openDb(':memory:');
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() });
    await pull(db.sqlite, connector.open());
    const fields = planFields('jbp-e2e', partner);
    queueEdit(db.sqlite, clock, { entity: 'jbp', id: 'jbp-e2e', op: 'upsert', fields });
    expect(await push(db.sqlite, connector.open(), { retry: RETRY, now: clock.now })).toMatchObject({ applied: 1, conflicts: 0, rejected: 0 });
    expect((await planRow('jbp-e2e'))[0]).toMatchObject({ Title__c: 'FY27 joint plan' });

    await tick();
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [String((await planRow('jbp-e2e'))[0]!.Id)], fields: { Title__c: 'Renamed in Salesforce' } });
    const { mutation_id } = queueEdit(db.sqlite, clock, { entity: 'jbp', id: 'jbp-e2e', op: 'upsert', fields: { title: 'Renamed offline' } });
    expect(await push(db.sqlite, connector.open(), { retry: RETRY, now: clock.now })).toMatchObject({ conflicts: 1 });
    const conflict = listOutbox(db.sqlite).find((o) => o.mutation_id === mutation_id)!;
    expect(conflict.conflicts).toEqual([expect.objectContaining({ field: 'title', base: 'FY27 joint plan', theirs: 'Renamed in Salesforce', mine: 'Renamed offline' })]);

    await tick();
    resolveConflict(db.sqlite, clock, mutation_id, [{ field: 'title', choice: 'mine' }]);
    expect(await push(db.sqlite, connector.open(), { retry: RETRY, now: clock.now })).toMatchObject({ applied: 1, conflicts: 0 });
    expect((await planRow('jbp-e2e'))[0]).toMatchObject({ Title__c: 'Renamed offline' });
    expect(db.sqlite.prepare("SELECT title FROM jbp WHERE id = 'jbp-e2e'").pluck().get()).toBe('Renamed offline');
    db.close();
  });
});

describe('Salesforce connector writes without the Partnerbook package', () => {
  let sf: FakeSalesforce;
  let token: string;
  let partner: string;
  beforeAll(async () => {
    ({ sf, token, partner } = await fakeWithPartner({ hiddenObjects: PARTNERBOOK_OBJECTS }));
  });
  afterAll(() => sf?.close());

  it('says nothing is writable and rejects every mutation read_only with one plain sentence', async () => {
    const source = salesforceConnector({ instanceUrl: sf.url, accessToken: token }).open();
    expect((await source.describe()).writable).toEqual([]);
    const results = await one(source, create(1, 'jbp', planFields('jbp-x', partner)), create(2, 'note', { id: 'n-x', partner_id: partner, body: 'x', created_at: T0, updated_at: T0 }));
    expect(results).toEqual([
      { mutation_id: 1, status: 'rejected', code: 'read_only', message: NOT_INSTALLED },
      { mutation_id: 2, status: 'rejected', code: 'read_only', message: NOT_INSTALLED },
    ]);
    expect(NOT_INSTALLED).toMatch(/Partnerbook package is not installed/);
  });
});

describe('the writer’s field mapping', () => {
  it('is resources/salesforce/mapping.json', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '../../../resources/salesforce/mapping.json'), 'utf8')) as {
      entities: Record<string, { object: string; set: Record<string, string>; extraFields: Record<string, string>; fields: Record<string, Record<string, unknown>> }>;
    };
    const kindOf = (f: Record<string, unknown>) => (f.type === 'reference' ? (f.by === 'Id' ? 'ref_id' : 'ref_ext') : f.type);
    for (const [entity, spec] of Object.entries(WRITE_MAP)) {
      const json = file.entities[entity]!;
      expect(spec.object, entity).toBe(json.object);
      expect(spec.set, entity).toEqual(json.set);
      expect(Object.keys(spec.fields).sort(), entity).toEqual(Object.keys(json.fields).sort());
      for (const [name, f] of Object.entries(json.fields)) {
        const mine = spec.fields[name]!;
        const at = `${entity}.${name}`;
        expect([mine.field, mine.kind, mine.nullable, mine.createOnly === true, mine.fallback ?? null], at).toEqual([
          f.field,
          kindOf(f),
          f.nullable,
          f.writeOnCreateOnly === true,
          f.fallback ?? null,
        ]);
        if (f.by === 'Partnerbook_Id__c') expect(mine.parent, at).toBe(f.to);
      }
      const editedBy = 'Edited_By__c' in json.extraFields || Object.values(json.fields).some((f) => f.field === 'Edited_By__c');
      expect(spec.editedBy, entity).toBe(editedBy);
    }
  });
});
