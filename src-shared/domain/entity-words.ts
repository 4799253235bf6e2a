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

/** One of each entity, as a CAM names it ("1 deal registration"). */
export const ENTITY_WORD_ONE: Record<EntityName, string> = {
  user: 'user',
  tier: 'channel program level (tier)',
  partner: 'partner',
  contact: 'contact',
  opportunity: 'opportunity',
  deal_registration: 'deal registration',
  engagement_event: 'portal login',
  certification: 'certification',
  mdf_allocation: 'MDF allocation',
  mdf_request: 'MDF request',
  psat_response: 'PSAT answer',
  jbp: 'plan',
  jbp_objective: 'plan objective',
  jbp_initiative: 'plan initiative',
  qbr_note: 'QBR note',
  action_state: 'action state',
  note: 'note',
};

/** The words for `count` records of an entity: singular for exactly one ("1 plan", "2 plans"). */
export function entityWordsFor(count: number, entity: string): string {
  if (count === 1) return (ENTITY_WORD_ONE as Record<string, string>)[entity] ?? entity.replace(/_/g, ' ');
  return entityWords(entity);
}
