/**
 * QBR prep packs (ARCHITECTURE §9): one partner × one quarter, assembled from the
 * replica, previewed and annotated in the app, exported to PowerPoint and PDF, one
 * partner or a batch for a filtered book.
 *
 * The pack model carries both the numbers and their display text, so the in-app preview
 * and the exported deck show exactly the same figures.
 */
import { z } from 'zod';
import { method } from './define';
import { bookScopeSchema } from './identity';
import { quarterSchema } from '../domain/date-schemas';
import { FILES_HOLD_NO_DEALS } from '../domain/no-deals';
import { qbrNoteFieldRules } from '../domain/rules';
import type { FiscalCalendar } from '../domain/time';

export const QBR_SECTION_KEYS = [
  'title',
  'agenda',
  'summary',
  'onboarding',
  'scorecard',
  'trends',
  'trailing',
  'pipeline',
  'deals',
  'win_story',
  'health',
  'jbp',
  'swot',
  'benchmarks',
  'commitments',
  'next_steps',
] as const;
export type QbrSectionKey = (typeof QBR_SECTION_KEYS)[number];

export const QBR_SECTION_TITLES: Record<QbrSectionKey, string> = {
  title: 'Title',
  agenda: 'Today’s meeting',
  summary: 'Executive summary',
  onboarding: 'Onboarding milestones',
  scorecard: 'Scorecard',
  trends: 'Revenue, pipeline and MDF',
  trailing: 'Last twelve months and year on year',
  pipeline: 'Pipeline and top wins',
  deals: 'Pipeline review, deal by deal',
  win_story: 'Win story',
  health: 'Partner health',
  jbp: 'Joint business plan progress',
  swot: 'SWOT',
  benchmarks: 'Peer benchmarks',
  commitments: 'Last QBR’s commitments',
  next_steps: 'Next steps and asks',
};

export type Tone = 'good' | 'bad' | 'neutral';

export interface QbrNoteView {
  id: string;
  quarter: string;
  section: string;
  kind: 'commentary' | 'commitment';
  body: string;
  commitment_status: 'open' | 'done' | 'missed' | null;
  updated_at: string;
  /** Who last wrote it; null when not known. */
  author: string | null;
  /** A local edit not yet on the server. */
  pending: boolean;
  conflict: boolean;
}

export interface QbrMetric {
  key: string;
  group: 'revenue' | 'deals' | 'people' | 'mdf';
  label: string;
  unit: 'money' | 'count' | 'percent' | 'days' | 'score' | 'ratio';
  current: number | null;
  previous: number | null;
  /** The same quarter a year earlier (the same number of days while the quarter runs). */
  lastYear: number | null;
  lastYearText: string;
  target: number | null;
  /** Where the target comes from, e.g. "¼ of the Gold sourced-ARR requirement". */
  targetBasis: string | null;
  higherIsBetter: boolean;
  currentText: string;
  previousText: string;
  changeText: string;
  changeTone: Tone;
  targetText: string;
  /** vs target: met / below / none. */
  targetStatus: 'met' | 'below' | 'none';
  /** The figures behind the number, e.g. "7 won of 12 closed". */
  detail: string | null;
}

export interface QbrDeal {
  id: string;
  customer: string;
  amount: number;
  amountText: string;
  date: string;
  /** "16 Dec 2026". */
  dateText: string;
  role: string;
  /** "Co-sell", "Sourced"… */
  roleText: string;
  stage: string;
  /** "Negotiation", "Won since"… */
  stageText: string;
}

export interface QbrHeadline {
  text: string;
  tone: Tone;
}

export interface SummaryData {
  health: {
    score: number;
    band: string;
    bandLabel: string;
    delta: number | null;
    trend: { quarter: string; score: number | null }[];
  } | null;
  /** Why health is missing, when it is. */
  healthMessage: string | null;
  /** The tier status as a headline: "$105k more sourced ARR by 31 Dec 2026 keeps Platinum". */
  tierStatus: string | null;
  headlines: QbrHeadline[];
  /** `key` names the figure (the same key as the scorecard row it repeats, e.g. 'win_rate'). */
  keyFigures: { key: string; label: string; value: string; sub: string }[];
}

export interface ScorecardData {
  metrics: QbrMetric[];
  footnote: string;
}

