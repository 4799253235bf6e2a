/**
 * Each action reads two ways: with the partner's name (the Actions page, the digest), and
 * without it where the partner is already named (its own page, its QBR deck), where the
 * name would only repeat the title above. Checked on every action of the small demo book.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_RULE_IDS } from '../../../src-shared/methods/actions';
import { rankActions } from '../../../src-main/services/actions/service';
import { PrmStore } from '../../../tools/demo-prm/store';
import { replicaOf } from '../../support/replica-of';

const AS_OF = '2026-11-20';

describe('action wording', () => {
  it('names the partner in the suggestion and leaves the name out of the one read on its own page', () => {
    const store = PrmStore.open(':memory:');
    store.loadBook({ seed: 42, scale: 'small', asOf: AS_OF });
    const { items } = rankActions(replicaOf(store), AS_OF);
    const rules = new Set(items.map((a) => a.rule));
    // Every rule but those the small book never fires is covered.
    expect(rules.size).toBeGreaterThanOrEqual(ACTION_RULE_IDS.length - 2);
    for (const a of items) {
      expect(a.suggestion, a.key).toContain(a.partnerName);
      expect(a.suggestionHere, a.key).not.toContain(a.partnerName);
      // A sentence of its own: a capital first, no dangling possessive or colon.
      expect(a.suggestionHere, a.key).toMatch(/^[A-Z]/);
      expect(a.suggestionHere, a.key).not.toMatch(/^'s |^: /);
    }
  });
});
