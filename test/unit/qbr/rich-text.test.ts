/**
 * A plan's summary on the JBP slide (export/pptx/frame.ts `richText`): whatever its length —
 * 3,000 emoji, a long paragraph, many paragraphs — what is drawn wraps into the lines its box
 * holds (it drew a long first paragraph whole, over the objectives table), and what is not
 * shown whole is in the speaker notes whole.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { richText, speakerNotes, type Slide } from '../../../src-main/export/pptx/frame';
import { linesThatFit, wrap } from '../../../src-main/export/pptx/text-fit';
import type { QbrTextBlock } from '../../../src-shared/methods/qbr';

function recorder(): { slide: Slide; drawn: { text: string; size: number }[] } {
  const drawn: { text: string; size: number }[] = [];
  const slide = {
    notes: '',
    addNotes(text: string) {
      (this as { notes: string }).notes = text;
    },
    addText(text: string | { text: string; options: { breakLine?: boolean } }[], o: { fontSize: number }) {
      const joined = typeof text === 'string' ? text : text.map((t) => `${t.text}${t.options.breakLine ? '\n' : ''}`).join('');
      drawn.push({ text: joined, size: o.fontSize });
    },
  } as unknown as Slide;
  return { slide, drawn };
}

const para = (text: string): QbrTextBlock => ({ kind: 'text', runs: [{ text, bold: false }] });
const BOX = { x: 0.5, y: 1.2, w: 12.3, h: 0.62 };

function check(blocks: QbrTextBlock[]): { drawn: string; notes: string } {
  const { slide, drawn } = recorder();
  richText(slide, blocks, BOX, { size: 12 });
  speakerNotes(slide, { talkingPoints: [], questions: [], internal: [], source: 'the replica', title: 'Plan' });
  const text = drawn.map((d) => d.text).join('\n');
  const lines = text.split('\n').flatMap((p) => wrap(p, BOX.w, drawn[0]?.size ?? 12));
  expect(lines.length).toBeLessThanOrEqual(linesThatFit(BOX.h, 12));
  return { drawn: text, notes: (slide as unknown as { notes: string }).notes };
}

describe('a plan summary on its slide', () => {
  it('3,000 emoji are cut to the box, and are in the notes whole', () => {
    const emoji = '🚀'.repeat(3000);
    const { drawn, notes } = check([para(emoji)]);
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(emoji.length);
    // Never half an emoji.
    expect(drawn).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(notes).toContain(emoji);
  });

  it('a short first paragraph is whole and a long second one is cut at a word, whole in the notes', () => {
    const long = 'We will co-sell the data platform into mid-market manufacturing accounts across the region. '.repeat(12).trim();
    const { drawn, notes } = check([para('Grow sourced ARR with two new practices.'), para(long)]);
    expect(drawn.startsWith('Grow sourced ARR with two new practices.\n')).toBe(true);
    expect(drawn.length).toBeLessThan(long.length);
    expect(notes).toContain(long);
  });

  it('any blocks at all stay inside the box', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.lorem({ maxCount: 80 }), fc.string({ maxLength: 600 }), fc.constant('😀'.repeat(500))), { maxLength: 5 }), (texts) => {
        check(texts.map(para));
      }),
      { numRuns: 150 },
    );
  });
});