export interface TrendsData {
  quarters: string[];
  sourcedWon: number[];
  influencedWon: number[];
  /** Co-sell and marketplace wins. */
  otherWon: number[];
  /** The last quarter is still running (its bars are to date). */
  currentToDate: boolean;
  /** Empty when the book holds no pipeline (an import of closed orders): nothing to chart. */
  pipelineCreated: number[];
  winRate: (number | null)[];
  mdf: {
    period: string;
    allocated: number;
    approved: number;
    claimed: number;
    attributedPipeline: number;
    allocatedText: string;
    approvedText: string;
    claimedText: string;
    attributedText: string;
    returnText: string;
  } | null;
  currency: string;
}

/** Said where open pipeline would be (deck, preview, notes) for a book whose files hold closed deals only. */
export const CLOSED_DEALS_ONLY = 'This book’s files hold closed deals only';
/** Why a book without orders or opportunities (a partner list alone) has no QBR packs: a deck of $0s is no review. */
export const NO_DEALS_FOR_QBR = `A QBR pack reviews the partner’s deals, and ${FILES_HOLD_NO_DEALS}: import an order or opportunity export into this workspace to prepare one.`;
export const OPEN_PIPELINE_UNKNOWN = `${CLOSED_DEALS_ONLY}: its open pipeline is not known here.`;
export const OPEN_DEALS_UNKNOWN = 'Not in this book’s files (closed deals only).';

export interface PipelineData {
  /**
   * False when the book's files hold closed deals only (a spreadsheet import without open
   * pipeline): what is open is not known, which is not the same as nothing open.
   */
  openKnown: boolean;
  openCount: number;
  openAmount: number;
  openText: string;
  closingNextQuarterText: string;
  /** The day that amount is to close by: the next quarter's last day ("31 Mar 2027"). */
  closingByText: string;
  byStage: { stage: string; label: string; count: number; amount: number }[];
  topWins: QbrDeal[];
  wonCount: number;
  wonText: string;
  topOpen: QbrDeal[];
}

export interface HealthData {
  score: number;
  band: string;
  bandLabel: string;
  previousScore: number | null;
  components: { label: string; score: number; tierMedian: number; weight: number; points: number }[];
  trend: { quarter: string; score: number | null }[];
  movers: string[];
  eligibility: { current: string; next: string | null };
  churn: { probability: number; level: string; factors: string[] };
}

/** A paragraph of formatted text (Markdown rendered to runs): never the marks themselves. */
export interface QbrTextBlock {
  kind: 'heading' | 'bullet' | 'text';
  runs: { text: string; bold: boolean }[];
}

export interface JbpData {
  plan: { id: string; title: string; period: string; status: string; signoffText: string; summary: string; summaryBlocks: QbrTextBlock[] };
  objectives: {
    id: string;
    title: string;
    metric: string;
    due: string;
    weight: number;
    baselineText: string;
    targetText: string;
    /** Null when the live actual comes from a module that is not available. */
    actualText: string | null;
    /** 0..1 share of the way from baseline to target; null without an actual. */
    progress: number | null;
    paceText: string | null;
    /** "Q3 2026". */
    dueText: string;
    /** met / on track / at risk while running; missed once past due and not met; null without an actual. */
    status: 'met' | 'on_track' | 'at_risk' | 'missed' | null;
    statusLabel: string | null;
  }[];
  /** One row per initiative (the same title and owner listed once). */
  initiatives: { id: string; title: string; ownerText: string; due: string; dueText: string; status: string; statusLabel: string; overdue: boolean }[];
  initiativeCounts: Record<string, number>;
  /** Honest note on where the actuals come from (or why they are missing). */
  actualsNote: string;
}

export interface SwotData {
  strengths: string[];
  weaknesses: string[];
  opportunities: string[];
  threats: string[];
}

export interface BenchmarksData {
  tierName: string;
  peers: number;
  /** A partner in the program for less than two quarters is not ranked against mature peers. */
  tooNew: boolean;
  tooNewText: string | null;
  items: {
    key: string;
    label: string;
    valueText: string;
    medianText: string;
    percentile: number | null;
    /** "Top quartile among Gold partners for win rate". */
    statement: string;
    /** "Top quartile (82nd percentile)", for tables. */
    position: string;
    tone: Tone;
  }[];
}

export interface CommitmentsData {
  fromQuarter: string;
  /** `body` in the partner's words; `owner` the side it names (the partner's name or "Us"), if any. */
  items: { id: string; body: string; owner: string | null; section: string; status: 'open' | 'done' | 'missed'; statusLabel: string; pending: boolean }[];
  counts: { open: number; done: number; missed: number };
}

