/**
 * The deck's text blocks (export/pptx/frame.ts) fit their boxes whatever they are given —
 * bold or not, a few words or a megabyte: what lands on the slide wraps, in the font it
 * is drawn in, into the lines the box holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bullets, fittedText, label, speakerNotes, type Box, type Slide } from '../../../src-main/export/pptx/frame';
import { linesThatFit, textWidth, wrap } from '../../../src-main/export/pptx/text-fit';

interface Drawn {
  runs: { text: string; bold: boolean; gap: number }[];
  size: number;
}

/** A slide that records what is drawn on it. */
function recorder(): { slide: Slide; drawn: Drawn[] } {
  const drawn: Drawn[] = [];
  const slide = {
    notes: '',
    addNotes(text: string) {
      (this as { notes: string }).notes = text;
    },
    addText(text: string | { text: string; options: { bold?: boolean; paraSpaceAfter?: number } }[], o: { fontSize: number; bold?: boolean }) {
      const runs = typeof text === 'string' ? [{ text, bold: o.bold ?? false, gap: 0 }] : text.map((t) => ({ text: t.text, bold: t.options.bold ?? false, gap: t.options.paraSpaceAfter ?? 0 }));
      drawn.push({ runs, size: o.fontSize });
    },
  } as unknown as Slide;
  return { slide, drawn };
}

const INDENT = 0.22;
const MB = 1 << 20;
const huge = 'Partner restructured its inside-sales team in October; two senior AEs left. '.repeat(Math.ceil(MB / 76)).slice(0, MB);
const item = fc.record({
  text: fc.oneof(fc.lorem({ maxCount: 60 }), fc.constant(huge), fc.constant('x'.repeat(MB)), fc.string({ maxLength: 400 })),
  bold: fc.boolean(),
});

describe('text blocks on a slide', () => {
  it('a bulleted list, bold items included, wraps into its box', () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), fc.double({ min: 2, max: 7, noNaN: true }), fc.double({ min: 0.8, max: 5, noNaN: true }), (items, w, h) => {
        const { slide, drawn } = recorder();
        const box: Box = { x: 0, y: 0, w, h };
        bullets(slide, items, box, { size: 14, min: 10, gap: 0.3 });
        const [d] = drawn;
        const lines = d!.runs.reduce((n, r) => n + wrap(r.text, w - INDENT, d!.size, r.bold).length, 0) + 0.3 * (d!.runs.length - 1);
        expect(lines).toBeLessThanOrEqual(linesThatFit(h, d!.size) + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('one bold item longer than the box is cut to it without an ellipsis in the slide text, measured in bold', () => {
    const { slide, drawn } = recorder();
    bullets(slide, [{ text: huge, bold: true }], { x: 0, y: 0, w: 5.4, h: 4.9 }, { size: 14, min: 10, gap: 0.3 });
    const [run] = drawn[0]!.runs;
    // The slide shows what fits (no "…" baked into the text); the whole item goes to the speaker notes.
    expect(run!.text.endsWith('…')).toBe(false);
    expect(huge.startsWith(run!.text)).toBe(true);
    expect(run!.text.length).toBeLessThan(huge.length);
    expect(wrap(run!.text, 5.4 - INDENT, drawn[0]!.size, true).length).toBeLessThanOrEqual(linesThatFit(4.9, drawn[0]!.size));
  });

  it('a fitted text box holds its text in the lines it has', () => {
    fc.assert(
      fc.property(item, fc.double({ min: 1, max: 12, noNaN: true }), fc.double({ min: 0.3, max: 5, noNaN: true }), ({ text, bold }, w, h) => {
        const { slide, drawn } = recorder();
        fittedText(slide, text, { x: 0, y: 0, w, h }, { size: 16, min: 9, bold });
        const [d] = drawn;
        const lines = wrap(d!.runs[0]!.text, w, d!.size, bold);
        expect(lines.length).toBeLessThanOrEqual(linesThatFit(h, d!.size));
        for (const l of lines) expect(textWidth(l, d!.size, bold)).toBeLessThanOrEqual(w + 1e-9);
      }),
      { numRuns: 60 },
    );
  });

  it('a label too long for its line drops its last clauses, never stops mid-phrase, and is whole in the notes', () => {
    const { slide, drawn } = recorder();
    const text = 'Largest open deals · 123 open, $12.5M closing by the end of the quarter after next';
    label(slide, text, { x: 0, y: 0, w: 6.98, h: 0.28 });
    expect(drawn[0]).toMatchObject({ size: 12, runs: [{ text: 'LARGEST OPEN DEALS · 123 OPEN' }] });
    speakerNotes(slide, { talkingPoints: [], questions: [], internal: [], source: 'the replica', title: 'Pipeline' });
    expect((slide as unknown as { notes: string }).notes).toContain(`• ${text}`);
    // One that fits is drawn whole, and the notes hold nothing shortened.
    const short = recorder();
    label(short.slide, 'Largest open deals · 23 open · $6.5M expected by 31 Mar 2027', { x: 0, y: 0, w: 6.98, h: 0.28 });
    expect(short.drawn[0]!.runs[0]!.text).toBe('LARGEST OPEN DEALS · 23 OPEN · $6.5M EXPECTED BY 31 MAR 2027');
    speakerNotes(short.slide, { talkingPoints: [], questions: [], internal: [], source: 'the replica', title: 'Pipeline' });
    expect((short.slide as unknown as { notes: string }).notes).not.toContain('IN FULL');
  });
});
