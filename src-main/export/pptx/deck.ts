/**
 * A QBR pack as an editable PowerPoint deck: one slide per section, native charts and
 * tables, speaker notes with the talking points. `buildDeck` returns the .pptx bytes.
 */
import PptxGenJS from 'pptxgenjs';
import type { Branding } from '../../../src-shared/methods/branding';
import type { QbrPack, SectionDataMap } from '../../../src-shared/methods/qbr';
import { drawWith, frame, messagePanel, speakerNotes, T } from './frame';
import { defineMasters } from './masters';
import { appendixSlides } from './slides-appendix';
import { deckTheme } from './theme';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { writerOf } from './slides/registry';

export interface Deck {
  bytes: Buffer;
  slides: number;
}

/** The deck for `pack`, in the company's look (`branding`; the Partnerbook look without one). */
export async function buildDeck(pack: QbrPack, branding?: Branding): Promise<Deck> {
  const theme = deckTheme(branding);
  const pptx = new PptxGenJS();
  pptx.layout = T.layout.name;
  pptx.author = pack.partner.owner_name;
  // pptxgenjs 4.0.1 writes Company into docProps/app.xml as it is (a bare "&" would break the file).
  pptx.company = theme.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  pptx.title = `${pack.partner.name} — QBR ${quarterText(pack.quarter, pack.calendar)}`;
  pptx.subject = `Quarterly business review ${quarterText(pack.quarter, pack.calendar)}`;
  pptx.theme = { headFontFace: theme.font, bodyFontFace: theme.font };
  const restore = drawWith(theme, defineMasters(pptx, theme, T.layout), pack.calendar);
  let slides: number;
  try {
    slides = drawSlides(pptx, pack);
  } finally {
    restore();
  }
  const out = (await pptx.write({ outputType: 'nodebuffer', compression: true })) as Uint8Array;
  return { bytes: Buffer.from(out), slides };
}

/** Draws every slide (the partner-facing ones, then the internal appendix when asked for); returns how many. */
function drawSlides(pptx: PptxGenJS, pack: QbrPack): number {
  const total = pack.sections.length;
  pack.sections.forEach((s, i) => {
    const writer = writerOf(s.key);
    const data = s.status === 'ok' ? (s.data as SectionDataMap[typeof s.key] | null) : null;
    if ('own' in writer) {
      if (!data) throw new Error(`the pack has no ${s.key} data`);
      writer.own(pptx, pack, data as never, s);
      return;
    }
    const f = frame(pptx, pack, s, i + 1, total);
    if (data === null) messagePanel(f.slide, s.message ?? 'No data for this section.', f.body, 'Not part of this review');
    else writer.framed(f, data as never, pack);
    // After the slide is drawn: the notes also carry, whole, any text the slide had to shorten.
    speakerNotes(f.slide, s);
  });
  const appendix = pack.internalAppendix ? appendixSlides(pptx, pack) : 0;
  return total + appendix;
}
