/**
 * The Salesforce connector pulls the Partnerbook package's custom objects back (against
 * the fake org: empty, with one partner Account): a plan and objective created in
 * Salesforce reach the replica (the objective pointing at the plan's Partnerbook id), an
 * edit in Salesforce arrives on the next incremental sync, a plan this client wrote is not
 * pulled back as a change, a deleted plan arrives as a tombstone; plans of accounts outside
 * the book are left out; an org without the package still syncs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { queueEdit } from '../../../src-main/sync/edits';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { PARTNERBOOK_OBJECTS } from '../../../tools/fake-salesforce/schema';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from '../../../tools/fake-salesforce/server';
import { admin, session } from './support';

const T0 = '2026-11-20T10:00:00Z';

async function fakeWithPartner(config?: FakeSalesforceOptions['config']) {
  const sf = await startFakeSalesforce({ dataDir: null, now: T0, ...(config ? { config } : {}) });
  const user = String([...sf.org.rows(sf.org.schema.object('User')!)][0]!.Id);
  const account = sf.org.insert(sf.org.schema.object('Account')!, { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, user);
  const other = sf.org.insert(sf.org.schema.object('Account')!, { Name: 'Fabrikam (a customer)', IsPartner: false, BillingCountry: 'Germany' }, user);
  const token = (await session(sf)).access_token;
  return { sf, token, user, partner: String(account.Id), customer: String(other.Id) };
}

const planValues = (ext: string, partner: string, title: string) => ({
  Partnerbook_Id__c: ext,
  Partner__c: partner,
  Period__c: 'FY2027',
  Title__c: title,
  Status__c: 'draft',
  Revision__c: 1,
  Summary__c: 'Made in Salesforce',
});

describe('Salesforce connector pulls the Partnerbook package objects', () => {
  let sf: FakeSalesforce;
  let token: string;
  let user: string;
  let partner: string;
  let customer: string;
  let db: Db;
  let service: SyncService;
  const clock = fixedClock(T0);
  const obj = (name: string) => sf.org.schema.object(name)!;
  const tick = (seconds = 120) => admin(sf, 'clock', { advanceSeconds: seconds });
  const plan = (id: string) => db.sqlite.prepare('SELECT * FROM jbp WHERE id = ?').get(id) as Record<string, unknown> | undefined;

  beforeAll(async () => {
    ({ sf, token, user, partner, customer } = await fakeWithPartner());
    db = openDb(':memory:');
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() });
    service = createSyncService({ db, clock, events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
  });
  afterAll(async () => {
    await service?.close();
    db?.close();
    sf?.close();
  });

  it('a plan and its objective created in Salesforce arrive in the replica; the objective points at the plan by its Partnerbook id', async () => {
    const p = sf.org.insert(obj('Partnerbook_Plan__c'), planValues('sf-plan-1', partner, 'Plan from Salesforce'), user);
    sf.org.insert(
      obj('Partnerbook_Objective__c'),
      { Partnerbook_Id__c: 'sf-obj-1', Plan__c: String(p.Id), Title__c: 'Sourced ARR', Metric__c: 'sourced_arr', Baseline__c: 0, Target__c: 500000, Due_Quarter__c: '2027-Q2', Weight__c: 50, Sort_Order__c: 1 },
      user,
    );
    // Not in the book: a plan of an account that is not a partner.
    sf.org.insert(obj('Partnerbook_Plan__c'), planValues('sf-plan-out', customer, 'Not a partner'), user);
    const summary = await service.run();
    expect(summary).toMatchObject({ ok: true, kind: 'full' });
    expect(plan('sf-plan-1')).toMatchObject({ partner_id: partner, title: 'Plan from Salesforce', period: 'FY2027', status: 'draft', version: Date.parse(T0) });
    expect(db.sqlite.prepare('SELECT id, jbp_id, title, target FROM jbp_objective').all()).toEqual([{ id: 'sf-obj-1', jbp_id: 'sf-plan-1', title: 'Sourced ARR', target: 500000 }]);
    expect(plan('sf-plan-out')).toBeUndefined();
    expect(db.sqlite.prepare('SELECT COUNT(*) FROM partner').pluck().get()).toBe(1);
  });

  it('an edit made in Salesforce arrives on the next incremental sync', async () => {
    // The first incremental sync lists again what changed in the load's minute.
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
    await tick();
    const id = String(sf.org.findByExternalId(obj('Partnerbook_Plan__c'), 'sf-plan-1')!.Id);
    const at = (await admin(sf, 'edit', { object: 'Partnerbook_Plan__c', ids: [id], fields: { Title__c: 'Renamed in Salesforce' } })).json as { at: string };
    await tick();
    const summary = await service.run();
    expect(summary).toMatchObject({ ok: true, kind: 'incremental', pulled: 1, deleted: 0 });
    expect(plan('sf-plan-1')).toMatchObject({ title: 'Renamed in Salesforce', version: Date.parse(at.at) });
  });

  it('a plan created here is written to Salesforce and not pulled back as a change on the next sync', async () => {
    await tick();
    queueEdit(db.sqlite, clock, {
      entity: 'jbp',
      id: 'local-plan',
      op: 'upsert',
      fields: {
        id: 'local-plan', partner_id: partner, period: 'FY2027', title: 'Made offline', status: 'draft', revision: 1, summary: '',
        vendor_signoff_name: null, vendor_signoff_at: null, partner_signoff_name: null, partner_signoff_at: null,
        created_at: '2026-11-20T09:00:00Z', updated_at: '2026-11-20T09:00:00Z',
      },
    });
    expect(await service.run()).toMatchObject({ ok: true });
    const row = sf.org.findByExternalId(obj('Partnerbook_Plan__c'), 'local-plan')!;
    const written = typeof row.SystemModstamp === 'number' ? row.SystemModstamp : Date.parse(String(row.SystemModstamp));
    expect(plan('local-plan')).toMatchObject({ title: 'Made offline', version: written });
    await tick();
    // Salesforce now lists the record as updated in a covered window: it is the client's own write.
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', pulled: 0, deleted: 0 });
    expect(plan('local-plan')).toMatchObject({ title: 'Made offline', version: written });
  });

  it('a plan deleted in Salesforce arrives as a tombstone', async () => {
    await tick();
    const id = String(sf.org.findByExternalId(obj('Partnerbook_Plan__c'), 'local-plan')!.Id);
    await admin(sf, 'delete', { object: 'Partnerbook_Plan__c', ids: [id] });
    await tick();
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', pulled: 0, deleted: 1 });
    expect(plan('local-plan')).toBeUndefined();
    expect(plan('sf-plan-1')).toBeDefined();
  });
});

describe('Salesforce connector pull without the Partnerbook package', () => {
  it('syncs the standard objects and skips the missing custom objects', async () => {
    const { sf, token } = await fakeWithPartner({ hiddenObjects: PARTNERBOOK_OBJECTS });
    const db = openDb(':memory:');
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() });
    const service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    try {
      expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
      expect(db.sqlite.prepare('SELECT COUNT(*) FROM partner').pluck().get()).toBe(1);
      await tick(sf);
      expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
    } finally {
      await service.close();
      db.close();
      sf.close();
    }
  });
});

const tick = (sf: FakeSalesforce) => admin(sf, 'clock', { advanceSeconds: 120 });
