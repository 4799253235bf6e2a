/** A local edit as the Sync page words it (src-renderer/pages/sync/edit-words.ts). */
import { describe, expect, it } from 'vitest';
import { actionStateWords, shownFields } from '../../../src-renderer/pages/sync/edit-words';

const action = (fields: Record<string, unknown>, op: 'upsert' | 'delete' = 'upsert') => ({ entity: 'action_state', op, fields, base: {} });

describe('the words of a local edit', () => {
  it('an action marked done, snoozed, dismissed or put back reads as what the user did', () => {
    const base = { partner_id: 'P-00064', snooze_until: null, reason: null, updated_at: '2026-11-20T09:00:00Z' };
    expect(actionStateWords(action({ ...base, state: 'done' }))).toBe('Marked done');
    expect(actionStateWords(action({ ...base, state: 'snoozed', snooze_until: '2026-12-12' }))).toBe('Snoozed until Dec 12, 2026');
    expect(actionStateWords(action({ ...base, state: 'dismissed', reason: '  Partner is winding down  ' }))).toBe('Dismissed: “Partner is winding down”');
    expect(actionStateWords(action({}, 'delete'))).toBe('Put back on the list (done, snoozed or dismissed undone)');
    expect(actionStateWords({ entity: 'jbp_objective', op: 'upsert', fields: { target: 1 } })).toBeNull();
  });

  it('a field edit shows the fields that changed, never bookkeeping or "— → —"', () => {
    expect(
      shownFields({ op: 'upsert', base: { target: 100, title: 'ARR', summary: null, updated_at: 'a' }, fields: { target: 150, title: 'ARR', summary: '', updated_at: 'b' } }),
    ).toEqual(['target']);
  });

  it('a new record shows what was filled in, not its place (named by the heading) nor empty fields', () => {
    expect(shownFields({ op: 'upsert', base: {}, fields: { partner_id: 'P-1', body: 'Called them', author: null, created_at: 'x', updated_at: 'y' } })).toEqual(['body']);
    expect(shownFields({ op: 'upsert', base: {}, fields: { jbp_id: 'J-1', title: 'Launch', target: 0 } })).toEqual(['title', 'target']);
  });
});
