/**
 * A Partnerbook package record Salesforce returns with a value the replica refuses (a plan's
 * status set to 'active' in Salesforce: the package restricts the picklist, the fake org
 * takes it) is never dropped silently: the sync names it in the source's notes (which
 * record, of which partner, which field, what value), the replica keeps the last good copy
 * (no tombstone), later quiet runs still name it, and once fixed in Salesforce it arrives
 * and the note goes. A new record with such a value is named too, and nothing of it is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { getState } from '../../../src-main/sync/state';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, session } from './support';

const T0 = '2026-11-20T10:00:00Z';

const planValues = (ext: string, partner: string, title: string, status: string) => ({
  Partnerbook_Id__c: ext, Partner__c: partner, Period__c: 'FY2027', Title__c: title, Status__c: status, Revision__c: 1, Summary__c: 'Made in Salesforce',
});

describe('Salesforce connector: a record with a value Partnerbook refuses', () => {
  let sf: FakeSalesforce;
  let db: Db;
  let service: SyncService;
  let user: string;
  let partner: string;
  const tick = () => admin(sf, 'clock', { advanceSeconds: 120 });
  const obj = (name: string) => sf.org.schema.object(name)!;
  const plan = (id: string) => db.sqlite.prepare('SELECT title, status FROM jbp WHERE id = ?').get(id) as { title: string; status: string } | undefined;
  const leftOut = () => (JSON.parse(getState(db.sqlite, 'source_notes') ?? '{}') as { leftOut?: { entity: string; count: number; reason: string }[] }).leftOut ?? [];
  const sfPlan = (ext: string) => String(sf.org.findByExternalId(obj('Partnerbook_Plan__c'), ext)!.Id);

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: T0 });
    user = String([...sf.org.rows(obj('User'))][0]!.Id);
    partner = String(sf.org.insert(obj('Account'), { Name: 'Beacon Distribution', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, user).Id);
    sf.org.insert(obj('Partnerbook_Plan__c'), planValues('plan-fy27', partner, 'FY27 JBP', 'draft'), user);
    db = openDb(':memory:');
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: (await session(sf)).access_token, now: () => sf.org.clock.now() });
    service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
    expect(plan('plan-fy27')).toEqual({ title: 'FY27 JBP', status: 'draft' });
  });
  afterAll(async () => {
    await service?.close();
    db?.close();
    sf?.close();
  });

  it('names the record, its partner, the field and the value; the replica keeps the last good copy', async () => {
    await tick();
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [sfPlan('plan-fy27')], fields: { Status__c: 'active', Title__c: 'FY27 JBP' } });
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', deleted: 0 });
    expect(plan('plan-fy27')).toEqual({ title: 'FY27 JBP', status: 'draft' });
    expect(leftOut()).toEqual([
      { entity: 'jbp', count: 1, reason: "Plan 'FY27 JBP' of Beacon Distribution: status 'active' is not one Partnerbook knows; left out, the copy here is from the last good read. Fix it in Salesforce and the next sync brings it." },
    ]);
  });

  it('a later quiet run still names it, and a new record with such a value is named too', async () => {
    await tick();
    sf.org.insert(obj('Partnerbook_Plan__c'), planValues('plan-new', partner, 'New plan', 'someday'), user);
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', deleted: 0 });
    expect(plan('plan-new')).toBeUndefined();
    expect(leftOut().map((l) => l.reason).sort()).toEqual([
      "Plan 'FY27 JBP' of Beacon Distribution: status 'active' is not one Partnerbook knows; left out, the copy here is from the last good read. Fix it in Salesforce and the next sync brings it.",
      "Plan 'New plan' of Beacon Distribution: status 'someday' is not one Partnerbook knows; left out, so it is not here yet. Fix it in Salesforce and the next sync brings it.",
    ]);
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', deleted: 0 });
    expect(leftOut()).toHaveLength(2);
    expect(plan('plan-fy27')).toEqual({ title: 'FY27 JBP', status: 'draft' });
  });

  it('fixed in Salesforce, it arrives and the note goes', async () => {
    await tick();
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [sfPlan('plan-fy27')], fields: { Status__c: 'signed' } });
    await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [sfPlan('plan-new')], fields: { Status__c: 'draft' } });
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
    expect(plan('plan-fy27')).toEqual({ title: 'FY27 JBP', status: 'signed' });
    expect(plan('plan-new')).toEqual({ title: 'New plan', status: 'draft' });
    expect(leftOut()).toEqual([]);
  });
});
