/**
 * The previews of the section registry: every section key (QBR_SECTION_KEYS) to the component
 * that shows its slide in the app, from the same section data the deck is written from. Typed
 * by the keys, so a new section does not compile until it has a preview here (and a builder in
 * src-main/services/qbr/sections/registry.ts and a slide writer in src-main/export/pptx/slides/registry.ts).
 */
import type { ReactNode } from 'react';
import type { QbrPack, QbrSectionKey, SectionDataMap } from '../../../../src-shared/methods/qbr';
import { Agenda } from './Agenda';
import { Benchmarks } from './Benchmarks';
import { Deals } from './Deals';
import { Trailing } from './Trailing';
import { WinStory } from './WinStory';
import { Commitments } from './Commitments';
import { Health } from './Health';
import { Jbp } from './Jbp';
import { NextSteps } from './NextSteps';
import { Onboarding } from './Onboarding';
import { Pipeline } from './Pipeline';
import { Scorecard } from './Scorecard';
import { Summary } from './Summary';
import { Swot } from './Swot';
import { Title } from './Title';
import { Trends } from './Trends';

export interface PreviewProps<K extends QbrSectionKey> {
  d: SectionDataMap[K];
  pack: QbrPack;
  /** The commitments editor, shown on the commitments slide. */
  commitmentsEditor?: ReactNode;
}

export type SectionPreview<K extends QbrSectionKey> = (p: PreviewProps<K>) => ReactNode;

export const SECTION_PREVIEWS: { readonly [K in QbrSectionKey]: SectionPreview<K> } = {
  title: ({ d }) => <Title d={d} />,
  agenda: ({ d }) => <Agenda d={d} />,
  summary: ({ d }) => <Summary d={d} />,
  onboarding: ({ d }) => <Onboarding d={d} />,
  scorecard: ({ d, pack }) => <Scorecard d={d} pack={pack} />,
  trends: ({ d }) => <Trends d={d} />,
  trailing: ({ d }) => <Trailing d={d} />,
  pipeline: ({ d, pack }) => <Pipeline d={d} currency={pack.partner.currency} />,
  deals: ({ d }) => <Deals d={d} />,
  win_story: ({ d }) => <WinStory d={d} />,
  health: ({ d }) => <Health d={d} />,
  jbp: ({ d }) => <Jbp d={d} />,
  swot: ({ d }) => <Swot d={d} />,
  benchmarks: ({ d }) => <Benchmarks d={d} />,
  commitments: ({ d, commitmentsEditor }) => <Commitments d={d}>{commitmentsEditor}</Commitments>,
  next_steps: ({ d }) => <NextSteps d={d} />,
};
