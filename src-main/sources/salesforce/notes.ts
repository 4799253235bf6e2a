/**
 * The sentence for an entity the org does not let this user read (SourceNotes.unavailable):
 * the object is not licensed or not shared (INVALID_TYPE, insufficient access), or a field
 * the connector reads is hidden by field-level security (INVALID_FIELD).
 */
import type { EntityName } from '../../../src-shared/domain/entities';
import { ENTITY_WORDS as WORDS } from '../../../src-shared/domain/entity-words';
import { SourceError } from '../contract';


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
