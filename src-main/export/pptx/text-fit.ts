/**
 * Measuring and fitting text into fixed boxes, so nothing overflows on the slide.
 *
 * Widths come from resources/deck/font-metrics.json: the advance widths of DejaVu Sans,
 * the font LibreOffice substitutes for Arial on machines without it, and wider than Arial
 * itself — text that fits by these metrics fits in PowerPoint too. Fit rules: shrink the
 * font step by step down to a minimum, then cut at a word boundary with an ellipsis.
 *
 * Cost is linear in the text: widths are summed in font units as a line grows (never
 * re-measured from its start), a word wider than a line is cut in one pass over its
 * characters, and a box is only ever given as much text as it could possibly show — every
 * glyph is at least the narrowest one wide, so the rest is dropped before measuring.
 */
import metrics from '../../../resources/deck/font-metrics.json';
import { graphemes } from '../../../src-shared/text';

type Table = Record<string, number>;
const REGULAR = metrics.regular as Table;
const BOLD = metrics.bold as Table;
/** Fallback width for characters outside the table (a wide glyph, to stay safe). */
const FALLBACK = 700;
/**
 * Emoji, CJK ideographs, Hangul and full-width forms: drawn from a fallback font a full em
 * wide or more (an emoji font's glyphs run to about 1.25 em), so they are measured as such.
 */
const WIDE_FALLBACK = 1250;
const isWide = (cp: number) =>
  (cp >= 0x1100 && cp <= 0x115f) ||
  (cp >= 0x2600 && cp <= 0x27bf) ||
  (cp >= 0x2e80 && cp <= 0xa4cf) ||
  (cp >= 0xac00 && cp <= 0xd7a3) ||
  (cp >= 0xf900 && cp <= 0xfaff) ||
  (cp >= 0xfe30 && cp <= 0xfe4f) ||
  (cp >= 0xff00 && cp <= 0xff60) ||
  (cp >= 0xffe0 && cp <= 0xffe6) ||
  (cp >= 0x1f000 && cp <= 0x1faff) ||
  (cp >= 0x20000 && cp <= 0x3fffd);
export const LINE_SPACING = 1.2;

const tableOf = (bold: boolean): Table => (bold ? BOLD : REGULAR);
/** The narrowest advance any character can have (in font units), fallback included. */
const NARROWEST = { regular: Math.min(FALLBACK, ...Object.values(REGULAR)), bold: Math.min(FALLBACK, ...Object.values(BOLD)) };
const unit = (t: Table, ch: string) => t[ch] ?? (isWide(ch.codePointAt(0) ?? 0) ? WIDE_FALLBACK : FALLBACK);

function unitsOf(text: string, t: Table): number {
  let units = 0;
  for (const ch of text) units += unit(t, ch);
  return units;
}

/** Font units (integers, so sums are exact) to inches at `sizePt`. */
const inches = (units: number, sizePt: number) => (units / 1000) * (sizePt / 72);

/** Width of `text` in inches at `sizePt`. */
export function textWidth(text: string, sizePt: number, bold = false): number {
  return inches(unitsOf(text, tableOf(bold)), sizePt);
}

/** More characters than one line of `widthIn` can ever hold at `sizePt` (an upper bound, at least 1). */
export function maxCharsPerLine(widthIn: number, sizePt: number, bold = false): number {
  const narrowest = inches(bold ? NARROWEST.bold : NARROWEST.regular, sizePt);
  return Math.max(1, Math.floor(widthIn / narrowest) + 1);
}

