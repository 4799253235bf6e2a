/**
 * Action states (snoozed / done / dismissed) are `action_state` records, id = the action
 * key: client-editable, written through the outbox and read overlaid, so they survive
 * recomputes and sync to the PRM.
 */
import { ACTION_RULE_IDS, type ActionStateView } from '../../../src-shared/methods/actions';
import { formatDate } from '../../../src-shared/format';
import type { ActionState } from '../../../src-shared/domain/entities';
import { fieldError, ServiceError } from '../../base/errors';
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
    throw fieldError('invalid_input', 'key', `There is no action rule '${rule}' (in action key '${input.key}').`);
  }
  const partner = db.sqlite.prepare('SELECT id FROM partner WHERE id = ?').get(input.partnerId);
  if (!partner) throw fieldError('not_found', 'partnerId', `No partner with id '${input.partnerId}' in this book.`);
  const today = clock.today();
  let snoozeUntil: string | null = null;
  if (input.state === 'snoozed') {
    if (!input.snoozeUntil) throw fieldError('invalid_input', 'snoozeUntil', 'Snoozing needs a date to snooze until.');
    if (input.snoozeUntil <= today) {
      throw fieldError('invalid_input', 'snoozeUntil', `Snooze until a date after ${formatDate(today)}, not ${formatDate(input.snoozeUntil)}.`);
    }
    snoozeUntil = input.snoozeUntil;
  } else if (input.snoozeUntil) {
    throw fieldError('invalid_input', 'snoozeUntil', `Only a snooze takes a date; a ${input.state === 'done' ? 'done' : 'dismissed'} action has none.`);
  }
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (input.state === 'dismissed' && !reason) {
    throw fieldError('invalid_input', 'reason', 'Say why you dismiss the action.');
  }
  const existing = readOneOverlaid(db.sqlite, 'action_state', input.key);
  if (existing && existing.partner_id !== input.partnerId) {
    throw fieldError('invalid_input', 'partnerId', `Action '${input.key}' belongs to partner '${existing.partner_id}'.`);
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
