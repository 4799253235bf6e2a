/**
 * The fake Salesforce seeded from the real AdventureWorks reseller files: counts and the
 * won amount, read through query + queryMore, match figures computed here straight from
 * the files (FactResellerSales.csv has no quoted fields, so split(',') is exact); SOQL
 * errors have Salesforce's shapes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { client, DATA, dataPresent, session, sfError, warnIfNoData, type JsonObject } from './support';

warnIfNoData('the fake Salesforce seed tests');

/** Orders, total cents, and per reseller the employee with the most sales (ties: lower key). */
function factFigures() {
  const lines = readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8').split(/\r?\n/).filter((l) => l !== '').slice(1);
  const orders = new Set<string>();
  let cents = 0;
  const byReseller = new Map<string, Map<string, number>>();
  for (const line of lines) {
    const c = line.split(',');
    orders.add(c[0]!);
    const amount = Math.round(Number(c[9]) * 100);
    cents += amount;
    const reps = byReseller.get(c[3]!) ?? new Map<string, number>();
    reps.set(c[4]!, (reps.get(c[4]!) ?? 0) + amount);
    byReseller.set(c[3]!, reps);
  }
  const topRep = new Map<string, string>();
  for (const [reseller, reps] of byReseller) {
    const best = [...reps].sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))[0]!;
    topRep.set(reseller, best[0]);
  }
  return { orders: orders.size, cents, topRep };
}

