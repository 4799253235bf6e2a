/** Today's capacity, partner grouping and the week plan as pure functions of a ranked list. */
import { describe, expect, it } from 'vitest';
import { groupByPartner, planBuckets, planWeek, workingDays } from '../../../src-main/services/actions/plan';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { addDays } from '../../../src-shared/domain/time';

const AS_OF = '2026-11-20'; // a Friday

function item(key: string, partnerId: string, score: number, dueInDays: number): ActionItem {
  return {
    key,
    rule: 'stalled_opportunity',
    ruleLabel: 'Stalled opportunity',
    partnerId,
    partnerName: partnerId,
    tierId: 't',
    tierName: 'T',
    tierRank: 1,
    ownerId: 'U',
    ownerName: 'U',
    suggestion: key,
    suggestionHere: key,
    facts: [],
    links: [],
    impact: score,
    currency: 'USD',
    dueDate: addDays(AS_OF, dueInDays),
    bucket: 'later',
    priority: { score, impact: score, impactMinor: score, impactBasis: '', urgency: 1, daysToDue: dueInDays, confidence: 1, confidenceBasis: '' },
    state: null,
    hidden: false,
  };
}

describe('planBuckets', () => {
  it('puts the capacity highest first in Today, grouped by partner; hidden ones never count for Today', () => {
    const ranked = [item('a', 'P1', 90, -3), item('b', 'P2', 80, 2), item('h', 'P3', 75, 0), item('c', 'P1', 70, 20), item('d', 'P3', 60, 1), item('e', 'P2', 50, 30)];
    const out = planBuckets(ranked, (a) => a.key === 'h', AS_OF, 3);
    expect(out.filter((a) => a.bucket === 'today').map((a) => a.key)).toEqual(['a', 'c', 'b']);
    expect(out.filter((a) => a.bucket === 'week').map((a) => a.key)).toEqual(['h', 'd']);
    expect(out.filter((a) => a.bucket === 'later').map((a) => a.key)).toEqual(['e']);
    expect(out.map((a) => a.key)).toEqual(['a', 'c', 'b', 'h', 'd', 'e']);
  });

  it('keeps a partner together in the order of its first action', () => {
    expect(groupByPartner([{ partnerId: 'B' }, { partnerId: 'A' }, { partnerId: 'B' }, { partnerId: 'C' }, { partnerId: 'A' }]).map((x) => x.partnerId)).toEqual(['B', 'B', 'A', 'A', 'C']);
  });
});

describe('planWeek', () => {
  it('runs over working days and fills each up to the capacity by due date, then priority', () => {
    expect(workingDays(AS_OF)).toEqual(['2026-11-20', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']);
    const ranked = Array.from({ length: 12 }, (_, i) => item(`k${String(i).padStart(2, '0')}`, `P${i % 4}`, 100 - i, 40 - 3 * i));
    const open = planBuckets(ranked, () => false, AS_OF, 2);
    const plan = planWeek(open, AS_OF, 2);
    expect(plan.days.map((d) => d.actions.length)).toEqual([2, 2, 2, 2, 2]);
    expect(plan.days[0]!.actions.map((a) => a.key)).toEqual(['k00', 'k01']);
    // The rest by due date: k11 is due first (40 − 33 = 7 days), then k10 …
    expect(plan.days[1]!.actions.map((a) => a.key).sort()).toEqual(['k10', 'k11']);
    expect(plan.days[4]!.actions.map((a) => a.key).sort()).toEqual(['k04', 'k05']);
    expect(plan.after).toEqual({ count: 2, impact: 98 + 97 });
    expect(planWeek(open, AS_OF, 2)).toEqual(plan);
  });
});
