import { z } from 'zod';
import type { ActionSettings } from './actions';
import { method } from './define';
import { bookScopeSchema } from './identity';
import type {
  Certification,
  Contact,
  DealRegistration,
  EngagementEvent,
  Opportunity,
  Partner,
  Tier,
  User,
} from '../domain/entities';

/** One portfolio row: the partner plus the denormalised fields the grid shows. */
export interface PartnerRow {
  id: string;
  name: string;
  type: Partner['type'];
  tier_id: string;
  tier_name: string;
  tier_rank: number;
  region: Partner['region'];
  owner_id: string;
  owner_name: string;
  status: Partner['status'];
  /** Won sourced + influenced ARR closed in the trailing 4 quarters, minor units. */
  revenue_t4q: number;
  currency: string;
}

/**
 * Facts the partner page shows that a book's source may not hold (a partner list alone has none of
 * them; an import of order files has closed deals only; without agreement dates each partner is
 * dated from its first order).
 */
export const PARTNER_PAGE_FACTS = ['opportunity', 'open_pipeline', 'contact', 'certification', 'deal_registration', 'engagement_event', 'agreement_date'] as const;
export type PartnerPageFact = (typeof PARTNER_PAGE_FACTS)[number];

export interface PartnerDetail {
  partner: Partner;
  /** Of those facts, the ones this book's source does not hold: shown as "no data", never as 0. Empty for a PRM's book. */
  notInBook: PartnerPageFact[];
  tier: Tier;
  owner: User | null;
  revenue_t4q: number;
  contacts: Contact[];
  opportunities: Opportunity[];
  deal_registrations: DealRegistration[];
  certifications: Certification[];
  /** Most recent engagement events, newest first. */
  recent_activity: (EngagementEvent & { contact_name: string | null })[];
  /** Contacts with activity in the last 30 days, counted as the health score's engagement measure counts them. */
  active_contacts: number;
  /** The Settings › Actions thresholds the page marks stalled and expiring by, so it agrees with the Actions list. */
  thresholds: Pick<ActionSettings, 'stalledDays' | 'regExpiringDays' | 'certExpiringDays'>;
  /** Events per month, the last 12 months and the current one, oldest first, months without activity as 0; `partial`: the current month, still under way. */
  activity_by_month: { month: string; count: number; partial: boolean }[];
}

const partnerId = z.string().min(1, 'partner id is required').max(64);

export const partnerMethods = {
  /** `scope`: my book or everyone; default the remembered choice (methods/identity.ts). */
  'partners.list': method<PartnerRow[]>()(z.object({ scope: bookScopeSchema.optional() }).strict()),
  'partners.get': method<PartnerDetail>()(z.object({ id: partnerId }).strict()),
  'users.list': method<User[]>()(z.object({}).strict()),
  'tiers.list': method<Tier[]>()(z.object({}).strict()),
};