/** `text` cut to at most `max` UTF-16 units, never inside a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const c = text.charCodeAt(max - 1);
  return text.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/** `text` as it is, or cut to `max` characters ending in an ellipsis (for text that is not fitted to a box). */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${clip(text, max - 1)}…`;
}

/** UTF-16 units that hold everything `lines` lines of `widthIn` at `sizePt` could show (see capToLines). */
function capacity(widthIn: number, lines: number, sizePt: number, bold: boolean): number {
  // Each line holds at most maxCharsPerLine characters plus the space it breaks at; keep
  // two lines more, and count two UTF-16 units per character.
  return 2 * (Math.max(1, lines) + 2) * (maxCharsPerLine(widthIn, sizePt, bold) + 1);
}

/**
 * The part of `text` that `lines` lines of `widthIn` at `sizePt` could show, plus enough of
 * what follows that the last of those lines wraps exactly as it would in the whole text.
 * Anything after it can never be on the slide, whatever the text is.
 */
export function capToLines(text: string, widthIn: number, lines: number, sizePt: number, bold = false): string {
  return clip(text, capacity(widthIn, lines, sizePt, bold));
}

/**
 * `text` with each run of whitespace as one space, trimmed, and cut to at most `max` units,
 * reading only as much of `text` as that takes (a little more when it is mostly whitespace).
 */
function squeeze(text: string, max: number): string {
  for (let n = max; ; n *= 4) {
    const part = clip(text, n);
    const clean = part.replace(/\s+/g, ' ').trim();
    if (part.length === text.length || clean.length >= max) return clip(clean, max);
  }
}

/** Greedy word wrap into lines no wider than `widthIn`; a word longer than a line is split. */
export function wrap(text: string, widthIn: number, sizePt: number, bold = false): string[] {
  const t = tableOf(bold);
  const fits = (units: number) => inches(units, sizePt) <= widthIn;
  const space = unit(t, ' ');
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let lineUnits = 0;
    for (let w of para.split(/\s+/)) {
      if (!w) continue;
      let wUnits = unitsOf(w, t);
      if (!fits(wUnits)) {
        // Split an over-long word into pieces that each fill a line (at least one character each).
        if (line) {
          out.push(line);
          line = '';
        }
        let start = 0;
        let end = 0;
        wUnits = 0;
        // By character as a person sees it: a flag or an emoji family is never split in two.
        for (const ch of graphemes(w)) {
          const u = unitsOf(ch, t);
          if (end > start && !fits(wUnits + u)) {
            out.push(w.slice(start, end));
            start = end;
            wUnits = 0;
          }
          wUnits += u;
          end += ch.length;
        }
        w = w.slice(start);
      }
      if (!line) {
        line = w;
        lineUnits = wUnits;
      } else if (fits(lineUnits + space + wUnits)) {
        line = `${line} ${w}`;
        lineUnits += space + wUnits;
      } else {
        out.push(line);
        line = w;
        lineUnits = wUnits;
      }
    }
    out.push(line);
  }
  return out;
}

const TRAILING = /[\s,;:.–-]+$/;

/** Cuts `text` so it fits one line of `widthIn`, ending in an ellipsis when cut. */
export function fitLine(text: string, widthIn: number, sizePt: number, bold = false): string {
  const t = tableOf(bold);
  const fits = (units: number) => inches(units, sizePt) <= widthIn;
  // Text with more characters than a line can hold does not fit: only its start can show.
  const room = 2 * (maxCharsPerLine(widthIn, sizePt, bold) + 1);
  const head = clip(text, room);
  if (head === text && fits(unitsOf(text, t))) return text;
  const space = unit(t, ' ');
  const ellipsis = unit(t, '…');
  let out = '';
  let outUnits = 0;
  let lead = 0;
  while (text.charCodeAt(lead) === 32) lead++;
  for (const w of clip(text.slice(lead), room).split(' ')) {
    const next = out ? outUnits + space + unitsOf(w, t) : unitsOf(w, t);
    if (!fits(next + ellipsis)) break;
    out = out ? `${out} ${w}` : w;
    outUnits = next;
  }
  // Not even one word fits: as many characters as fit before the ellipsis.
  return out ? `${out.replace(TRAILING, '')}…` : cutWithEllipsis(head, widthIn, sizePt, bold);
}

/** The longest start of `text` that fits `widthIn` followed by an ellipsis, cut by characters. */
function cutWithEllipsis(text: string, widthIn: number, sizePt: number, bold: boolean): string {
  const t = tableOf(bold);
  let units = unit(t, '…');
  let end = 0;
  for (const ch of graphemes(text)) {
    units += unitsOf(ch, t);
    if (inches(units, sizePt) > widthIn) break;
    end += ch.length;
  }
  return `${text.slice(0, end).replace(TRAILING, '')}…`;
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
  const t = tableOf(bold);
  const fits = (units: number) => inches(units, sizePt) <= widthIn;
  const space = unit(t, ' ');
  const ellipsis = unit(t, '…');
  const words = line.split(' ');
  const widths = words.map((w) => unitsOf(w, t));
  let n = words.length;
  let units = widths.reduce((a, b) => a + b, 0) + space * (n - 1);
  while (n > 1 && !fits(units + ellipsis)) {
    n--;
    units -= widths[n]! + space;
  }
  const kept = words.slice(0, n).join(' ').replace(TRAILING, '');
  return fits(unitsOf(kept, t) + ellipsis) ? `${kept}…` : cutWithEllipsis(kept, widthIn, sizePt, bold);
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
  const maxLinesAt = (size: number) => Math.min(o.maxLines ?? Infinity, linesThatFit(heightIn, size));
  const size = o.minPt;
  const max = maxLinesAt(size);
  // The most the box shows is `max` lines at the smallest size; text beyond that never fits.
  const clean = squeeze(text, capacity(widthIn, max, size, bold));
  for (let s = o.sizePt; s >= o.minPt; s -= 1) {
    const lines = wrap(clean, widthIn, s, bold);
    if (lines.length <= maxLinesAt(s)) return { text: clean, sizePt: s, lines: lines.length, truncated: false };
  }
  const lines = wrap(clean, widthIn, size, bold).slice(0, max);
  lines[lines.length - 1] = withEllipsis(lines[lines.length - 1]!, widthIn, size, bold);
  return { text: lines.join(' '), sizePt: size, lines: lines.length, truncated: true };
}
