/**
 * A QBR pack as an editable PowerPoint deck: one slide per section, native charts and
 * tables, speaker notes with the talking points. `buildDeck` returns the .pptx bytes.
 */
import PptxGenJS from 'pptxgenjs';
import type { Branding } from '../../../src-shared/methods/branding';
import type { QbrPack, QbrSection, SectionDataMap } from '../../../src-shared/methods/qbr';
import { drawWith, frame, messagePanel, speakerNotes, T, type Frame } from './frame';
import { defineMasters } from './masters';
import { appendixSlides } from './slides-appendix';
import { deckTheme } from './theme';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { onboardingSlide } from './slides-onboarding';
import { benchmarksSlide, pipelineSlide, scorecardSlide, summarySlide, trendsSlide } from './slides-numbers';
import { commitmentsSlide, healthSlide, jbpSlide, nextStepsSlide, swotSlide, titleSlide } from './slides-context';

export interface Deck {
  bytes: Buffer;
  slides: number;
}

function dataOf<K extends keyof SectionDataMap>(s: QbrSection, key: K): SectionDataMap[K] | null {
  return s.key === key && s.status === 'ok' ? (s.data as SectionDataMap[K] | null) : null;
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
    if (s.key === 'title') {
      const d = dataOf(s, 'title');
      if (!d) throw new Error('the pack has no title data');
      titleSlide(pptx, pack, d, s);
      return;
    }
    const f = frame(pptx, pack, s, i + 1, total);
    content(f, s, pack);
    // After the slide is drawn: the notes also carry, whole, any text the slide had to shorten.
    speakerNotes(f.slide, s);
  });
  const appendix = pack.internalAppendix ? appendixSlides(pptx, pack) : 0;
  return total + appendix;
}

function content(f: Frame, s: QbrSection, pack: QbrPack): void {
  if (s.status !== 'ok' || s.data === null) {
    messagePanel(f.slide, s.message ?? 'No data for this section.', f.body, 'Not part of this review');
    return;
  }
  switch (s.key) {
    case 'summary':
      return summarySlide(f, dataOf(s, 'summary')!);
    case 'onboarding':
      return onboardingSlide(f, dataOf(s, 'onboarding')!);
    case 'scorecard':
      return scorecardSlide(f, dataOf(s, 'scorecard')!, pack.quarter, pack.previousQuarter, !pack.period.complete);
    case 'trends':
      return trendsSlide(f, dataOf(s, 'trends')!);
    case 'pipeline':
      return pipelineSlide(f, dataOf(s, 'pipeline')!, pack.partner.currency, pack.period.complete);
    case 'health':
      return healthSlide(f, dataOf(s, 'health')!);
    case 'jbp':
      return jbpSlide(f, dataOf(s, 'jbp')!);
    case 'swot':
      return swotSlide(f, dataOf(s, 'swot')!);
    case 'benchmarks':
      return benchmarksSlide(f, dataOf(s, 'benchmarks')!);
    case 'commitments':
      return commitmentsSlide(f, dataOf(s, 'commitments')!);
    case 'next_steps':
      return nextStepsSlide(f, dataOf(s, 'next_steps')!);
  }
}
