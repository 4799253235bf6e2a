/** Each entity as a CAM names it, in the plural ("deal registrations", "portal logins"): for sentences about the book. */
import type { EntityName } from './entities';

export const ENTITY_WORDS: Record<EntityName, string> = {
  user: 'users',
  tier: 'channel program levels (tiers)',
  partner: 'partners',
  contact: 'contacts',
  opportunity: 'opportunities',
  deal_registration: 'deal registrations',
  engagement_event: 'portal logins',
  certification: 'certifications',
  mdf_allocation: 'MDF allocations',
  mdf_request: 'MDF requests',
  psat_response: 'PSAT answers',
  jbp: 'plans',
  jbp_objective: 'plan objectives',
  jbp_initiative: 'plan initiatives',
  qbr_note: 'QBR notes',
  action_state: 'action states',
  note: 'notes',
};

/** The words for an entity name the caller got as a string (an unknown one reads with spaces). */
export function entityWords(entity: string): string {
  return (ENTITY_WORDS as Record<string, string>)[entity] ?? entity.replace(/_/g, ' ');
}
