/**
 * The id reconciliation wired into the Salesforce source (reconcile.ts, called from the
 * incremental sync when the workspace hands over its replica's ids): PRM records that
 * leave Salesforce without a delete-log entry — a contact hard-deleted, an
 * OpportunityPartner row removed — leave the book on the next due reconciliation; records
 * still there stay. Against the fake org (empty, one partner with a contact and a co-sold deal).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, session } from './support';

const T0 = '2026-11-20T10:00:00Z';

describe('Salesforce id reconciliation of the PRM entities', () => {
  let sf: FakeSalesforce;
  let db: Db;
  let service: SyncService;
  const ids: Record<string, string> = {};
  const count = (sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).pluck().get(...args);

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: T0 });
    const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
    const user = String([...sf.org.rows(o('User'))][0]!.Id);
    const ins = (object: string, values: Record<string, string | number | boolean | null>) => String(sf.org.insert(o(object), values, user).Id);
    ids.a = ins('Account', { Name: 'Contoso', IsPartner: true, Type: 'Reseller', BillingCountry: 'France' });
    ids.b = ins('Account', { Name: 'Fabrikam', IsPartner: true, Type: 'Reseller', BillingCountry: 'Germany' });
    ids.kept = ins('Contact', { AccountId: ids.a, FirstName: 'Ana', LastName: 'Ruiz', Name: 'Ana Ruiz', Email: 'ana@contoso.example', Title: 'Sales' });
    ids.gone = ins('Contact', { AccountId: ids.a, FirstName: 'Bo', LastName: 'Li', Name: 'Bo Li', Email: 'bo@contoso.example', Title: 'Owner' });
    ids.opp = ins('Opportunity', { Name: 'Contoso deal', StageName: 'Prospecting', Amount: 500, CloseDate: '2026-12-31', AccountId: ids.a, PartnerAccountId: ids.a });
    ids.cosell = ins('OpportunityPartner', { OpportunityId: ids.opp, AccountToId: ids.b, Role: 'Co-Sell', IsPrimary: false });
    const token = (await session(sf)).access_token;
    db = openDb(':memory:');
    const connector = salesforceConnector({
      instanceUrl: sf.url,
      accessToken: token,
      now: () => sf.org.clock.now(),
      replicaRows: (entity) => db.sqlite.prepare(`SELECT id, version FROM "${entity}"`).all() as { id: string; version: number }[],
    });
    service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
  });
  afterAll(async () => {
    await service?.close();
    db?.close();
    await sf?.close();
  });

  it('a hard-deleted contact and a removed co-sell partner leave the book; the rest stays', async () => {
    expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
    expect(count('SELECT count(*) FROM contact')).toBe(2);
    expect(count("SELECT partner_id FROM opportunity WHERE partner_role = 'co_sell'")).toBe(ids.b);

    expect((await admin(sf, 'hard-delete', { object: 'Contact', ids: [ids.gone] })).status).toBe(200);
    expect((await admin(sf, 'hard-delete', { object: 'OpportunityPartner', ids: [ids.cosell] })).status).toBe(200);
    await admin(sf, 'clock', { advanceSeconds: 120 });
    // Neither feed lists them: only the reconciliation (due on the first incremental sync) finds them gone.
    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
    expect(db.sqlite.prepare('SELECT id FROM contact').pluck().all()).toEqual([ids.kept]);
    expect(count('SELECT count(*) FROM opportunity')).toBe(1);
    expect(count('SELECT count(*) FROM partner')).toBe(2);
  });
});
