/**
 * The replication feeds of the fake Salesforce on AdventureWorks: `updated` shows exactly
 * the records a server-side edit touched, `deleted` the records deleted (an Account takes
 * its Opportunities along), and both refuse windows Salesforce refuses. The clock is
 * frozen and moved explicitly, so minute cuts are deterministic.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, client, dataPresent, session, sfError, warnIfNoData, type JsonObject } from './support';

warnIfNoData('the fake Salesforce replication tests');

const T0 = '2026-11-20T10:00:30Z';

describe.skipIf(!dataPresent)('fake Salesforce updated/deleted feeds', () => {
  let sf: FakeSalesforce;
  let api: ReturnType<typeof client>;
  const feed = (object: string, kind: 'updated' | 'deleted', start: string, end: string) =>
    api.get(`/sobjects/${object}/${kind}/?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}`);

  beforeAll(async () => {
    sf = await startFakeSalesforce({ now: T0 });
    api = client(sf, (await session(sf)).access_token);
  });
  afterAll(() => sf?.close());

  it('shows exactly the 1,000 opportunities edited on the server, and nothing before', async () => {
    const before = await feed('Opportunity', 'updated', '2026-11-19T10:00:00+00:00', '2026-11-20T10:00:59+00:00');
    expect(before.status).toBe(200);
    expect(before.json).toEqual({ ids: [], latestDateCovered: '2026-11-20T10:00:00.000+0000' });

    const edit = await admin(sf, 'edit', { object: 'Opportunity', count: 1000, seed: 7 });
    const edited = (edit.json as JsonObject).ids as string[];
    expect(new Set(edited).size).toBe(1000);
    await admin(sf, 'clock', { advanceSeconds: 120 });

    const after = await feed('Opportunity', 'updated', '2026-11-20T10:00:00Z', '2026-11-20T10:02:30Z');
    expect(after.status).toBe(200);
    const body = after.json as JsonObject;
    expect([...(body.ids as string[])].sort()).toEqual([...edited].sort());
    expect(body.latestDateCovered).toBe('2026-11-20T10:02:00.000+0000');
    // The same records through SOQL on SystemModstamp; accounts were not touched.
    const soql = await api.queryAll('SELECT Id, SystemModstamp FROM Opportunity WHERE SystemModstamp > 2026-11-20T00:00:00Z');
    expect(soql.records.map((r) => r.Id).sort()).toEqual([...edited].sort());
    expect(soql.records[0]!.SystemModstamp).toBe('2026-11-20T10:00:30.000+0000');
    expect((await feed('Account', 'updated', '2026-11-20T10:00:00Z', '2026-11-20T10:02:30Z')).json).toMatchObject({ ids: [] });
    // The next window starts at latestDateCovered and sees none of them again.
    expect((await feed('Opportunity', 'updated', '2026-11-20T10:02:00Z', '2026-11-20T10:05:00Z')).json).toMatchObject({ ids: [] });
  });

  it('refuses windows Salesforce refuses', async () => {
    const old = await feed('Opportunity', 'updated', '2026-10-01T00:00:00Z', '2026-10-05T00:00:00Z');
    expect([old.status, sfError(old).errorCode]).toEqual([400, 'INVALID_REPLICATION_DATE']);
    const backwards = await feed('Opportunity', 'updated', '2026-11-20T10:00:00Z', '2026-11-20T10:00:40Z');
    expect(sfError(backwards).errorCode).toBe('INVALID_REPLICATION_DATE');
    const oldDeleted = await feed('Opportunity', 'deleted', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z');
    expect(sfError(oldDeleted).errorCode).toBe('INVALID_REPLICATION_DATE');
    const missing = await api.get('/sobjects/Opportunity/updated/?start=2026-11-20T10:00:00Z');
    expect(missing.status).toBe(400);
    const unknown = await api.get('/sobjects/Territory2/updated/?start=2026-11-20T10:00:00Z&end=2026-11-20T10:02:00Z');
    expect([unknown.status, sfError(unknown).errorCode]).toEqual([404, 'NOT_FOUND']);

    await admin(sf, 'config', { idLimit: 999 });
    const tooMany = await feed('Opportunity', 'updated', '2026-11-20T10:00:00Z', '2026-11-20T10:02:30Z');
    expect([tooMany.status, sfError(tooMany).errorCode]).toEqual([400, 'EXCEEDED_ID_LIMIT']);
    await admin(sf, 'config', { idLimit: 600000 });
  });

  it('lists deleted records (with an account’s opportunities) until the delete log is purged', async () => {
    const start = '2026-11-20T10:00:00Z';
    const del = (await admin(sf, 'delete', { object: 'Opportunity', count: 1, seed: 3 })).json as JsonObject;
    const [oppId] = del.ids as string[];
    const acc = (await admin(sf, 'delete', { object: 'Account', ids: ['001000000000001AAA'] })).json as JsonObject;
    const cascaded = (acc.removed as string[]).filter((id) => id.startsWith('006'));
    expect(cascaded.length).toBeGreaterThan(0);
    await admin(sf, 'clock', { advanceSeconds: 60 });

    const r = await feed('Opportunity', 'deleted', start, '2026-11-20T10:10:00Z');
    expect(r.status).toBe(200);
    const body = r.json as JsonObject;
    const entries = body.deletedRecords as JsonObject[];
    expect(entries.map((e) => e.id).sort()).toEqual([oppId!, ...cascaded].sort());
    expect(entries[0]!.deletedDate).toBe('2026-11-20T10:02:30.000+0000');
    expect(body.latestDateCovered).toBe('2026-11-20T10:03:00.000+0000');
    expect(String(body.earliestDateAvailable)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+0000$/);
    expect((await feed('Account', 'deleted', start, '2026-11-20T10:10:00Z')).json).toMatchObject({ deletedRecords: [{ id: '001000000000001AAA' }] });

    const gone = await api.get(`/sobjects/Opportunity/${oppId!}`);
    expect([gone.status, sfError(gone).errorCode]).toEqual([404, 'ENTITY_IS_DELETED']);
    expect(((await api.query('SELECT COUNT() FROM Opportunity')).json as JsonObject).totalSize).toBe(3616 - 1 - cascaded.length);

    await admin(sf, 'purge-delete-log', { object: 'Opportunity' });
    const purged = await feed('Opportunity', 'deleted', start, '2026-11-20T10:10:00Z');
    expect([purged.status, sfError(purged).errorCode]).toEqual([400, 'INVALID_REPLICATION_DATE']);
    await admin(sf, 'clock', { advanceSeconds: 60 });
    const fresh = await feed('Opportunity', 'deleted', '2026-11-20T10:04:00Z', '2026-11-20T10:10:00Z');
    expect(fresh.json).toMatchObject({ deletedRecords: [], latestDateCovered: '2026-11-20T10:04:00.000+0000' });
  });
});
