/**
 * A record whose parent is not in the book never breaks a Salesforce sync: the replica
 * checks every link as a page is applied, so such a record would stop every sync at the
 * same page. The pull leaves it out (or sets an optional link to none) and says so in the
 * source's notes (SourceNotes.leftOut). Against the fake org, in-process: a certification
 * whose contact is of another account, a PSAT answer and a portal login naming such a
 * contact, an MDF request whose allocation is another account's, a partner owned by a
 * partner user (with its contact and opportunity), a user whose manager is a partner user,
 * and a report whose manager Salesforce lists after them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { LEFT_OUT } from '../../../src-main/sources/salesforce/pull-context';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { pull } from '../../../src-main/sync/pull';
import { DEFAULT_SALESFORCE_MAPPING, type SalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { session } from './support';

const T0 = '2026-11-20T10:00:00Z';
const MAPPING: SalesforceMapping = {
  ...DEFAULT_SALESFORCE_MAPPING,
  certification: { object: 'Partner_Certification__c', partnerField: 'Account__c', contactField: 'Contact__c', nameField: 'Certification_Name__c', earnedField: 'Earned_On__c', expiresField: 'Expires_On__c' },
  psat: { object: 'Partner_Survey__c', partnerField: 'Account__c', contactField: 'Contact__c', scoreField: 'Score__c', commentField: 'Comment__c', dateField: 'Answered_On__c' },
};

describe('Salesforce pull: a record whose parent is not in the book', () => {
  let sf: FakeSalesforce;
  let db: Db;
  let token: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    sf = await startFakeSalesforce({ dataDir: null, now: T0, extraObjects: ['Partner_Certification__c', 'Partner_Survey__c'] });
    const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
    const owner = String([...sf.org.rows(o('User'))][0]!.Id);
    const ins = (object: string, values: Record<string, string | number | boolean | null>) => String(sf.org.insert(o(object), values, owner).Id);
    ids.partner = ins('Account', { Name: 'Contoso Reseller', IsPartner: true, Type: 'Reseller', BillingCountry: 'France' });
    ids.other = ins('Account', { Name: 'Fabrikam (customer)', IsPartner: false, Type: 'Customer', BillingCountry: 'France' });
    ids.contact = ins('Contact', { AccountId: ids.partner, FirstName: 'Ana', LastName: 'Ruiz', Name: 'Ana Ruiz', Email: 'ana@contoso.example', Title: 'Alliances' });
    ids.otherContact = ins('Contact', { AccountId: ids.other, FirstName: 'Bo', LastName: 'Li', Name: 'Bo Li', Email: 'bo@fabrikam.example', Title: 'Buyer' });
    // A partner user of the partner whose contact is the customer's contact.
    ids.portalUser = ins('User', { Name: 'Bo Li (portal)', Email: 'bo@fabrikam.example', UserType: 'PowerPartner', ContactId: ids.otherContact, AccountId: ids.partner, LastLoginDate: '2026-11-19T09:00:00.000+0000' });
    ins('LoginHistory', { UserId: ids.portalUser, LoginTime: '2026-11-19T09:00:00.000+0000', LoginType: 'Partner Portal', Status: 'Success', Application: 'Browser' });
    // A partner account owned by that partner user, with its contact and a deal.
    ids.userOwned = ins('Account', { Name: 'Owned by a portal user', IsPartner: true, Type: 'Reseller', BillingCountry: 'Spain', OwnerId: ids.portalUser });
    ins('Contact', { AccountId: ids.userOwned, FirstName: 'Cy', LastName: 'Doe', Name: 'Cy Doe', Email: 'cy@owned.example', Title: 'Sales' });
    ins('Opportunity', { Name: 'Owned deal', StageName: 'Prospecting', Amount: 100, CloseDate: '2026-12-31', AccountId: ids.userOwned, PartnerAccountId: ids.userOwned });
    // Users: one whose manager is the partner user; one whose manager Salesforce lists after them.
    ids.managedByPortal = ins('User', { Name: 'Dee Ray', Email: 'dee@vendor.example', UserType: 'Standard', ManagerId: ids.portalUser });
    ids.report = ins('User', { Name: 'Eve Report', Email: 'eve@vendor.example', UserType: 'Standard' });
    ids.lateManager = ins('User', { Name: 'Finn Manager', Email: 'finn@vendor.example', UserType: 'Standard' });
    sf.org.update(o('User'), ids.report, { ManagerId: ids.lateManager }, owner);
    // Certifications: one of the partner's contact, one naming the customer's contact.
    ids.cert = ins('Partner_Certification__c', { Account__c: ids.partner, Contact__c: ids.contact, Certification_Name__c: 'Architect', Earned_On__c: '2026-03-01', Expires_On__c: '2028-03-01' });
    ins('Partner_Certification__c', { Account__c: ids.partner, Contact__c: ids.otherContact, Certification_Name__c: 'Sales', Earned_On__c: '2026-03-01', Expires_On__c: '2028-03-01' });
    ids.survey = ins('Partner_Survey__c', { Account__c: ids.partner, Contact__c: ids.otherContact, Score__c: 8, Comment__c: 'Fine', Answered_On__c: '2026-09-15' });
    // MDF: a request against the partner's allocation, one against the customer's.
    ids.allocation = ins('PartnerFundAllocation', { Title: 'FY27 H1', ChannelPartnerId: ids.partner, Amount: 5000 });
    const foreign = ins('PartnerFundAllocation', { Title: 'Not a partner', ChannelPartnerId: ids.other, Amount: 7000 });
    ids.request = ins('PartnerFundRequest', { Title: 'Webinar', AllocationId: ids.allocation, ChannelPartnerId: ids.partner, RequestedAmount: 1000, Amount: 1000, Status: 'Submitted' });
    ins('PartnerFundRequest', { Title: 'Trade show', AllocationId: foreign, ChannelPartnerId: ids.partner, RequestedAmount: 2000, Amount: 2000, Status: 'Submitted' });
    token = (await session(sf)).access_token;
    db = openDb(':memory:');
  });
  afterAll(async () => {
    db?.close();
    await sf?.close();
  });

  it('leaves such records out (or without the link), and the sync completes and says so', async () => {
    const source = salesforceConnector({ instanceUrl: sf.url, accessToken: token, mapping: MAPPING, now: () => sf.org.clock.now() }).open();
    await expect(pull(db.sqlite, source, { pageSize: 2000 })).resolves.toMatchObject({ kind: 'full' });
    const q = (sql: string, ...args: unknown[]) => db.sqlite.prepare(sql).all(...args);
    expect(q('SELECT id FROM partner')).toEqual([{ id: ids.partner }]);
    expect(q('SELECT id FROM contact')).toEqual([{ id: ids.contact }]);
    expect(q('SELECT count(*) AS n FROM opportunity')).toEqual([{ n: 0 }]);
    expect(q('SELECT id FROM certification')).toEqual([{ id: ids.cert }]);
    expect(q('SELECT id, contact_id FROM psat_response')).toEqual([{ id: ids.survey, contact_id: null }]);
    expect(q('SELECT id FROM mdf_request')).toEqual([{ id: ids.request }]);
    expect(q('SELECT partner_id, contact_id FROM engagement_event')).toEqual([{ partner_id: ids.partner, contact_id: null }]);
    expect(q('SELECT manager_id FROM user WHERE id = ?', ids.managedByPortal)).toEqual([{ manager_id: null }]);
    expect(q('SELECT manager_id FROM user WHERE id = ?', ids.report)).toEqual([{ manager_id: ids.lateManager }]);
    expect(q('PRAGMA foreign_key_check')).toEqual([]);
    expect(source.notes!().leftOut).toEqual([
      { entity: 'partner', count: 1, reason: LEFT_OUT.partnerOwner },
      { entity: 'mdf_request', count: 1, reason: LEFT_OUT.requestAllocation },
      { entity: 'engagement_event', count: 1, reason: LEFT_OUT.loginContact },
      { entity: 'certification', count: 1, reason: LEFT_OUT.certificationContact },
      { entity: 'psat_response', count: 1, reason: LEFT_OUT.psatContact },
    ]);
  });

  it('an incremental sync that re-reads them leaves them out too', async () => {
    const o = (n: string) => sf.org.schema.objects.find((d) => d.name === n)!;
    const owner = String([...sf.org.rows(o('User'))][0]!.Id);
    sf.org.clock.advance(120_000);
    for (const [object, id] of [['Account', ids.userOwned!], ['Partner_Survey__c', ids.survey!], ['User', ids.managedByPortal!]] as const) {
      sf.org.update(o(object), id, {}, owner);
    }
    sf.org.clock.advance(120_000);
    const source = salesforceConnector({ instanceUrl: sf.url, accessToken: token, mapping: MAPPING, now: () => sf.org.clock.now() }).open();
    await expect(pull(db.sqlite, source, { pageSize: 2000 })).resolves.toMatchObject({ kind: 'incremental' });
    expect(db.sqlite.prepare('SELECT count(*) FROM partner').pluck().get()).toBe(1);
    expect(db.sqlite.prepare('SELECT contact_id FROM psat_response').pluck().all()).toEqual([null]);
    expect(db.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});
