/**
 * A Today list one person can finish, on the small demo book synced from the demo PRM
 * (issue 14, point 1): Today holds at most the capacity (default 12), the highest priority
 * first and grouped by partner; the rest wait in This week and the Backlog; the capacity is
 * a setting; "Plan my week" gives each working day at most the capacity, deterministically.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { listActions, summarizeActions, weekPlan } from '../../../src-main/services/actions/service';
import { getActionSettings, updateActionSettings } from '../../../src-main/services/actions/settings';
import { setActionState } from '../../../src-main/services/actions/states';
import { bookFilter, confirmIdentity } from '../../../src-main/services/identity';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

const AS_OF = '2026-11-20';
const clock = fixedClock(`${AS_OF}T09:00:00Z`);
let prm: DemoPrm;
let db: Db;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 42, scale: 'small', asOf: AS_OF, token: 'demo-cam' });
  db = openDb(':memory:');
  const sync = createSyncService({
    db,
    clock,
    events: new EventBus(),
    source: () => protocolV1Connector({ url: prm.url, token: prm.tokens.cam }),
    pageSize: 5000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const summary = await sync.run();
  expect(summary.error).toBeNull();
  confirmIdentity(db);
});
afterAll(async () => {
  db.close();
  await prm.close();
});

/** Every partner's actions sit next to each other. */
function expectGroupedByPartner(items: ActionItem[]): void {
  const seen = new Set<string>();
  let last = '';
  for (const a of items) {
    if (a.partnerId !== last) {
      expect(seen.has(a.partnerId), `${a.partnerId} appears twice apart in Today`).toBe(false);
      seen.add(a.partnerId);
      last = a.partnerId;
    }
  }
}

describe('Today', () => {
  it('holds at most the capacity on the whole small book, the highest priorities first, grouped by partner', () => {
    expect(getActionSettings(db).todayCapacity).toBe(12);
    const list = listActions(db, clock, { owners: null });
    // The book has far more open actions than a day holds (the issue saw 143 "Today" items).
    expect(list.openCount).toBeGreaterThan(100);
    expect(list.capacity).toBe(12);
    expect(list.buckets.today.count).toBe(12);
    const today = list.actions.filter((a) => a.bucket === 'today');
    expect(today).toHaveLength(12);
    expect(list.actions.slice(0, 12)).toEqual(today);
    expectGroupedByPartner(today);
    const lowestToday = Math.min(...today.map((a) => a.priority.score));
    for (const a of list.actions.filter((x) => x.bucket !== 'today')) expect(a.priority.score).toBeLessThanOrEqual(lowestToday);
    // This week: the others due within 7 days (overdue included); the Backlog: the rest.
    for (const a of list.actions.filter((x) => x.bucket === 'week')) expect(a.dueDate <= '2026-11-27').toBe(true);
    for (const a of list.actions.filter((x) => x.bucket === 'later')) expect(a.dueDate > '2026-11-27').toBe(true);
    expect(list.buckets.today.count + list.buckets.week.count + list.buckets.later.count).toBe(list.openCount);
  });

  it('counts my book only for the badge, and a filter never changes which actions are Today', () => {
    const { owners } = bookFilter(db);
    expect(owners).not.toBeNull();
    const mine = listActions(db, clock, { owners });
    const badge = summarizeActions(db, clock, { owners: bookFilter(db, 'mine').owners });
    expect(badge.today).toBe(Math.min(12, mine.openCount));
    expect(badge.today).toBeLessThanOrEqual(badge.capacity);
    const todayKeys = mine.actions.filter((a) => a.bucket === 'today').map((a) => a.key);
    const rule = mine.actions[0]!.rule;
    const filtered = listActions(db, clock, { owners, rule });
    expect(filtered.actions.filter((a) => a.bucket === 'today').map((a) => a.key)).toEqual(todayKeys.filter((k) => k.startsWith(`${rule}:`)));
  });

  it('follows the capacity setting, and refuses one outside 1–50', () => {
    updateActionSettings(db, { todayCapacity: 5 });
    const list = listActions(db, clock, { owners: null });
    expect(list.buckets.today.count).toBe(5);
    expect(summarizeActions(db, clock, { owners: null }).today).toBe(5);
    expect(() => updateActionSettings(db, { todayCapacity: 0 })).toThrow();
    expect(() => updateActionSettings(db, { todayCapacity: 51 })).toThrow();
    expect(getActionSettings(db).todayCapacity).toBe(5);
    updateActionSettings(db, { todayCapacity: 12 });
  });

  it('a done action leaves Today and the next one moves up', () => {
    const { owners } = bookFilter(db);
    const before = listActions(db, clock, { owners }).actions;
    const first = before[0]!;
    const waiting = before.filter((a) => a.bucket !== 'today');
    const best = Math.max(...waiting.map((a) => a.priority.score));
    setActionState(db, clock, { key: first.key, partnerId: first.partnerId, state: 'done' });
    const after = listActions(db, clock, { owners }).actions;
    expect(after.find((a) => a.key === first.key)).toBeUndefined();
    const promoted = after.filter((a) => a.bucket === 'today' && waiting.some((w) => w.key === a.key));
    expect(promoted.map((a) => a.priority.score)).toEqual([best]);
  });
});

describe('Plan my week', () => {
  it('gives Today and the next four working days at most the capacity each, deterministically, each action once', () => {
    updateActionSettings(db, { todayCapacity: 10 });
    const plan = weekPlan(db, clock, { owners: null });
    expect(plan.capacity).toBe(10);
    // 2026-11-20 is a Friday: the week runs Friday, then Monday to Thursday.
    expect(plan.days.map((d) => d.date)).toEqual(['2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']);
    for (const d of plan.days) expect(d.actions.length).toBeLessThanOrEqual(10);
    const list = listActions(db, clock, { owners: null });
    expect(plan.days[0]!.actions.map((a) => a.key)).toEqual(list.actions.filter((a) => a.bucket === 'today').map((a) => a.key));
    const keys = plan.days.flatMap((d) => d.actions.map((a) => a.key));
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length + plan.after.count).toBe(list.openCount);
    // Later days take the earliest due first.
    const dues = plan.days.slice(1).map((d) => d.actions.map((a) => a.dueDate).sort());
    for (let i = 1; i < dues.length; i++) if (dues[i]!.length && dues[i - 1]!.length) expect(dues[i - 1]!.at(-1)! <= dues[i]![0]!).toBe(true);
    expect(weekPlan(db, clock, { owners: null })).toEqual(plan);
    updateActionSettings(db, { todayCapacity: 12 });
  });
});
