/**
 * The fields a spreadsheet column can fill, per entity: what kind of value each takes,
 * whether the import needs it, and the header names that usually hold it (for the
 * proposed mapping). Fields a file does not carry get the default described in `fallback`.
 */
import {
  DEAL_REG_STATUSES,
  ENGAGEMENT_KINDS,
  MDF_REQUEST_STATUSES,
  OPPORTUNITY_STAGES,
  PARTNER_ROLES,
  PARTNER_STATUSES,
  PARTNER_TYPES,
  REGIONS,
  USER_ROLES,
} from './entities';
import type { ImportEntity } from './import-mapping';

/** `currency`: the currency a row's amounts are in (an ISO code or a symbol); a row in another than the import's is refused. */
export type ImportFieldKind = 'id' | 'ref' | 'text' | 'enum' | 'date' | 'instant' | 'amount' | 'currency' | 'int';

export interface ImportField {
  key: string;
  label: string;
  kind: ImportFieldKind;
  required: boolean;
  /** For `ref`: the entity whose id it names. */
  ref?: ImportEntity;
  options?: readonly string[];
  /** Header names that usually hold it, lower-case, without spaces/underscores. */
  synonyms: readonly string[];
  /** What is used when no column holds it. */
  fallback?: string;
}

const f = (key: string, label: string, kind: ImportFieldKind, synonyms: string[], more: Partial<ImportField> = {}): ImportField => ({
  key,
  label,
  kind,
  required: false,
  synonyms,
  ...more,
});

