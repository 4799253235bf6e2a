/**
 * The deck's slide masters (pptxgenjs writes each as a slide layout of the one slide
 * master): a title master (primary background, logo or initials, company line) and a
 * content master (accent bar, divider, logo top right). Every slide is made on one of
 * them, so a deck edited in PowerPoint carries the company's masters, named for it.
 */
import type PptxGenJS from 'pptxgenjs';
import { fitImage } from '../../../src-shared/domain/branding';
import { fitLine, fitText, LINE_SPACING, wrap } from './text-fit';
import type { DeckTheme } from './theme';

export interface Masters {
  title: string;
  content: string;
  /** The logo's box on content slides (the page number keeps clear of it), or null. */
  contentLogo: { x: number; y: number; w: number; h: number } | null;
}

interface Layout {
  width: number;
  height: number;
  margin: number;
}

/** Characters pptxgenjs would write unescaped into the layout's name attribute are left out. */
const safeName = (s: string) => s.replace(/[&<>"']/g, '').replace(/\s+/g, ' ').trim() || 'Deck';

/** The content slides' logo: at most 1.2 × 0.32 in, bottom right, centred on the footer line. */
export const CONTENT_LOGO = { maxW: 1.2, maxH: 0.32, fromBottom: 0.295 };
/** The title slide's logo, on a white plate so any logo reads on the primary colour. */
const TITLE_LOGO = { maxW: 2.4, maxH: 0.42, pad: 0.1, plateH: 0.62, y: 0.55 };

export function defineMasters(pptx: PptxGenJS, t: DeckTheme, l: Layout): Masters {
  const C = t.colors;
  const M = l.margin;
  const names = { title: `${safeName(t.name)} · Title`, content: `${safeName(t.name)} · Content` };

  // Title: the logo on a white plate, or the initials in a white square; the company line beside it.
  const title: PptxGenJS.SlideMasterProps['objects'] = [];
  let plateW = TITLE_LOGO.plateH;
  if (t.logo) {
    const size = fitImage(t.logo, TITLE_LOGO.maxW, TITLE_LOGO.maxH);
    plateW = size.w + 2 * TITLE_LOGO.pad;
    title.push(plate(M, TITLE_LOGO.y, plateW, TITLE_LOGO.plateH, '', t));
    title.push({ image: { x: M + TITLE_LOGO.pad, y: TITLE_LOGO.y + (TITLE_LOGO.plateH - size.h) / 2, ...size, data: t.logo.data } });
  } else title.push(plate(M, TITLE_LOGO.y, plateW, TITLE_LOGO.plateH, t.mark, t));
  const lineX = M + plateW + 0.18;
  const line = companyLine(t.name, t.tagline, l.width - lineX - M);
  const lineH = Math.max(0.4, (line.lines * line.size * LINE_SPACING) / 72 + 0.1);
  title.push({
    text: {
      text: line.text,
      // Centred on the plate, one line or two.
      options: { x: lineX, y: 0.86 - lineH / 2, w: l.width - lineX - M, h: lineH, fontFace: t.font, fontSize: line.size, color: C.titleMuted, margin: 0, valign: 'middle', wrap: false, lineSpacingMultiple: 1 },
    },
  });
  pptx.defineSlideMaster({ title: names.title, background: { color: C.titleBg }, objects: title });

  // Content: the accent bar down the left edge, the divider under the title, the logo bottom right.
  const content: PptxGenJS.SlideMasterProps['objects'] = [
    { rect: { x: 0, y: 0, w: 0.14, h: l.height, fill: { color: C.accent }, line: { color: C.accent, width: 0 } } },
    { line: { x: M, y: 1.08, w: l.width - 2 * M, h: 0, line: { color: C.line, width: 1 } } },
  ];
  let contentLogo: Masters['contentLogo'] = null;
  if (t.logo) {
    const size = fitImage(t.logo, CONTENT_LOGO.maxW, CONTENT_LOGO.maxH);
    contentLogo = { x: l.width - M - size.w, y: l.height - CONTENT_LOGO.fromBottom - size.h / 2, ...size };
    content.push({ image: { ...contentLogo, data: t.logo.data } });
  }
  pptx.defineSlideMaster({ title: names.content, background: { color: C.white }, objects: content });
  return { ...names, contentLogo };
}

/**
 * The title slide's company line: the name and the tagline at 12 pt; the name alone when both
 * do not fit; then the name on two lines, broken at a word; only then a point or three
 * smaller. Any name the settings allow (60 characters, even of wide letters) is shown whole
 * at the deck's smallest size (12 pt); only a longer one would be cut. Lines are separated by
 * "\n", so every viewer breaks where it was measured.
 */
export function companyLine(name: string, tagline: string, widthIn: number): { text: string; size: number; lines: number } {
  const withTagline = `${name} · ${tagline}`;
  if (fitLine(withTagline, widthIn, 12) === withTagline) return { text: withTagline, size: 12, lines: 1 };
  for (const size of [12, 11, 10, 9]) {
    if (fitLine(name, widthIn, size) === name) return { text: name, size, lines: 1 };
    const lines = wrap(name, widthIn, size);
    if (lines.length <= 2) return { text: lines.join('\n'), size, lines: lines.length };
  }
  const f = fitText(name, widthIn, (2 * 9 * LINE_SPACING) / 72, { sizePt: 9, minPt: 9, maxLines: 2 });
  return { text: wrap(f.text, widthIn, 9).slice(0, 2).join('\n'), size: 9, lines: 2 };
}

/** A white rounded square (or plate) with `text` in the primary colour. */
function plate(x: number, y: number, w: number, h: number, text: string, t: DeckTheme): NonNullable<PptxGenJS.SlideMasterProps['objects']>[number] {
  return {
    text: {
      text,
      options: {
        x,
        y,
        w,
        h,
        shape: 'roundRect' as PptxGenJS.ShapeType,
        rectRadius: 0.12,
        fill: { color: t.colors.white },
        line: { color: t.colors.white, width: 0 },
        fontFace: t.font,
        fontSize: 16,
        bold: true,
        color: t.colors.titleBg,
        align: 'center',
        valign: 'middle',
        margin: 0,
      },
    },
  };
}
