/**
 * An entity the org did not let this user read (an object hidden, a field hidden by
 * field-level security) stays "not available in your org" on later incremental syncs that
 * see no change of it, and once the org lets the user read it, the next sync brings all of
 * its records — not only those changed since. Against the fake org (empty, one partner
 * Account with a deal registration).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { getState } from '../../../src-main/sync/state';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from '../../../tools/fake-salesforce/server';
import { admin, session } from './support';

const T0 = '2026-11-20T10:00:00Z';

async function orgWithRegistration(config: FakeSalesforceOptions['config']) {
  const sf = await startFakeSalesforce({ dataDir: null, now: T0, config });
  const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
  const user = String([...sf.org.rows(o('User'))][0]!.Id);
  const account = String(sf.org.insert(o('Account'), { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, user).Id);
  const dealType = String(sf.org.insert(o('RecordType'), { Name: 'Deal Registration', DeveloperName: 'Deal_Registration', SobjectType: 'Lead', IsActive: true }, user).Id);
  sf.org.insert(
    o('Lead'),
    { FirstName: 'Ana', LastName: 'Ruiz', Name: 'Ana Ruiz', Company: 'Northwind', Status: 'Open - Not Contacted', RecordTypeId: dealType, PartnerAccountId: account, AnnualRevenue: 120000, IsConverted: false, OwnerId: user },
    user,
  );
  return { sf, token: (await session(sf)).access_token };
}

describe('Salesforce: an entity not available in the org', () => {
  let sf: FakeSalesforce | undefined;
  let db: Db | undefined;
  let service: SyncService | undefined;
  afterEach(async () => {
    await service?.close();
    db?.close();
    await sf?.close();
    sf = undefined;
  });

  const unavailable = () => (JSON.parse(getState(db!.sqlite, 'source_notes') ?? '{"unavailable":[]}') as { unavailable: { entity: string }[] }).unavailable.map((u) => u.entity);
  const registrations = () => db!.sqlite.prepare('SELECT COUNT(*) FROM deal_registration').pluck().get();

  const cases: [string, FakeSalesforceOptions['config']][] = [
    ['a hidden field (Lead.PartnerAccountId)', { hiddenFields: { Lead: ['PartnerAccountId'] } }],
    ['an object not licensed (Lead)', { hiddenObjects: ['Lead'] }],
  ];
  for (const [what, hidden] of cases) {
    it(`${what}: still noted while nothing of it changes, and read whole once the org shows it`, async () => {
      const made = await orgWithRegistration(hidden);
      sf = made.sf;
      db = openDb(':memory:');
      const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: made.token, now: () => sf!.org.clock.now() });
      service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
      const tick = () => admin(sf!, 'clock', { advanceSeconds: 120 });

      expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
      expect(registrations()).toBe(0);
      expect(unavailable()).toEqual(['deal_registration']);

      await tick();
      expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
      expect(unavailable()).toEqual(['deal_registration']);

      // The admin grants access; the registration itself has not changed since the load.
      await admin(sf, 'config', { hiddenObjects: [], hiddenFields: {} });
      await tick();
      expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
      expect(registrations()).toBe(1);
      expect(unavailable()).toEqual([]);

      await tick();
      expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental', pulled: 0 });
      expect(registrations()).toBe(1);
    });
  }
});
