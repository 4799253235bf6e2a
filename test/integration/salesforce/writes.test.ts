/**
 * Writes to the fake Salesforce's Partnerbook custom objects: upsert by external id
 * (a resend never duplicates), If-Unmodified-Since → 412 on a record changed since,
 * deletes into the delete log, /composite with allOrNone false and true, and the
 * UNABLE_TO_LOCK_ROW fault. Needs no AdventureWorks files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, client, session, sfError, type JsonObject } from './support';

const PLAN = '/sobjects/Partnerbook_Plan__c';

describe('fake Salesforce writes to the Partnerbook custom objects', () => {
  let sf: FakeSalesforce;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: '2026-11-20T10:00:00Z' });
    api = client(sf, (await session(sf)).access_token);
  });
  afterAll(() => sf?.close());

  it('upserts by Partnerbook_Id__c: 201 created, then 200 created:false on the same record', async () => {
    const first = await api.patch(`${PLAN}/Partnerbook_Id__c/plan-1`, { Name: 'FY27 plan', Status__c: 'Draft' });
    expect(first.status).toBe(201);
    const created = first.json as JsonObject;
    expect(created).toMatchObject({ success: true, errors: [], created: true });
    expect(String(created.id)).toMatch(/^a00[A-Za-z0-9]{15}$/);
    expect(first.headers.get('location')).toBe(`/services/data/v61.0/sobjects/Partnerbook_Plan__c/${String(created.id)}`);

    const again = await api.patch(`${PLAN}/Partnerbook_Id__c/plan-1`, { Status__c: 'Active' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ id: created.id, success: true, errors: [], created: false });

    const q = await api.query("SELECT Id, Name, Status__c, Partnerbook_Id__c FROM Partnerbook_Plan__c WHERE Partnerbook_Id__c = 'plan-1'");
    expect(q.json).toMatchObject({ totalSize: 1, records: [{ Id: created.id, Name: 'FY27 plan', Status__c: 'Active', Partnerbook_Id__c: 'plan-1' }] });
    const byExt = await api.get(`${PLAN}/Partnerbook_Id__c/plan-1`);
    expect(byExt.json).toMatchObject({ Id: created.id, Status__c: 'Active' });
    const wrongField = await api.patch(`${PLAN}/Name/plan-1`, { Status__c: 'x' });
    expect([wrongField.status, sfError(wrongField).errorCode]).toEqual([404, 'NOT_FOUND']);
    const badField = await api.patch(`${PLAN}/Partnerbook_Id__c/plan-1`, { Status: 'x' });
    expect([badField.status, sfError(badField).errorCode]).toEqual([400, 'INVALID_FIELD']);
    const readOnly = await api.patch(`${PLAN}/Partnerbook_Id__c/plan-1`, { SystemModstamp: '2026-01-01T00:00:00Z' });
    expect(sfError(readOnly).errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('refuses a PATCH with an older If-Unmodified-Since with 412, and applies one that is current', async () => {
    const { id } = (await api.patch(`${PLAN}/Partnerbook_Id__c/plan-2`, { Name: 'Plan 2', Owner_Note__c: 'v1' })).json as { id: string };
    const base = await api.get(`${PLAN}/${id}`);
    const lastModified = base.headers.get('last-modified')!;
    expect((base.json as JsonObject).LastModifiedDate).toBe('2026-11-20T10:00:00.000+0000');
    expect(new Date(lastModified).toISOString()).toBe('2026-11-20T10:00:00.000Z');

    await admin(sf, 'clock', { advanceSeconds: 90 });
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [id], fields: { Owner_Note__c: 'changed on the server' } });

    const stale = await api.patch(`${PLAN}/${id}`, { Owner_Note__c: 'mine' }, { 'If-Unmodified-Since': lastModified });
    expect(stale.status).toBe(412);
    expect(sfError(stale).errorCode).toBe('PRECONDITION_FAILED');
    const staleUpsert = await api.patch(`${PLAN}/Partnerbook_Id__c/plan-2`, { Owner_Note__c: 'mine' }, { 'If-Unmodified-Since': lastModified });
    expect(staleUpsert.status).toBe(412);
    expect(((await api.get(`${PLAN}/${id}?fields=Owner_Note__c`)).json as JsonObject).Owner_Note__c).toBe('changed on the server');

    const current = (await api.get(`${PLAN}/${id}`)).headers.get('last-modified')!;
    expect((await api.patch(`${PLAN}/${id}`, { Owner_Note__c: 'mine' }, { 'If-Unmodified-Since': current })).status).toBe(204);
    const garbage = await api.patch(`${PLAN}/${id}`, { Owner_Note__c: 'x' }, { 'If-Unmodified-Since': 'yesterday-ish' });
    expect(garbage.status).toBe(400);
  });

  it('deletes into the delete log', async () => {
    const { id } = (await api.patch('/sobjects/Partnerbook_Note__c/Partnerbook_Id__c/note-1', { Body__c: 'QBR went well' })).json as { id: string };
    expect((await api.del(`/sobjects/Partnerbook_Note__c/${id}`)).status).toBe(204);
    const gone = await api.get(`/sobjects/Partnerbook_Note__c/${id}`);
    expect([gone.status, sfError(gone).errorCode]).toEqual([404, 'ENTITY_IS_DELETED']);
    await admin(sf, 'clock', { advanceSeconds: 60 });
    const feed = await api.get('/sobjects/Partnerbook_Note__c/deleted/?start=2026-11-20T10:00:00Z&end=2026-11-20T11:00:00Z');
    expect((feed.json as JsonObject).deletedRecords).toMatchObject([{ id }]);
  });

  it('runs /composite subrequests with references; allOrNone false keeps going, true rolls back', async () => {
    const r = await api.post('/composite', {
      allOrNone: false,
      compositeRequest: [
        { method: 'PATCH', url: '/services/data/v61.0/sobjects/Partnerbook_Objective__c/Partnerbook_Id__c/obj-1', referenceId: 'obj', body: { Name: 'Grow' } },
        { method: 'GET', url: '/services/data/v61.0/sobjects/Partnerbook_Objective__c/@{obj.id}', referenceId: 'read' },
        { method: 'PATCH', url: '/services/data/v61.0/sobjects/Partnerbook_Objective__c/a01000000000999AAA', referenceId: 'missing', body: { Name: 'x' } },
        { method: 'GET', url: '/services/data/v61.0/sobjects/Partnerbook_Objective__c/@{missing.id}', referenceId: 'dependent' },
        { method: 'GET', url: '/services/data/v61.0/query?q=SELECT+Id+FROM+Partnerbook_Objective__c', referenceId: 'q' },
      ],
    });
    expect(r.status).toBe(200);
    const results = (r.json as JsonObject).compositeResponse as JsonObject[];
    expect(results.map((x) => [x.referenceId, x.httpStatusCode])).toEqual([
      ['obj', 201],
      ['read', 200],
      ['missing', 404],
      ['dependent', 400],
      ['q', 200],
    ]);
    expect(results[0]!.httpHeaders).toMatchObject({ Location: expect.stringMatching(/Partnerbook_Objective__c\/a01/) as unknown });
    expect(results[1]!.body).toMatchObject({ Name: 'Grow', Partnerbook_Id__c: 'obj-1' });
    expect((results[3]!.body as JsonObject[])[0]).toMatchObject({ errorCode: 'PROCESSING_HALTED' });
    expect(results[4]!.body).toMatchObject({ totalSize: 1 });
    expect(r.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\//);

    const all = await api.post('/composite', {
      allOrNone: true,
      compositeRequest: [
        { method: 'PATCH', url: '/services/data/v61.0/sobjects/Partnerbook_Initiative__c/Partnerbook_Id__c/ini-1', referenceId: 'ok', body: { Name: 'Ini' } },
        { method: 'PATCH', url: '/services/data/v61.0/sobjects/Partnerbook_Initiative__c/Partnerbook_Id__c/ini-2', referenceId: 'bad', body: { Nope: 1 } },
        { method: 'PATCH', url: '/services/data/v61.0/sobjects/Partnerbook_Initiative__c/Partnerbook_Id__c/ini-3', referenceId: 'after', body: { Name: 'x' } },
      ],
    });
    const rolled = (all.json as JsonObject).compositeResponse as JsonObject[];
    expect(rolled.map((x) => x.httpStatusCode)).toEqual([400, 400, 400]);
    expect((rolled[0]!.body as JsonObject[])[0]).toMatchObject({ errorCode: 'PROCESSING_HALTED' });
    expect((rolled[1]!.body as JsonObject[])[0]).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(((await api.query('SELECT COUNT() FROM Partnerbook_Initiative__c')).json as JsonObject).totalSize).toBe(0);
  });

  it('answers UNABLE_TO_LOCK_ROW on every Nth write when asked, and writes nothing then', async () => {
    await admin(sf, 'config', { lockEvery: 2 });
    const a = await api.patch('/sobjects/Partnerbook_Note__c/Partnerbook_Id__c/lock-1', { Body__c: 'a' });
    const b = await api.patch('/sobjects/Partnerbook_Note__c/Partnerbook_Id__c/lock-2', { Body__c: 'b' });
    expect([a.status, b.status]).toEqual([201, 400]);
    expect(sfError(b)).toMatchObject({ errorCode: 'UNABLE_TO_LOCK_ROW' });
    expect(sfError(b).message).toMatch(/^unable to obtain exclusive access to this record or 1 records: /);
    await admin(sf, 'config', { lockEvery: 0 });
    expect((await api.get('/sobjects/Partnerbook_Note__c/Partnerbook_Id__c/lock-2')).status).toBe(404);
  });
});
