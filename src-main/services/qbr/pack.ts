/**
 * Assembles a QBR pack: one partner × one quarter from the replica, as of the quarter's
 * end (or the book's as-of date for the running quarter). Each section comes from a
 * provider: the QBR's own figures (figures.ts), or another module through `QbrSources`;
 * a missing module leaves its section marked unavailable, with the reason on the slide.
 */
import {
  QBR_SECTION_TITLES,
  type BenchmarksData,
  type HealthData,
  type JbpData,
  type PipelineData,
  type QbrPack,
  type QbrSection,
  type QbrSectionKey,
  type SectionDataMap,
  type TrendsData,
} from '../../../src-shared/methods/qbr';
import { quarterEnd, quartersEnding, shiftQuarter } from '../../../src-shared/domain/time';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import type { Clock } from '../../base/clock';
import { commitmentsData, healthData, jbpData, nextStepsData, planFor } from './context-sections';
import { figures, openPipeline, partnerFigures, topOpen, topWins, type DealRow, type Figures } from './figures';
import { dateText, money, pct, plural, quarterText } from './format';
import { absentFacts } from '../import/service';
import { headlines, swot } from './narrative';
import { listNotes } from './notes';
import { benchmarks, tierFigures } from './peers';
import { quarterWindow, resolvePeriod, type Window } from './period';
import { readCalendar } from '../calendar';
import { buildScorecard, type JbpTargets, type TierInfo } from './scorecard';
import { SOURCE_MESSAGES, type QbrSources } from './sources';

export const TREND_QUARTERS = 6;

interface PartnerRow {
  id: string;
  name: string;
  type: string;
  tier_id: string;
  region: string;
  country: string;
  owner_id: string;
  owner_name: string;
  status: string;
  currency: string;
  agreement_signed_at: string;
  churned_at: string | null;
}

const STAGE_LABELS: Record<string, string> = {
  prospecting: 'Prospecting',
  qualification: 'Qualification',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  closed_won: 'Won since',
  closed_lost: 'Lost since',
};
const STAGE_ORDER = Object.keys(STAGE_LABELS);
const TYPE_LABELS: Record<string, string> = {
  reseller: 'Reseller',
  var: 'VAR',
  msp: 'MSP',
  si: 'SI',
  gsi: 'GSI',
  isv: 'ISV',
  referral: 'Referral',
  influencer: 'Influencer',
  marketplace: 'Marketplace',
};

export interface QbrBuilder {
  pack(partnerId: string, quarter?: string): QbrPack;
}

export interface BuilderDeps {
  db: Db;
  clock: Clock;
  sources: QbrSources;
}

function section<K extends QbrSectionKey>(
  key: K,
  source: string,
  data: SectionDataMap[K] | null,
  talkingPoints: string[],
  opts: { status?: 'ok' | 'empty' | 'unavailable'; message?: string | null } = {},
): QbrSection {
  return {
    key,
    title: QBR_SECTION_TITLES[key],
    status: opts.status ?? (data ? 'ok' : 'empty'),
    message: opts.message ?? null,
    source,
    data,
    talkingPoints,
  } as QbrSection;
}

function deal(r: DealRow, currency: string) {
  return { id: r.id, customer: r.customer, amount: r.amount, amountText: money(r.amount, currency), date: r.close_date, role: r.partner_role, stage: r.stage };
}

