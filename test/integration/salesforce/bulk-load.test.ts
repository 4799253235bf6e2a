/**
 * The first load through Bulk API 2.0 query jobs (src-main/sources/salesforce/bulk.ts)
 * against the fake AdventureWorks org, with the threshold lowered to 1 so every object
 * goes through Bulk and small results pages (maxRecords 150): the replica is the same as
 * the one loaded by REST query pages; a sync killed between results pages resumes at the
 * saved Sforce-Locator (no new job); a job Salesforce no longer has starts that object
 * again; a value with commas, quotes and line breaks survives the CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import type { Source } from '../../../src-main/sources/contract';
import { salesforceConnector, type SalesforceTarget } from '../../../src-main/sources/salesforce/source';
import { pull } from '../../../src-main/sync/pull';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { dataPresent, session, warnIfNoData } from './support';

const T0 = '2026-11-20T10:00:00Z';
const NAME = 'Contoso, "The Best"\nReseller, Inc.';
warnIfNoData('the Salesforce Bulk API load tests');

/** Every table of the book, sorted: what two loads must agree on. */
function book(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(ENTITY_NAMES.map((e) => [e, db.sqlite.prepare(`SELECT * FROM "${e}" ORDER BY id`).all()]));
}

/** A source whose connection dies (as under SIGKILL) after `pages` answered pages. */
function dying(source: Source, pages: number): Source {
  let n = 0;
  return {
    ...source,
    changes: async (cursor, limit) => {
      if (n++ >= pages) throw new Error('killed');
      return source.changes(cursor, limit);
    },
  };
}

describe.skipIf(!dataPresent)('Salesforce first load through Bulk API 2.0', () => {
  let sf: FakeSalesforce;
  let target: SalesforceTarget;
  let rest: Record<string, unknown[]>;
  const dbs: Db[] = [];
  const fresh = () => {
    const db = openDb(':memory:');
    dbs.push(db);
    return db;
  };
  const bulk = { threshold: 1, pageSize: 150, pollMs: 1 };

  beforeAll(async () => {
    sf = await startFakeSalesforce({ now: T0 });
    const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
    const owner = String([...sf.org.rows(o('Account'))].find((a) => a.IsPartner === true)!.OwnerId);
    sf.org.insert(o('Account'), { Name: NAME, IsPartner: true, Type: 'Reseller', BillingCountry: 'Canada', OwnerId: owner }, owner);
    target = { instanceUrl: sf.url, accessToken: (await session(sf)).access_token, now: () => sf.org.clock.now() };
    const db = fresh();
    await pull(db.sqlite, salesforceConnector(target).open(), { pageSize: 2000 });
    rest = book(db);
    expect(sf.bulk.created).toBe(0);
  }, 120_000);
  afterAll(async () => {
    for (const db of dbs) db.close();
    await sf?.close();
  });

  it('gives the same replica as the REST load, and a value with commas, quotes and line breaks survives', async () => {
    const db = fresh();
    await pull(db.sqlite, salesforceConnector({ ...target, bulk }).open(), { pageSize: 2000 });
    expect(sf.bulk.created).toBeGreaterThan(3);
    expect(sf.bulk.reads.some((r) => r.locator !== null)).toBe(true);
    expect(book(db)).toEqual(rest);
    expect(db.sqlite.prepare('SELECT count(*) FROM partner WHERE name = ?').pluck().get(NAME)).toBe(1);
    expect(rest.opportunity!.length).toBeGreaterThan(150);
  }, 120_000);

  it('a sync killed between results pages resumes at the saved locator; an expired job starts its object again', async () => {
    const db = fresh();
    const connector = salesforceConnector({ ...target, bulk });
    // Killed after the users, tier and first partner pages: a partner job is half read.
    const jobs = sf.bulk.created;
    await expect(pull(db.sqlite, dying(connector.open(), 4), { pageSize: 2000 })).rejects.toThrow('killed');
    const cursor = JSON.parse(Buffer.from(String(db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get()), 'base64url').toString('utf8')) as {
      b?: { id: string; loc: string | null };
    };
    expect(cursor.b?.loc).toBeTruthy();
    const reads = sf.bulk.reads.length;
    const created = sf.bulk.created;
    // The next run asks for the saved page of the same job first.
    await expect(pull(db.sqlite, dying(connector.open(), 1), { pageSize: 2000 })).rejects.toThrow('killed');
    expect(sf.bulk.reads[reads]).toEqual({ id: cursor.b!.id, locator: cursor.b!.loc });
    expect(sf.bulk.created).toBe(created);
    expect(created).toBeGreaterThan(jobs);
    // Salesforce drops the job (its results are kept 7 days): that object is read again with a new job.
    const saved = JSON.parse(Buffer.from(String(db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get()), 'base64url').toString('utf8')) as {
      b?: { id: string; loc: string | null };
    };
    expect(saved.b?.loc).toBeTruthy();
    sf.bulk.expireAll();
    const before = sf.bulk.reads.length;
    await pull(db.sqlite, connector.open(), { pageSize: 2000 });
    const first = sf.bulk.reads[before]!;
    expect(first.locator).toBeNull();
    expect(first.id).not.toBe(saved.b!.id);
    expect(book(db)).toEqual(rest);
  }, 120_000);
});
