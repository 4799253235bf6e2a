/**
 * The custom records pulled from Salesforce (Salesforce Id → entity, Partnerbook id,
 * partner; the `deleted` feed names a record only by its Salesforce Id) are kept in the
 * replica's `source_key` table, written with each page, not in the cursor: the cursor stays
 * small however many plans the book has, a later run (a new connection) still turns a
 * Salesforce delete into a tombstone, a cursor written before (with the map in it) hands the
 * map over, and a reset forgets the keys and loads them again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { getState, setState } from '../../../src-main/sync/state';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, session } from './support';

const T0 = '2026-11-20T10:00:00Z';
const PLANS = 300;

const decodeCursor = (c: string) => JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<string, unknown>;
const encodeCursor = (c: Record<string, unknown>) => Buffer.from(JSON.stringify(c)).toString('base64url');

describe('Salesforce custom records are kept in source_key, not in the cursor', () => {
  let sf: FakeSalesforce;
  let db: Db;
  let service: SyncService;
  const planIds: string[] = [];
  const tick = () => admin(sf, 'clock', { advanceSeconds: 120 });
  const keys = () => db.sqlite.prepare('SELECT source_key, entity, id, partner_id FROM source_key ORDER BY source_key').all() as { source_key: string; entity: string; id: string; partner_id: string | null }[];
  const plans = () => db.sqlite.prepare('SELECT COUNT(*) FROM jbp').pluck().get() as number;

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: T0 });
    const user = String([...sf.org.rows(sf.org.schema.object('User')!)][0]!.Id);
    const partner = String(sf.org.insert(sf.org.schema.object('Account')!, { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, user).Id);
    for (let n = 0; n < PLANS; n++) {
      const row = sf.org.insert(
        sf.org.schema.object('Partnerbook_Plan__c')!,
        { Partnerbook_Id__c: `plan-${n}`, Partner__c: partner, Period__c: 'FY2027', Title__c: `Plan ${n}`, Status__c: 'draft', Revision__c: 1, Summary__c: '' },
        user,
      );
      planIds.push(String(row.Id));
    }
    const token = (await session(sf)).access_token;
    db = openDb(':memory:');
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() });
    service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
  });
  afterAll(async () => {
    await service?.close();
    db?.close();
    sf?.close();
  });

  it('a full load keeps each plan under its Salesforce Id in source_key; the cursor names none of them', async () => {
    expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
    expect(plans()).toBe(PLANS);
    const kept = keys();
    expect(kept).toHaveLength(PLANS);
    expect(kept.map((k) => k.source_key)).toEqual([...planIds].sort());
    expect(kept.every((k) => k.entity === 'jbp' && k.partner_id !== null)).toBe(true);
    const cursor = getState(db.sqlite, 'cursor')!;
    expect(decodeCursor(cursor)).not.toHaveProperty('m');
    expect(cursor.length).toBeLessThan(400);
  });

  it('a plan deleted in Salesforce becomes a tombstone in a later run, found through source_key', async () => {
    await tick();
    await admin(sf, 'delete', { object: 'Partnerbook_Plan__c', ids: [planIds[0]] });
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', deleted: 1 });
    expect(plans()).toBe(PLANS - 1);
    expect(keys().map((k) => k.source_key)).not.toContain(planIds[0]);
    expect(keys()).toHaveLength(PLANS - 1);
  });

  it('a cursor that still carries the map (written by an earlier version) hands it over to source_key', async () => {
    const old = decodeCursor(getState(db.sqlite, 'cursor')!);
    const m = Object.fromEntries(keys().map((k) => [k.source_key, [k.entity, k.id, k.partner_id]]));
    db.sqlite.prepare('DELETE FROM source_key').run();
    setState(db.sqlite, 'cursor', encodeCursor({ ...old, m }));
    await tick();
    await admin(sf, 'delete', { object: 'Partnerbook_Plan__c', ids: [planIds[1]] });
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', deleted: 1 });
    expect(plans()).toBe(PLANS - 2);
    expect(keys()).toHaveLength(PLANS - 2);
    expect(decodeCursor(getState(db.sqlite, 'cursor')!)).not.toHaveProperty('m');
  });

  it('a reset forgets the keys and the full load brings back those Salesforce still has', async () => {
    db.sqlite.prepare("INSERT INTO source_key VALUES ('a0Xgone', 'jbp', 'gone-plan', null)").run();
    expect(await service.reset()).toMatchObject({ ok: true, kind: 'full' });
    expect(keys().map((k) => k.source_key)).toEqual(planIds.slice(2).sort());
    expect(plans()).toBe(PLANS - 2);
  });
});
