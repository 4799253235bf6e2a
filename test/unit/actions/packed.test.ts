/**
 * The ranked items' trip from the actions worker (worker/packed.ts): what the API's thread
 * unpacks is exactly what the worker ranked, for the small demo book's every rule, and for
 * texts that are absent.
 */
import { describe, expect, it } from 'vitest';
import { rankActions } from '../../../src-main/services/actions/service';
import { packItems, unpackItems } from '../../../src-main/services/actions/worker/packed';
import type { ActionItem } from '../../../src-shared/methods/actions';
import { PrmStore } from '../../../tools/demo-prm/store';
import { replicaOf } from '../../support/replica-of';

const AS_OF = '2026-11-20';

describe('ranked items packed for the trip from the actions worker', () => {
  it('unpack gives back every item of the small demo book as ranked, key order included, in a fraction of the texts', () => {
    const store = PrmStore.open(':memory:');
    store.loadBook({ seed: 42, scale: 'small', asOf: AS_OF });
    const db = replicaOf(store);
    const { items } = rankActions(db, AS_OF);
    expect(new Set(items.map((a) => a.rule)).size).toBeGreaterThan(8);
    const packed = packItems(items);
    const back = unpackItems(packed);
    expect(back).toEqual(items);
    // The API answers with these objects as JSON: the same text, field order included.
    expect(JSON.stringify(back)).toBe(JSON.stringify(items));
    // Partner, tier, owner, rule and priority texts travel once, not once per item.
    expect(packed.texts.length).toBeLessThan(items.length * 5);
    db.close();
    store.close();
  });

  it('keeps absent texts absent and numbers exact', () => {
    const item: ActionItem = {
      key: 'k',
      rule: 'reg_pending',
      ruleLabel: 'Registration pending',
      partnerId: 'P-1',
      partnerName: 'Acme',
      tierId: 'T-1',
      tierName: 'Gold',
      tierRank: 3,
      ownerId: null as unknown as string,
      ownerName: 'U-9',
      suggestion: 'Chase the registration',
      suggestionHere: 'Chase the Acme registration',
      facts: [],
      links: [],
      impact: 123_456_789_012,
      currency: 'EUR',
      dueDate: '2026-12-01',
      bucket: 'week',
      priority: { score: 0.1 + 0.2, impact: 1234567.89, impactMinor: 123456789, impactBasis: 'x', urgency: 0.33, daysToDue: -25, confidence: 0.6, confidenceBasis: 'y' },
      state: null,
      hidden: false,
    };
    expect(unpackItems(packItems([item]))).toEqual([item]);
    expect(unpackItems(packItems([]))).toEqual([]);
  });
});
