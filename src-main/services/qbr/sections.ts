/**
 * The pack's sections from the data pack.ts gathered: each with its partner-facing data,
 * the CAM's commentary for that slide, and speaker notes in three parts — what to say,
 * what to ask, and the internal context (risk, model detail, internal actions, sources),
 * which never reaches a partner-facing slide.
 */
import {
  QBR_SECTION_TITLES,
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
} from '../../../src-shared/methods/qbr';
import { commentaryFor } from './commentary';
import type { Figures } from './figures';
import { dateText, pct, plural, quarterText, shortMoneyIn } from './format';
import { ONBOARDING_WINDOW_DAYS } from './onboarding';
import type { QbrPeriod } from './period';
import type { SuggestedAction } from './sources';

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
  summary: SummaryData;
  /** Tier status in words (health module), e.g. "At risk of losing Gold: +$105k sourced ARR". */
  tierStatus: string | null;
  current: Figures;
  metrics: QbrMetric[];
  scorecardFootnote: string;
  trends: TrendsData;
  pipeline: PipelineData;
  nextEnd: string;
  health: HealthData | null;
  healthMessage: string | null;
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

interface Notes {
  say: string[];
  ask: string[];
  internal: string[];
}

/** Sections the onboarding deck leaves out, and why (for the CAM, in the summary's notes). */
const NOT_FOR_ONBOARDING: Partial<Record<QbrSectionKey, string>> = {
  trends: 'the partner has no trailing quarters in the program to chart yet',
  benchmarks: 'a new partner is not ranked against mature peers',
};

export interface AssembledSections {
  sections: QbrSection[];
  omitted: { key: QbrSectionKey; title: string; reason: string }[];
}

/**
 * The deck's sections for the pack's variant: only sections with data (no empty slide); every
 * section left out is listed with its reason, and the reasons are in the summary's speaker notes.
 */
export function assembleSections(x: SectionsInput): AssembledSections {
  const all = allSections(x);
  const omitted: AssembledSections['omitted'] = [];
  const sections = all.filter((s) => {
    const notHere = x.variant === 'onboarding' ? NOT_FOR_ONBOARDING[s.key] : undefined;
    if (s.key === 'onboarding' && x.variant !== 'onboarding') return false;
    if (notHere) omitted.push({ key: s.key, title: s.title, reason: `Onboarding review: ${notHere}.` });
    else if (s.status !== 'ok' || s.data === null) {
      const why = [s.message ?? (s.status === 'unavailable' ? 'Its source is not available.' : 'No data for this quarter.'), ...(s.status === 'unavailable' ? s.internal : [])];
      omitted.push({ key: s.key, title: s.title, reason: [...new Set(why)].join(' ') });
    } else return true;
    return false;
  });
  // The agenda names the slides this deck has, not the ones left out.
  const title = sections.find((s) => s.key === 'title');
  const agenda = sections.filter((s) => s.key !== 'title' && s.key !== 'summary').map((s) => (/^.[a-z]/.test(s.title) ? s.title[0]!.toLowerCase() + s.title.slice(1) : s.title));
  if (title) title.talkingPoints = title.talkingPoints.map((t) => (t.startsWith('Agenda: ') ? `${t.replace(/, pipeline, .*$/, '')}: the summary, then ${agenda.join(', ')}.` : t));
  const summary = sections.find((s) => s.key === 'summary');
  if (summary) summary.internal.push(...omitted.map((o) => `Not in this deck: ${o.title} — ${o.reason}`));
  return { sections, omitted };
}

function onboardingNotes(o: OnboardingData, periodEnd: string): Notes {
  return {
    say: [
      ...o.milestones.filter((m) => m.date !== null).map((m) => m.sentence),
      o.targetText,
      o.certificationsText,
    ],
    ask: [
      o.daysToFirstDeal === null ? 'What stands between you and your first won deal, and how can we help?' : 'What made your first deal work, and where can we repeat it?',
      'Who else on your team should be certified next quarter?',
    ],
    internal: [
      `Onboarding review: agreement signed ${dateText(o.agreementSignedAt)}, within ${ONBOARDING_WINDOW_DAYS} days of ${dateText(periodEnd)} (the quarter’s end).`,
      ...o.milestones.filter((m) => m.date === null).map((m) => `Not reached yet: ${m.label.toLowerCase()}.`),
    ],
  };
}

