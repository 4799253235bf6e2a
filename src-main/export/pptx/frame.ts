/**
 * The deck template, defined in code from resources/deck/theme.json: 16:9 (13.33 × 7.5 in),
 * a calm palette, one frame for every content slide (title, partner label, footer with
 * source and page number) and the building blocks the slides share. Every piece of text
 * goes through text-fit.ts with an explicit font size and box, so nothing overflows.
 */
import type PptxGenJS from 'pptxgenjs';
import theme from '../../../resources/deck/theme.json';
import type { QbrNoteView, QbrPack, QbrSection, Tone } from '../../../src-shared/methods/qbr';
import type { Masters } from './masters';
import { capToLines, fitLine, fitText, linesThatFit, LINE_SPACING, shorten, textWidth, wrap } from './text-fit';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
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
let active: { theme: DeckTheme; masters: Masters | null } = { theme: DEFAULT_THEME, masters: null };

/** The theme of the deck being drawn (chart colours, brand name). */
export const activeTheme = (): DeckTheme => active.theme;

/** Draws with `theme` and its `masters` until the returned function is called. */
export function drawWith(theme: DeckTheme, masters: Masters): () => void {
  const before = active;
  const set = (a: typeof active) => {
    active = a;
    Object.assign(C, a.theme.colors);
    FONT = a.theme.font;
  };
  set({ theme, masters });
  return () => set(before);
}

