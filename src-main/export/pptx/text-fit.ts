/**
 * Measuring and fitting text into fixed boxes, so nothing overflows on the slide.
 *
 * Widths come from resources/deck/font-metrics.json: the advance widths of DejaVu Sans,
 * the font LibreOffice substitutes for Arial on machines without it, and wider than Arial
 * itself — text that fits by these metrics fits in PowerPoint too. Fit rules: shrink the
 * font step by step down to a minimum, then cut at a word boundary with an ellipsis.
 */
import metrics from '../../../resources/deck/font-metrics.json';

const REGULAR = metrics.regular as Record<string, number>;
const BOLD = metrics.bold as Record<string, number>;
/** Fallback width for characters outside the table (a wide glyph, to stay safe). */
const FALLBACK = 700;
export const LINE_SPACING = 1.2;

/** Width of `text` in inches at `sizePt`. */
export function textWidth(text: string, sizePt: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += table[ch] ?? FALLBACK;
  return (units / 1000) * (sizePt / 72);
}

/** Greedy word wrap into lines no wider than `widthIn`; a word longer than a line is split. */
export function wrap(text: string, widthIn: number, sizePt: number, bold = false): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    const words = para.split(/\s+/).filter(Boolean);
    let line = '';
    for (let w of words) {
      while (textWidth(w, sizePt, bold) > widthIn) {
        // Split an over-long word at the last character that fits.
        let cut = w.length - 1;
        while (cut > 1 && textWidth(w.slice(0, cut), sizePt, bold) > widthIn) cut--;
        if (line) {
          out.push(line);
          line = '';
        }
        out.push(w.slice(0, cut));
        w = w.slice(cut);
      }
      const candidate = line ? `${line} ${w}` : w;
      if (textWidth(candidate, sizePt, bold) <= widthIn) line = candidate;
      else {
        out.push(line);
        line = w;
      }
    }
    out.push(line);
  }
  return out;
}

/** Cuts `text` so it fits one line of `widthIn`, ending in an ellipsis when cut. */
export function fitLine(text: string, widthIn: number, sizePt: number, bold = false): string {
  if (textWidth(text, sizePt, bold) <= widthIn) return text;
  const words = text.split(' ');
  let out = '';
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (textWidth(`${next}…`, sizePt, bold) > widthIn) break;
    out = next;
  }
  if (!out) {
    // Not even one word fits: cut characters.
    let cut = text.length;
    while (cut > 0 && textWidth(`${text.slice(0, cut)}…`, sizePt, bold) > widthIn) cut--;
    out = text.slice(0, cut);
  }
  return `${out.replace(/[\s,;:.–-]+$/, '')}…`;
}

export interface Fitted {
  text: string;
  sizePt: number;
  lines: number;
  truncated: boolean;
}

export interface FitOptions {
  sizePt: number;
  minPt: number;
  bold?: boolean;
  maxLines?: number;
}

/** Lines of `sizePt` text that fit in `heightIn`. */
export function linesThatFit(heightIn: number, sizePt: number): number {
  return Math.max(1, Math.floor((heightIn * 72) / (sizePt * LINE_SPACING)));
}

/** `line` shortened (by words) so that `line…` fits in `widthIn`. */
function withEllipsis(line: string, widthIn: number, sizePt: number, bold: boolean): string {
  let words = line.split(' ');
  while (words.length > 1 && textWidth(`${words.join(' ')}…`, sizePt, bold) > widthIn) words = words.slice(0, -1);
  const kept = words.join(' ').replace(/[\s,;:.–-]+$/, '');
  return textWidth(`${kept}…`, sizePt, bold) <= widthIn ? `${kept}…` : fitLine(kept, widthIn, sizePt, bold);
}

/**
 * Fits `text` in a box of `widthIn` × `heightIn` (the text area, insets excluded): the
 * largest size from `sizePt` down to `minPt` at which it wraps into the box; at `minPt`
 * it is cut to the lines that fit, with an ellipsis. The returned text is not hard-wrapped
 * (the deck stays editable); it wraps into at most `lines` lines in any font no wider than
 * the measuring font.
 */
export function fitText(text: string, widthIn: number, heightIn: number, o: FitOptions): Fitted {
  const bold = o.bold ?? false;
  const clean = text.replace(/\s+/g, ' ').trim();
  for (let size = o.sizePt; size >= o.minPt; size -= 1) {
    const max = Math.min(o.maxLines ?? Infinity, linesThatFit(heightIn, size));
    const lines = wrap(clean, widthIn, size, bold);
    if (lines.length <= max) return { text: clean, sizePt: size, lines: lines.length, truncated: false };
  }
  const size = o.minPt;
  const max = Math.min(o.maxLines ?? Infinity, linesThatFit(heightIn, size));
  const lines = wrap(clean, widthIn, size, bold).slice(0, max);
  lines[lines.length - 1] = withEllipsis(lines[lines.length - 1]!, widthIn, size, bold);
  return { text: lines.join(' '), sizePt: size, lines: lines.length, truncated: true };
}
