/**
 * The sentences for the source's notes. `unavailableReason`: for an entity the org does not let this user read (SourceNotes.unavailable):
 * the object is not licensed or not shared (INVALID_TYPE, insufficient access), or a field
 * the connector reads is hidden by field-level security (INVALID_FIELD).
 */
import type { EditableEntityName, EntityName } from '../../../src-shared/domain/entities';
import { ENTITY_WORDS as WORDS } from '../../../src-shared/domain/entity-words';
import { SourceError } from '../contract';
import type { Refused } from './pull-custom';

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

/** A pulled custom record as people call one. */
const ONE: Record<EditableEntityName, string> = {
  jbp: 'Plan',
  jbp_objective: 'Objective',
  jbp_initiative: 'Initiative',
  qbr_note: 'QBR note',
  note: 'Note',
  action_state: 'Action state',
};

const shown = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return 'empty';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return `'${s.length > 60 ? `${s.slice(0, 57)}…` : s}'`;
};

/**
 * The sentence for a record Salesforce returned with a value Partnerbook refuses (pull-custom.ts
 * `Refused`), e.g. "Plan 'FY27 JBP' of Beacon Distribution: status 'active' is not one
 * Partnerbook knows; left out, the copy here is from the last good read."
 */
export function refusedReason(r: Refused, partnerName: string | null): string {
  const field = r.field.replace(/_/g, ' ') || 'a field';
  const what = r.notAChoice ? 'is not one Partnerbook knows' : 'is not a value Partnerbook can keep';
  const here = r.kept ? 'the copy here is from the last good read' : 'so it is not here yet';
  return `${ONE[r.entity]} '${r.label}'${partnerName ? ` of ${partnerName}` : ''}: ${field} ${shown(r.value)} ${what}; left out, ${here}. Fix it in Salesforce and the next sync brings it.`;
}
