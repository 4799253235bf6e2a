/**
 * The value lists of the book's entities that the UI offers (filters, pickers), without the
 * schemas: entities.ts validates with them and re-exports them. Kept free of zod so the
 * renderer's start-up bundle does not carry the schema library (issue 17).
 */
export const PARTNER_TYPES = [
  'reseller',
  'var',
  'msp',
  'si',
  'gsi',
  'isv',
  'referral',
  'influencer',
  'marketplace',
] as const;
export const PARTNER_STATUSES = ['onboarding', 'active', 'at_risk', 'churned'] as const;
export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const;
export const OPPORTUNITY_STAGES = [
  'prospecting',
  'qualification',
  'proposal',
  'negotiation',
  'closed_won',
  'closed_lost',
] as const;
