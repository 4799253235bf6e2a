/**
 * Tables on a slide. A cell's text wraps in its column, up to a few lines; a row is drawn as
 * high as its tallest cell needs (a viewer grows a row that is too low for its text, and
 * the rows then run over whatever is drawn below the table). A table given a height shows
 * the rows that fit in it, and says the rest in the speaker notes; a cell cut to its lines
 * is in the notes whole.
 */
import type PptxGenJS from 'pptxgenjs';
import { C, cleanCut, FONT, overflow, pt, type Box, type Slide } from './frame';
import { fitText, LINE_SPACING, wrap } from './text-fit';

export type TableRow = PptxGenJS.TableRow;
type Cell = PptxGenJS.TableCell;

/** A cell's text (the deck's cells hold plain text, never nested cells). */
const textOf = (c: Cell): string => (typeof c.text === 'string' ? c.text : '');

/** Lines a table cell may take before its text is cut (at a word, without an ellipsis). */
const CELL_LINES = 3;
/** A cell's margins, in inches: top and bottom, left and right. */
const PAD_Y = 0.03;
const PAD_X = 0.08;
/** Lower than any row can be (a line of the smallest text and the margins is 0.26 in). */
const MIN_ROW_H = 0.2;

/** The whole text of each cell that shows only part of it. */
const fullText = new WeakMap<Cell, string>();

/** A table cell with the deck's fonts; long text wraps in its cell, up to a few lines of `widthIn`. */
export function cell(text: string, widthIn: number, o: { size?: number; bold?: boolean; color?: string; fill?: string; align?: 'left' | 'center' | 'right' } = {}): Cell {
  const size = pt(o.size ?? 12);
  const f = fitText(text, textWidthOf(widthIn), (CELL_LINES * size * LINE_SPACING) / 72, { sizePt: size, minPt: size, bold: o.bold });
  const c: Cell = {
    text: f.truncated ? cleanCut(f.text) : text,
    options: {
      fontFace: FONT,
      fontSize: size,
      bold: o.bold ?? false,
      color: o.color ?? C.ink,
      align: o.align ?? 'left',
      valign: 'middle',
      ...(o.fill ? { fill: { color: o.fill } } : {}),
      margin: [PAD_Y, PAD_X, PAD_Y, PAD_X],
    },
  };
  if (f.truncated) fullText.set(c, text);
  return c;
}

/** The width a cell's text wraps in. */
const textWidthOf = (widthIn: number) => Math.max(0.2, widthIn - 2 * PAD_X);

export function headerRow(labels: string[], widths: number[], aligns: ('left' | 'right' | 'center')[] = []): TableRow {
  return labels.map((l, i) => cell(l, widths[i]!, { size: 12, bold: true, color: C.muted, fill: C.panel, align: aligns[i] ?? 'left' }));
}

/** The height `row` is drawn at: `rowH`, or more when a cell's text wraps to more lines than that holds. */
export function rowHeight(row: TableRow, widths: number[], rowH: number): number {
  let h = rowH;
  row.forEach((c, i) => {
    const size = c.options?.fontSize ?? 12;
    const lines = wrap(textOf(c), textWidthOf(widths[i] ?? 0), size, c.options?.bold ?? false).length;
    h = Math.max(h, (lines * size * LINE_SPACING) / 72 + 2 * PAD_Y);
  });
  return h;
}

/**
 * The row height (`max` at most) at which `rows` fit in `room`, rows whose text wraps taking
 * the lines they need; the least there is when even that does not fit.
 */
export function rowHToFit(rows: TableRow[], widths: number[], max: number, room: number): number {
  const total = (h: number) => rows.reduce((sum, r) => sum + rowHeight(r, widths, h), 0);
  let h = Math.min(max, room / Math.max(1, rows.length));
  while (h > MIN_ROW_H && total(h) > room) h = Math.max(MIN_ROW_H, h - 0.01);
  return h;
}

/** Draws `rows`, each as high as its text needs (at least `rowH`); returns the table's height. */
export function table(slide: Slide, rows: TableRow[], box: { x: number; y: number; w: number }, widths: number[], rowH: number): number {
  const heights = rows.map((r) => rowHeight(r, widths, rowH));
  slide.addTable(rows, {
    x: box.x,
    y: box.y,
    w: box.w,
    colW: widths,
    rowH: heights,
    autoPage: false,
    border: { type: 'solid', color: C.line, pt: 0.75 },
    fontFace: FONT,
  });
  for (const r of rows) for (const c of r) {
    const whole = fullText.get(c);
    if (whole !== undefined) overflow(slide, whole);
  }
  return heights.reduce((a, b) => a + b, 0);
}

/**
 * A header and as many of `rows` (`max` at most) as fit in `box.h` under it, in order;
 * `header` is given how many are shown (to say "3 of 5"). The rows among the first `max`
 * that did not fit are in the speaker notes, each as one line of its cells' whole text.
 * Returns the height drawn and the number of rows shown.
 */
export function fittedTable(
  slide: Slide,
  header: (shown: number) => TableRow,
  rows: TableRow[],
  box: Box,
  widths: number[],
  rowH: number,
  max = Infinity,
): { h: number; shown: number } {
  // The header at its longest ("(n of m)" added) decides the room the rows have.
  let used = rowHeight(header(Math.max(0, Math.min(rows.length, max) - 1)), widths, rowH);
  let n = 0;
  while (n < Math.min(rows.length, max)) {
    const h = rowHeight(rows[n]!, widths, rowH);
    if (used + h > box.h + 1e-9) break;
    used += h;
    n++;
  }
  const h = table(slide, [header(n), ...rows.slice(0, n)], box, widths, rowH);
  // Rows past `max` are left off by design (the header counts them); rows that did not fit are said in the notes.
  for (const r of rows.slice(n, max)) overflow(slide, r.map((c) => fullText.get(c) ?? textOf(c)).filter((t) => t !== '').join(' · '));
  return { h, shown: n };
}

/** Widths scaled so they add up to `total`. */
export function cols(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.round(((w * total) / sum) * 1000) / 1000);
}
