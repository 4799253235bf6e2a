/** Priority ordering, states across recomputes, periods, and the since-last-sync digest. */
import { describe, expect, it } from 'vitest';
import { actionDigest, listActions } from '../../../src-main/services/actions/service';
import { priorityOf, urgency } from '../../../src-main/services/actions/priority';
import { getActionSettings, updateActionSettings } from '../../../src-main/services/actions/settings';
import { clearActionState, setActionState } from '../../../src-main/services/actions/states';
import { fixedClock } from '../../../src-main/base/clock';
import { setState } from '../../../src-main/sync/state';
import { explainPriority } from '../../../src-shared/domain/actions';
import { addDays } from '../../../src-shared/domain/time';
import { AS_OF, book, stalledBook } from './fixture';

const clock = fixedClock(AS_OF);
const ago = (d: number) => addDays(AS_OF, -d);

describe('priority', () => {
  it('is impact × urgency × confidence with the arithmetic shown', () => {
    const p = priorityOf(
      { rule: 'reg_pending', entityId: 'R', period: 'x', partnerId: 'P', suggestion: '', facts: [], links: [], impact: 12_000_000, impactText: 'amount', currency: 'USD', dueDate: addDays(AS_OF, 7), confidence: 0.8, confidenceText: 'why' },
      AS_OF,
    );
    expect(p).toMatchObject({ impact: 120_000, urgency: 0.5, confidence: 0.8, score: 48_000, daysToDue: 7, impactBasis: 'amount', confidenceBasis: 'why' });
    const x = explainPriority(p, 'USD');
    expect(x.formula).toBe('$120,000 × 0.50 × 0.80 = 48,000');
    expect(x.urgencyText).toBe('due in 7 days → 7 ÷ (7 + 7) = 0.50');
    expect(x.impactText).toBe('$120,000: amount');
    expect(explainPriority({ ...p, daysToDue: -3, urgency: 1 }, 'USD').urgencyText).toBe('overdue by 3 days → 1.00');
  });

  it('urgency is 1 when due or overdue and falls with the days left', () => {
    expect(urgency(AS_OF, ago(3)).value).toBe(1);
    expect(urgency(AS_OF, AS_OF).value).toBe(1);
    const u = [1, 3, 10, 30, 90].map((d) => urgency(AS_OF, addDays(AS_OF, d)).value);
    expect([...u].sort((a, b) => b - a)).toEqual(u);
  });

  it('orders the list by priority, highest first (Today grouped by partner), with filters by rule, partner, tier and owner', () => {
    const b = stalledBook();
    // One action a day: Today is the single highest, the rest wait in priority order.
    updateActionSettings(b.db, { todayCapacity: 1 });
    const list = listActions(b.db, clock);
    const scores = list.actions.map((a) => a.priority.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(list.actions.map((a) => a.bucket)).toEqual(['today', 'week', 'week', 'week']);
    updateActionSettings(b.db, { todayCapacity: 12 });
    expect(listActions(b.db, clock).actions.map((a) => a.partnerId)).toEqual(['P-1', 'P-1', 'P-2', 'P-2']);
    for (const a of list.actions) expect(a.priority.score).toBe(Math.round(a.priority.impact * a.priority.urgency * a.priority.confidence));
    // A big idle deal outranks a small one with the same urgency and confidence.
    const stalled = list.actions.filter((a) => a.rule === 'stalled_opportunity').map((a) => a.key.split(':')[1]);
    expect(stalled.indexOf('O-BIG')).toBeLessThan(stalled.indexOf('O-SMALL'));
    expect(listActions(b.db, clock, { owner: 'U-2' }).actions.every((a) => a.partnerId === 'P-2')).toBe(true);
    expect(listActions(b.db, clock, { partnerId: 'P-1' }).actions.map((a) => a.partnerId)).toEqual(['P-1', 'P-1']);
    expect(listActions(b.db, clock, { rule: 'reg_pending' }).actions.map((a) => a.key)).toEqual([`reg_pending:R-1:${ago(9)}`]);
    expect(listActions(b.db, clock, { tier: 'gold' }).actions).toEqual([]);
  });

  it('pages per bucket with totals, and reports filter facets from before the filters', () => {
    const b = stalledBook();
    const full = listActions(b.db, clock);
    const paged = listActions(b.db, clock, { perBucket: 1, owner: 'U-1' });
    expect(paged.buckets.today.count).toBe(full.actions.filter((a) => a.bucket === 'today' && a.ownerId === 'U-1').length);
    expect(paged.buckets.today.count).toBeGreaterThan(1);
    expect(paged.actions.filter((a) => a.bucket === 'today')).toHaveLength(1);
    expect(paged.actions[0]!.key).toBe(full.actions.find((a) => a.ownerId === 'U-1')!.key);
    expect(paged.facets.owners.map((o) => [o.id, o.label])).toEqual([['U-1', 'Ada Cam'], ['U-2', 'Bo Cam']]);
    expect(paged.facets.rules.find((r) => r.id === 'reg_pending')).toEqual({ id: 'reg_pending', label: 'Registration pending', n: 1 });
  });
});

describe('states', () => {
  it('done and dismissed actions stay hidden across recomputes; includeHidden shows them with their state', () => {
    const b = stalledBook();
    const key = `stalled_opportunity:O-BIG:${ago(60)}`;
    setActionState(b.db, clock, { key, partnerId: 'P-1', state: 'done' });
    const again = listActions(b.db, clock);
    expect(again.actions.map((a) => a.key)).not.toContain(key);
    expect(again.hiddenCount).toBe(1);
    const all = listActions(b.db, clock, { includeHidden: true });
    expect(all.actions.find((a) => a.key === key)).toMatchObject({ hidden: true, state: { state: 'done', pending: true } });
    expect(clearActionState(b.db, clock, key)).toBe(true);
    expect(listActions(b.db, clock).actions.map((a) => a.key)).toContain(key);
    expect(clearActionState(b.db, clock, key)).toBe(false);
  });

  it('a dismissed action does not come back in the same period, and a new period is a new action', () => {
    const b = book();
    b.partner('P-1');
    b.events('P-1', 60, 119, 31);
    b.events('P-1', 2, 29, 0);
    const key = 'engagement_drop:P-1:2026-Q4';
    expect(listActions(b.db, clock, { rule: 'engagement_drop' }).actions.map((a) => a.key)).toEqual([key]);
    setActionState(b.db, clock, { key, partnerId: 'P-1', state: 'dismissed', reason: 'Partner on holiday' });
    // Later in the same quarter the situation still holds (same key): stays dismissed.
    expect(listActions(b.db, clock, { rule: 'engagement_drop', asOf: '2026-11-25' }).actions).toEqual([]);
    // Next quarter, with the drop still there, it is a new action.
    b.events('P-1', 60, 119 - 50, 31 - 50);
    expect(listActions(b.db, fixedClock('2027-01-09'), { rule: 'engagement_drop' }).actions.map((a) => a.key)).toEqual(['engagement_drop:P-1:2027-Q1']);
  });

  it('a stalled deal dismissed stays dismissed while it stays idle; new activity then a new stall is a new key', () => {
    const b = stalledBook();
    const key = `stalled_opportunity:O-SMALL:${ago(60)}`;
    setActionState(b.db, clock, { key, partnerId: 'P-1', state: 'dismissed', reason: 'Customer paused the project' });
    expect(listActions(b.db, fixedClock(addDays(AS_OF, 20))).actions.map((a) => a.key)).not.toContain(key);
    b.db.sqlite.prepare("UPDATE opportunity SET last_activity_at = ? WHERE id = 'O-SMALL'").run(addDays(AS_OF, -50));
    expect(listActions(b.db, clock).actions.map((a) => a.key)).toContain(`stalled_opportunity:O-SMALL:${ago(50)}`);
  });

  it('a snoozed action returns on its date', () => {
    const b = stalledBook();
    const key = `reg_pending:R-1:${ago(9)}`;
    setActionState(b.db, clock, { key, partnerId: 'P-2', state: 'snoozed', snoozeUntil: addDays(AS_OF, 3) });
    expect(listActions(b.db, clock).actions.map((a) => a.key)).not.toContain(key);
    expect(listActions(b.db, fixedClock(addDays(AS_OF, 2))).actions.map((a) => a.key)).not.toContain(key);
    const back = listActions(b.db, fixedClock(addDays(AS_OF, 3))).actions.find((a) => a.key === key);
    expect(back).toMatchObject({ hidden: false, state: { state: 'snoozed', snoozeUntil: addDays(AS_OF, 3) } });
  });

  it('refuses bad state input, naming the field, and writes nothing', () => {
    const b = stalledBook();
    const key = `reg_pending:R-1:${ago(9)}`;
    const outbox = () => b.db.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get();
    expect(() => setActionState(b.db, clock, { key, partnerId: 'P-2', state: 'snoozed' })).toThrow(/needs a date/);
    expect(() => setActionState(b.db, clock, { key, partnerId: 'P-2', state: 'snoozed', snoozeUntil: AS_OF })).toThrow('Snooze until a date after Nov 20, 2026, not Nov 20, 2026.');
    expect(() => setActionState(b.db, clock, { key, partnerId: 'P-2', state: 'dismissed', reason: '  ' })).toThrow(/why/);
    expect(() => setActionState(b.db, clock, { key, partnerId: 'P-404', state: 'done' })).toThrow(/No partner/);
    expect(() => setActionState(b.db, clock, { key: 'nope:R-1:x', partnerId: 'P-2', state: 'done' })).toThrow(/^There is no action rule 'nope'/);
    expect(outbox()).toBe(0);
    setActionState(b.db, clock, { key, partnerId: 'P-2', state: 'done' });
    expect(outbox()).toBe(1);
    expect(() => setActionState(b.db, clock, { key, partnerId: 'P-1', state: 'done' })).toThrow(/belongs to partner 'P-2'/);
  });
});

describe('settings', () => {
  it('thresholds live in settings with defaults; a change changes what fires', () => {
    const b = stalledBook();
    expect(getActionSettings(b.db).stalledDays).toBe(45);
    updateActionSettings(b.db, { stalledDays: 55 });
    expect(listActions(b.db, clock, { rule: 'stalled_opportunity' }).actions.map((a) => a.key.split(':')[1]).sort()).toEqual(['O-BIG', 'O-SMALL']);
    expect(() => updateActionSettings(b.db, { stalledDays: 0 })).toThrow('Days without activity before an opportunity is stalled must be at least 1.');
  });
});

describe('digest since last sync', () => {
  it('reports actions that appeared and resolved between the last two syncs', () => {
    const b = stalledBook();
    expect(actionDigest(b.db, clock)).toEqual({ syncedAt: null, previousSyncedAt: null, added: [], resolved: [] });
    setState(b.db.sqlite, 'last_synced_at', '2026-11-19T08:00:00Z');
    expect(actionDigest(b.db, clock)).toMatchObject({ syncedAt: '2026-11-19T08:00:00Z', previousSyncedAt: null, added: [] });
    // The next sync brings a decision on R-1 and a new stalled deal.
    b.db.sqlite.prepare("UPDATE deal_registration SET status = 'approved', decided_at = ? WHERE id = 'R-1'").run(AS_OF);
    b.opp('O-NEW', 'P-2', { amount: 3_000_000, last_activity_at: ago(80) });
    setState(b.db.sqlite, 'last_synced_at', '2026-11-20T08:00:00Z');
    const d = actionDigest(b.db, clock);
    expect(d.previousSyncedAt).toBe('2026-11-19T08:00:00Z');
    expect(d.added.map((e) => e.key)).toEqual([`stalled_opportunity:O-NEW:${ago(80)}`]);
    expect(d.resolved).toEqual([expect.objectContaining({ key: `reg_pending:R-1:${ago(9)}`, partnerName: 'Partner P-2', rule: 'reg_pending' })]);
    // Only the last two syncs are kept.
    setState(b.db.sqlite, 'last_synced_at', '2026-11-21T08:00:00Z');
    actionDigest(b.db, clock);
    expect(b.db.sqlite.prepare('SELECT DISTINCT synced_at FROM action_snapshot ORDER BY 1').pluck().all()).toEqual(['2026-11-20T08:00:00Z', '2026-11-21T08:00:00Z']);
  });
});
