/**
 * The PRM entities of the default mapping, pulled from the fake org seeded from the
 * AdventureWorks files (the PRM records there are synthetic, derived from DimReseller and
 * the orders; tools/fake-salesforce/seed-prm.ts): tiers from channel program levels,
 * contacts with their partner user's last login, deal registrations, MDF allocations and
 * requests, portal logins; then incremental changes that reach them through other objects
 * (a membership moved to another level, a new login); and an org where LoginHistory is not
 * readable falls back to one login per partner user.
 */
import { join } from 'node:path';
import type { Change, ChangesPage } from '../../../src-shared/domain/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { readSpreadsheet } from '../../../src-main/sources/spreadsheet/read';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, DATA, dataPresent, session, warnIfNoData } from './support';

warnIfNoData('the Salesforce PRM entity tests');

const T0 = '2026-11-20T10:00:00Z';

interface Facts {
  resellers: { key: number; sales: number; employees: number }[];
  /** Distinct order days per reseller key. */
  days: Map<number, Set<string>>;
}

async function facts(): Promise<Facts> {
  const [dim] = await readSpreadsheet(join(DATA, 'DimReseller.csv'));
  const col = (n: string) => dim!.headers.indexOf(n);
  const resellers = dim!.rows.map(({ cells }) => ({
    key: Number(cells[col('ResellerKey')]),
    sales: Number(cells[col('AnnualSales')] ?? 0),
    employees: Number(cells[col('NumberEmployees')] ?? 0),
  }));
  const [f] = await readSpreadsheet(join(DATA, 'FactResellerSales.csv'));
  const days = new Map<number, Set<string>>();
  for (const { cells } of f!.rows) {
    const k = Number(cells[f!.headers.indexOf('ResellerKey')]);
    (days.get(k) ?? days.set(k, new Set()).get(k)!).add(String(cells[f!.headers.indexOf('OrderDate')]).slice(0, 10));
  }
  return { resellers, days };
}

async function syncing(sf: FakeSalesforce) {
  const token = (await session(sf)).access_token;
  const db = openDb(':memory:');
  const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() });
  const service = createSyncService({ db, clock: fixedClock(T0), events: new EventBus(), source: () => connector, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 2 } });
  return { db, service };
}