/** One step on the mutual action plan: who does what by when (never due before the meeting). */
export interface QbrStep {
  id: string;
  text: string;
  /** 'partner', 'vendor' or null when the note does not say. */
  side: 'partner' | 'vendor' | null;
  owner: string | null;
  /** ISO date; null when not agreed yet. */
  due: string | null;
  dueText: string | null;
}

export interface NextStepsData {
  /** The meeting date: every step is due on or after it. */
  meetingDate: string;
  steps: QbrStep[];
  /** The CAM's "next quarter" commentary and asks, in the partner's words. */
  asks: string[];
}

export interface TitleData {
  partnerName: string;
  subtitle: string;
  tierName: string;
  /** "Prepared by …, channel account manager"; null when the partner has no owner and nobody is signed in. */
  ownerName: string | null;
  periodText: string;
  preparedText: string;
  /** "Meeting date 20 Nov 2026". */
  meetingText: string;
}

/** Who attends the review, on each side. */
export interface QbrAttendees {
  /** The partner's people: "Name, role". */
  partner: string[];
  /** Ours: "Name, role". */
  vendor: string[];
}

/** Today's meeting: who attends from both sides, and the agenda (the slides this deck has). */
export interface AgendaData {
  meetingText: string;
  attendees: QbrAttendees;
  /** Suggested from the partner's contacts and our users (false), or edited in the app and kept with the pack (true). */
  attendeesEdited: boolean;
  agenda: string[];
}

/** Won ARR over the last twelve months and the same quarters a year before. */
export interface TrailingData {
  /** The last four quarters, oldest first (the last may be to date). */
  quarters: string[];
  /** ARR won in each of them, every partner role. */
  won: number[];
  /** The same quarters a year before (the running one to the same day). */
  wonYearBefore: number[];
  currentToDate: boolean;
  currency: string;
  /** The twelve months to the as-of date, and the twelve before them. */
  t12m: number;
  prior12m: number;
  t12mText: string;
  prior12mText: string;
  /** False when the book's first won deal closed after the twelve months before began: they are not in it, so not compared. */
  priorInBook: boolean;
  /** "+24% on the twelve months before" or "new: nothing won the twelve months before". */
  changeText: string;
  changeTone: Tone;
  /** "1 Dec 2025 – 30 Nov 2026". */
  windowText: string;
  /** Won in the last twelve months by role: "Sourced $120k" … (roles with wins only). */
  byRole: { role: string; label: string; amount: number; amountText: string }[];
  /** The quarter against the same quarter a year before, in words. */
  yoyText: string;
}

/** One open deal reviewed in the meeting. */
export interface QbrDealReview extends QbrDeal {
  /** What moves the deal on: the CAM's note naming the customer, else the stage's usual next step. */
  nextStep: string;
  /** Who leads it: the partner (sourced), both (co-sell) or us (influenced, marketplace). */
  owner: string;
  /** "Close date passed" / "No activity for 45 days"; null when the deal is moving. */
  staleText: string | null;
}

export interface DealsData {
  deals: QbrDealReview[];
  /** Open deals not listed (the list shows the ones closing first). */
  moreCount: number;
  openText: string;
  openCount: number;
  weightedText: string;
  /** "Stage weights: prospecting 10%, qualification 25%, proposal 50%, negotiation 75%". */
  weightsText: string;
  averageDealText: string;
  averageDealBasis: string;
  cycleText: string;
  cycleBasis: string;
  staleCount: number;
}

/** The quarter's biggest won deal, told as a story. */
export interface WinStoryData {
  customer: string;
  amountText: string;
  amount: number;
  roleText: string;
  closedText: string;
  /** Days from opportunity to close. */
  cycleDays: number;
  cycleText: string;
  /** "The biggest of 3 deals won in Q4 2026 to date." */
  contextText: string;
  /** The CAM's "Highlights" commentary, in the partner's words. */
  highlights: string[];
}

/**
 * Which deck fits the partner: 'onboarding' for a partner new to the program (milestones and
 * time to first deal instead of a ranking against mature peers), else 'standard'.
 */
export type QbrVariant = 'standard' | 'onboarding';

