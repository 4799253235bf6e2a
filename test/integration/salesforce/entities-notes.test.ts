/**
 * What the Salesforce source says beside the sync status (Source.notes): the org's API
 * usage from the last answer's Sforce-Limit-Info header, and each entity the org does not
 * let this user read — an object not licensed (INVALID_TYPE) or a field hidden by
 * field-level security (INVALID_FIELD) — with a plain sentence, while the sync goes on
 * without it. Against the fake org (empty, one partner Account with a contact and a level).
 */
import type { Change, ChangesPage } from '../../../src-shared/domain/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { SourceError, type Source } from '../../../src-main/sources/contract';
import { DEFAULT_SALESFORCE_MAPPING } from '../../../src-shared/domain/salesforce-mapping';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { createSyncService } from '../../../src-main/sync/service';
import { startFakeSalesforce, type FakeSalesforce, type FakeSalesforceOptions } from '../../../tools/fake-salesforce/server';
import { admin, session } from './support';

const T0 = '2026-11-20T10:00:00Z';

async function orgWithPartner(config?: FakeSalesforceOptions['config']) {
  const sf = await startFakeSalesforce({ dataDir: null, now: T0, ...(config ? { config } : {}) });
  const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
  const user = String([...sf.org.rows(o('User'))][0]!.Id);
  const account = String(sf.org.insert(o('Account'), { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'United States' }, user).Id);
  const level = String(sf.org.insert(o('ChannelProgramLevel'), { Name: 'Gold', Rank: 3 }, user).Id);
  sf.org.insert(o('ChannelProgramMember'), { PartnerId: account, LevelId: level }, user);
  sf.org.insert(o('Contact'), { AccountId: account, FirstName: 'Ana', LastName: 'Ruiz', Name: 'Ana Ruiz', Email: 'ana@contoso.example', Title: 'Alliance manager' }, user);
  sf.org.insert(o('RecordType'), { Name: 'Deal Registration', DeveloperName: 'Deal_Registration', SobjectType: 'Lead', IsActive: true }, user);
  const token = (await session(sf)).access_token;
  return { sf, token, account };
}

async function drain(source: Source, from: string | null = null): Promise<{ cursor: string; entities: Set<string> }> {
  let cursor = from;
  const entities = new Set<string>();
  for (;;) {
    const page: ChangesPage = await source.changes(cursor, 2000);
    for (const c of page.changes as Change[]) if (c.op === 'upsert') entities.add(c.entity);
    cursor = page.cursor;
    if (!page.has_more) return { cursor, entities };
  }
}

describe('Salesforce source notes: API usage and entities not available in the org', () => {
  let sf: FakeSalesforce | undefined;
  afterEach(async () => {
    await sf?.close();
    sf = undefined;
  });

  it('gives the API usage of the last answer, as Salesforce counts it', async () => {
    const made = await orgWithPartner({ apiLimit: 15000, apiUsage: 1234 });
    sf = made.sf;
    const source = salesforceConnector({ instanceUrl: sf.url, accessToken: made.token }).open();
    expect(source.notes!().apiUsage).toBeNull();
    await drain(source);
    const used = (await admin(sf, 'state')).json as { apiUsage: number };
    // The state call is not a data API call: the last answer the source saw carried the same count.
    expect(source.notes!()).toEqual({ apiUsage: { used: used.apiUsage, limit: 15000 }, unavailable: [] });
    expect(used.apiUsage).toBeGreaterThan(1234);
  });

  it('an object the org does not license and a hidden field make those entities "not available", and the sync goes on', async () => {
    const made = await orgWithPartner({ hiddenObjects: ['ChannelProgramLevel', 'Lead'], hiddenFields: { Contact: ['Email'] } });
    sf = made.sf;
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: made.token, now: () => sf!.org.clock.now() });
    const source = connector.open();
    const first = await drain(source);
    expect(first.entities.has('partner')).toBe(true);
    expect(first.entities.has('contact')).toBe(false);
    expect(source.notes!().unavailable).toEqual([
      {
        entity: 'tier',
        reason: 'Your Salesforce org has no ChannelProgramLevel object you can read (not licensed or not enabled), so channel program levels (tiers) are not available in your org.',
      },
      { entity: 'contact', reason: 'Salesforce hides the field Contact.Email from you (field-level security), so contacts are not available in your org.' },
      { entity: 'deal_registration', reason: 'Your Salesforce org has no Lead object you can read (not licensed or not enabled), so deal registrations are not available in your org.' },
    ]);

    // The book is usable: the partner is in the replica, on the untiered level.
    const db = openDb(':memory:');
    const service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
    try {
      expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
      expect(db.sqlite.prepare('SELECT tier_id FROM partner WHERE id = ?').pluck().get(made.account)).toBe('untiered');
      // An incremental run says the same.
      await admin(sf, 'clock', { advanceSeconds: 120 });
      const again = connector.open();
      await drain(again, first.cursor);
      expect(again.notes!().unavailable.map((u) => u.entity)).toEqual(['tier', 'contact', 'deal_registration']);
    } finally {
      await service.close();
      db.close();
    }
  });

  it("an org without the mapping's deal-registration record type says so, and the rest syncs", async () => {
    const made = await orgWithPartner();
    sf = made.sf;
    const mapping = { ...DEFAULT_SALESFORCE_MAPPING, dealRegistrations: { ...DEFAULT_SALESFORCE_MAPPING.dealRegistrations, recordTypes: ['Partner Deal', 'Reseller Deal'] } };
    const source = salesforceConnector({ instanceUrl: sf.url, accessToken: made.token, mapping }).open();
    const { entities } = await drain(source);
    expect(entities).toEqual(new Set(['tier', 'user', 'partner', 'contact']));
    expect(source.notes!().unavailable).toEqual([
      {
        entity: 'deal_registration',
        reason: "Your Salesforce org has no Lead record type named 'Partner Deal' or 'Reseller Deal', so deal registrations are not available in your org; name yours in the Salesforce mapping.",
      },
    ]);
  });

  it('a position saved before the PRM entities were read, or under another mapping, fetches the whole book once', async () => {
    const made = await orgWithPartner();
    sf = made.sf;
    const old = (c: object) => Buffer.from(JSON.stringify(c)).toString('base64url');
    const source = salesforceConnector({ instanceUrl: sf.url, accessToken: made.token }).open();
    const expired = async (cursor: string) => {
      try {
        await source.changes(cursor, 2000);
        return null;
      } catch (err) {
        return err instanceof SourceError ? [err.kind, err.message] : err;
      }
    };
    const sentence = 'Partnerbook now also reads tiers, contacts, deal registrations and MDF from Salesforce; fetching the whole book once.';
    expect(await expired(old({ v: 1, p: 'sync', since: T0, m: {} }))).toEqual(['cursor_expired', sentence]);
    expect(await expired(old({ v: 1, p: 'load', i: 2, next: null, t: T0, m: {} }))).toEqual(['cursor_expired', sentence]);
    const { cursor } = await drain(source);
    const other = salesforceConnector({ instanceUrl: sf.url, accessToken: made.token, mapping: { ...DEFAULT_SALESFORCE_MAPPING, otherRoles: null } }).open();
    await expect(other.changes(cursor, 2000)).rejects.toMatchObject({ kind: 'cursor_expired', message: 'The Salesforce mapping changed; fetching the whole book again.' });
    // The same mapping continues from it.
    await expect(source.changes(cursor, 2000)).resolves.toMatchObject({ has_more: false });
  });
});
