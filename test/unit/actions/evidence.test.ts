/**
 * An action's facts and links are built only for the actions a call returns (service.ts,
 * `rankActions` / `withEvidence`): ranking leaves them unbuilt, and every path that returns
 * actions (the list, a page of it, the kept actions, the week) fills in exactly what an
 * eager computation gives.
 */
import { describe, expect, it } from 'vitest';
import { createRankedCache } from '../../../src-main/services/actions/cache';
import { computeActions, listActions, rankActions, weekPlan } from '../../../src-main/services/actions/service';
import { fixedClock } from '../../../src-main/base/clock';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { AS_OF, stalledBook } from './fixture';

const clock = fixedClock(AS_OF);

describe('action evidence', () => {
  it('is not built by ranking, and is built on demand the same as computeActions gives', () => {
    const b = stalledBook();
    const full = computeActions(b.db, AS_OF).items;
    const ranked = rankActions(b.db, AS_OF);
    expect(ranked.items.map((a) => a.key)).toEqual(full.map((a) => a.key));
    expect(full.length).toBeGreaterThan(2);
    for (const a of full) {
      expect(a.facts.length).toBeGreaterThan(0);
      expect(a.links.length).toBeGreaterThan(0);
    }
    for (const a of ranked.items) {
      expect(a.facts).toEqual([]);
      expect(a.links).toEqual([]);
      const ev = ranked.evidence.get(a.key)!();
      const eager = full.find((x) => x.key === a.key)!;
      expect(ev).toEqual({ facts: eager.facts, links: eager.links });
    }
  });

  it('is filled in on every action the list, a page, the kept actions and the week return', () => {
    const b = stalledBook();
    const byKey = new Map(computeActions(b.db, AS_OF).items.map((a) => [a.key, a]));
    const check = (returned: ActionItem[]) => {
      expect(returned.length).toBeGreaterThan(0);
      for (const a of returned) {
        const eager = byKey.get(a.key)!;
        expect(a.facts).toEqual(eager.facts);
        expect(a.links).toEqual(eager.links);
        expect(a.facts.length).toBeGreaterThan(0);
      }
    };
    const cache = createRankedCache(b.db);
    check(listActions(b.db, clock).actions);
    check(listActions(b.db, clock, { perBucket: 1 }).actions);
    check(listActions(b.db, clock, { perBucket: 1 }, cache.source).actions);
    check(listActions(b.db, clock, {}, cache.source).actions);
    check(weekPlan(b.db, clock).days.flatMap((d) => d.actions));
    check(weekPlan(b.db, clock, {}, cache.source).days.flatMap((d) => d.actions));
    // The kept items themselves stay unbuilt: each call fills in its own copies.
    check(listActions(b.db, clock, {}, cache.source).actions);
  });
});