export const IMPORT_FIELDS: Record<ImportEntity, readonly ImportField[]> = {
  user: [
    f('id', 'Key', 'id', ['employeekey', 'userid', 'employeeid', 'ownerid', 'id', 'repid', 'salesagent', 'srid'], { required: true }),
    f('name', 'Name', 'text', ['name', 'fullname', 'employeename', 'username', 'salesagent', 'owner'], { required: true }),
    f('email', 'Email', 'text', ['email', 'emailaddress', 'mail'], { fallback: 'none' }),
    f('role', 'Role', 'enum', ['role', 'title', 'jobtitle'], { options: USER_ROLES, fallback: 'cam' }),
    f('manager_id', 'Manager', 'ref', ['parentemployeekey', 'managerid', 'manager', 'reportsto'], { ref: 'user', fallback: 'none' }),
  ],
  partner: [
    f('id', 'Partner key', 'id', ['resellerkey', 'partnerid', 'partnerkey', 'accountid', 'sellerid', 'resellerid', 'id', 'account', 'accountname', 'partnername', 'resellername'], { required: true }),
    f('name', 'Name', 'text', ['resellername', 'partnername', 'accountname', 'name', 'company', 'companyname', 'account'], { required: true }),
    f('type', 'Partner type', 'enum', ['businesstype', 'partnertype', 'type', 'resellertype'], { options: PARTNER_TYPES, fallback: 'reseller' }),
    f('country', 'Country', 'text', ['country', 'countryregion', 'countryname', 'officelocation', 'englishcountryregionname'], { fallback: 'Unknown' }),
    f('region', 'Region', 'enum', ['region', 'salesregion', 'geo', 'theater', 'group'], { options: REGIONS, fallback: 'from the country' }),
    f('owner_id', 'Owner (CAM)', 'ref', ['ownerid', 'owner', 'accountmanager', 'cam', 'employeekey', 'srid', 'salesrep'], { ref: 'user', fallback: 'the rep with most of its won amount' }),
    f('status', 'PRM status', 'enum', ['status', 'partnerstatus', 'accountstatus'], { options: PARTNER_STATUSES, fallback: 'active' }),
    f('agreement_signed_at', 'Agreement signed', 'date', ['agreementdate', 'signedat', 'signeddate', 'partnersince', 'wondate', 'startdate', 'joined'], { fallback: 'its first order' }),
    f('website', 'Website', 'text', ['website', 'url', 'web'], { fallback: 'none' }),
  ],
  contact: [
    f('id', 'Contact key', 'id', ['contactid', 'contactkey', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'accountid', 'account', 'partner'], { ref: 'partner', required: true }),
    f('name', 'Name', 'text', ['name', 'fullname', 'contactname'], { required: true }),
    f('email', 'Email', 'text', ['email', 'emailaddress'], { fallback: 'none' }),
    f('role', 'Role', 'text', ['role', 'title', 'jobtitle'], { fallback: 'Contact' }),
    f('last_login_at', 'Last portal login', 'instant', ['lastlogin', 'lastloginat', 'lastlogindate'], { fallback: 'none' }),
  ],
  opportunity: [
    f('id', 'Opportunity / order key', 'id', ['opportunityid', 'salesordernumber', 'ordernumber', 'orderid', 'dealid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['resellerkey', 'partnerid', 'partner', 'accountid', 'account', 'reseller'], { ref: 'partner', required: true }),
    f('amount', 'Amount', 'amount', ['salesamount', 'amount', 'closevalue', 'value', 'revenue', 'total', 'dealvalue'], { required: true }),
    f('currency', 'Currency', 'currency', ['currency', 'currencyisocode', 'currencycode', 'amountcurrency', 'dealcurrency', 'opportunitycurrency'], { fallback: 'the import’s currency' }),
    f('close_date', 'Close / order date', 'date', ['closedate', 'orderdate', 'date', 'closed', 'wondate'], { required: true }),
    f('stage', 'Stage', 'enum', ['stage', 'dealstage', 'status', 'opportunitystage'], { options: OPPORTUNITY_STAGES, fallback: 'closed_won' }),
    f('partner_role', 'Partner role', 'enum', ['partnerrole', 'role', 'channel'], { options: PARTNER_ROLES, fallback: 'sourced' }),
    f('created_at', 'Created', 'date', ['createddate', 'createdat', 'engagedate', 'created', 'opendate'], { fallback: 'the close date' }),
    f('customer', 'Customer', 'text', ['customer', 'customername', 'enduser', 'endcustomer'], { fallback: '“Order <key>”' }),
    f('seller', 'Sales rep (for the partner owner)', 'ref', ['employeekey', 'salesagent', 'salesrep', 'rep', 'ownerid', 'owner'], { ref: 'user', fallback: 'none' }),
  ],
  deal_registration: [
    f('id', 'Registration key', 'id', ['registrationid', 'dealregid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'account', 'partner'], { ref: 'partner', required: true }),
    f('customer', 'Customer', 'text', ['customer', 'customername', 'enduser'], { required: true }),
    f('amount', 'Amount', 'amount', ['amount', 'value', 'dealvalue'], { required: true }),
    f('currency', 'Currency', 'currency', ['currency', 'currencyisocode', 'currencycode', 'amountcurrency', 'dealcurrency', 'opportunitycurrency'], { fallback: 'the import’s currency' }),
    f('status', 'Status', 'enum', ['status', 'registrationstatus'], { options: DEAL_REG_STATUSES, fallback: 'submitted' }),
    f('submitted_at', 'Submitted', 'date', ['submitted', 'submittedat', 'submitteddate', 'created'], { required: true }),
    f('decided_at', 'Decided', 'date', ['decided', 'decidedat', 'approved', 'approvedat'], { fallback: 'none' }),
    f('expires_at', 'Expires', 'date', ['expires', 'expiresat', 'expiry', 'expirydate'], { fallback: '90 days after submission' }),
  ],
  certification: [
    f('id', 'Certification key', 'id', ['certificationid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'account', 'partner'], { ref: 'partner', required: true }),
    f('contact_id', 'Contact', 'ref', ['contactid', 'contact', 'person'], { ref: 'contact', required: true }),
    f('name', 'Certification', 'text', ['certification', 'name', 'course', 'exam'], { required: true }),
    f('earned_at', 'Earned', 'date', ['earned', 'earnedat', 'passed', 'completed', 'date'], { required: true }),
    f('expires_at', 'Expires', 'date', ['expires', 'expiresat', 'expiry', 'validuntil'], { fallback: '2 years after earned' }),
  ],
  mdf_allocation: [
    f('id', 'Allocation key', 'id', ['allocationid', 'fundid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'account', 'partner'], { ref: 'partner', required: true }),
    f('period_start', 'Period start', 'date', ['periodstart', 'start', 'startdate'], { required: true }),
    f('period_end', 'Period end', 'date', ['periodend', 'end', 'enddate'], { fallback: '6 months after the start' }),
    f('amount', 'Amount', 'amount', ['amount', 'allocation', 'budget'], { required: true }),
    f('currency', 'Currency', 'currency', ['currency', 'currencyisocode', 'currencycode', 'amountcurrency', 'dealcurrency', 'opportunitycurrency'], { fallback: 'the import’s currency' }),
  ],
  mdf_request: [
    f('id', 'Request key', 'id', ['requestid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'account', 'partner'], { ref: 'partner', required: true }),
    f('allocation_id', 'Allocation', 'ref', ['allocationid', 'fundid', 'allocation'], { ref: 'mdf_allocation', required: true }),
    f('activity', 'Activity', 'text', ['activity', 'description', 'campaign'], { required: true }),
    f('amount', 'Amount requested', 'amount', ['amount', 'requested', 'requestedamount'], { required: true }),
    f('currency', 'Currency', 'currency', ['currency', 'currencyisocode', 'currencycode', 'amountcurrency', 'dealcurrency', 'opportunitycurrency'], { fallback: 'the import’s currency' }),
    f('status', 'Status', 'enum', ['status'], { options: MDF_REQUEST_STATUSES, fallback: 'submitted' }),
    f('submitted_at', 'Submitted', 'date', ['submitted', 'submittedat', 'date'], { required: true }),
    f('claimed_amount', 'Amount claimed', 'amount', ['claimed', 'claimedamount'], { fallback: '0' }),
    f('attributed_pipeline', 'Attributed pipeline', 'amount', ['pipeline', 'attributedpipeline'], { fallback: '0' }),
  ],
  psat_response: [
    f('id', 'Response key', 'id', ['responseid', 'surveyid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'account', 'partner'], { ref: 'partner', required: true }),
    f('score', 'Score (0–10)', 'int', ['score', 'psat', 'nps', 'rating'], { required: true }),
    f('comment', 'Comment', 'text', ['comment', 'comments', 'feedback', 'verbatim'], { fallback: 'none' }),
    f('responded_at', 'Responded', 'date', ['responded', 'respondedat', 'date', 'surveydate'], { required: true }),
  ],
  engagement_event: [
    f('id', 'Event key', 'id', ['eventid', 'id'], { required: true }),
    f('partner_id', 'Partner', 'ref', ['partnerid', 'resellerkey', 'account', 'partner'], { ref: 'partner', required: true }),
    f('kind', 'Kind', 'enum', ['kind', 'type', 'eventtype', 'activity'], { options: ENGAGEMENT_KINDS, fallback: 'portal_login' }),
    f('occurred_at', 'When', 'instant', ['occurredat', 'date', 'timestamp', 'when'], { required: true }),
    f('detail', 'Detail', 'text', ['detail', 'description', 'title'], { fallback: 'none' }),
  ],
};

/** "Order Date", "order_date", "OrderDate" → "orderdate": how headers are compared with synonyms. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}