/** A new slide on the title master. */
export function titleFrame(pptx: PptxGenJS): Slide {
  return active.masters ? pptx.addSlide({ masterName: active.masters.title }) : pptx.addSlide();
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Slide = PptxGenJS.Slide;
export type TableRow = PptxGenJS.TableRow;

export const toneColor = (t: Tone) => (t === 'good' ? C.good : t === 'bad' ? C.bad : C.muted);
export const toneSoft = (t: Tone) => (t === 'good' ? C.goodSoft : t === 'bad' ? C.badSoft : C.panel);

/** A text box whose content is fitted to it: shrink from `size` to `min`, then cut with an ellipsis. */
export function fittedText(
  slide: Slide,
  text: string,
  box: Box,
  o: { size: number; min?: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right'; valign?: 'top' | 'middle' | 'bottom'; maxLines?: number; italic?: boolean },
): number {
  const f = fitText(text, box.w, box.h, { sizePt: o.size, minPt: o.min ?? o.size, bold: o.bold, maxLines: o.maxLines });
  slide.addText(f.text, {
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

/** One line, cut with an ellipsis when too long. */
export function lineText(
  slide: Slide,
  text: string,
  box: Box,
  o: { size: number; bold?: boolean; color?: string; align?: 'left' | 'center' | 'right'; valign?: 'top' | 'middle' | 'bottom' },
): void {
  slide.addText(fitLine(text, box.w, o.size, o.bold), {
    ...box,
    fontFace: FONT,
    fontSize: o.size,
    bold: o.bold ?? false,
    color: o.color ?? C.ink,
    align: o.align ?? 'left',
    valign: o.valign ?? 'middle',
    margin: 0,
    wrap: false,
    fit: 'none',
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
  o: { size: number; min: number; color?: string; gap?: number },
): void {
  if (items.length === 0) return;
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
  let size = o.size;
  while (size > o.min && heightOf(size) > linesThatFit(box.h, size)) size--;
  let shown = items;
  if (heightOf(size) > linesThatFit(box.h, size)) {
    const maxLines = linesThatFit(box.h, size);
    let n = 0;
    while (n < measured.length) {
      const rest = items.length - n - 1;
      const need = heightOf(size, n + 1) + (rest > 0 ? 1 + gap : 0);
      if (need > maxLines) break;
      n++;
    }
    shown = items.slice(0, n);
    const more = items.length - shown.length;
    if (shown.length === 0) {
      const first = items[0]!;
      shown = [{ ...first, text: fitText(first.text, box.w - indent, box.h, { sizePt: size, minPt: size, bold: first.bold }).text }];
    } else if (more > 0) shown = [...shown, { text: `+${more} more in the app`, color: C.faint }];
  }
  slide.addText(
    shown.map((it, i) => ({
      text: it.text,
      options: {
        bullet: { indent: indent * 72 },
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

export function panel(slide: Slide, box: Box, fill: string = C.panel): void {
  slide.addShape('rect', { ...box, fill: { color: fill }, line: { color: fill, width: 0 } });
}

/** A small uppercase label above a block. */
export function label(slide: Slide, text: string, box: Box, color: string = C.accent): void {
  lineText(slide, text.toUpperCase(), box, { size: 10, bold: true, color });
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

export function commentaryOf(pack: QbrPack, key: string): QbrNoteView[] {
  return pack.notes.filter((n) => n.kind === 'commentary' && n.section === key);
}

/** A content slide: title, partner label, divider, footer; the CAM's commentary, if any, as a callout at the bottom. */
export function frame(pptx: PptxGenJS, pack: QbrPack, section: QbrSection, page: number, total: number): Frame {
  // The content master draws the accent bar, the divider and the logo.
  const masters = active.masters;
  const slide = masters ? pptx.addSlide({ masterName: masters.content }) : pptx.addSlide();
  const titleW = 8.4;
  fittedText(slide, section.title, { x: M, y: 0.38, w: titleW, h: 0.55 }, { size: T.font.title, min: 20, bold: true, maxLines: 1 });
  const who = `${pack.partner.name} · ${quarterText(pack.quarter, pack.calendar)}`;
  lineText(slide, who, { x: M + titleW + 0.2, y: 0.45, w: W - 2 * M - titleW - 0.2, h: 0.4 }, { size: 11, color: C.muted, align: 'right' });
  lineText(slide, `Source: ${section.source}`, { x: M, y: H - 0.42, w: 9.5, h: 0.25 }, { size: 9, color: C.faint });
  const pageRight = masters?.contentLogo ? masters.contentLogo.x - 0.15 : W - M;
  lineText(slide, `${page} / ${total}`, { x: pageRight - 1.2, y: H - 0.42, w: 1.2, h: 0.25 }, { size: 9, color: C.faint, align: 'right' });

  let body: Box = { x: M, y: 1.3, w: W - 2 * M, h: H - 0.55 - 1.3 - 0.05 };
  // Next steps shows its commentary as the asks; elsewhere it is a callout.
  const notes = section.key === 'next_steps' ? [] : commentaryOf(pack, section.key);
  if (notes.length > 0) {
    const h = 0.95;
    const box: Box = { x: M, y: body.y + body.h - h, w: body.w, h };
    panel(slide, box, C.accentSoft);
    slide.addShape('rect', { x: box.x, y: box.y, w: 0.07, h: box.h, fill: { color: C.accent }, line: { color: C.accent, width: 0 } });
    label(slide, 'CAM commentary', { x: box.x + 0.25, y: box.y + 0.1, w: 3, h: 0.22 });
    fittedText(slide, notes.map((n) => n.body).join('  ·  '), { x: box.x + 0.25, y: box.y + 0.36, w: box.w - 0.5, h: box.h - 0.46 }, {
      size: 13,
      min: 9,
      color: C.ink,
    });
    body = { ...body, h: body.h - h - 0.15 };
  }
  speakerNotes(slide, section.talkingPoints, section.title);
  return { slide, body };
}

const MAX_NOTE_POINTS = 30;
const MAX_NOTE_CHARS = 2000;

/**
 * The talking points as the slide's speaker notes, one bullet each. Notes are not fitted to
 * a box, but a point is cut to what a presenter reads (the longest note the app lets a CAM
 * write) and there are no more than a page of them, whatever the replica holds.
 */
export function speakerNotes(slide: Slide, points: string[], fallback: string): void {
  const shown = points.slice(0, MAX_NOTE_POINTS).map((t) => `• ${shorten(t, MAX_NOTE_CHARS)}`);
  if (points.length > shown.length) shown.push(`• +${points.length - shown.length} more in the app`);
  slide.addNotes(shown.length ? shown.join('\n') : shorten(fallback, MAX_NOTE_CHARS));
}

/** A table cell with the deck's fonts; text cut to one line of `widthIn`. */
export function cell(
  text: string,
  widthIn: number,
  o: { size?: number; bold?: boolean; color?: string; fill?: string; align?: 'left' | 'center' | 'right' } = {},
): PptxGenJS.TableCell {
  const size = o.size ?? 11;
  return {
    text: fitLine(text, widthIn - 0.16, size, o.bold),
    options: {
      fontFace: FONT,
      fontSize: size,
      bold: o.bold ?? false,
      color: o.color ?? C.ink,
      align: o.align ?? 'left',
      valign: 'middle',
      ...(o.fill ? { fill: { color: o.fill } } : {}),
      margin: [0.03, 0.08, 0.03, 0.08],
    },
  };
}

export function headerRow(labels: string[], widths: number[], aligns: ('left' | 'right' | 'center')[] = []): TableRow {
  return labels.map((l, i) => cell(l, widths[i]!, { size: 10, bold: true, color: C.muted, fill: C.panel, align: aligns[i] ?? 'left' }));
}

export function table(slide: Slide, rows: TableRow[], box: { x: number; y: number; w: number }, widths: number[], rowH: number): void {
  slide.addTable(rows, {
    x: box.x,
    y: box.y,
    w: box.w,
    colW: widths,
    rowH,
    autoPage: false,
    border: { type: 'solid', color: C.line, pt: 0.75 },
    fontFace: FONT,
  });
}

/** Widths scaled so they add up to `total`. */
export function cols(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round(((w * total) / sum) * 1000) / 1000);
}

export { textWidth };
