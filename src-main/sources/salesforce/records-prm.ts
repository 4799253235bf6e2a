/**
 * Salesforce PRM rows as the protocol's records (the default mapping, changed by
 * the pull mapping src-shared/domain/salesforce-mapping.ts): ChannelProgramLevel → tier,
 * Contact (+ its partner User's LastLoginDate) → contact, OpportunityPartner → an
 * influenced / co-sell opportunity record of that partner, deal-registration Lead →
 * deal_registration, PartnerFundAllocation → mdf_allocation, PartnerFundRequest (+ its
 * PartnerFundClaims) → mdf_request, LoginHistory or User.LastLoginDate → portal_login
 * events, and the mapped custom objects → certification / psat_response.
 * A record's version is the newest SystemModstamp of the rows it is made of (in ms).
 */
import type { Change } from '../../../src-shared/domain/protocol';
import type { SalesforceMapping } from '../../../src-shared/domain/salesforce-mapping';
import { versionOf, opportunityChange, type SfRow } from './records';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
const ms = (v: unknown): number | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(t) ? t : null;
};
/** 2026-01-31T09:00:00.000+0000 → 2026-01-31T09:00:00Z */
const instant = (v: unknown): string | null => {
  const t = ms(v);
  return t === null ? null : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
};
const cents = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 100) : 0);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const upsert = (entity: Change['entity'], id: string, version: number, data: Record<string, unknown>): Change => ({ entity, id, version, op: 'upsert', data: { id, ...data } });

/** A channel program level; `revenueTarget` in minor units (the median won revenue of its partners). */
export function levelChange(row: SfRow, revenueTarget: number, currency: string): Change {
  const target = Math.max(100, Math.round(revenueTarget));
  const rank = typeof row.Rank === 'number' && Number.isInteger(row.Rank) && row.Rank >= 1 ? row.Rank : 1;
  return upsert('tier', row.Id, versionOf(row), {
    name: str(row.Name) ?? row.Id,
    rank,
    min_sourced_arr: 0,
    min_certified: 0,
    revenue_target: target,
    pipeline_target: Math.max(100, Math.round(target / 4)),
    currency,
    benefits: str(row.Description) ? [String(row.Description)] : [],
  });
}

/** A contact of a partner; `user`: its partner User (ContactId = this contact), when it has one. */
export function contactChange(row: SfRow, user: SfRow | undefined): Change {
  const login = user ? instant(user.LastLoginDate) : null;
  const version = Math.max(versionOf(row), user ? versionOf(user) : 0, login ? Date.parse(login) : 0);
  const name = str(row.Name) ?? ([str(row.FirstName), str(row.LastName)].filter(Boolean).join(' ') || row.Id);
  return upsert('contact', row.Id, version, {
    partner_id: String(row.AccountId),
    name,
    email: str(row.Email) ?? 'none',
    role: str(row.Title) ?? 'Contact',
    last_login_at: login,
  });
}

/** An OpportunityPartner row as the opportunity record of that partner (influenced / co-sell). */
export function influenceChange(op: SfRow, opp: SfRow, role: 'influenced' | 'co_sell' | 'marketplace', currency: string, stages: Record<string, string>): Change {
  const base = opportunityChange(opp, currency, stages);
  const data = { ...(base.op === 'upsert' ? base.data : {}), id: op.Id, partner_id: String(op.AccountToId), partner_role: role };
  return { entity: 'opportunity', id: op.Id, version: Math.max(versionOf(op), versionOf(opp)), op: 'upsert', data };
}

/** The book's role of an OpportunityPartner Role, or null when the mapping leaves it out. */
export function roleOf(m: SalesforceMapping, role: unknown): 'influenced' | 'co_sell' | 'marketplace' | null {
  const r = str(role);
  const hit = r === null ? undefined : Object.entries(m.partnerRoles).find(([k]) => k.toLowerCase() === r.toLowerCase());
  return hit ? hit[1] : m.otherRoles;
}

/** A deal-registration Lead. */
/** `today`: YYYY-MM-DD, for registrations past their expiry. */
export function dealRegistrationChange(row: SfRow, m: SalesforceMapping, currency: string, today: string): Change {
  const submitted = day(row.CreatedDate) ?? '2000-01-01';
  const status = String(row.Status ?? '').toLowerCase();
  const converted = row.IsConverted === true;
  const decision = converted ? 'converted' : /reject|not converted|disqualif|declin/.test(status) ? 'rejected' : /approv|accept/.test(status) ? 'approved' : null;
  const expires = addDays(submitted, m.dealRegistrations.expiresAfterDays);
  const decided = converted ? (day(row.ConvertedDate) ?? day(row.LastModifiedDate)) : decision ? day(row.LastModifiedDate) : null;
  return upsert('deal_registration', row.Id, versionOf(row), {
    partner_id: String(row.PartnerAccountId),
    customer: str(row.Company) ?? str(row.Name) ?? row.Id,
    amount: m.dealRegistrations.amountField ? cents(row[m.dealRegistrations.amountField]) : 0,
    currency,
    status: decision ?? (expires < today ? 'expired' : 'submitted'),
    submitted_at: submitted,
    decided_at: decided && decided >= submitted ? decided : decision ? submitted : null,
    expires_at: expires,
    matched_opportunity_id: null,
    opportunity_id: str(row.ConvertedOpportunityId),
  });
}

