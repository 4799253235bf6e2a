/**
 * Which parts of a local edit a person needs to read: an action marked done reads "Marked
 * done", not five fields with "— → —" and the time it was stored; a field edit shows the
 * fields that changed, never bookkeeping ("Updated at") nor what the heading already says
 * (the partner, the plan).
 */
import type { OutboxEntry } from '../../../src-shared/methods/sync';
import { formatDate } from '../../../src-shared/format';

/** Kept by the app for its own books: never something the user changed. */
const BOOKKEEPING = new Set(['updated_at', 'created_at', 'version']);
/** The record's place, which the heading names ("Beacon Distribution GmbH · Plan FY2027"). */
const PLACE = new Set(['partner_id', 'jbp_id']);

const empty = (v: unknown) => v === null || v === undefined || v === '';
const same = (a: unknown, b: unknown) => (empty(a) && empty(b)) || JSON.stringify(a) === JSON.stringify(b);

/** The fields of the edit to show, in the order the edit holds them. */
export function shownFields(entry: Pick<OutboxEntry, 'fields' | 'base' | 'op'>): string[] {
  const isNew = Object.keys(entry.base).length === 0;
  return Object.keys(entry.fields).filter((f) => {
    if (BOOKKEEPING.has(f)) return false;
    if (isNew) return !PLACE.has(f) && !empty(entry.fields[f]);
    return !same(entry.base[f], entry.fields[f]);
  });
}

const quoted = (s: string) => `“${[...s].length > 80 ? `${[...s].slice(0, 79).join('')}…` : s}”`;

/** What was done to an action, in one phrase: "Marked done", "Snoozed until Dec 12, 2026", "Dismissed: “…”". Null for other records. */
export function actionStateWords(entry: Pick<OutboxEntry, 'entity' | 'op' | 'fields'>): string | null {
  if (entry.entity !== 'action_state') return null;
  if (entry.op === 'delete') return 'Put back on the list (done, snoozed or dismissed undone)';
  const f = entry.fields;
  const reason = typeof f.reason === 'string' && f.reason.trim() ? f.reason.trim() : null;
  switch (f.state) {
    case 'done':
      return 'Marked done';
    case 'snoozed':
      return typeof f.snooze_until === 'string' ? `Snoozed until ${formatDate(f.snooze_until)}` : 'Snoozed';
    case 'dismissed':
      return reason ? `Dismissed: ${quoted(reason)}` : 'Dismissed';
    default:
      return null;
  }
}
