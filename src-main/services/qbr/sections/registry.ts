/**
 * The section registry: every section key of the pack (QBR_SECTION_KEYS) to the one file that
 * builds its data and talking points. Typed by the keys, so a new section does not compile until
 * it has a builder here, a slide writer (export/pptx/slides/registry.ts) and a preview
 * (src-renderer/pages/qbr/sections/registry.tsx).
 */
import type { QbrSectionKey } from '../../../../src-shared/methods/qbr';
import type { SectionBuilder } from './define';
import { buildAgenda } from './agenda';
import { buildBenchmarks } from './benchmarks';
import { buildDeals } from './deals';
import { buildTrailing } from './trailing';
import { buildWinStory } from './win-story';
import { buildCommitments } from './commitments';
import { buildHealth } from './health';
import { buildJbp } from './jbp';
import { buildNextSteps } from './next-steps';
import { buildOnboarding } from './onboarding';
import { buildPipeline } from './pipeline';
import { buildScorecardSection } from './scorecard';
import { buildSummary } from './summary';
import { buildSwot } from './swot';
import { buildTitle } from './title';
import { buildTrends } from './trends';

export const SECTION_BUILDERS: { readonly [K in QbrSectionKey]: SectionBuilder<K> } = {
  title: buildTitle,
  agenda: buildAgenda,
  summary: buildSummary,
  onboarding: buildOnboarding,
  scorecard: buildScorecardSection,
  trends: buildTrends,
  trailing: buildTrailing,
  pipeline: buildPipeline,
  deals: buildDeals,
  win_story: buildWinStory,
  health: buildHealth,
  jbp: buildJbp,
  swot: buildSwot,
  benchmarks: buildBenchmarks,
  commitments: buildCommitments,
  next_steps: buildNextSteps,
};