describe.skipIf(!dataPresent)('Salesforce PRM entities from the fake AdventureWorks org', () => {
  let sf: FakeSalesforce;
  let db: Db;
  let service: SyncService;
  let f: Facts;
  const one = (sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).pluck().get(...args);

  beforeAll(async () => {
    f = await facts();
    sf = await startFakeSalesforce({ now: T0 });
    ({ db, service } = await syncing(sf));
  });
  afterAll(async () => {
    await service?.close();
    db?.close();
    await sf?.close();
  });

  it('pulls tiers, contacts, deal registrations, MDF and portal logins that match the reseller files', async () => {
    expect(await service.run()).toMatchObject({ ok: true, kind: 'full' });
    // Levels by AnnualSales: Gold ≥ 3,000,000, Silver ≥ 1,000,000, Registered below; nobody is left untiered.
    const band = (s: number) => (s >= 3_000_000 ? 'Gold' : s >= 1_000_000 ? 'Silver' : 'Registered');
    const perLevel = db.sqlite.prepare('SELECT t.name, t.rank, count(*) AS n FROM partner p JOIN tier t ON t.id = p.tier_id GROUP BY t.id ORDER BY t.rank').all();
    const expected = (name: string) => f.resellers.filter((r) => band(r.sales) === name).length;
    expect(perLevel).toEqual([
      { name: 'Registered', rank: 1, n: expected('Registered') },
      { name: 'Silver', rank: 2, n: expected('Silver') },
      { name: 'Gold', rank: 3, n: expected('Gold') },
    ]);
    expect(one("SELECT count(*) FROM tier WHERE id = 'untiered'")).toBe(1);
    expect(one("SELECT revenue_target FROM tier WHERE name = 'Gold'")).toBeGreaterThan(one("SELECT revenue_target FROM tier WHERE name = 'Registered'") as number);

    // One contact per reseller, a second where it has 50 employees or more; a last login for those with orders.
    const ordering = f.resellers.filter((r) => (f.days.get(r.key)?.size ?? 0) > 0);
    expect(one('SELECT count(*) FROM contact')).toBe(f.resellers.length + f.resellers.filter((r) => r.employees >= 50).length);
    expect(one('SELECT count(*) FROM contact WHERE last_login_at IS NOT NULL')).toBe(ordering.length);
    expect(one('SELECT count(DISTINCT partner_id) FROM contact')).toBe(f.resellers.length);

    // A deal registration per ordering reseller, converted into its last order; the "Standard" leads are not registrations.
    expect(one('SELECT count(*) FROM deal_registration')).toBe(ordering.length);
    expect(one("SELECT count(*) FROM deal_registration WHERE status = 'converted' AND opportunity_id IN (SELECT id FROM opportunity)")).toBe(ordering.length);

    // MDF: Gold and Silver partners get 1 % of AnnualSales in each of the last two halves.
    const funded = f.resellers.filter((r) => band(r.sales) !== 'Registered');
    expect(one('SELECT count(*) FROM mdf_allocation')).toBe(funded.length * 2);
    expect(one('SELECT sum(amount) FROM mdf_allocation')).toBe(funded.reduce((a, r) => a + 2 * Math.round(r.sales / 100) * 100, 0));
    expect(db.sqlite.prepare('SELECT DISTINCT period FROM mdf_allocation ORDER BY period').pluck().all()).toEqual(['2019-H2', '2020-H1']);
    const requests = one('SELECT count(*) FROM mdf_request') as number;
    expect(requests).toBeGreaterThan(0);
    expect(one("SELECT count(*) FROM mdf_request WHERE status = 'claimed' AND claimed_amount = amount")).toBe(sf.org.count(sf.org.schema.object('PartnerFundClaim')!));
    expect(one('SELECT count(*) FROM mdf_request r JOIN mdf_allocation a ON a.id = r.allocation_id WHERE a.partner_id = r.partner_id')).toBe(requests);

    // A portal login per reseller and order day (LoginHistory of its partner user).
    const loginDays = [...f.days.values()].reduce((a, s) => a + s.size, 0);
    expect(one("SELECT count(*) FROM engagement_event WHERE kind = 'portal_login'")).toBe(loginDays);
    expect(one('SELECT count(*) FROM engagement_event WHERE contact_id IS NULL')).toBe(0);
    // Partner users are people of partners, not users of the book.
    expect(one('SELECT count(*) FROM user')).toBe(17);
  });

  it('a partner moved to another level, a new portal login, a new MDF claim and a deleted deal registration arrive on the next sync', async () => {
    const member = sf.org.schema.object('ChannelProgramMember')!;
    const row = [...sf.org.rows(member)].find((r) => r.LevelId === [...sf.org.rows(sf.org.schema.object('ChannelProgramLevel')!)].find((l) => l.Name === 'Registered')!.Id)!;
    const gold = [...sf.org.rows(sf.org.schema.object('ChannelProgramLevel')!)].find((l) => l.Name === 'Gold')!;
    const users = sf.org.schema.object('User')!;
    const partnerUser = [...sf.org.rows(users)].find((u) => u.UserType === 'PowerPartner')!;
    await admin(sf, 'clock', { advanceSeconds: 60 });
    sf.org.update(member, String(row.Id), { LevelId: String(gold.Id) }, String(row.CreatedById));
    const now = sf.org.clock.now();
    sf.org.update(users, String(partnerUser.Id), { LastLoginDate: now }, String(partnerUser.Id));
    sf.org.insert(sf.org.schema.object('LoginHistory')!, { UserId: String(partnerUser.Id), LoginTime: now, LoginType: 'Partner Portal', Status: 'Success', Application: 'Browser' }, String(partnerUser.Id));
    const before = one('SELECT count(*) FROM engagement_event') as number;
    // A claim against a request that had none: the request becomes claimed. A deleted deal registration: gone.
    const claims = sf.org.schema.object('PartnerFundClaim')!;
    const claimed = new Set([...sf.org.rows(claims)].map((c) => c.RequestId));
    const request = [...sf.org.rows(sf.org.schema.object('PartnerFundRequest')!)].find((r) => !claimed.has(r.Id))!;
    sf.org.insert(claims, { Title: 'Claim', RequestId: String(request.Id), ChannelPartnerId: String(request.ChannelPartnerId), Amount: 100, Status: 'Approved' }, String(request.CreatedById));
    const lead = [...sf.org.rows(sf.org.schema.object('Lead')!)].find((l) => l.PartnerAccountId && l.IsConverted === true)!;
    sf.org.remove(sf.org.schema.object('Lead')!, String(lead.Id));
    await admin(sf, 'clock', { advanceSeconds: 120 });

    expect(await service.run()).toMatchObject({ ok: true, kind: 'incremental' });
    expect(one('SELECT t.name FROM partner p JOIN tier t ON t.id = p.tier_id WHERE p.id = ?', String(row.PartnerId))).toBe('Gold');
    expect(one('SELECT last_login_at FROM contact WHERE id = ?', String(partnerUser.ContactId))).toBe(new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    expect(one('SELECT count(*) FROM engagement_event')).toBe(before + 1);
    expect(db.sqlite.prepare('SELECT status, claimed_amount FROM mdf_request WHERE id = ?').get(String(request.Id))).toEqual({ status: 'claimed', claimed_amount: 10000 });
    expect(one('SELECT count(*) FROM deal_registration WHERE id = ?', String(lead.Id))).toBe(0);
  });
});

describe.skipIf(!dataPresent)('Salesforce portal logins without LoginHistory', () => {
  it('falls back to one login per partner user (its LastLoginDate), and says nothing is missing', async () => {
    const sf = await startFakeSalesforce({ now: T0, config: { hiddenObjects: ['LoginHistory'] } });
    const token = (await session(sf)).access_token;
    try {
      const source = salesforceConnector({ instanceUrl: sf.url, accessToken: token, now: () => sf.org.clock.now() }).open();
      let cursor: string | null = null;
      const events = new Map<string, Record<string, unknown>>();
      for (;;) {
        const page: ChangesPage = await source.changes(cursor, 2000);
        for (const c of page.changes as Change[]) if (c.entity === 'engagement_event' && c.op === 'upsert') events.set(c.id, c.data);
        cursor = page.cursor;
        if (!page.has_more) break;
      }
      const partnerUsers = [...sf.org.rows(sf.org.schema.object('User')!)].filter((u) => u.UserType === 'PowerPartner');
      expect(events.size).toBe(partnerUsers.length);
      expect([...events.values()].every((e) => e.kind === 'portal_login' && e.detail === 'last login (from the user record)')).toBe(true);
      expect(source.notes!().unavailable).toEqual([]);
    } finally {
      await sf.close();
    }
  });
});
