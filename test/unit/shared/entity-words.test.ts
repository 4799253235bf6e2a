import { describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import { ENTITY_WORD_ONE, ENTITY_WORDS, entityWordsFor } from '../../../src-shared/domain/entity-words';

describe('entity words for a count', () => {
  it('reads one record in the singular and any other count in the plural', () => {
    expect(entityWordsFor(1, 'jbp')).toBe('plan');
    expect(entityWordsFor(2, 'jbp')).toBe('plans');
    expect(entityWordsFor(0, 'deal_registration')).toBe('deal registrations');
    expect(entityWordsFor(1, 'engagement_event')).toBe('portal login');
  });

  it('has a singular for every entity, different from its plural', () => {
    for (const e of ENTITY_NAMES) {
      expect(ENTITY_WORD_ONE[e], e).toBeTruthy();
      expect(ENTITY_WORD_ONE[e], e).not.toBe(ENTITY_WORDS[e]);
    }
  });
});
