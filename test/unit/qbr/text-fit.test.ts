import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capToLines, fitLine, fitText, linesThatFit, maxCharsPerLine, textWidth, wrap } from '../../../src-main/export/pptx/text-fit';
import { graphemes } from '../../../src-shared/text';

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

  it('a word of emoji families, skin tones or flags wider than a line is split between characters, never inside one', () => {
    for (const ch of ['👨‍👩‍👧', '👍🏽', '🇩🇪']) {
      const lines = wrap(ch.repeat(300), 2.3, 12);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(graphemes(line).filter((g) => g !== ch)).toEqual([]);
      const f = fitText(ch.repeat(300), 2.3, 0.5, { sizePt: 12, minPt: 12 });
      expect(f.truncated).toBe(true);
      expect(graphemes(f.text).filter((g) => g !== ch && g !== ' ' && g !== '…')).toEqual([]);
      expect(graphemes(fitLine(ch.repeat(300), 2.3, 12)).filter((g) => g !== ch && g !== '…')).toEqual([]);
    }
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

  describe('text far longer than any box (a megabyte of it)', () => {
    const MB = 1 << 20;
    const word = 'x'.repeat(MB);
    const words = 'Partner restructured its inside-sales team in October; two senior AEs left. '.repeat(Math.ceil(MB / 76)).slice(0, MB);
    // A slide never shows more than a few thousand characters.
    const SLIDE = 13.333 * 7.5 * 200;

    it.each([
      ['one unbroken word', word],
      ['ordinary words', words],
      ['words in a sea of whitespace', `${' \n\t'.repeat(MB / 3)}${words}`],
    ])('%s: fitText cuts it to the box, with an ellipsis, and what it returns fits', (_name, text) => {
      for (const [w, h, o] of [
        [10, 0.3, { sizePt: 11, minPt: 9, maxLines: 1 }],
        [6, 2, { sizePt: 18, minPt: 9 }],
        [12, 6, { sizePt: 14, minPt: 8, bold: true }],
      ] as const) {
        const f = fitText(text, w, h, o);
        expect(f.truncated).toBe(true);
        expect(f.sizePt).toBe(o.minPt);
        expect(f.text.endsWith('…')).toBe(true);
        expect(f.text.length).toBeLessThan(SLIDE);
        const lines = wrap(f.text, w, f.sizePt, 'bold' in o && o.bold);
        expect(lines.length).toBeLessThanOrEqual(Math.min('maxLines' in o ? o.maxLines : Infinity, linesThatFit(h, f.sizePt)));
        for (const line of lines) expect(textWidth(line, f.sizePt, 'bold' in o && o.bold)).toBeLessThanOrEqual(w + 1e-9);
      }
    });

    it.each([
      ['one unbroken word', word],
      ['ordinary words', words],
    ])('%s: fitLine keeps one line with an ellipsis; wrap breaks every line to the width', (_name, text) => {
      const line = fitLine(text, 3, 12);
      expect(line.endsWith('…')).toBe(true);
      expect(textWidth(line, 12)).toBeLessThanOrEqual(3);
      const lines = wrap(text, 4, 10);
      expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
      for (const l of lines) expect(textWidth(l, 10)).toBeLessThanOrEqual(4 + 1e-9);
    });
  });

  it('a glyph wider than the box takes a line of its own instead of looping forever', () => {
    // A bold W at 40 pt is about 0.61 in wide.
    expect(wrap('WWW', 0.5, 40, true)).toEqual(['W', 'W', 'W']);
    expect(wrap('a WW b', 0.5, 40, true)).toEqual(['a', 'W', 'W', 'b']);
    expect(fitText('WWWW', 0.5, 0.6, { sizePt: 40, minPt: 40, bold: true }).truncated).toBe(true);
  });

  it('capToLines keeps every character the box could show, and cuts the rest', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 2000 }), fc.double({ min: 0.8, max: 8, noNaN: true }), fc.integer({ min: 1, max: 6 }), (text, w, lines) => {
        const long = text.repeat(Math.ceil(5000 / text.length));
        const cut = capToLines(long, w, lines, 10);
        expect(long.startsWith(cut)).toBe(true);
        expect(cut.length).toBeLessThanOrEqual(2 * (lines + 2) * (maxCharsPerLine(w, 10) + 1));
        // The lines the box shows are the same for the cut text as for the whole.
        expect(wrap(cut, w, 10).slice(0, lines)).toEqual(wrap(long, w, 10).slice(0, lines));
      }),
      { numRuns: 200 },
    );
  });
});

