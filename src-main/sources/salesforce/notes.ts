/**
 * The sentence for an entity the org does not let this user read (SourceNotes.unavailable):
 * the object is not licensed or not shared (INVALID_TYPE, insufficient access), or a field
 * the connector reads is hidden by field-level security (INVALID_FIELD).
 */
import type { EntityName } from '../../../src-shared/domain/entities';
import { SourceError } from '../contract';

const WORDS: Record<EntityName, string> = {
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

export function unavailableReason(object: string, entity: EntityName, err: unknown): string {
  const code = err instanceof SourceError ? err.code : undefined;
  const what = WORDS[entity];
  if (code === 'INVALID_FIELD') {
    const field = /No such column '([^']+)'/.exec(err instanceof Error ? err.message : '')?.[1];
    return `Salesforce hides ${field ? `the field ${object}.${field}` : `a field of ${object}`} from you (field-level security), so ${what} are not available in your org.`;
  }
  if (code === 'INVALID_TYPE') return `Your Salesforce org has no ${object} object you can read (not licensed or not enabled), so ${what} are not available in your org.`;
  return `You are not allowed to read ${object} in Salesforce, so ${what} are not available in your org.`;
}
