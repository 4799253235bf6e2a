/**
 * Action states (snoozed / done / dismissed) are `action_state` records, id = the action
 * key: client-editable, written through the outbox and read overlaid, so they survive
 * recomputes and sync to the PRM.
 */
import { ACTION_RULE_IDS, type ActionStateView } from '../../../src-shared/methods/actions';
import type { ActionState } from '../../../src-shared/domain/entities';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { queueEdits } from '../../sync/edits';
import { readOneOverlaid, readOverlaid, type Overlaid } from '../../sync/overlay';
import type { Clock } from '../../base/clock';

export interface SetStateInput {
  key: string;
  partnerId: string;
  state: ActionState['state'];
  snoozeUntil?: string;
  reason?: string;
}

export function toView(s: Overlaid<'action_state'>): ActionStateView {
  return {
    state: s.state,
    snoozeUntil: s.snooze_until,
    reason: s.reason,
    updatedAt: s.updated_at,
    pending: s.pending_fields.length > 0 || s.conflict_fields.length > 0,
  };
}

export function readStates(db: Db): Map<string, Overlaid<'action_state'>> {
  return new Map(readOverlaid(db.sqlite, 'action_state').map((s) => [s.id, s]));
}

/** Hidden from the default list: done, dismissed, or snoozed past the as-of date. */
export function isHidden(s: Pick<ActionState, 'state' | 'snooze_until'> | undefined, asOf: string): boolean {
  if (!s) return false;
  if (s.state === 'snoozed') return s.snooze_until !== null && s.snooze_until > asOf;
  return true;
}

export function setActionState(db: Db, clock: Clock, input: SetStateInput): ActionStateView {
  const rule = input.key.split(':')[0] ?? '';
  if (!(ACTION_RULE_IDS as readonly string[]).includes(rule)) {
    throw new ServiceError('invalid_input', `Unknown rule '${rule}' in action key '${input.key}'.`, [{ path: 'key', message: 'unknown rule' }]);
  }
  const partner = db.sqlite.prepare('SELECT id FROM partner WHERE id = ?').get(input.partnerId);
  if (!partner) throw new ServiceError('not_found', `No partner with id '${input.partnerId}'.`, [{ path: 'partnerId', message: 'not found' }]);
  const today = clock.today();
  let snoozeUntil: string | null = null;
  if (input.state === 'snoozed') {
    if (!input.snoozeUntil) throw new ServiceError('invalid_input', 'Snoozing needs a date to snooze until.', [{ path: 'snoozeUntil', message: 'required when snoozing' }]);
    if (input.snoozeUntil <= today) {
      throw new ServiceError('invalid_input', `Snooze until a date after ${today}, not ${input.snoozeUntil}.`, [{ path: 'snoozeUntil', message: 'must be after today' }]);
    }
    snoozeUntil = input.snoozeUntil;
  } else if (input.snoozeUntil) {
    throw new ServiceError('invalid_input', 'Only a snooze takes a date.', [{ path: 'snoozeUntil', message: `not allowed when ${input.state}` }]);
  }
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (input.state === 'dismissed' && !reason) {
    throw new ServiceError('invalid_input', 'Say why you dismiss the action.', [{ path: 'reason', message: 'required when dismissing' }]);
  }
  const existing = readOneOverlaid(db.sqlite, 'action_state', input.key);
  if (existing && existing.partner_id !== input.partnerId) {
    throw new ServiceError('invalid_input', `Action '${input.key}' belongs to partner '${existing.partner_id}'.`, [{ path: 'partnerId', message: 'does not match the action' }]);
  }
  queueEdits(db.sqlite, clock, [
    {
      entity: 'action_state',
      id: input.key,
      op: 'upsert',
      fields: { partner_id: input.partnerId, state: input.state, snooze_until: snoozeUntil, reason, updated_at: clock.now() },
    },
  ]);
  const now = readOneOverlaid(db.sqlite, 'action_state', input.key);
  if (!now) throw new ServiceError('conflict', `The state of '${input.key}' could not be read back.`);
  return toView(now);
}

export function clearActionState(db: Db, clock: Clock, key: string): boolean {
  if (!readOneOverlaid(db.sqlite, 'action_state', key)) return false;
  queueEdits(db.sqlite, clock, [{ entity: 'action_state', id: key, op: 'delete' }]);
  return true;
}
