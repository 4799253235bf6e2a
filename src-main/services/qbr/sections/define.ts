/**
 * What every section of a QBR pack is made of: its partner-facing data, the CAM's commentary
 * for its slide, and speaker notes in three parts — what to say, what to ask, and the internal
 * context (risk, model detail, internal actions, sources), which never reaches a partner-facing
 * slide. One file per section (this folder) builds it from `SectionsInput`; registry.ts joins them.
 */
import {
  QBR_SECTION_TITLES,
  type AgendaData,
  type DealsData,
  type TrailingData,
  type WinStoryData,
  type BenchmarksData,
  type CommitmentsData,
  type HealthData,
  type JbpData,
  type NextStepsData,
  type OnboardingData,
  type PipelineData,
  type QbrHeadline,
  type QbrMetric,
  type QbrNoteView,
  type QbrSection,
  type QbrSectionKey,
  type QbrVariant,
  type SectionDataMap,
  type SummaryData,
  type SwotData,
  type TitleData,
  type TrendsData,
} from '../../../../src-shared/methods/qbr';
import { commentaryFor } from '../commentary';
import type { Figures } from '../figures';
import type { QbrPeriod } from '../period';
import type { SuggestedAction } from '../sources';

export interface SectionsInput {
  variant: QbrVariant;
  /** The onboarding milestones (the onboarding variant only). */
  onboarding: OnboardingData | null;
  partner: { name: string; ownerName: string; currency: string };
  tierName: string;
  period: QbrPeriod;
  /** "quarter to date, 51 days" or "" for a complete quarter. */
  windowText: string;
  comparisonText: string;
  title: TitleData;
  /** Attendees (the agenda itself is filled in from the deck's slides). */
  agenda: AgendaData;
  summary: SummaryData;
  /** Tier status in words (health module), e.g. "At risk of losing Gold: +$105k sourced ARR". */
  tierStatus: string | null;
  current: Figures;
  metrics: QbrMetric[];
  scorecardFootnote: string;
  trends: TrendsData;
  trailing: TrailingData | null;
  pipeline: PipelineData;
  deals: DealsData | null;
  winStory: WinStoryData | null;
  nextEnd: string;
  health: HealthData | null;
  healthMessage: string | null;
  /** The forecast in one internal sentence (decks of the running quarter only), or null. */
  forecastNote: string | null;
  /** The partner's most recent negative and positive quotes, one internal line each (none: nothing said either way). */
  voiceNotes: string[];
  jbp: JbpData | null;
  jbpFromPlans: boolean;
  swot: SwotData;
  benchmarks: BenchmarksData;
  commitments: CommitmentsData;
  next: NextStepsData;
  actions: SuggestedAction[] | null;
  actionsMessage: string;
  camNotes: { date: string; body: string }[];
  notes: QbrNoteView[];
  headlines: QbrHeadline[];
}

/** Speaker notes of one slide. */
export interface Notes {
  say: string[];
  ask: string[];
  internal: string[];
}

export const NO_NOTES: Notes = { say: [], ask: [], internal: [] };

/** The pack's section for `key`. */
export type SectionOf<K extends QbrSectionKey> = Extract<QbrSection, { key: K }>;

/** Builds one section (data, commentary, speaker notes) from what pack.ts gathered. */
export type SectionBuilder<K extends QbrSectionKey> = (x: SectionsInput) => SectionOf<K>;

/** One section with its commentary and notes; status `ok` when there is data, else `empty` (or as given). */
export function section<K extends QbrSectionKey>(
  x: SectionsInput,
  key: K,
  source: string,
  data: SectionDataMap[K] | null,
  n: Notes,
  opts: { status?: 'ok' | 'empty' | 'unavailable'; message?: string | null } = {},
): SectionOf<K> {
  const commentary = commentaryFor(x.notes, key, x.partner.name);
  return {
    key,
    title: QBR_SECTION_TITLES[key],
    status: opts.status ?? (data ? 'ok' : 'empty'),
    message: opts.message ?? null,
    source,
    data,
    talkingPoints: [...n.say, ...commentary.map((cm) => `${cm.heading} (your commentary): ${cm.text}`)],
    questions: n.ask,
    internal: n.internal,
    // Next steps shows its commentary as the asks, in its own column.
    commentary: key === 'next_steps' ? [] : commentary,
  } as SectionOf<K>;
}