/** One onboarding milestone: reached on `date`, or not yet (`date` null). */
export interface OnboardingMilestone {
  key: 'agreement' | 'enablement' | 'registration' | 'opportunity' | 'won';
  label: string;
  /** ISO date it was reached on or before the as-of date; null when not yet. */
  date: string | null;
  dateText: string;
  /** Days from signing the agreement; null when not yet. */
  daysFromAgreement: number | null;
  /** In the partner's words: "You registered your first deal on 3 Oct 2026, 41 days after signing." */
  sentence: string;
  /** What the enablement milestone was ("first certification" / "first portal login"). */
  detail: string | null;
}

export interface OnboardingData {
  agreementSignedAt: string;
  /** Days in the program as of the pack's as-of date. */
  daysInProgram: number;
  milestones: OnboardingMilestone[];
  /** The most recent milestone reached, in the partner's words (the slide's headline). */
  headline: string;
  /** The program's target for the first won deal, in days from signing. */
  targetDays: number;
  /** Days to the first won deal, or null when none yet. */
  daysToFirstDeal: number | null;
  /** met: first deal won within the target; missed: won after it, or none yet and the target has passed; open: none yet, still within it. */
  targetStatus: 'met' | 'missed' | 'open';
  /** "First deal won 41 days after signing: within the 90-day target." */
  targetText: string;
  certifications: { name: string; earnedAt: string; earnedText: string; people: number }[];
  certificationsText: string;
}

export interface SectionDataMap {
  title: TitleData;
  agenda: AgendaData;
  summary: SummaryData;
  onboarding: OnboardingData;
  scorecard: ScorecardData;
  trends: TrendsData;
  trailing: TrailingData;
  pipeline: PipelineData;
  deals: DealsData;
  win_story: WinStoryData;
  health: HealthData;
  jbp: JbpData;
  swot: SwotData;
  benchmarks: BenchmarksData;
  commitments: CommitmentsData;
  next_steps: NextStepsData;
}

export type QbrSection = {
  [K in QbrSectionKey]: {
    key: K;
    title: string;
    /** ok: data present; empty: the source exists but has nothing for this quarter; unavailable: the source module is missing. */
    status: 'ok' | 'empty' | 'unavailable';
    /** What the slide says when it has no data (status empty/unavailable). */
    message: string | null;
    /** Where the numbers come from: speaker notes and the internal appendix only, never the slide. */
    source: string;
    data: SectionDataMap[K] | null;
    /** Speaker notes: what to say, written from the numbers. */
    talkingPoints: string[];
    /** Speaker notes: what to ask the partner. */
    questions: string[];
    /** Internal context (risk, model detail, internal actions): speaker notes and the internal appendix, never the slide. */
    internal: string[];
    /** The CAM's synced commentary that belongs on this slide, in the partner's words; heading = the CAM's section name. */
    commentary: { heading: string; text: string }[];
  };
}[QbrSectionKey];

export interface QbrPack {
  partner: {
    id: string;
    name: string;
    tier_id: string;
    tier_name: string;
    type: string;
    region: string;
    country: string;
    owner_id: string;
    owner_name: string;
    status: string;
    currency: string;
    agreement_signed_at: string;
  };
  quarter: string;
  previousQuarter: string;
  /** The book's fiscal calendar: how the quarters are named (`Q2 FY27`) and which days they cover; calendar quarters when absent. */
  calendar?: FiscalCalendar;
  /** The window the numbers cover: quarter start to its end, or to the as-of date for the current quarter. */
  period: { start: string; end: string; asOf: string; complete: boolean; daysElapsed: number; daysTotal: number };
  generatedAt: string;
  /** Which deck fits the partner (onboarding: signed recently; see services/qbr/onboarding.ts). */
  variant: QbrVariant;
  /** Sections in the pack's data without any slide in this variant, or with no data: why, for the CAM (speaker notes of the summary). */
  omitted: { key: QbrSectionKey; title: string; reason: string }[];
  /** The day the deck is prepared for (today): next steps are never due before it. */
  meetingDate: string;
  /** Add the internal appendix slide(s) to the exported deck (off by default: the deck goes to the partner). */
  internalAppendix: boolean;
  sections: QbrSection[];
  /** This quarter's CAM commentary and commitments, every section. */
  notes: QbrNoteView[];
}

export type QbrFormat = 'pptx' | 'pdf';

export interface QbrExportResult {
  path: string;
  format: QbrFormat;
  bytes: number;
  slides: number;
  ms: number;
  /** The written file, for "Open" and "Show in folder". */
  file: QbrFileLink;
}

/** What the app can do with a file it wrote: open it in its own app, or show it in its folder. */
export type QbrFileAction = 'open' | 'show';

