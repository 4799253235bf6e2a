/**
 * Salesforce rows as the protocol's records (the default mapping of issue "Salesforce PRM
 * connector"): User → user, Account (IsPartner) → partner, Opportunity with a
 * PartnerAccountId → a sourced opportunity. A record's version is its SystemModstamp in
 * milliseconds, which only grows. Tiers: an org without channel program levels gets one
 * "No tier in Salesforce" level (`UNTIERED`), its target the book's median won revenue.
 */
import type { Change } from '../../../src-shared/domain/protocol';
import { regionOf } from '../../../src-shared/domain/regions';

export type SfRow = Record<string, unknown> & { Id: string };

export const UNTIERED = 'untiered';

export interface SfObjectSpec {
  object: 'User' | 'Account' | 'Opportunity';
  entity: 'user' | 'partner' | 'opportunity';
  fields: string[];
  /** SOQL condition for the rows that belong to the book. */
  where: string | null;
}

/** Parents before children: users own partners, partners have opportunities. */
export const OBJECTS: readonly SfObjectSpec[] = [
  // Internal users only: partner users (PowerPartner) are people of a partner, read with its contacts.
  { object: 'User', entity: 'user', fields: ['Id', 'Name', 'Email', 'ManagerId', 'SystemModstamp'], where: "UserType = 'Standard'" },
  { object: 'Account', entity: 'partner', fields: ['Id', 'Name', 'Type', 'BillingCountry', 'OwnerId', 'CreatedDate', 'SystemModstamp'], where: 'IsPartner = true' },
  {
    object: 'Opportunity',
    entity: 'opportunity',
    fields: ['Id', 'Name', 'Amount', 'StageName', 'IsClosed', 'IsWon', 'CloseDate', 'PartnerAccountId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
    where: 'PartnerAccountId != null',
  },
];


const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null);
export const versionOf = (row: SfRow): number => {
  const t = Date.parse(String(row.SystemModstamp ?? ''));
  return Number.isFinite(t) ? t : 1;
};

const TYPES: Record<string, string> = {
  'value added reseller': 'var',
  var: 'var',
  reseller: 'reseller',
  distributor: 'reseller',
  'managed service provider': 'msp',
  msp: 'msp',
  'systems integrator': 'si',
  'system integrator': 'si',
  'global systems integrator': 'gsi',
  isv: 'isv',
  referral: 'referral',
  influencer: 'influencer',
  marketplace: 'marketplace',
};

const STAGES: Record<string, string> = {
  prospecting: 'prospecting',
  qualification: 'qualification',
  'needs analysis': 'qualification',
  'value proposition': 'proposal',
  'id. decision makers': 'proposal',
  'perception analysis': 'proposal',
  'proposal/price quote': 'proposal',
  'negotiation/review': 'negotiation',
};

/** `managers`: ids of users someone reports to (they see their team's book). */
export function userChange(row: SfRow, managers: ReadonlySet<string>): Change {
  return {
    entity: 'user',
    id: row.Id,
    version: versionOf(row),
    op: 'upsert',
    data: {
      id: row.Id,
      name: str(row.Name) ?? row.Id,
      email: str(row.Email) ?? 'none',
      role: managers.has(row.Id) ? 'manager' : 'cam',
      manager_id: str(row.ManagerId),
    },
  };
}

/** `tier`: its channel program level (ChannelProgramMember.LevelId) and that row's version, when it has one. */
export function partnerChange(row: SfRow, currency: string, tier?: { id: string; version: number }): Change {
  const country = str(row.BillingCountry) ?? 'Unknown';
  return {
    entity: 'partner',
    id: row.Id,
    version: Math.max(versionOf(row), tier?.version ?? 0),
    op: 'upsert',
    data: {
      id: row.Id,
      name: str(row.Name) ?? row.Id,
      type: TYPES[(str(row.Type) ?? '').toLowerCase()] ?? 'reseller',
      tier_id: tier?.id ?? UNTIERED,
      region: regionOf(country),
      country: country.length >= 2 ? country : 'Unknown',
      owner_id: str(row.OwnerId),
      status: 'active',
      agreement_signed_at: day(row.CreatedDate) ?? '2000-01-01',
      churned_at: null,
      website: null,
      currency,
    },
  };
}

/** `stages`: the mapping's StageName → stage (before the default names). */
export function opportunityChange(row: SfRow, currency: string, stages: Readonly<Record<string, string>> = {}): Change {
  const close = day(row.CloseDate) ?? day(row.LastModifiedDate) ?? '2000-01-01';
  const created = day(row.CreatedDate) ?? close;
  const name = str(row.StageName) ?? '';
  const mapped = Object.entries(stages).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const stage = row.IsWon === true ? 'closed_won' : row.IsClosed === true ? 'closed_lost' : (mapped ?? STAGES[name.toLowerCase()] ?? 'qualification');
  const amount = typeof row.Amount === 'number' ? Math.round(row.Amount * 100) : 0;
  return {
    entity: 'opportunity',
    id: row.Id,
    version: versionOf(row),
    op: 'upsert',
    data: {
      id: row.Id,
      partner_id: str(row.PartnerAccountId),
      customer: str(row.Name) ?? row.Id,
      amount,
      currency,
      stage,
      partner_role: 'sourced',
      created_at: created <= close ? created : close,
      close_date: close,
      last_activity_at: day(row.LastModifiedDate) ?? close,
    },
  };
}

/** The level of partners without a channel program level (the only one of an org without them); `revenueTarget` in minor units. */
export function untieredChange(revenueTarget: number, currency: string, version: number): Change {
  const target = Math.max(100, Math.round(revenueTarget));
  return {
    entity: 'tier',
    id: UNTIERED,
    version,
    op: 'upsert',
    data: {
      id: UNTIERED,
      name: 'No tier in Salesforce',
      rank: 1,
      min_sourced_arr: 0,
      min_certified: 0,
      revenue_target: target,
      pipeline_target: Math.max(100, Math.round(target / 4)),
      currency,
      benefits: ['Partners without a channel program level in Salesforce; the target is the median partner’s won revenue over the last 12 months.'],
    },
  };
}
