/**
 * Pull steps for deal registrations (Leads of the mapping's record types), MDF
 * (PartnerFundAllocation with its PartnerMarketingBudget; PartnerFundRequest with its
 * PartnerFundClaims) and the mapped custom objects (certifications, PSAT answers).
 */
import { isMissingObject } from './pull-custom';
import type { Change } from '../../../src-shared/domain/protocol';
import { LEFT_OUT, once, select, soqlIds, type Step, type StepContext } from './pull-context';
import type { SfRow } from './records';
import { allocationChange, certificationChange, dealRegistrationChange, psatChange, requestChange } from './records-prm';

export function fundSteps(ctx: StepContext) {
  const { d, m, optional, byIds, partners, today } = ctx;
  const LEAD = ['Id', 'Name', 'Company', 'Status', 'PartnerAccountId', 'IsConverted', 'ConvertedDate', 'ConvertedOpportunityId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];
  const recordTypes = once(async () =>
    (await d.query(select(['Id'], 'RecordType', "SobjectType = 'Lead'", `Name IN (${m.dealRegistrations.recordTypes.map((n) => `'${n}'`).join(', ')})`))).map((r) => r.Id),
  );
  let leadTypes: string[] = [];
  const dealRegistration: Step = {
    object: 'Lead',
    entity: 'deal_registration',
    replicated: true,
    // Without a record type of that name (prepare says so) the step is skipped; `Id = null` matches nothing.
    soql: (w) => select([...LEAD, ...(m.dealRegistrations.amountField ? [m.dealRegistrations.amountField] : [])], 'Lead', 'PartnerAccountId != null', leadTypes.length ? `RecordTypeId IN (${soqlIds(leadTypes)})` : 'Id = null', w),
    convert: async (rows) => {
      const ps = await partners();
      const keep = rows.filter((r) => ps.has(String(r.PartnerAccountId)));
      const converted = keep.map((r) => r.ConvertedOpportunityId).filter((x): x is string => typeof x === 'string');
      const inBook = new Set(
        (await byIds(['Id', 'PartnerAccountId'], 'Opportunity', 'Id', converted, 'PartnerAccountId != null')).filter((o) => ps.has(String(o.PartnerAccountId))).map((o) => o.Id),
      );
      return keep.map((r) => dealRegistrationChange({ ...r, ConvertedOpportunityId: inBook.has(String(r.ConvertedOpportunityId)) ? r.ConvertedOpportunityId : null }, m, d.currency, today()));
    },
  };

  const ALLOCATION = ['Id', 'Title', 'BudgetId', 'ChannelPartnerId', 'Amount', 'CreatedDate', 'SystemModstamp'];
  const budgets = once(async () => new Map(((await optional(select(['Id', 'StartDate', 'EndDate', 'SystemModstamp'], 'PartnerMarketingBudget'))) ?? []).map((b) => [b.Id, b])));
  const allocation: Step = {
    object: 'PartnerFundAllocation',
    entity: 'mdf_allocation',
    replicated: true,
    soql: (w) => select(ALLOCATION, 'PartnerFundAllocation', 'ChannelPartnerId != null', w),
    convert: async (rows) => {
      const ps = await partners();
      const bs = await budgets();
      return rows.filter((r) => ps.has(String(r.ChannelPartnerId))).map((r) => allocationChange(r, bs.get(String(r.BudgetId)), d.currency));
    },
  };

  const REQUEST = ['Id', 'Title', 'Activity', 'AllocationId', 'ChannelPartnerId', 'RequestedAmount', 'Amount', 'Status', 'CreatedDate', 'SystemModstamp'];
  const CLAIM = ['Id', 'RequestId', 'Amount', 'Status', 'SystemModstamp'];
  const requestsOf = async (rows: SfRow[]) => {
    const ps = await partners();
    const mine = rows.filter((r) => ps.has(String(r.ChannelPartnerId)) && r.AllocationId);
    // An allocation of another partner, or one this user cannot read, is not in the book.
    const allocations = await ctx.allocationsInBook(mine.map((r) => String(r.AllocationId)));
    const keep = mine.filter((r) => allocations.has(String(r.AllocationId)));
    ctx.leave('mdf_request', mine.length - keep.length, LEFT_OUT.requestAllocation);
    let claims: SfRow[] = [];
    try {
      claims = await byIds(CLAIM, 'PartnerFundClaim', 'RequestId', keep.map((r) => r.Id));
    } catch (err) {
      if (!isMissingObject(err)) throw err;
    }
    return keep.map((r) => requestChange(r, claims.filter((c) => c.RequestId === r.Id), d.currency));
  };
  const request: Step = {
    object: 'PartnerFundRequest',
    entity: 'mdf_request',
    replicated: true,
    soql: (w) => select(REQUEST, 'PartnerFundRequest', 'ChannelPartnerId != null', w),
    convert: requestsOf,
    // A claim made or approved changes the request's claimed amount.
    follow: async (start, until) => {
      const ids = await ctx.updatedIds('PartnerFundClaim', start, until);
      const claims = await byIds(CLAIM, 'PartnerFundClaim', 'Id', ids);
      return requestsOf(await byIds(REQUEST, 'PartnerFundRequest', 'Id', claims.map((c) => String(c.RequestId))));
    },
  };

  return {
    steps: [dealRegistration, allocation, request],
    /** The ids of the deal-registration record types (none: the org has none of those names). */
    leadTypes: recordTypes,
    /** Before a Lead query: the deal-registration record types' ids; none is a sentence for the notes. */
    async prepare(step: Step): Promise<string | null> {
      if (step !== dealRegistration) return null;
      leadTypes = await recordTypes();
      if (leadTypes.length) return null;
      const names = m.dealRegistrations.recordTypes.map((n) => `'${n}'`).join(' or ');
      return `Your Salesforce org has no Lead record type named ${names}, so deal registrations are not available in your org; name yours in the Salesforce mapping.`;
    },
  };
}

/** A link of a record (its id, or '' when none). */
const linkOf = (field: string) => (c: Change): string => (c.op === 'upsert' && typeof c.data[field] === 'string' ? c.data[field] : '');

/** Certifications and PSAT answers from the custom objects the mapping names (none: no step, "no data"). */
export function customSteps(ctx: StepContext): Step[] {
  const { m, partners } = ctx;
  const steps: Step[] = [];
  const cert = m.certification;
  if (cert) {
    steps.push({
      object: cert.object,
      entity: 'certification',
      replicated: true,
      soql: (w) => select(['Id', 'SystemModstamp', ...new Set([cert.partnerField, cert.contactField, cert.nameField, cert.earnedField, cert.expiresField])], cert.object, w),
      convert: async (rows) => {
        const ps = await partners();
        const mine = rows.filter((r) => ps.has(String(r[cert.partnerField]))).flatMap((r) => certificationChange(r, cert) ?? []);
        // Its contact is required: one of another account (or hidden) is not in the book.
        const contacts = await ctx.contactsInBook(mine.map(linkOf('contact_id')));
        const keep = mine.filter((c) => contacts.has(linkOf('contact_id')(c)));
        ctx.leave('certification', mine.length - keep.length, LEFT_OUT.certificationContact);
        return keep;
      },
    });
  }
  const psat = m.psat;
  if (psat) {
    const fields = [psat.partnerField, psat.scoreField, psat.dateField, psat.contactField, psat.commentField].filter((x): x is string => x !== null);
    steps.push({
      object: psat.object,
      entity: 'psat_response',
      replicated: true,
      soql: (w) => select(['Id', 'SystemModstamp', ...new Set(fields)], psat.object, w),
      convert: async (rows) => {
        const ps = await partners();
        const mine = rows.filter((r) => ps.has(String(r[psat.partnerField]))).flatMap((r) => psatChange(r, psat) ?? []);
        // Its contact is optional: one not in the book is left unnamed.
        const contacts = await ctx.contactsInBook(mine.map(linkOf('contact_id')));
        return mine.map((c) => {
          const id = linkOf('contact_id')(c);
          if (c.op !== 'upsert' || id === '' || contacts.has(id)) return c;
          ctx.leave('psat_response', 1, LEFT_OUT.psatContact);
          return { ...c, data: { ...c.data, contact_id: null } };
        });
      },
    });
  }
  return steps;
}