export function createQbrBuilder(deps: BuilderDeps): QbrBuilder {
  const { db, clock, sources } = deps;
  // What the book does not hold (an import of order files has no registrations, contacts …): "no data", never 0.
  const absent = absentFacts(db);
  // Peer figures per tier and window: one grouped pass, shared by every partner of a batch.
  const peerMemo = new Map<string, Figures[]>();
  const peersOf = (tierId: string, w: Window) => {
    const key = `${tierId}|${w.start}|${w.end}`;
    let v = peerMemo.get(key);
    if (!v) peerMemo.set(key, (v = tierFigures(db, tierId, w)));
    return v;
  };

  let historyMemo: string | null | undefined;
  // Where the replica's partner-deal history starts (its earliest partner opportunity).
  const historyStart = () =>
    historyMemo !== undefined
      ? historyMemo
      : (historyMemo = db.sqlite.prepare('SELECT min(created_at) FROM opportunity WHERE partner_id IS NOT NULL').pluck().get() as string | null);

  function loadPartner(id: string): { p: PartnerRow; tier: TierInfo } {
    const p = db.sqlite
      .prepare(
        `SELECT p.id, p.name, p.type, p.tier_id, p.region, p.country, p.owner_id, coalesce(u.name, p.owner_id) AS owner_name,
                p.status, p.currency, p.agreement_signed_at, p.churned_at
           FROM partner p LEFT JOIN user u ON u.id = p.owner_id WHERE p.id = ?`,
      )
      .get(id) as PartnerRow | undefined;
    if (!p) throw new ServiceError('not_found', `No partner with id '${id}' in this book.`, [{ path: 'partnerId', message: 'not found' }]);
    const tier = db.sqlite
      .prepare('SELECT id, name, rank, min_sourced_arr, min_certified, revenue_target, pipeline_target FROM tier WHERE id = ?')
      .get(p.tier_id) as TierInfo | undefined;
    if (!tier) throw new ServiceError('not_found', `Partner '${id}' refers to tier '${p.tier_id}', which is not in this book.`);
    return { p, tier };
  }

  return {
    pack(partnerId, quarter) {
      const today = clock.today();
      const period = resolvePeriod(quarter, today, readCalendar(db));
      const { p, tier } = loadPartner(partnerId);
      if (p.agreement_signed_at > period.asOf) {
        throw new ServiceError(
          'invalid_input',
          `quarter: ${p.name} joined the program on ${p.agreement_signed_at}, after ${period.quarter} (${period.asOf}).`,
          [{ path: 'quarter', message: 'before the partner joined' }],
        );
      }
      const cur: Window = { start: period.start, end: period.asOf };
      const prevW = quarterWindow(period.previousQuarter, today, period.calendar);
      const c = partnerFigures(db, p.id, cur);
      const prev = partnerFigures(db, p.id, prevW);
      const notes = listNotes(db, p.id, period.quarter);
      const prevNotes = listNotes(db, p.id, period.previousQuarter);
      const cur$ = (v: number) => money(v, p.currency);
      const qText = quarterText(period.quarter, period.calendar);
      const prevText = quarterText(period.previousQuarter, period.calendar);
      const commentary = (key: QbrSectionKey) =>
        notes.filter((n) => n.kind === 'commentary' && n.section === key).map((n) => `CAM commentary: ${n.body}`);

      // ---- health (health module) ----
      let health: HealthData | null = null;
      let healthMessage: string | null = null;
      let nextTierText: string | null = null;
      if (!sources.health) healthMessage = SOURCE_MESSAGES.health;
      else {
        try {
          const h = sources.health(p.id, period.asOf);
          health = healthData(h);
          // Components the book has no facts for are left out of the deck, not drawn as zeros.
          health.components = health.components.filter((comp) => comp.weight > 0);
          nextTierText = h.eligibility.nextText;
        } catch (err) {
          healthMessage = `Partner health could not be computed: ${err instanceof Error ? err.message : String(err)}`;
        }
      }

      // ---- JBP (replica + plans module for live actuals) ----
      const plan = planFor(db, p.id, period.quarter);
      let jbp: JbpData | null = null;
      let jbpTargets: JbpTargets = {};
      if (plan) {
        const r = jbpData(db, plan, period.asOf, p.currency, sources.jbpActuals, SOURCE_MESSAGES.jbpActuals);
        jbp = r.data;
        jbpTargets = r.targets;
      }

      // ---- scorecard ----
      const metrics = buildScorecard({
        current: c,
        previous: prev,
        period,
        previousEnd: prevW.end,
        agreementSignedAt: p.agreement_signed_at,
        historyStart: historyStart(),
        currency: p.currency,
        tier,
        jbpTargets,
        absent,
      });

      // ---- trends: the last six quarters ----
      const quarters = quartersEnding(period.quarter, TREND_QUARTERS);
      const series = quarters.map((q) => (q === period.quarter ? c : q === period.previousQuarter ? prev : partnerFigures(db, p.id, quarterWindow(q, today, period.calendar))));
      const trends: TrendsData = {
        quarters,
        sourcedWon: series.map((f) => f.sourcedWon),
        influencedWon: series.map((f) => f.influencedWon),
        // A book of closed orders only has no pipeline to chart (its "created" deals are its wins).
        pipelineCreated: absent.has('open_pipeline') ? [] : series.map((f) => f.pipelineCreated),
        winRate: series.map((f) => f.winRate),
        currency: p.currency,
        mdf: c.mdf
          ? {
              period: c.mdf.period,
              allocated: c.mdf.allocated,
              approved: c.mdf.approved,
              claimed: c.mdf.claimed,
              attributedPipeline: c.mdf.attributed,
              allocatedText: cur$(c.mdf.allocated),
              approvedText: cur$(c.mdf.approved),
              claimedText: cur$(c.mdf.claimed),
              attributedText: cur$(c.mdf.attributed),
              returnText: c.mdf.claimed > 0 ? `${(c.mdf.attributed / c.mdf.claimed).toFixed(1)}× pipeline per MDF dollar claimed` : 'no MDF claimed yet',
            }
          : null,
      };

      // ---- pipeline and wins ----
      const nextEnd = quarterEnd(shiftQuarter(period.quarter, 1), period.calendar);
      const open = openPipeline(db, p.id, period.asOf, nextEnd);
      const wins = topWins(db, p.id, cur);
      const pipeline: PipelineData = {
        openCount: open.count,
        openAmount: open.amount,
        openText: cur$(open.amount),
        closingNextQuarterText: cur$(open.closingNextQuarter),
        byStage: open.byStage
          .map((s) => ({ ...s, label: STAGE_LABELS[s.stage] ?? s.stage }))
          .sort((a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage)),
        topWins: wins.rows.map((r) => deal(r, p.currency)),
        wonCount: wins.count,
        wonText: cur$(wins.amount),
        topOpen: topOpen(db, p.id, period.asOf).map((r) => deal(r, p.currency)),
      };

      // ---- benchmarks ----
      const bench: BenchmarksData = benchmarks(c, peersOf(p.tier_id, cur), tier.name, p.currency, absent);

      // ---- narrative ----
      const narrative = {
        partnerName: p.name,
        quarter: period.quarter,
        previousQuarter: period.previousQuarter,
        complete: period.complete,
        currency: p.currency,
        current: c,
        previous: prev,
        metrics,
        health,
        benchmarks: bench,
        pipeline,
        nextTierText,
        calendar: period.calendar,
      };
      const heads = headlines(narrative);
      const sw = swot(narrative);
      const commitments = commitmentsData(period.previousQuarter, prevNotes);
      const actions = sources.actions ? sources.actions(p.id, period.asOf) : null;
      const next = nextStepsData(db, p.id, period, notes, actions, SOURCE_MESSAGES.actions);

      const periodText = `${dateText(period.start)} – ${dateText(period.asOf)}${period.complete ? '' : ` (quarter to date, day ${period.daysElapsed} of ${period.daysTotal})`}`;
      const won = c.sourcedWon + c.influencedWon;
      const wr = metrics.find((m) => m.key === 'win_rate')!;
      const pc = metrics.find((m) => m.key === 'pipeline_created')!;

      const sections: QbrSection[] = [
        section(
          'title',
          'Partner record',
          {
            partnerName: p.name,
            subtitle: `Quarterly business review · ${qText}`,
            tierName: `${tier.name} partner · ${TYPE_LABELS[p.type] ?? p.type} · ${p.region}, ${p.country}`,
            ownerName: `Prepared by ${p.owner_name}, channel account manager`,
            periodText,
            preparedText: `Figures from the Partnerbook replica as of ${dateText(period.asOf)}`,
          },
          [`Welcome; agenda: results for ${qText}, health, plan progress, commitments and next steps.`, ...commentary('title')],
        ),
        section(
          'summary',
          'Replica figures; health model',
          {
            health: health
              ? {
                  score: health.score,
                  band: health.band,
                  bandLabel: health.bandLabel,
                  delta: health.previousScore === null ? null : health.score - health.previousScore,
                  trend: health.trend,
                  churnText: `Churn risk ${health.churn.level} (${pct(health.churn.probability)})`,
                }
              : null,
            healthMessage,
            headlines: heads,
            keyFigures: [
              { label: 'ARR won', value: cur$(won), sub: `${cur$(c.sourcedWon)} sourced · ${cur$(c.influencedWon)} influenced` },
              absent.has('open_pipeline')
                ? { label: 'Average deal', value: c.wonCount > 0 ? cur$(Math.round(won / c.wonCount)) : '—', sub: plural(c.wonCount, 'deal') + ' won' }
                : { label: 'Pipeline created', value: cur$(c.pipelineCreated), sub: pc.target ? `target ${pc.targetText}` : plural(c.createdCount, 'opportunity', 'opportunities') },
              { label: 'Win rate', value: wr.currentText, sub: wr.detail ?? '' },
              absent.has('deal_registration')
                ? { label: 'Deals won', value: String(c.wonCount), sub: `${cur$(c.sourcedWon + c.influencedWon)} in total` }
                : { label: 'Deal registrations', value: String(c.regsSubmitted), sub: `${c.regsApproved} approved · ${c.regsPending} pending` },
            ],
          },
          [...heads.map((h) => h.text), ...commentary('summary')],
        ),
        section(
          'scorecard',
          'Replica: opportunity, deal_registration, certification, engagement_event, psat_response, mdf_*',
          {
            metrics,
            footnote: `${qText}${period.complete ? '' : ' to date'} vs ${prevText} (full quarter). Targets: tier program requirements pro-rated to the quarter, or the partner’s JBP objectives.`,
          },
          [
            ...metrics.filter((m) => m.changeTone !== 'neutral').slice(0, 4).map((m) => `${m.label}: ${m.currentText} vs ${m.previousText} in ${prevText} (${m.changeText}).`),
            ...metrics.filter((m) => m.targetStatus === 'below').map((m) => `${m.label} is below target (${m.currentText} vs ${m.targetText}; ${m.targetBasis}).`),
            ...commentary('scorecard'),
          ],
        ),
        section('trends', 'Replica: opportunity, mdf_allocation, mdf_request', trends, [
          `Six quarters of won ARR and pipeline created; ${qText}${period.complete ? '' : ' is still running'}.`,
          trends.mdf ? `MDF ${trends.mdf.period}: ${trends.mdf.claimedText} claimed of ${trends.mdf.allocatedText} allocated; ${trends.mdf.returnText}.` : 'No MDF allocation for this half.',
          ...commentary('trends'),
        ]),
        section('pipeline', 'Replica: opportunity', pipeline, [
          `${pipeline.openText} open across ${plural(pipeline.openCount, 'opportunity', 'opportunities')}; ${pipeline.closingNextQuarterText} closes by ${dateText(nextEnd)}.`,
          pipeline.topWins[0] ? `Biggest win: ${pipeline.topWins[0].customer}, ${pipeline.topWins[0].amountText}.` : `No wins in ${qText}${period.complete ? '' : ' yet'}.`,
          ...commentary('pipeline'),
        ]),
        health
          ? section('health', 'Health model (health module)', health, [
              `Health ${health.score} (${health.bandLabel})${health.previousScore === null ? '' : `, was ${health.previousScore} at the end of ${prevText}`}.`,
              ...health.movers.map((m) => `Mover: ${m}.`),
              health.eligibility.current,
              ...(health.eligibility.next ? [health.eligibility.next] : []),
              ...commentary('health'),
            ])
          : section('health', 'Health model', null, commentary('health'), { status: 'unavailable', message: healthMessage }),
        jbp
          ? section('jbp', sources.jbpActuals ? 'Plans module' : 'Replica: jbp, jbp_objective, jbp_initiative', jbp, [
              `${jbp.plan.title}: ${jbp.plan.signoffText}.`,
              `${jbp.objectives.length} objectives; initiatives: ${Object.entries(jbp.initiativeCounts).map(([k, v]) => `${v} ${k.replace('_', ' ')}`).join(', ')}.`,
              ...(sources.jbpActuals ? [] : [jbp.actualsNote]),
              ...commentary('jbp'),
            ])
          : section('jbp', 'Replica: jbp', null, commentary('jbp'), {
              status: 'empty',
              message: `No joint business plan covers ${qText} for this partner. Agreeing one is a natural next step.`,
            }),
        section('swot', 'Derived from the figures in this pack', sw, [
          'Every point on this slide is derived from the numbers in this pack.',
          ...commentary('swot'),
        ]),
        section('benchmarks', `Replica: ${bench.peers} ${tier.name} partners in the book`, bench, [
          `Compared with ${bench.peers} ${tier.name} partners over the same period.`,
          ...bench.items.filter((b) => b.tone !== 'neutral').map((b) => `${b.statement}: ${b.valueText} vs median ${b.medianText}.`),
          ...commentary('benchmarks'),
        ]),
        section(
          'commitments',
          `qbr_note (${prevText} commitments)`,
          commitments.items.length ? commitments : null,
          [
            commitments.items.length
              ? `${commitments.counts.done} done, ${commitments.counts.open} open, ${commitments.counts.missed} missed of ${commitments.items.length} commitments from ${prevText}.`
              : `No commitments were recorded at the ${prevText} QBR.`,
            ...commentary('commitments'),
          ],
          commitments.items.length ? {} : { message: `No commitments were recorded at the ${prevText} QBR.` },
        ),
        section('next_steps', 'CAM notes and commitments; Actions module', next, [
          ...next.commitments.map((x) => `Commit: ${x.body}`),
          ...next.asks.map((a) => `Ask: ${a}`),
          ...(next.actions ?? []).map((a) => `Suggested: ${a.title}`),
          ...commentary('next_steps').filter((t) => !next.asks.some((a) => t.endsWith(a))),
        ]),
      ];

      return {
        partner: {
          id: p.id,
          name: p.name,
          tier_id: p.tier_id,
          tier_name: tier.name,
          type: p.type,
          region: p.region,
          country: p.country,
          owner_id: p.owner_id,
          owner_name: p.owner_name,
          status: p.status,
          currency: p.currency,
          agreement_signed_at: p.agreement_signed_at,
        },
        quarter: period.quarter,
        previousQuarter: period.previousQuarter,
        calendar: period.calendar,
        period: {
          start: period.start,
          end: period.end,
          asOf: period.asOf,
          complete: period.complete,
          daysElapsed: period.daysElapsed,
          daysTotal: period.daysTotal,
        },
        generatedAt: clock.now(),
        sections,
        notes,
      };
    },
  };
}

/** Figures for a set of partners in one pass (exposed for tests and the benchmark). */
export { figures };
