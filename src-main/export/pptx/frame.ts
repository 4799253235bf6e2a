/**
 * The deck template, defined in code from resources/deck/theme.json: 16:9 (13.33 × 7.5 in),
 * a calm palette, one frame for every content slide (title, partner label, footer with
 * source and page number) and the building blocks the slides share. Every piece of text
 * goes through text-fit.ts with an explicit font size and box, so nothing overflows.
 */
import type PptxGenJS from 'pptxgenjs';
import theme from '../../../resources/deck/theme.json';
import type { QbrPack, QbrSection, QbrTextBlock, Tone } from '../../../src-shared/methods/qbr';
import type { Masters } from './masters';
import { capToLines, fitText, linesThatFit, LINE_SPACING, shorten, textWidth, wrap } from './text-fit';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { LIMITS } from '../../../src-shared/domain/rules/text';
import { CALENDAR_YEAR, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { DEFAULT_THEME, type Colors, type DeckTheme } from './theme';

export const T = theme;
export const W = theme.layout.width;
export const H = theme.layout.height;
export const M = theme.layout.margin;

/**
 * The colours and font of the deck being drawn. Slides read them as they draw; `drawWith`
 * sets them for one deck's (synchronous) drawing and puts the previous ones back, so a
 * deck never sees another's look. Values are copied into each shape when it is added.
 */
export const C: Colors = { ...DEFAULT_THEME.colors };
export let FONT: string = DEFAULT_THEME.font;
let active: { theme: DeckTheme; masters: Masters | null; calendar: FiscalCalendar } = { theme: DEFAULT_THEME, masters: null, calendar: CALENDAR_YEAR };

/** The theme of the deck being drawn (chart colours, brand name). */
export const activeTheme = (): DeckTheme => active.theme;

/** A quarter as a chart or table label in the deck being drawn: "Q4 26" (calendar quarters), "Q2 FY27" (a fiscal calendar). */
export const quarterLabel = (q: string): string => quarterText(q, active.calendar, 'short');

/** The same quarter a year before, labelled: "Q4 25". */
export const quarterLabelYearBefore = (q: string): string => quarterLabel(shiftQuarter(q, -4));

/** Draws with `theme`, its `masters` and the book's fiscal `calendar` until the returned function is called. */
export function drawWith(theme: DeckTheme, masters: Masters, calendar: FiscalCalendar = CALENDAR_YEAR): () => void {
  const before = active;
  const set = (a: typeof active) => {
    active = a;
    Object.assign(C, a.theme.colors);
    FONT = a.theme.font;
  };
  set({ theme, masters, calendar });
  return () => set(before);
}

/** A new slide on the title master. */
export function titleFrame(pptx: PptxGenJS): Slide {
  return active.masters ? pptx.addSlide({ masterName: active.masters.title }) : pptx.addSlide();
}

/** The smallest text on a slide: body text, tables, labels and footers are all at least this size. */
export const MIN_PT = 12;
/** `size`, or the smallest size when it is smaller. */
export const pt = (size: number) => Math.max(MIN_PT, size);

/**
 * Text a slide could not hold in full, per slide: it goes to the speaker notes whole, so
 * nothing is lost and the slide never shows a cut-off "…".
 */
const overflowOf = new WeakMap<object, string[]>();
export function overflow(slide: Slide, text: string): void {
  const list = overflowOf.get(slide) ?? [];
  list.push(text);
  overflowOf.set(slide, list);
}

/** What fits of `text` without an ellipsis: the fitted start, cut back to a sentence end when one is near. */
export function cleanCut(fitted: string): string {
  const body = fitted.replace(/…$/, '').replace(/[\s,;:–-]+$/, '');
  const stop = Math.max(body.lastIndexOf('. '), body.lastIndexOf('; '), body.lastIndexOf(': '));
  return stop > body.length * 0.5 ? body.slice(0, stop + 1).trim() : body;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Slide = PptxGenJS.Slide;

export const toneColor = (t: Tone) => (t === 'good' ? C.good : t === 'bad' ? C.bad : C.muted);
export const toneSoft = (t: Tone) => (t === 'good' ? C.goodSoft : t === 'bad' ? C.badSoft : C.panel);

/** A text box whose content is fitted to it: shrink from `size` to `min`; what still does not fit goes to the notes. */
export function fittedText(
  slide: Slide,
  text: string,
  box: Box,
  o: { size: number; min?: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right'; valign?: 'top' | 'middle' | 'bottom'; maxLines?: number; italic?: boolean },
): number {
  const size = pt(o.size);
  const f = fitText(text, box.w, box.h, { sizePt: size, minPt: Math.min(size, pt(o.min ?? o.size)), bold: o.bold, maxLines: o.maxLines });
  if (f.truncated) overflow(slide, text);
  slide.addText(f.truncated ? cleanCut(f.text) : f.text, {
    x: box.x,
    y: box.y,
    w: box.w,
    h: box.h,
    fontFace: FONT,
    fontSize: f.sizePt,
    bold: o.bold ?? false,
    italic: o.italic ?? false,
    color: o.color ?? C.ink,
    align: o.align ?? 'left',
    valign: o.valign ?? 'top',
    margin: 0,
    wrap: true,
    fit: 'none',
    // Single spacing: the fonts' own line height (≈1.15–1.17 em) stays under the 1.2 em measured.
    lineSpacingMultiple: 1,
    paraSpaceBefore: 0,
    paraSpaceAfter: 0,
  });
  return f.sizePt;
}

/** `box`, at least one line of `sizePt` high. */
const oneLine = (box: Box, sizePt: number): Box => ({ ...box, h: Math.max(box.h, (sizePt * LINE_SPACING) / 72) });

/** One line: shrunk (not below the minimum) to fit; what still does not fit goes to the notes. */
export function lineText(
  slide: Slide,
  text: string,
  box: Box,
  o: { size: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right'; valign?: 'top' | 'middle' | 'bottom' },
): void {
  const size = pt(o.size);
  fittedText(slide, text, oneLine(box, size), {
    size,
    min: Math.max(MIN_PT, Math.round(size * 0.75)),
    bold: o.bold,
    color: o.color,
    align: o.align,
    valign: o.valign ?? 'middle',
    maxLines: 1,
  });
}

/**
 * A bulleted list fitted to a box: the largest size (down to `min`) at which every item
 * wraps within the height; at `min`, items that do not fit are dropped and the last
 * shown line says how many more there are.
 */
export function bullets(
  slide: Slide,
  items: { text: string; color?: string; bold?: boolean }[],
  box: Box,
  o: { size: number; min: number; color?: string; gap?: number; numbered?: boolean },
): void {
  if (items.length === 0) return;
  // Numbered: the number is part of the text (viewers draw auto-numbering with uneven spacing).
  if (o.numbered) items = items.map((it, i) => ({ ...it, text: `${i + 1}.  ${it.text}` }));
  const indent = 0.22;
  const gap = o.gap ?? 0.35; // extra space between items, in lines
  // Every item takes at least a line, so no more than a box of lines at `min` can show, and
  // none of them longer than that box holds: measure only what could be on the slide.
  const room = linesThatFit(box.h, o.min);
  const measured = items.slice(0, room + 1).map((it) => capToLines(it.text, box.w - indent, room, o.min, it.bold));
  const heights = new Map<number, number[]>();
  const linesAt = (size: number) => {
    let h = heights.get(size);
    if (!h) heights.set(size, (h = measured.map((t, i) => wrap(t, box.w - indent, size, items[i]!.bold).length)));
    return h;
  };
  // Lines the first `n` items take at `size`, gaps included; every item when `n` is omitted.
  const heightOf = (size: number, n?: number) => {
    if (n === undefined && items.length > measured.length) return Infinity;
    const h = linesAt(size).slice(0, n);
    return h.reduce((a, b) => a + b, 0) + gap * (h.length - 1);
  };
  const min = pt(o.min);
  let size = Math.max(min, pt(o.size));
  while (size > min && heightOf(size) > linesThatFit(box.h, size)) size--;
  let shown = items;
  if (heightOf(size) > linesThatFit(box.h, size)) {
    const maxLines = linesThatFit(box.h, size);
    let n = 0;
    while (n < measured.length && heightOf(size, n + 1) <= maxLines) n++;
    shown = items.slice(0, n);
    if (shown.length === 0) {
      const first = items[0]!;
      const f = fitText(first.text, box.w - indent, box.h, { sizePt: size, minPt: size, bold: first.bold });
      shown = [{ ...first, text: f.truncated ? cleanCut(f.text) : f.text }];
      if (f.truncated) overflow(slide, first.text);
    }
    // What the box cannot hold is said in full in the speaker notes.
    for (const it of items.slice(Math.max(1, n))) overflow(slide, it.text);
  }
  slide.addText(
    shown.map((it, i) => ({
      text: it.text,
      options: {
        bullet: o.numbered ? false : { indent: indent * 72 },
        color: it.color ?? o.color ?? C.ink,
        bold: it.bold ?? false,
        breakLine: i < shown.length - 1,
        paraSpaceAfter: i < shown.length - 1 ? size * LINE_SPACING * gap : 0,
      },
    })),
    {
      ...box,
      fontFace: FONT,
      fontSize: size,
      valign: 'top',
      margin: 0,
      wrap: true,
      fit: 'none',
      lineSpacingMultiple: 1,
    },
  );
}

/**
 * Formatted paragraphs (rendered Markdown) fitted to a box at `size`: whole paragraphs while
 * they fit; the rest goes to the speaker notes. Headings and bold are runs, never marks.
 * Returns the height the text takes in the box (0 when there is none), so what follows can
 * be drawn right under it.
 */
export function richText(slide: Slide, blocks: readonly QbrTextBlock[], box: Box, o: { size: number; color?: string }): number {
  const size = pt(o.size);
  const room = linesThatFit(box.h, size);
  const plain = (b: QbrTextBlock) => `${b.kind === 'bullet' ? '• ' : ''}${b.runs.map((r) => r.text).join('')}`;
  // The lines a whole block takes; more than the box holds when it is longer than that (read only as far as it must be).
  const linesOf = (text: string) => {
    const capped = capToLines(text, box.w, room + 1, size);
    return capped.length < text.length ? room + 1 : wrap(text, box.w, size).length;
  };
  let used = 0;
  let n = 0;
  for (const b of blocks) {
    const lines = linesOf(plain(b));
    if (used + lines > room) break;
    used += lines;
    n++;
  }
  const shown = blocks.slice(0, n);
  // The first block that does not fit whole is shown cut into the lines left (at a word or
  // sentence), never drawn past the box; it and every block after it are in the notes whole.
  let cut: string | null = null;
  if (n < blocks.length) {
    const left = room - used;
    used = room;
    if (left >= 1) {
      const f = fitText(plain(blocks[n]!), box.w, ((left + 0.5) * size * LINE_SPACING) / 72, { sizePt: size, minPt: size, maxLines: left });
      cut = f.truncated ? cleanCut(f.text) : f.text;
    }
    for (const b of blocks.slice(n)) overflow(slide, plain(b));
  }
  const runs: PptxGenJS.TextProps[] = [];
  shown.forEach((b, i) => {
    b.runs.forEach((r, j) => {
      const last = j === b.runs.length - 1;
      runs.push({
        text: j === 0 && b.kind === 'bullet' ? `• ${r.text}` : r.text,
        options: { bold: r.bold || b.kind === 'heading', color: o.color ?? C.ink, breakLine: last && (i < shown.length - 1 || cut !== null) },
      });
    });
  });
  if (cut) runs.push({ text: cut, options: { color: o.color ?? C.ink } });
  if (!runs.length) return 0;
  const h = Math.min(box.h, (used * size * LINE_SPACING) / 72);
  slide.addText(runs, { ...box, h, fontFace: FONT, fontSize: size, valign: 'top', margin: 0, wrap: true, fit: 'none', lineSpacingMultiple: 1 });
  return h;
}

export function panel(slide: Slide, box: Box, fill: string = C.panel): void {
  slide.addShape('rect', { ...box, fill: { color: fill }, line: { color: fill, width: 0 } });
}

/**
 * `text` less as many of its last clauses (after " · " or ", ") as it takes for `fits`; the
 * whole text when even its first clause does not fit (the caller then cuts it as any text).
 */
function dropClauses(text: string, fits: (t: string) => boolean): string {
  let shown = text;
  while (!fits(shown)) {
    const cut = Math.max(shown.lastIndexOf(' · '), shown.lastIndexOf(', '));
    if (cut <= 0) return text;
    shown = shown.slice(0, cut);
  }
  return shown;
}

/**
 * A list of parts ("$767k sourced · $615k co-sell & marketplace") fitted to a box without
 * shrinking: whole parts are left off its end rather than a part cut mid-phrase, and the
 * whole text goes to the speaker notes.
 */
export function fittedClauses(
  slide: Slide,
  text: string,
  box: Box,
  o: { size: number; bold?: boolean; color?: string; maxLines: number; valign?: 'top' | 'middle' | 'bottom'; notes?: string },
): void {
  const size = pt(o.size);
  const fits = (t: string) => !fitText(t, box.w, box.h, { sizePt: size, minPt: size, bold: o.bold, maxLines: o.maxLines }).truncated;
  const shown = dropClauses(text, fits);
  if (shown !== text) overflow(slide, o.notes ?? text);
  fittedText(slide, shown, box, { size, min: size, bold: o.bold, color: o.color, maxLines: o.maxLines, valign: o.valign });
}

/**
 * A small uppercase label above a block, on one line at the deck's smallest size. One too
 * long for its box drops whole clauses from its end rather than stopping mid-phrase; the
 * whole label goes to the speaker notes.
 */
export function label(slide: Slide, text: string, box: Box, color: string = C.accent): void {
  fittedClauses(slide, text.toUpperCase(), oneLine(box, 12), {
    size: 12,
    bold: true,
    color,
    maxLines: 1,
    valign: 'middle',
    notes: text, // as written, not in capitals
  });
}

/** What a slide shows when its section has no data: the honest reason, in a calm panel. */
export function messagePanel(slide: Slide, message: string, area: Box, heading = 'Not available'): void {
  const box = { ...area, h: Math.min(area.h, 2.2) };
  panel(slide, box, C.panel);
  label(slide, heading, { x: box.x + 0.3, y: box.y + 0.3, w: box.w - 0.6, h: 0.3 }, C.muted);
  fittedText(slide, message, { x: box.x + 0.3, y: box.y + 0.7, w: box.w - 0.6, h: box.h - 1.0 }, { size: 18, min: 12, color: C.muted });
}

export interface Frame {
  slide: Slide;
  /** The content area below the title, above the footer (and above the commentary callout, if any). */
  body: Box;
}

/** A content slide: title, partner label, divider, page number; the CAM's commentary for the slide, if any, as a callout at the bottom. */
export function frame(pptx: PptxGenJS, pack: QbrPack, section: QbrSection, page: number, total: number): Frame {
  // The content master draws the accent bar, the divider and the logo.
  const masters = active.masters;
  const slide = masters ? pptx.addSlide({ masterName: masters.content }) : pptx.addSlide();
  const titleW = 8.4;
  fittedText(slide, section.title, { x: M, y: 0.38, w: titleW, h: 0.55 }, { size: T.font.title, min: 20, bold: true, maxLines: 1 });
  const who = `${pack.partner.name} · ${quarterText(pack.quarter, pack.calendar)}`;
  fittedText(slide, who, { x: M + titleW + 0.2, y: 0.38, w: W - 2 * M - titleW - 0.2, h: 0.55 }, { size: 12, color: C.muted, align: 'right', valign: 'middle', maxLines: 2 });
  // The content master draws the divider; the page number keeps clear of its logo.
  const pageRight = masters?.contentLogo ? masters.contentLogo.x - 0.15 : W - M;
  lineText(slide, `${page} / ${total}`, { x: pageRight - 1.2, y: H - 0.45, w: 1.2, h: 0.3 }, { size: 12, color: C.faint, align: 'right' });

  let body: Box = { x: M, y: 1.3, w: W - 2 * M, h: H - 0.55 - 1.3 - 0.05 };
  const notes = section.commentary;
  if (notes.length > 0) {
    const h = 1.05;
    const box: Box = { x: M, y: body.y + body.h - h, w: body.w, h };
    panel(slide, box, C.accentSoft);
    slide.addShape('rect', { x: box.x, y: box.y, w: 0.07, h: box.h, fill: { color: C.accent }, line: { color: C.accent, width: 0 } });
    label(slide, [...new Set(notes.map((n) => n.heading))].join(' · '), { x: box.x + 0.25, y: box.y + 0.08, w: box.w - 0.5, h: 0.28 });
    fittedText(slide, notes.map((n) => n.text).join('  ·  '), { x: box.x + 0.25, y: box.y + 0.4, w: box.w - 0.5, h: box.h - 0.48 }, {
      size: 14,
      min: 12,
      color: C.ink,
    });
    body = { ...body, h: body.h - h - 0.15 };
  }
  return { slide, body };
}

const MAX_NOTE_POINTS = 40;
const MAX_NOTE_CHARS = 2000;
/** Text the slide shortened is in the notes whole: up to the longest text a user can type (UTF-16 units: two a character at most). */
const FULL_NOTE_CHARS = 2 * Math.max(...Object.values(LIMITS));
/** All the texts a slide shortened, together: the longest one and a slide's worth of table cells and notes besides. */
const FULL_NOTES_CHARS = FULL_NOTE_CHARS + 20_000;

/** `texts`, each at most FULL_NOTE_CHARS and all together at most FULL_NOTES_CHARS (a replica can hold more than anyone types). */
function inFull(texts: string[]): string[] {
  let left = FULL_NOTES_CHARS;
  const out: string[] = [];
  for (const t of texts) {
    if (left <= 0) break;
    const s = shorten(t, Math.min(FULL_NOTE_CHARS, left));
    out.push(s);
    left -= s.length;
  }
  return out;
}

/**
 * The speaker notes of a slide: what to say, what to ask, the internal context (never on
 * the slide) and the source of the figures; then, whole, any text the slide could not hold.
 * Call after the slide is drawn. Notes are not fitted to a box, but a point is cut to what a
 * presenter reads and there are no more than a page or two of them, whatever the replica holds.
 */
export function speakerNotes(slide: Slide, section: Pick<QbrSection, 'talkingPoints' | 'questions' | 'internal' | 'source' | 'title'>): void {
  const part = (head: string, points: string[], max = MAX_NOTE_CHARS) => (points.length ? [head, ...points.slice(0, MAX_NOTE_POINTS).map((t) => `• ${shorten(t, max)}`)] : []);
  const cut = overflowOf.get(slide) ?? [];
  const lines = [
    ...part('SAY', section.talkingPoints),
    ...part('ASK', section.questions),
    ...part('INTERNAL — not for the partner', [...section.internal, `Source: ${section.source}`]),
    ...part('IN FULL (shortened on the slide)', inFull(cut), FULL_NOTE_CHARS),
  ];
  slide.addNotes(lines.length ? lines.join('\n') : shorten(section.title, MAX_NOTE_CHARS));
}

export { textWidth };