/** A file the app wrote, as the renderer refers to it: an opaque ref, never a path it could send back. */
export interface QbrFileLink {
  ref: string;
  /** The file name, e.g. "Beacon Distribution GmbH — QBR Q4 2026.pptx". */
  name: string;
  /** Where it is, to show (the renderer never sends it back). */
  path: string;
  /** The actions this app offers for it (none in the browser harness, which cannot open local files). */
  actions: QbrFileAction[];
  /** Where the browser harness serves it (a batch's index and its decks), else null. */
  url: string | null;
}

/** One deck as a browser download (the harness): the file's bytes, base64. */
export interface QbrDownload {
  fileName: string;
  format: QbrFormat;
  mime: string;
  bytes: number;
  slides: number;
  base64: string;
}


export interface QbrBatchItem {
  partnerId: string;
  partnerName: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  file: string | null;
  error: string | null;
  ms: number | null;
}

export interface QbrBatchStatus {
  id: string;
  state: 'running' | 'done' | 'cancelled' | 'failed';
  quarter: string;
  format: QbrFormat;
  dir: string;
  indexPath: string | null;
  total: number;
  done: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  items: QbrBatchItem[];
  message: string | null;
  /** The finished batch's index.html, for "Open" / "Show in folder" (or its harness URL); null while running. */
  index?: QbrFileLink | null;
}

export interface QbrCapabilities {
  pdf: { available: boolean; engine: string; message: string };
  exportsDir: string;
  sources: { health: boolean; plans: boolean; actions: boolean };
}

/**
 * Where exports go. 'dialog' (the desktop app): the user picks a file or folder in a
 * save dialog of the main process (`qbr.chooseDestination`) and the export names that
 * choice by its id; the renderer never passes a path. 'download' (browser harness): one
 * deck comes back as a browser download (`qbr.download`); a batch goes to the
 * workspace's exports folder.
 */
export type QbrDestinationMode = 'dialog' | 'download';

export interface QbrCapabilitiesView extends QbrCapabilities {
  destination: QbrDestinationMode;
}

/** A destination the user chose in a dialog: an opaque id to export to, and the path to show. */
export interface QbrDestination {
  id: string;
  label: string;
}

const partnerId = z.string().min(1, 'partner id is required').max(64);
export { quarterSchema };
const sectionKey = z.enum(QBR_SECTION_KEYS);
const format = z.enum(['pptx', 'pdf']);
/** An id from `qbr.chooseDestination` (a path is never accepted from the renderer). */
const destinationId = z.string().regex(/^dst_[A-Za-z0-9_-]{16,64}$/, 'expected a destination chosen with qbr.chooseDestination');
const noteBody = qbrNoteFieldRules.body;

export const qbrNoteInput = z
  .object({
    /** Omit to create a new note. */
    id: z.string().min(1).max(64).optional(),
    partnerId,
    quarter: quarterSchema,
    section: sectionKey,
    kind: z.enum(['commentary', 'commitment']),
    body: noteBody,
    commitmentStatus: z.enum(['open', 'done', 'missed']).optional(),
  })
  .strict();

export const batchFilterSchema = z
  .object({
    ownerId: z.string().min(1).max(64).optional(),
    tierId: z.string().min(1).max(64).optional(),
    status: z.enum(['onboarding', 'active', 'at_risk', 'churned']).optional(),
    region: z.enum(['NA', 'LATAM', 'EMEA', 'APAC']).optional(),
    partnerIds: z.array(partnerId).max(10_000).optional(),
    /** My book or everyone; default the remembered choice (methods/identity.ts). */
    scope: bookScopeSchema.optional(),
  })
  .strict();

export type QbrBatchFilter = z.infer<typeof batchFilterSchema>;

/** At most this many attendees a side, each line at most ATTENDEE_MAX_CHARS characters. */
export const ATTENDEES_MAX = 12;
export const ATTENDEE_MAX_CHARS = 120;
/** The sides as the QBR page names them. */
export const ATTENDEE_SIDES = { partner: 'Your partner’s team', vendor: 'Our team' } as const;

/**
 * What is wrong with one side's list ("Name, role" a line), one sentence a problem, naming
 * the side and the line: the QBR page checks with it before sending, the API refuses with it.
 */