function allSections(x: SectionsInput): QbrSection[] {
  const qText = quarterText(x.period.quarter, x.period.calendar);
  const prevText = quarterText(x.period.previousQuarter, x.period.calendar);

  const section = <K extends QbrSectionKey>(
    key: K,
    source: string,
    data: SectionDataMap[K] | null,
    n: Notes,
    opts: { status?: 'ok' | 'empty' | 'unavailable'; message?: string | null } = {},
  ): QbrSection => {
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
    } as QbrSection;
  };

  const below = x.metrics.filter((m) => m.targetStatus === 'below');
  const moved = x.metrics.filter((m) => m.changeTone !== 'neutral');
  const h = x.health;

  return [
    section('title', 'Partner record', x.title, {
      say: [
        `Welcome and introductions: ${x.partner.ownerName} for us; ask who joins from ${x.partner.name.replace(/\.$/, '')}.`,
        `Agenda: results for ${qText}${x.windowText ? ` (${x.windowText})` : ''}, pipeline, plan progress, last QBR’s commitments, next steps and asks.`,
        `Purpose: agree what we do together next quarter, with owners and dates.`,
      ],
      ask: [`What does ${x.partner.name} most want out of this meeting?`, 'Anything to add to the agenda?'],
      internal: [`Figures as of ${dateText(x.period.asOf)}; meeting date ${dateText(x.next.meetingDate)}.`],
    }),
    section('summary', 'Replica figures; health model', x.summary, {
      say: [...x.headlines.map((hl) => hl.text), ...(x.tierStatus ? [`Tier status: ${x.tierStatus}.`] : [])],
      ask: ['Does this match what you see on your side?', 'What is the one thing that would change next quarter’s result most?'],
      internal: [
        ...(h ? [`Health ${h.score}/100 (${h.bandLabel}); churn risk ${h.churn.level} (${pct(h.churn.probability)}).`, ...h.churn.factors.map((f) => `Churn driver: ${f}.`)] : []),
        ...(x.healthMessage ? [x.healthMessage] : []),
      ],
    }),
    section(
      'onboarding',
      'Replica: partner, certification, engagement_event, deal_registration, opportunity',
      x.onboarding,
      x.onboarding ? onboardingNotes(x.onboarding, x.period.end) : { say: [], ask: [], internal: [] },
    ),
    section(
      'scorecard',
      'Replica: opportunity, deal_registration, certification, engagement_event, psat_response, mdf_*',
      { metrics: x.metrics, footnote: x.scorecardFootnote },
      {
        say: [
          `${qText}${x.windowText ? `, ${x.windowText},` : ''} ${x.comparisonText}.`,
          ...moved.slice(0, 4).map((m) => `${m.label}: ${m.currentText} vs ${m.previousText} (${m.changeText}).`),
          ...below.map((m) => `${m.label} is below target: ${m.currentText} vs ${m.targetText} (${m.targetBasis}).`),
        ],
        ask: [
          ...(below.length ? [`What would it take to close the gap on ${below.map((m) => m.label.toLowerCase()).join(', ')}?`] : []),
          'Which of these numbers does your leadership track?',
        ],
        internal: ['Targets: tier requirements pro-rated to the quarter, or the partner’s JBP objectives.'],
      },
    ),
    section('trends', 'Replica: opportunity, mdf_allocation, mdf_request', x.trends, {
      say: [
        `Six quarters of ARR won (every partner role) and pipeline created; ${qText}${x.period.complete ? '' : ' is still running'}.`,
        x.trends.mdf ? `MDF ${x.trends.mdf.period}: ${x.trends.mdf.claimedText} claimed of ${x.trends.mdf.allocatedText} allocated; ${x.trends.mdf.returnText}.` : 'No MDF allocation for this half.',
      ],
      ask: [x.trends.mdf && x.trends.mdf.allocated > x.trends.mdf.claimed ? 'Which campaigns will use the rest of the MDF this half?' : 'Which campaigns could MDF support next half?'],
      internal: [],
    }),
    section('pipeline', 'Replica: opportunity', x.pipeline, {
      say: [
        `${x.pipeline.openText} open across ${plural(x.pipeline.openCount, 'opportunity', 'opportunities')}; ${x.pipeline.closingNextQuarterText} is expected to close by ${dateText(x.nextEnd)}.`,
        x.pipeline.topWins[0]
          ? `Biggest win: ${x.pipeline.topWins[0].customer}, ${x.pipeline.topWins[0].amountText} — thank the team behind it.`
          : `No wins in ${qText}${x.period.complete ? '' : ' yet'}.`,
      ],
      ask: ['Which of these deals need our help to close (pricing, a specialist, an executive sponsor)?', 'Any deals you are working that are not registered yet?'],
      internal: [],
    }),
    h
      ? section('health', 'Health model (health module)', h, {
          say: [
            ...(x.tierStatus ? [`Tier status: ${x.tierStatus}.`] : []),
            `Strongest areas: ${[...h.components].sort((a, b) => b.score - a.score).slice(0, 2).map((cm) => cm.label.toLowerCase()).join(' and ')}.`,
          ],
          ask: ['Where do you want our help most: enablement, marketing or co-selling?'],
          internal: [
            `Health ${h.score}/100 (${h.bandLabel})${h.previousScore === null ? '' : `, ${h.previousScore} at the end of ${prevText}`}.`,
            ...h.movers.map((m) => `Mover: ${m}.`),
            `Churn risk ${h.churn.level} (${pct(h.churn.probability)}).`,
            ...h.churn.factors.map((f) => `Churn driver: ${f}.`),
            'Component scores use the health model’s own windows (last 30/90 days and trailing quarters), not the quarter on the scorecard.',
          ],
        })
      : section('health', 'Health model', null, { say: [], ask: [], internal: x.healthMessage ? [x.healthMessage] : [] }, { status: 'unavailable', message: 'Partner health is not available for this review.' }),
    x.jbp
      ? section('jbp', x.jbpFromPlans ? 'Plans module' : 'Replica: jbp, jbp_objective, jbp_initiative', x.jbp, {
          say: [
            `${x.jbp.plan.title}: ${x.jbp.plan.signoffText}.`,
            ...x.jbp.objectives.filter((o) => o.status === 'missed').map((o) => `Missed: ${o.title} (due ${o.dueText}).`),
            ...x.jbp.initiatives.filter((i) => i.overdue).map((i) => `Overdue: ${i.title} (${i.ownerText}, was due ${i.dueText}) — agree a new date.`),
          ],
          ask: ['Are these still the right objectives for next quarter?', 'Who on your side owns each open initiative?'],
          internal: x.jbpFromPlans ? [] : [x.jbp.actualsNote],
        })
      : section('jbp', 'Replica: jbp', null, { say: [`No joint business plan covers ${qText}: propose drafting one together.`], ask: ['Would you like to build a joint plan for next year?'], internal: [] }, {
          status: 'empty',
          message: `No joint business plan covers ${qText} yet. Agreeing one together is a natural next step.`,
        }),
    section('swot', 'Derived from the figures in this pack', x.swot, {
      say: ['Every point here comes from the figures in this review; invite the partner to add their own.'],
      ask: ['What would you add to this picture from your side?'],
      internal: [],
    }),
    // A partner too new to rank has no benchmarks slide; the reason goes to the summary's notes.
    section('benchmarks', `Replica: ${x.benchmarks.peers} ${x.tierName} partners in the book`, x.benchmarks.tooNew ? null : x.benchmarks, {
      say: [
        x.benchmarks.tooNew ? x.benchmarks.tooNewText ?? '' : `Compared with ${x.benchmarks.peers} ${x.tierName} partners over the same period.`,
        ...x.benchmarks.items.filter((b) => b.tone !== 'neutral').map((b) => `${b.statement}: ${b.valueText} vs median ${b.medianText}.`),
      ].filter(Boolean),
      ask: ['Which of these do you want to move by the next review?'],
      internal: ['Peers are anonymous; never name another partner.'],
    }, x.benchmarks.tooNew ? { message: x.benchmarks.tooNewText } : {}),
    section(
      'commitments',
      `qbr_note (${prevText} commitments)`,
      x.commitments.items.length ? x.commitments : null,
      {
        say: x.commitments.items.length
          ? [
              `${x.commitments.counts.done} done, ${x.commitments.counts.open} carried over, ${x.commitments.counts.missed} missed of ${plural(x.commitments.items.length, 'commitment')} from the ${prevText} QBR.`,
              ...x.commitments.items.filter((i) => i.status === 'missed').map((i) => `Missed: ${i.body} — say what we learned and whether it carries over.`),
            ]
          : [`No commitments were recorded at the ${prevText} QBR.`],
        ask: x.commitments.counts.open + x.commitments.counts.missed > 0 ? ['Which of the open commitments should carry over, and who owns them?'] : [],
        internal: x.commitments.items.length ? [] : ['Record this meeting’s commitments in Partnerbook so the next QBR can review them.'],
      },
      x.commitments.items.length ? {} : { message: `No commitments were recorded at the ${prevText} QBR.` },
    ),
    section('next_steps', 'CAM notes and commitments; Actions module', x.next, {
      say: [
        ...x.next.steps.map((s) => `${s.text}${s.owner ? ` — ${s.owner}` : ''}${s.dueText ? `, ${s.dueText}` : ''}.`),
        ...x.next.asks.map((a) => `Ask: ${a}`),
      ],
      ask: ['Do these owners and dates work for you?', 'What do you need from us to deliver your part?'],
      internal: [
        ...(x.next.steps.length ? [] : ['No commitments recorded for this quarter yet: agree them in the meeting and add them in Partnerbook.']),
        ...(x.actions ?? []).map((a) => shortMoneyIn(`Internal action: ${a.title}${a.due ? ` (due ${a.due})` : ''}${a.detail ? ` — ${a.detail}` : ''}`, x.partner.currency)),
        ...(x.actions ? [] : [x.actionsMessage]),
        ...x.camNotes.map((n) => `CAM note ${dateText(n.date)}: ${n.body}`),
      ],
    }),
  ];
}
