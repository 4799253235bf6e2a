/**
 * The fake org's scaled copy (tools/fake-salesforce/scale.ts) keeps every copied record under
 * its own Id: a read by Id (sObject row, `WHERE Id IN (…)`) finds it. Before, the store filed
 * a copy under a fresh key while its Id field said another, so only a scan found it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleOrg } from '../../../tools/fake-salesforce/scale';
import { runSoql } from '../../../tools/fake-salesforce/soql-eval';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';

describe('fake Salesforce scaled copy', () => {
  let sf: FakeSalesforce;
  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: '2026-11-20T10:00:00Z' });
  });
  afterAll(() => sf?.close());

  it('a copied record is found by its Id', () => {
    const account = sf.org.schema.object('Account')!;
    const user = String([...sf.org.rows(sf.org.schema.object('User')!)][0]!.Id);
    const first = String(sf.org.insert(account, { Name: 'Beacon Distribution', IsPartner: true }, user).Id);
    scaleOrg(sf.org, 3);
    const ids = [...sf.org.rows(account)].map((r) => String(r.Id));
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(sf.org.get(account, id)?.Id).toBe(id);
    const got = runSoql(sf.org, `SELECT Id, Name FROM Account WHERE Id IN (${ids.map((i) => `'${i}'`).join(', ')})`).records as { Id: string; Name: string }[];
    expect(got.map((r) => r.Name)).toEqual(['Beacon Distribution', 'Beacon Distribution (2)', 'Beacon Distribution (3)']);
    expect(ids[0]).toBe(first);
  });
});