const halfOf = (d: string) => `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}`;
const halfRange = (half: string): [string, string] => {
  const y = half.slice(0, 4);
  return half.endsWith('H1') ? [`${y}-01-01`, `${y}-06-30`] : [`${y}-07-01`, `${y}-12-31`];
};

/** An allocation; its period is the half its budget starts in (or, without one, the half it was made in). */
export function allocationChange(row: SfRow, budget: SfRow | undefined, currency: string): Change {
  const start = day(budget?.StartDate) ?? day(row.CreatedDate) ?? '2000-01-01';
  const period = halfOf(start);
  const [from, to] = halfRange(period);
  const end = day(budget?.EndDate);
  return upsert('mdf_allocation', row.Id, Math.max(versionOf(row), budget ? versionOf(budget) : 0), {
    partner_id: String(row.ChannelPartnerId),
    period,
    period_start: day(budget?.StartDate) ?? from,
    period_end: end && end >= (day(budget?.StartDate) ?? from) ? end : to,
    amount: cents(row.Amount),
    currency,
  });
}

/**
 * A fund request with the claims made against it. Status: claimed once an approved or paid
 * claim exists; else the request's own (Draft / Submitted / In Review count as submitted).
 * attributed_pipeline is 0: Salesforce links a request to a Campaign, not to pipeline.
 */
export function requestChange(row: SfRow, claims: readonly SfRow[], currency: string): Change {
  const good = claims.filter((c) => /approv|paid|reimburs/i.test(String(c.Status ?? '')));
  const s = String(row.Status ?? '').toLowerCase();
  const status = good.length > 0 ? 'claimed' : /reject/.test(s) ? 'rejected' : /approv/.test(s) ? 'approved' : 'submitted';
  const requested = typeof row.RequestedAmount === 'number' ? row.RequestedAmount : row.Amount;
  return upsert('mdf_request', row.Id, Math.max(versionOf(row), ...claims.map(versionOf)), {
    partner_id: String(row.ChannelPartnerId),
    allocation_id: String(row.AllocationId),
    activity: str(row.Title) ?? str(row.Activity) ?? 'Fund request',
    amount: cents(requested),
    currency,
    status,
    submitted_at: day(row.CreatedDate) ?? '2000-01-01',
    claimed_amount: good.reduce((a, c) => a + cents(c.Amount), 0),
    attributed_pipeline: 0,
  });
}

/** A partner user's login (LoginHistory row) as a portal_login event. */
export function loginChange(row: SfRow, user: SfRow): Change | null {
  const at = instant(row.LoginTime);
  if (!at) return null;
  return upsert('engagement_event', row.Id, Date.parse(at), {
    partner_id: String(user.AccountId),
    contact_id: str(user.ContactId),
    kind: 'portal_login',
    occurred_at: at,
    detail: str(row.Application) ?? null,
  });
}

/** Without LoginHistory: one event per partner user and last login (User.LastLoginDate). */
export function lastLoginChange(user: SfRow): Change | null {
  const at = instant(user.LastLoginDate);
  if (!at) return null;
  const id = `${user.Id}-login-${Date.parse(at)}`;
  return upsert('engagement_event', id, Date.parse(at), {
    partner_id: String(user.AccountId),
    contact_id: str(user.ContactId),
    kind: 'portal_login',
    occurred_at: at,
    detail: 'last login (from the user record)',
  });
}

export function certificationChange(row: SfRow, c: NonNullable<SalesforceMapping['certification']>): Change | null {
  const earned = day(row[c.earnedField]);
  const contact = str(row[c.contactField]);
  if (!earned || !contact) return null;
  const expires = day(row[c.expiresField]) ?? addDays(earned, 730);
  return upsert('certification', row.Id, versionOf(row), {
    partner_id: String(row[c.partnerField]),
    contact_id: contact,
    name: str(row[c.nameField]) ?? 'Certification',
    earned_at: earned,
    expires_at: expires >= earned ? expires : earned,
  });
}

export function psatChange(row: SfRow, p: NonNullable<SalesforceMapping['psat']>): Change | null {
  const score = row[p.scoreField];
  const when = day(row[p.dateField]);
  if (typeof score !== 'number' || !Number.isFinite(score) || !when) return null;
  return upsert('psat_response', row.Id, versionOf(row), {
    partner_id: String(row[p.partnerField]),
    contact_id: p.contactField ? str(row[p.contactField]) : null,
    score: Math.max(0, Math.min(10, Math.round(score))),
    comment: p.commentField ? str(row[p.commentField]) : null,
    responded_at: when,
  });
}
