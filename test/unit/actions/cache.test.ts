/** The kept ranked actions (cache.ts): the same lists as a fresh computation, recomputed after any change. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { createRankedCache } from '../../../src-main/services/actions/cache';
import { actionDigest, listActions, summarizeActions, weekPlan } from '../../../src-main/services/actions/service';
import { setActionState } from '../../../src-main/services/actions/states';
import { fixedClock } from '../../../src-main/base/clock';
import { setState } from '../../../src-main/sync/state';
import type { ActionList } from '../../../src-shared/methods/actions';
import { addDays } from '../../../src-shared/domain/time';
import { createHealthService } from '../../../src-main/services/health/service';
import { cachedRopiBook, ropiComputations } from '../../../src-main/services/ropi/cache';
import { AS_OF, stalledBook } from './fixture';

const clock = fixedClock(AS_OF);
const ago = (d: number) => addDays(AS_OF, -d);
const same = (l: ActionList) => ({ ...l, computeMs: 0 });

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the ranked-actions cache', () => {
  it('serves the list, the summary and the week from one computation, with the lists a fresh computation gives', () => {
    const b = stalledBook();
    const cache = createRankedCache(b.db);
    const cached = listActions(b.db, clock, {}, cache.source);
    expect(cached.actions.length).toBeGreaterThan(2);
    expect(same(cached)).toEqual(same(listActions(b.db, clock)));
    expect(summarizeActions(b.db, clock, { owners: new Set(['U-2']) }, cache.source)).toEqual(summarizeActions(b.db, clock, { owners: new Set(['U-2']) }));
    expect(weekPlan(b.db, clock, {}, cache.source)).toEqual(weekPlan(b.db, clock));
    // A filtered page of the list, then the whole list again: the kept items were not changed by either.
    listActions(b.db, clock, { perBucket: 1, rule: 'reg_pending' }, cache.source);
    expect(same(listActions(b.db, clock, {}, cache.source))).toEqual(same(cached));
    expect(cache.computations()).toBe(1);
  });

  it('recomputes after an edit on this connection, and shows it', () => {
    const b = stalledBook();
    const cache = createRankedCache(b.db);
    const before = listActions(b.db, clock, {}, cache.source);
    const top = before.actions[0]!;
    setActionState(b.db, clock, { key: top.key, partnerId: top.partnerId, state: 'done' });
    const after = listActions(b.db, clock, {}, cache.source);
    expect(cache.computations()).toBe(2);
    expect(after.actions.map((a) => a.key)).not.toContain(top.key);
    expect(same(after)).toEqual(same(listActions(b.db, clock)));
  });

  it('recomputes after a synced change and on another day', () => {
    const b = stalledBook();
    const cache = createRankedCache(b.db);
    const n = listActions(b.db, clock, {}, cache.source).actions.length;
    b.opp('O-NEW', 'P-2', { amount: 5_000_000, stage: 'qualification', last_activity_at: ago(50) });
    expect(listActions(b.db, clock, {}, cache.source).actions.length).toBe(n + 1);
    const tomorrow = fixedClock(addDays(AS_OF, 1));
    expect(same(listActions(b.db, tomorrow, {}, cache.source))).toEqual(same(listActions(b.db, tomorrow)));
    expect(cache.computations()).toBe(3);
  });

  it('recomputes after a commit by another connection to the same file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-actions-cache-'));
    dirs.push(dir);
    const path = join(dir, 'replica.sqlite');
    const b = stalledBook();
    b.db.sqlite.prepare('VACUUM INTO ?').run(path);
    b.db.close();
    const db = openDb(path);
    const other = openDb(path);
    try {
      const cache = createRankedCache(db);
      const n = listActions(db, clock, {}, cache.source).actions.length;
      other.sqlite.prepare("UPDATE opportunity SET stage = 'closed_lost' WHERE id = 'O-OTHER'").run();
      expect(listActions(db, clock, {}, cache.source).actions.length).toBe(n - 1);
      expect(cache.computations()).toBe(2);
    } finally {
      other.close();
      db.close();
    }
  });

  it("keeps its actions across the digest's own record of a sync", () => {
    const b = stalledBook();
    const cache = createRankedCache(b.db);
    setState(b.db.sqlite, 'last_synced_at', '2026-11-20T08:00:00Z');
    const digest = actionDigest(b.db, clock, cache);
    expect(digest).toEqual(actionDigest(b.db, clock));
    listActions(b.db, clock, {}, cache.source);
    expect(cache.computations()).toBe(1);
  });

  it('keeps its actions when a health view stores its inputs, and the ROPI kept for the book stays too', () => {
    const b = stalledBook();
    const cache = createRankedCache(b.db);
    const before = listActions(b.db, clock, {}, cache.source);
    const ropiBefore = cachedRopiBook(b.db, AS_OF);
    const ropiCount = ropiComputations();
    // The Portfolio's first open computes the health inputs and stores them (health_snapshot).
    const health = createHealthService({ db: b.db, clock });
    health.portfolio();
    expect(b.db.sqlite.prepare('SELECT count(*) FROM health_snapshot').pluck().get()).toBeGreaterThan(0);
    health.invalidate(); // marks the stored inputs stale: a write to computed results too
    expect(same(listActions(b.db, clock, {}, cache.source))).toEqual(same(before));
    expect(cache.computations()).toBe(1);
    expect(cachedRopiBook(b.db, AS_OF)).toBe(ropiBefore);
    expect(ropiComputations()).toBe(ropiCount);
    // A change to the book still counts.
    b.opp('O-NEW', 'P-2', { amount: 5_000_000, stage: 'qualification', last_activity_at: ago(50) });
    listActions(b.db, clock, {}, cache.source);
    expect(cache.computations()).toBe(2);
  });
});
