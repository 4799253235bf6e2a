import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLine, fitText, linesThatFit, textWidth, wrap } from '../../../src-main/export/pptx/text-fit';

describe('text fitting', () => {
  it('measures wider text as wider and scales with the font size', () => {
    expect(textWidth('WWW', 12)).toBeGreaterThan(textWidth('iii', 12));
    expect(textWidth('Partner', 24)).toBeCloseTo(textWidth('Partner', 12) * 2, 6);
    expect(textWidth('Bold', 12, true)).toBeGreaterThan(textWidth('Bold', 12));
  });

  it('wraps into lines that each fit the width', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.double({ min: 0.8, max: 10, noNaN: true }), fc.integer({ min: 8, max: 40 }), (text, w, size) => {
        for (const line of wrap(text, w, size)) expect(textWidth(line, size)).toBeLessThanOrEqual(w + 1e-9);
      }),
    );
  });

  it('fitLine cuts with an ellipsis only when needed, and the result fits', () => {
    expect(fitLine('Short', 3, 12)).toBe('Short');
    const long = 'Crescentrainier Infrastructure Integration Services Pvt. Ltd.';
    const cut = fitLine(long, 2, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(cut, 12)).toBeLessThanOrEqual(2);
  });

  it('fitText shrinks before it truncates, and what it returns fits the box', () => {
    const text = 'Partner restructured its inside-sales team in October; two senior AEs left. '.repeat(14);
    const roomy = fitText('A short headline', 6, 1, { sizePt: 18, minPt: 10 });
    expect(roomy).toMatchObject({ sizePt: 18, truncated: false });
    const tight = fitText(text, 6, 0.9, { sizePt: 18, minPt: 9 });
    expect(tight.sizePt).toBe(9);
    expect(tight.truncated).toBe(true);
    expect(tight.text.endsWith('…')).toBe(true);
    expect(wrap(tight.text, 6, tight.sizePt).length).toBeLessThanOrEqual(linesThatFit(0.9, tight.sizePt));
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), fc.double({ min: 1, max: 12, noNaN: true }), fc.double({ min: 0.3, max: 5, noNaN: true }), (t, w, h) => {
        const f = fitText(t, w, h, { sizePt: 16, minPt: 9 });
        expect(wrap(f.text, w, f.sizePt).length).toBeLessThanOrEqual(Math.max(1, linesThatFit(h, f.sizePt)));
      }),
    );
  });
});
