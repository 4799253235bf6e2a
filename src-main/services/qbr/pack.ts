/**
 * Assembles a QBR pack: one partner × one quarter from the replica, as of the quarter's
 * end (or the book's as-of date for the running quarter). Each section comes from a
 * provider: the QBR's own figures (figures.ts), or another module through `QbrSources`;
 * a missing module leaves its section marked unavailable, with the reason on the slide.
 */
import { NO_DEALS_FOR_QBR, type BenchmarksData, type HealthData, type JbpData, type QbrPack } from '../../../src-shared/methods/qbr';
import { quarterEnd, quarterOf, quarterStart, quartersEnding, sameDaysEnd, shiftQuarter } from '../../../src-shared/domain/time';
import { fieldError, ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import type { Clock } from '../../base/clock';
import { camNotes, commitmentsData, healthData, jbpData, nextStepsData, planFor, tierStatusText } from './context-sections';
import { figures, partnerFigures, type Figures } from './figures';
import { dateText, plural, quarterText } from './format';
import { absentFacts } from '../import/service';
import { headlines, swot } from './narrative';
import { listNotes } from './notes';
import { benchmarks, keptTierFigures } from './peers';
import { quarterWindow, resolvePeriod, type Window } from './period';
import { readCalendar } from '../calendar';
import { assembleSections } from './sections/assemble';
import { pipelineData } from './sections/pipeline';
import { summaryData } from './sections/summary';
import { TREND_QUARTERS, trendsData } from './sections/trends';
import { trailingData } from './sections/trailing';
import { dealsData } from './sections/deals';
import { winStoryData } from './sections/win-story';
import { agendaData, savedAttendees, suggestedAttendees } from './sections/agenda';
import { readReportedIdentity } from '../../sync/identity';
import { onboardingData, packVariant } from './onboarding';
import { buildScorecard, type JbpTargets, type TierInfo } from './scorecard';
import { forecastProblem, SOURCE_MESSAGES, type QbrSources } from './sources';

export { TREND_QUARTERS };

interface PartnerRow {
  id: string;
  name: string;
  type: string;
  tier_id: string;
  region: string;
  country: string;
  owner_id: string;
  owner_name: string;
  /** 0 when the partner has no owner (no user, or the placeholder an import makes). */
  has_owner: number;
  status: string;
  currency: string;
  agreement_signed_at: string;
  churned_at: string | null;
}

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

export interface PackOptions {
  /** Mark the pack for an internal appendix in its deck (default off: the deck goes to the partner). */
  internalAppendix?: boolean;
}

export interface QbrBuilder {
  pack(partnerId: string, quarter?: string, opts?: PackOptions): QbrPack;
  /** Why the packs list no actions when the book's ranking failed (sources.actionsProblem), else null. */
  actionsProblem: string | null;
}

export interface BuilderDeps {
  db: Db;
  clock: Clock;
  sources: QbrSources;
}

export function createQbrBuilder(deps: BuilderDeps): QbrBuilder {
  const { db, clock, sources } = deps;
  // What the book does not hold (an import of order files has no registrations, contacts …): "no data", never 0.
  const absent = absentFacts(db);
  // Peer figures per tier and window: one grouped pass, shared by every partner of a batch
  // and kept for the next packs while the book is unchanged (peers.ts).
  const peerMemo = new Map<string, readonly Figures[]>();
  const peersOf = (tierId: string, w: Window) => {
    const key = `${tierId}|${w.start}|${w.end}`;
    let v = peerMemo.get(key);
    if (!v) peerMemo.set(key, (v = keptTierFigures(db, tierId, w)));
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
                (u.id IS NOT NULL AND NOT (u.name = 'Unassigned' AND u.email = 'none')) AS has_owner,
                p.status, p.currency, p.agreement_signed_at, p.churned_at
           FROM partner p LEFT JOIN user u ON u.id = p.owner_id WHERE p.id = ?`,
      )
      .get(id) as PartnerRow | undefined;
    if (!p) throw fieldError('not_found', 'partnerId', `No partner with id '${id}' in this book.`);
    const tier = db.sqlite
      .prepare('SELECT id, name, rank, min_sourced_arr, min_certified, revenue_target, pipeline_target FROM tier WHERE id = ?')
      .get(p.tier_id) as TierInfo | undefined;
    if (!tier) throw new ServiceError('not_found', `Partner '${id}' refers to tier '${p.tier_id}', which is not in this book.`);
    return { p, tier };
  }

  return {
    actionsProblem: sources.actionsProblem ?? null,
    pack(partnerId, quarter, opts = {}) {
      const today = clock.today();
      // The deck is prepared today for a meeting from today on: no next step is due before it.
      const meetingDate = today;
      const period = resolvePeriod(quarter, today, readCalendar(db));
      const { p, tier } = loadPartner(partnerId);
      if (absent.has('opportunity')) throw new ServiceError('invalid_input', NO_DEALS_FOR_QBR);
      if (p.agreement_signed_at > period.asOf) {
        throw fieldError(
          'invalid_input',
          'quarter',
          `${p.name} joined the program on ${p.agreement_signed_at}, after ${period.quarter} (${period.asOf}); choose a later quarter.`,
        );
      }
      const cur: Window = { start: period.start, end: period.asOf };
      // A running quarter is compared with the same number of days of the quarters it is set against.
      const sameDays = (q: string): Window =>
        period.complete
          ? quarterWindow(q, today, period.calendar)
          : { start: quarterStart(q, period.calendar), end: sameDaysEnd(q, period.daysElapsed, period.calendar) };
      const lastYearQuarter = shiftQuarter(period.quarter, -4);
      const prevW = sameDays(period.previousQuarter);
      const c = partnerFigures(db, p.id, cur);
      const prev = partnerFigures(db, p.id, prevW);
      const lastYearW = sameDays(lastYearQuarter);
      const lastYear = partnerFigures(db, p.id, lastYearW);
      const lyText = quarterText(lastYearQuarter, period.calendar);
      const notes = listNotes(db, p.id, period.quarter);
      const prevNotes = listNotes(db, p.id, period.previousQuarter);
      const qText = quarterText(period.quarter, period.calendar);
      const prevText = quarterText(period.previousQuarter, period.calendar);

      // ---- health (health module) ----
      let health: HealthData | null = null;
      let healthMessage: string | null = null;
      let nextTierText: string | null = null;
      let tierStatus: string | null = null;
      let tierAtRisk: string | null = null;
      if (!sources.health) healthMessage = SOURCE_MESSAGES.health;
      else {
        try {
          const h = sources.health(p.id, period.asOf);
          if (h.current.band === 'no_data') {
            // Nothing health counts is in this book: the deck says so instead of a score of 0 "at risk".
            healthMessage = 'No health score: this book holds none of what the health weights count (revenue, pipeline, engagement, certifications, PSAT; Settings → Health).';
          } else {
            health = healthData(h);
            // Components the book has no facts for are left out of the deck, not drawn as zeros.
            health.components = health.components.filter((comp) => comp.weight > 0);
          }
          nextTierText = h.eligibility.nextText;
          tierStatus = tierStatusText(h.eligibility, quarterEnd(quarterOf(meetingDate, period.calendar), period.calendar), p.currency);
          if (!h.eligibility.meetsCurrent) tierAtRisk = tierStatus;
        } catch (err) {
          healthMessage = `Partner health could not be computed: ${err instanceof Error ? err.message : String(err)}`;
        }
      }

      // ---- JBP (replica + plans module for live actuals) ----
      const plan = planFor(db, p.id, period.quarter);
      let jbp: JbpData | null = null;
      let jbpTargets: JbpTargets = {};
      if (plan) {
        const r = jbpData(db, plan, period.asOf, meetingDate, p.currency, sources.jbpActuals, SOURCE_MESSAGES.jbpActuals, period.calendar);
        jbp = r.data;
        jbpTargets = r.targets;
      }

      // ---- scorecard ----
      const metrics = buildScorecard({
        current: c,
        previous: prev,
        lastYear,
        // A quarter that ended before the partner joined has no figures to compare with ("—", not $0).
        inProgram: { previous: p.agreement_signed_at <= prevW.end, lastYear: p.agreement_signed_at <= lastYearW.end },
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
      const series = quarters.map((q) => (q === period.quarter ? c : partnerFigures(db, p.id, quarterWindow(q, today, period.calendar))));
      const trends = trendsData(quarters, series, c, { complete: period.complete, noPipeline: absent.has('open_pipeline'), currency: p.currency });

      // ---- pipeline and wins ----
      const nextEnd = quarterEnd(shiftQuarter(period.quarter, 1), period.calendar);
      const pipeline = pipelineData(db, p.id, cur, nextEnd, p.currency, !absent.has('open_pipeline'));

      // ---- benchmarks ----
      const bench: BenchmarksData = benchmarks(c, peersOf(p.tier_id, cur), tier.name, p.currency, absent, {
        agreementSignedAt: p.agreement_signed_at,
        asOf: period.asOf,
        partnerName: p.name,
      });

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
        tierAtRisk: tierAtRisk,
      };
      const heads = headlines(narrative);
      const sw = swot(narrative);
      const commitments = commitmentsData(period.previousQuarter, prevNotes, p.name);
      const actions = sources.actions ? sources.actions(p.id, period.asOf) : null;
      // Who presents: the partner's owner, else the signed-in user; nobody named when neither is known.
      const presenter = p.has_owner ? p.owner_name : (readReportedIdentity(db)?.user?.name ?? null);
      const next = nextStepsData({ period, meetingDate, notes, jbp, partnerName: p.name, ownerName: presenter ?? 'Our channel team' });
      const trailing = trailingData(db, p.id, {
        quarter: period.quarter,
        asOf: period.asOf,
        today,
        complete: period.complete,
        daysElapsed: period.daysElapsed,
        calendar: period.calendar,
        currency: p.currency,
      });
      const deals = dealsData(db, p.id, { asOf: period.asOf, currency: p.currency, partnerName: p.name, notes });
      const winStory = winStoryData(db, p.id, { window: cur, currency: p.currency, partnerName: p.name, quarterText: `${qText}${period.complete ? '' : ' to date'}`, notes });
      const saved = savedAttendees(db, p.id, period.quarter);
      const meetingText = `Meeting date ${dateText(meetingDate)}`;
      const agenda = agendaData(meetingText, saved ?? suggestedAttendees(db, p.id, p.has_owner ? p.owner_id : null, presenter), saved !== null);

      const windowText = period.complete ? '' : `quarter to date, ${plural(period.daysElapsed, 'day')}`;
      const comparisonText = period.complete
        ? `compared with ${prevText} and ${lyText}`
        : `compared with the first ${plural(period.daysElapsed, 'day')} of ${prevText} and of ${lyText}`;
      const periodText = `${dateText(period.start)} – ${dateText(period.asOf)}${period.complete ? '' : ` (${windowText} of ${period.daysTotal})`}`;
      const summary = summaryData({ health, tierStatus, headlines: heads, metrics, current: c, complete: period.complete, absent, currency: p.currency });

      const variant = packVariant(absent.has('agreement_date') ? null : p.agreement_signed_at, period.end);
      const { sections, omitted } = assembleSections({
        variant,
        onboarding: variant === 'onboarding' ? onboardingData(db, p.id, p.agreement_signed_at, period.asOf) : null,
        partner: { name: p.name, ownerName: presenter ?? 'our channel team', currency: p.currency },
        tierName: tier.name,
        period,
        windowText,
        comparisonText,
        title: {
          partnerName: p.name,
          subtitle: `Quarterly business review · ${qText}`,
          tierName: `${tier.name} partner · ${TYPE_LABELS[p.type] ?? p.type} · ${p.region}, ${p.country}`,
          ownerName: presenter ? `Prepared by ${presenter}, channel account manager` : null,
          periodText,
          preparedText: `Figures as of ${dateText(period.asOf)}`,
          meetingText,
        },
        agenda,
        trailing,
        deals,
        winStory,
        summary,
        tierStatus,
        current: c,
        metrics,
        scorecardFootnote: `${qText}${period.complete ? '' : ` to date (${plural(period.daysElapsed, 'day')})`}, ${comparisonText}. Targets: your tier’s requirements pro-rated to the quarter, or our joint plan’s objectives.`,
        trends,
        pipeline,
        nextEnd,
        health,
        healthMessage,
        forecastNote: forecastNoteFor(sources, p.id, period.complete),
        voiceNotes: voiceNotesFor(sources, p.id, period.asOf),
        jbp,
        jbpFromPlans: !!sources.jbpActuals,
        swot: sw,
        benchmarks: bench,
        commitments,
        next,
        actions,
        actionsMessage: sources.actionsProblem ?? SOURCE_MESSAGES.actions,
        camNotes: camNotes(db, p.id, period),
        notes,
        headlines: heads,
      });

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
        variant,
        omitted,
        meetingDate,
        internalAppendix: opts.internalAppendix ?? false,
        sections,
        notes,
      };
    },
  };
}

/** Figures for a set of partners in one pass (exposed for tests and the benchmark). */
export { figures };

/** The forecast's internal sentence for a deck of the running quarter (a forecast made today says nothing about a past quarter). */
function forecastNoteFor(sources: QbrSources, partnerId: string, complete: boolean): string | null {
  if (complete || !sources.forecast) return null;
  try {
    return sources.forecast(partnerId);
  } catch (err) {
    return forecastProblem(err);
  }
}

/** The partner's recent quotes for the summary's internal notes (a deck of a past quarter: those up to its end). */
function voiceNotesFor(sources: QbrSources, partnerId: string, asOf: string): string[] {
  if (!sources.voice) return [];
  try {
    return sources.voice(partnerId, asOf);
  } catch (err) {
    return [`Voice of the partner (internal): could not be read: ${err instanceof Error ? err.message : String(err)}`];
  }
}