describe.skipIf(!dataPresent)('fake Salesforce seeded from AdventureWorks', () => {
  let sf: FakeSalesforce;
  let api: ReturnType<typeof client>;
  const facts = dataPresent ? factFigures() : null;

  beforeAll(async () => {
    sf = await startFakeSalesforce({ now: '2026-11-20T10:00:30Z', config: { pageSize: 250 } });
    api = client(sf, (await session(sf)).access_token);
  });
  afterAll(() => sf?.close());

  it('has the 701 resellers as partner accounts, paged through nextRecordsUrl', async () => {
    const { records, pages, totalSize } = await api.queryAll('SELECT Id, Name, OwnerId, IsPartner FROM Account WHERE IsPartner = true');
    expect(totalSize).toBe(701);
    expect(records).toHaveLength(701);
    expect(pages).toBe(3);
    expect(new Set(records.map((r) => r.Id)).size).toBe(701);
    expect(records[0]!.attributes).toEqual({ type: 'Account', url: `/services/data/v61.0/sobjects/Account/${String(records[0]!.Id)}` });
    // Owner = the rep with the most sales for that reseller; resellers without sales go to the first manager.
    for (const r of records) {
      const key = String(Number(String(r.Id).slice(3, 15)));
      const rep = facts!.topRep.get(key) ?? '272';
      expect(r.OwnerId).toBe(`005${rep.padStart(12, '0')}AAA`);
    }
  });

  it('has one closed-won opportunity per sales order, with the files’ total amount', async () => {
    const { records, pages } = await api.queryAll(
      'SELECT Id, Amount, StageName, IsWon, IsClosed, CloseDate, AccountId, PartnerAccountId, OwnerId FROM Opportunity',
      { 'Sforce-Query-Options': 'batchSize=1000' },
    );
    expect(records).toHaveLength(facts!.orders);
    expect(records).toHaveLength(3616);
    expect(pages).toBe(4);
    const cents = records.reduce((sum, r) => sum + Math.round(Number(r.Amount) * 100), 0);
    expect(cents).toBe(facts!.cents);
    for (const r of records) {
      expect(r).toMatchObject({ StageName: 'Closed Won', IsWon: true, IsClosed: true });
      expect(r.PartnerAccountId).toBe(r.AccountId);
      expect(String(r.CloseDate)).toMatch(/^20(17|18|19|20)-\d{2}-\d{2}$/);
    }
  });

  it('has the 17 sales people as users, their managers among them', async () => {
    const { records } = await api.queryAll("SELECT Id, Name, Username, Email, ManagerId, IsActive, LastLoginDate, SystemModstamp FROM User WHERE UserType = 'Standard'");
    expect(records).toHaveLength(17);
    const ids = new Set(records.map((r) => r.Id));
    const managers = records.filter((r) => r.ManagerId !== null);
    expect(managers.length).toBe(14);
    for (const r of managers) expect(ids.has(r.ManagerId)).toBe(true);
    expect(records.find((r) => r.Id === '005000000000272AAA')).toMatchObject({ Name: 'Stephen Jiang', Username: sf.username, IsActive: true });
    expect(String(records[0]!.SystemModstamp)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$/);
  });

  it('filters with Id IN, AND/OR, dates, LIKE, ORDER BY, LIMIT and COUNT()', async () => {
    const r = await api.query("SELECT Id, Name FROM Account WHERE Id IN ('001000000000001AAA', '001000000000002') ORDER BY Name DESC");
    expect((r.json as JsonObject).records).toMatchObject([{ Name: 'Progressive Sports' }, { Name: 'A Bike Store' }]);
    const dated = await api.query("SELECT COUNT() FROM Opportunity WHERE CloseDate >= 2020-01-01 AND (OwnerId = '005000000000272AAA' OR Amount > 100000)");
    expect(dated.status).toBe(200);
    expect((dated.json as JsonObject).records).toEqual([]);
    expect((dated.json as JsonObject).totalSize).toBeGreaterThan(0);
    const like = await api.query("SELECT Name FROM Account WHERE Name LIKE 'a bike%' LIMIT 1");
    expect((like.json as JsonObject).records).toMatchObject([{ Name: 'A Bike Store' }]);
    // Seeded opportunities were last modified at noon UTC on their order day (the last is 2020-05-31).
    const lastDay = await api.query('SELECT Id FROM Opportunity WHERE SystemModstamp > 2020-05-31T00:00:00Z');
    expect((lastDay.json as JsonObject).totalSize).toBeGreaterThan(0);
    const after = await api.query('SELECT Id FROM Opportunity WHERE SystemModstamp > 2020-05-31T12:00:00+00:00');
    expect((after.json as JsonObject).totalSize).toBe(0);
  });

  it('answers bad queries with INVALID_TYPE, INVALID_FIELD, MALFORMED_QUERY and INVALID_QUERY_LOCATOR', async () => {
    const type = await api.query('SELECT Id FROM Territory2');
    expect(type.status).toBe(400);
    expect(sfError(type).errorCode).toBe('INVALID_TYPE');
    expect(sfError(type).message.startsWith("sObject type 'Territory2' is not supported.")).toBe(true);
    const field = await api.query('SELECT Id, Industry FROM Account');
    expect([field.status, sfError(field).errorCode]).toEqual([400, 'INVALID_FIELD']);
    const typed = await api.query("SELECT Id FROM Account WHERE IsPartner = 'yes'");
    expect(sfError(typed).errorCode).toBe('INVALID_FIELD');
    const malformed = await api.query('SELECT FROM Account');
    expect([malformed.status, sfError(malformed).errorCode]).toEqual([400, 'MALFORMED_QUERY']);
    const locator = await api.get('/query/01gXXXXXXXXXXXXXXX-2000');
    expect([locator.status, sfError(locator).errorCode]).toEqual([400, 'INVALID_QUERY_LOCATOR']);
  });

  it('hides an object or a field to play an org without that licence or field access', async () => {
    await fetch(`${sf.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ hiddenObjects: ['Opportunity'], hiddenFields: { Account: ['OwnerId'] } }) });
    expect(sfError(await api.query('SELECT Id FROM Opportunity')).errorCode).toBe('INVALID_TYPE');
    expect(sfError(await api.query('SELECT OwnerId FROM Account')).errorCode).toBe('INVALID_FIELD');
    await fetch(`${sf.url}/__fake/config`, { method: 'POST', body: JSON.stringify({ hiddenObjects: [], hiddenFields: {} }) });
    expect((await api.query('SELECT Id FROM Opportunity LIMIT 1')).status).toBe(200);
  });
});
