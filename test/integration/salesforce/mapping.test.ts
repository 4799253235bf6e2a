/**
 * The Salesforce pull mapping (src-shared/domain/salesforce-mapping.ts): the example file
 * is valid, a bad mapping is refused with one sentence naming the key (also by
 * `partnerbook sync --mapping`), and a mapping changes what is pulled from the fake org —
 * partners by `Type = 'Partner'` instead of IsPartner, stage names, record types, and
 * certifications / PSAT answers from the org's own custom objects.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SALESFORCE_MAPPING, parseSalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';
import { readSalesforceMapping } from '../../../src-main/sources/salesforce/mapping-file';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { CLI } from '../../support/harness';
import { session } from './support';

const EXAMPLE = join(import.meta.dirname, '../../../resources/salesforce/pull-mapping.example.json');
const dir = mkdtempSync(join(tmpdir(), 'pb-sf-mapping-'));

function sync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'sync', '--source', 'salesforce', ...args]);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (status) => resolve({ status, stderr: err }));
  });
}

describe('Salesforce pull mapping: validation', () => {
  it('the example file is valid, and an empty mapping is the default', () => {
    const m = readSalesforceMapping(EXAMPLE);
    expect(m.partnerFilter).toEqual({ field: 'Type', equals: 'Partner' });
    expect(m.certification?.object).toBe('Partner_Certification__c');
    expect(parseSalesforceMapping({})).toEqual({ ok: true, mapping: DEFAULT_SALESFORCE_MAPPING });
    expect(DEFAULT_SALESFORCE_MAPPING.partnerFilter).toEqual({ field: 'IsPartner', equals: true });
    expect(DEFAULT_SALESFORCE_MAPPING.dealRegistrations.recordTypes).toEqual(['Deal Registration']);
  });

  it('refuses what is not a SOQL name or a plain value, with a sentence naming the key', () => {
    const bad = (m: unknown) => {
      const r = parseSalesforceMapping(m);
      return r.ok ? null : r.error;
    };
    expect(bad({ partnerFilter: { field: 'Type = 1 OR Name', equals: 'Partner' } })).toBe(
      "The Salesforce mapping's 'partnerFilter.field' must be a Salesforce API name (letters, digits and underscores, starting with a letter).",
    );
    expect(bad({ dealRegistrations: { recordTypes: ["Deal' OR Name != '"] } })).toBe(
      "The Salesforce mapping's 'dealRegistrations.recordTypes.0' must not contain quotes, backslashes or line breaks.",
    );
    expect(bad({ stages: { Discovery: 'won' } })).toMatch(/^The Salesforce mapping's 'stages.Discovery' /);
    expect(bad({ partner: {} })).toBe("The Salesforce mapping has an unknown key: 'partner'.");
    expect(bad({ psat: { object: 'Survey__c', partnerField: 'Account__c', scoreField: 'Score__c' } })).toMatch(/^The Salesforce mapping's 'psat.dateField' /);
  });

  it('partnerbook sync --mapping refuses a bad file in one sentence, before connecting', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ partnerFilter: { field: 'Type;', equals: 'Partner' } }));
    const r = await sync(['--db', join(dir, 'x.sqlite'), '--instance-url', 'http://127.0.0.1:9', '--access-token', 't', '--mapping', file]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr.trim()).toBe(
      `partnerbook sync: The Salesforce mapping's 'partnerFilter.field' must be a Salesforce API name (letters, digits and underscores, starting with a letter) (in ${file}).`,
    );
    const missing = await sync(['--db', join(dir, 'x.sqlite'), '--instance-url', 'http://127.0.0.1:9', '--access-token', 't', '--mapping', join(dir, 'none.json')]);
    expect(missing.stderr.trim()).toBe(`partnerbook sync: The Salesforce mapping file ${join(dir, 'none.json')} does not exist.`);
  });
});

describe('Salesforce pull mapping: what it changes against the fake org', () => {
  let sf: FakeSalesforce;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: '2026-11-20T10:00:00Z', extraObjects: ['Partner_Certification__c', 'Partner_Survey__c'] });
    const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
    const user = String([...sf.org.rows(o('User'))][0]!.Id);
    const ins = (object: string, values: Record<string, string | number | boolean | null>) => String(sf.org.insert(o(object), values, user).Id);
    // No partner licences: partners are Accounts of Type 'Partner'.
    ids.typed = ins('Account', { Name: 'Northwind (Type Partner)', IsPartner: false, Type: 'Partner', BillingCountry: 'Canada' });
    ids.licensed = ins('Account', { Name: 'Contoso (IsPartner)', IsPartner: true, Type: 'Reseller', BillingCountry: 'France' });
    ids.opp = ins('Opportunity', { Name: 'Northwind deal', StageName: 'Discovery', Amount: 1200, CloseDate: '2026-12-31', AccountId: ids.typed, PartnerAccountId: ids.typed });
    ins('Opportunity', { Name: 'Contoso deal', StageName: 'Closed Won', Amount: 900, CloseDate: '2026-10-01', AccountId: ids.licensed, PartnerAccountId: ids.licensed });
    ids.contact = ins('Contact', { AccountId: ids.typed, FirstName: 'Mia', LastName: 'Chen', Name: 'Mia Chen', Email: 'mia@northwind.example', Title: 'Sales engineer' });
    const partnerDeal = ins('RecordType', { Name: 'Partner Deal', DeveloperName: 'Partner_Deal', SobjectType: 'Lead', IsActive: true });
    ids.lead = ins('Lead', { LastName: 'Chen', Company: 'Tailspin Toys', Status: 'Open - Not Contacted', RecordTypeId: partnerDeal, PartnerAccountId: ids.typed, IsConverted: false, Deal_Amount__c: 4500 });
    ins('Partner_Certification__c', { Account__c: ids.typed, Contact__c: ids.contact, Certification_Name__c: 'Solutions Architect', Earned_On__c: '2026-03-01', Expires_On__c: '2028-03-01' });
    ins('Partner_Survey__c', { Account__c: ids.typed, Contact__c: ids.contact, Score__c: 9, Comment__c: 'Great support', Answered_On__c: '2026-09-15' });
    token = (await session(sf)).access_token;
  });
  afterAll(() => sf?.close());

  it("the example mapping pulls the Type = 'Partner' accounts, its stages, record types and custom objects", async () => {
    const db = join(dir, 'example.sqlite');
    const r = await sync(['--db', db, '--instance-url', sf.url, '--access-token', token, '--mapping', EXAMPLE, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const q = (sql: string) => {
      const d = new Database(db, { readonly: true });
      try {
        return d.prepare(sql).all();
      } finally {
        d.close();
      }
    };
    expect(q('SELECT id, name FROM partner')).toEqual([{ id: ids.typed, name: 'Northwind (Type Partner)' }]);
    expect(q('SELECT id, stage, amount FROM opportunity')).toEqual([{ id: ids.opp, stage: 'qualification', amount: 120000 }]);
    expect(q('SELECT id, customer, amount, status FROM deal_registration')).toEqual([{ id: ids.lead, customer: 'Tailspin Toys', amount: 450000, status: 'submitted' }]);
    expect(q('SELECT contact_id, name, earned_at, expires_at FROM certification')).toEqual([
      { contact_id: ids.contact, name: 'Solutions Architect', earned_at: '2026-03-01', expires_at: '2028-03-01' },
    ]);
    expect(q('SELECT partner_id, score, comment, responded_at FROM psat_response')).toEqual([{ partner_id: ids.typed, score: 9, comment: 'Great support', responded_at: '2026-09-15' }]);
  });

  it('without a mapping, the IsPartner accounts are the book and no custom object is read', async () => {
    const db = join(dir, 'default.sqlite');
    const r = await sync(['--db', db, '--instance-url', sf.url, '--access-token', token, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const d = new Database(db, { readonly: true });
    try {
      expect(d.prepare('SELECT name FROM partner').pluck().all()).toEqual(['Contoso (IsPartner)']);
      expect(d.prepare('SELECT count(*) FROM certification').pluck().get()).toBe(0);
      expect(d.prepare('SELECT count(*) FROM deal_registration').pluck().get()).toBe(0);
    } finally {
      d.close();
    }
  });
});
