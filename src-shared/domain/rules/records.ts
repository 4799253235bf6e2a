/**
 * Whole-record rules of the client-editable entities: what must hold between fields of
 * one record (a custom objective has a unit, a snoozed action has a date …) and between
 * records (an objective's due quarter lies in its plan's period, an initiative links to
 * an objective of its own plan). Each returns the problems of a record as it would be
 * stored; `checkEdit` refuses an edit only for problems the edit brings in.
 */
import type { EditableEntityName } from '../entities';
import { validateObjective, type ObjectiveDraft } from '../plans';
import type { FieldIssue } from './fields';
import { signoffIssues } from './plan';

type Rec = Record<string, unknown>;

/** Reads a plan or an objective the rules need; null when there is none. */
export type Lookup = (entity: 'jbp' | 'jbp_objective', id: string) => Rec | null;

/** Fields an edit can't change once the record exists (what it belongs to). */
export const FIXED_FIELDS: Record<EditableEntityName, Record<string, string>> = {
  jbp: {
    partner_id: 'A plan stays with its partner; start a plan for the other partner instead.',
    period: 'A plan’s period is fixed; start a plan for the other period instead.',
  },
  jbp_objective: { jbp_id: 'An objective stays in its plan; add it to the other plan instead.' },
  jbp_initiative: { jbp_id: 'An initiative stays in its plan; add it to the other plan instead.' },
  qbr_note: { partner_id: 'A QBR note stays with its partner.' },
  action_state: { partner_id: 'An action stays with its partner.' },
  note: { partner_id: 'A note stays with its partner.' },
};

const ACTION_KEY = /^[a-z_]+:.+:.+$/;

function objectiveIssues(o: Rec, lookup: Lookup): FieldIssue[] {
  const plan = typeof o.jbp_id === 'string' ? lookup('jbp', o.jbp_id) : null;
  const period = typeof plan?.period === 'string' ? plan.period : '';
  return validateObjective(o as unknown as ObjectiveDraft, period).map((i) => ({ field: i.path, message: i.message }));
}

function initiativeIssues(i: Rec, lookup: Lookup): FieldIssue[] {
  if (typeof i.objective_id !== 'string') return [];
  const objective = lookup('jbp_objective', i.objective_id);
  // A missing objective is the server's reference check (not_found), not a rule.
  if (objective && objective.jbp_id !== i.jbp_id) {
    return [{ field: 'objective_id', message: 'Link the initiative to an objective of this plan (or to none).' }];
  }
  return [];
}

function qbrNoteIssues(n: Rec): FieldIssue[] {
  if (n.kind === 'commentary' && n.commitment_status != null) {
    return [{ field: 'commitment_status', message: 'Only commitments have a status; commentary has none.' }];
  }
  if (n.kind === 'commitment' && n.commitment_status == null) {
    return [{ field: 'commitment_status', message: 'A commitment needs a status: open, done or missed.' }];
  }
  return [];
}

function actionStateIssues(a: Rec): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (typeof a.id === 'string' && !ACTION_KEY.test(a.id)) {
    issues.push({ field: 'id', message: 'An action state is kept under its action key, rule:entity:period.' });
  }
  if (a.state === 'snoozed' && a.snooze_until == null) issues.push({ field: 'snooze_until', message: 'Snoozing needs a date to snooze until.' });
  if (a.state !== 'snoozed' && a.snooze_until != null) issues.push({ field: 'snooze_until', message: 'Only a snooze takes a date.' });
  if (a.state === 'dismissed' && !(typeof a.reason === 'string' && a.reason.trim())) {
    issues.push({ field: 'reason', message: 'Say why you dismiss the action.' });
  }
  return issues;
}

/** Problems of `rec` (a whole record of `entity`) as it would be stored. */
export function recordIssues(entity: EditableEntityName, rec: Rec, lookup: Lookup): FieldIssue[] {
  switch (entity) {
    case 'jbp':
      return signoffIssues(rec);
    case 'jbp_objective':
      return objectiveIssues(rec, lookup);
    case 'jbp_initiative':
      return initiativeIssues(rec, lookup);
    case 'qbr_note':
      return qbrNoteIssues(rec);
    case 'action_state':
      return actionStateIssues(rec);
    case 'note':
      return [];
  }
}
