/**
 * The slide writers of the section registry: every section key (QBR_SECTION_KEYS) to the file
 * that draws its slide from the section's data. Typed by the keys, so a new section does not
 * compile until it has a writer here (and a builder in services/qbr/sections/registry.ts and a
 * preview in src-renderer/pages/qbr/sections/registry.tsx).
 */
import type PptxGenJS from 'pptxgenjs';
import type { QbrPack, QbrSection, QbrSectionKey, SectionDataMap } from '../../../../src-shared/methods/qbr';
import type { Frame } from '../frame';
import { agendaSlide } from './agenda';
import { benchmarksSlide } from './benchmarks';
import { dealsSlide } from './deals';
import { trailingSlide } from './trailing';
import { winStorySlide } from './win-story';
import { commitmentsSlide } from './commitments';
import { healthSlide } from './health';
import { jbpSlide } from './jbp';
import { nextStepsSlide } from './next-steps';
import { onboardingSlide } from './onboarding';
import { pipelineSlide } from './pipeline';
import { scorecardSlide } from './scorecard';
import { summarySlide } from './summary';
import { swotSlide } from './swot';
import { titleSlide } from './title';
import { trendsSlide } from './trends';

/**
 * How a section's slide is drawn: `framed` inside the content frame (title bar, page number,
 * commentary, speaker notes drawn around it), or `own` for a slide with its own layout (the title).
 */
export type SlideWriter<K extends QbrSectionKey> =
  | { framed: (f: Frame, d: SectionDataMap[K], pack: QbrPack) => void }
  | { own: (pptx: PptxGenJS, pack: QbrPack, d: SectionDataMap[K], section: QbrSection) => void };

export const SLIDE_WRITERS: { readonly [K in QbrSectionKey]: SlideWriter<K> } = {
  title: { own: titleSlide },
  agenda: { framed: agendaSlide },
  summary: { framed: summarySlide },
  onboarding: { framed: onboardingSlide },
  scorecard: { framed: (f, d, pack) => scorecardSlide(f, d, pack.quarter, pack.previousQuarter, !pack.period.complete) },
  trends: { framed: trendsSlide },
  trailing: { framed: trailingSlide },
  pipeline: { framed: (f, d, pack) => pipelineSlide(f, d, pack.partner.currency, pack.period.complete) },
  deals: { framed: dealsSlide },
  win_story: { framed: winStorySlide },
  health: { framed: healthSlide },
  jbp: { framed: jbpSlide },
  swot: { framed: swotSlide },
  benchmarks: { framed: benchmarksSlide },
  commitments: { framed: commitmentsSlide },
  next_steps: { framed: nextStepsSlide },
};

/** The writer of `section`'s slide, with its data typed by the section's key. */
export function writerOf<K extends QbrSectionKey>(key: K): SlideWriter<K> {
  return SLIDE_WRITERS[key] as SlideWriter<K>;
}