export function attendeeProblems(side: keyof typeof ATTENDEE_SIDES, list: readonly string[]): string[] {
  const who = ATTENDEE_SIDES[side];
  const out: string[] = [];
  if (list.length > ATTENDEES_MAX) out.push(`${who}: at most ${ATTENDEES_MAX} people a side; remove ${list.length - ATTENDEES_MAX}.`);
  list.forEach((line, i) => {
    const name = line.trim();
    const chars = [...name].length;
    if (chars === 0) out.push(`${who}, line ${i + 1} is empty; write a name, or remove the line.`);
    else if (chars > ATTENDEE_MAX_CHARS) out.push(`${who}, line ${i + 1} is ${chars} characters long; a line can be at most ${ATTENDEE_MAX_CHARS}.`);
  });
  return out;
}

/** One side's attendees: "Name, role", one per line in the editor. */
const attendeeList = (side: keyof typeof ATTENDEE_SIDES) =>
  z.array(z.string().trim()).superRefine((list, ctx) => {
    for (const message of attendeeProblems(side, list)) ctx.addIssue({ code: 'custom', message });
  });

export const qbrMethods = {
  'qbr.capabilities': method<QbrCapabilitiesView>()(z.object({}).strict()),
  /** Asks the user where to save (a file for one deck, a folder for a batch); null when they cancel. */
  'qbr.chooseDestination': method<QbrDestination | null>()(
    z
      .object({
        kind: z.enum(['file', 'folder']),
        format,
        /** For a file: the deck's partner and quarter, to suggest its name. */
        partnerId: partnerId.optional(),
        quarter: quarterSchema.optional(),
      })
      .strict(),
  ),
  'qbr.pack': method<QbrPack>()(z.object({ partnerId, quarter: quarterSchema.optional() }).strict()),
  'qbr.notes.save': method<QbrNoteView>()(qbrNoteInput),
  /** Keeps the attendees the CAM edited for the partner and quarter with the pack (null: back to the suggested list). */
  'qbr.attendees.save': method<{ attendees: QbrAttendees; edited: boolean }>()(
    z
      .object({ partnerId, quarter: quarterSchema.optional(), attendees: z.object({ partner: attendeeList('partner'), vendor: attendeeList('vendor') }).strict().nullable() })
      .strict(),
  ),
  'qbr.notes.setStatus': method<QbrNoteView>()(
    z.object({ id: z.string().min(1).max(64), status: z.enum(['open', 'done', 'missed']) }).strict(),
  ),
  'qbr.notes.delete': method<{ id: string }>()(z.object({ id: z.string().min(1).max(64) }).strict()),
  'qbr.export': method<QbrExportResult>()(
    z
      .object({
        partnerId,
        quarter: quarterSchema.optional(),
        format,
        /** Where the user chose to save it; default: the workspace's exports/ folder. */
        destination: destinationId.optional(),
        /** Add the internal appendix (risk, model detail, internal actions) after the partner-facing slides; default off. */
        internalAppendix: z.boolean().optional(),
      })
      .strict(),
  ),
  /** One deck as a browser download (the harness): nothing is kept on the app's side. */
  'qbr.download': method<QbrDownload>()(z.object({ partnerId, quarter: quarterSchema.optional(), format, internalAppendix: z.boolean().optional() }).strict()),
  /** Opens a file the app wrote (`QbrFileLink.ref`) in its app, or shows it in its folder (the desktop app only). */
  'qbr.openFile': method<{ ok: true }>()(
    z.object({ ref: z.string().regex(/^fil_[A-Za-z0-9_-]{16,64}$/, 'expected a file the app wrote'), action: z.enum(['open', 'show']) }).strict(),
  ),
  'qbr.batch.preview': method<{ count: number; partners: { id: string; name: string }[] }>()(
    z.object({ filter: batchFilterSchema }).strict(),
  ),
  'qbr.batch.start': method<QbrBatchStatus>()(
    z
      .object({
        filter: batchFilterSchema,
        quarter: quarterSchema.optional(),
        format,
        /** The folder the user chose (the batch gets its own folder inside); default: the workspace's exports/ folder. */
        destination: destinationId.optional(),
        /** Add the internal appendix to every deck; default off (the decks go to the partners). */
        internalAppendix: z.boolean().optional(),
      })
      .strict(),
  ),
  'qbr.batch.status': method<QbrBatchStatus | null>()(z.object({ id: z.string().min(1).max(64).optional() }).strict()),
  'qbr.batch.cancel': method<QbrBatchStatus>()(z.object({ id: z.string().min(1).max(64) }).strict()),
};
