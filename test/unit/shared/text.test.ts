import { describe, expect, it } from 'vitest';
import { graphemes, limitCounter, truncateText } from '../../../src-shared/text';

describe('text cut by grapheme', () => {
  it('never splits an emoji, a flag or a letter with its accent', () => {
    const family = '👨‍👩‍👧‍👦';
    const s = `${'a'.repeat(58)}${family}${'b'.repeat(5)}`;
    // by code unit, 59 characters would end inside the family emoji
    expect(s.slice(0, 59)).not.toBe(`${'a'.repeat(58)}${family}`);
    expect(truncateText(s, 60)).toBe(`${'a'.repeat(58)}${family}…`);
    expect(truncateText('🇩🇪🇫🇷🇮🇹', 2)).toBe('🇩🇪…');
    expect(truncateText('e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301e\u0301');
    expect(graphemes('👍🏽ok')).toEqual(['👍🏽', 'o', 'k']);
    expect(truncateText('short', 60)).toBe('short');
  });

  it('shows a counter only near the limit, and marks it past the limit', () => {
    expect(limitCounter('x'.repeat(150), 200)).toBeNull();
    expect(limitCounter('x'.repeat(160), 200)).toEqual({ text: '160 / 200', over: false });
    expect(limitCounter('x'.repeat(201), 200)).toEqual({ text: '201 / 200', over: true });
    expect(limitCounter('y'.repeat(19_990), 20_000)).toEqual({ text: '19,990 / 20,000', over: false });
  });
});
