/** Sections built on other modules' data or the CAM's own words: health, JBP, commitments, next steps. */
import type { HealthPartnerDetail, TierEligibility } from '../../../src-shared/methods/health';
import { HEALTH_BAND_LABELS } from '../../../src-shared/methods/health';
import type { CommitmentsData, HealthData, JbpData, NextStepsData, QbrNoteView, QbrStep } from '../../../src-shared/methods/qbr';
import { CALENDAR_YEAR, quarterEnd, quarterOf, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import { periodRange } from '../../../src-shared/domain/plans';
import { forPartner, sideOf, slideFor } from './commentary';
import { markdownBlocks } from './markdown';
import type { Db } from '../../db/connection';
import { readOverlaid, type Overlaid } from '../../sync/overlay';
import { count, dateText, money, pct, quarterText } from './format';
import type { JbpTargets } from './scorecard';
import type { QbrPeriod } from './period';
import type { JbpObjectiveActual } from './sources';

export function healthData(h: HealthPartnerDetail): HealthData {
  return {
    score: h.current.score,
    band: h.current.band,
    bandLabel: HEALTH_BAND_LABELS[h.current.band],
    previousScore: h.previous?.score ?? null,
    components: h.current.components.map((c) => ({
      label: c.label,
      score: c.score,
      weight: c.weight,
      points: c.points,
      tierMedian: h.componentsVsTier.find((t) => t.component === c.component)?.tierMedian ?? 0,
    })),
    trend: h.trend.map((t) => ({ quarter: t.quarter, score: t.score })),
    movers: h.movers.slice(0, 3).map((m) => m.text),
    eligibility: { current: h.eligibility.currentText, next: h.eligibility.nextText },
    // Only what raises the risk is a reason; a factor with no effect is not one.
    churn: { probability: h.churn.probability, level: h.churn.level, factors: h.churn.factors.filter((f) => f.effect > 0).slice(0, 3).map((f) => `${f.label}: ${f.value}`) },
  };
}

/** The partner's plan covering the quarter: FYyyyy or the half containing it; the newest revision wins. */
export function planFor(db: Db, partnerId: string, quarter: string): Overlaid<'jbp'> | null {
  const year = quarter.slice(0, 4);
  const half = Number(quarter.slice(6)) <= 2 ? 'H1' : 'H2';
  const plans = readOverlaid(db.sqlite, 'jbp', { column: 'partner_id', value: partnerId }).filter(
    (j) => j.period === `FY${year}` || j.period === `${year}-${half}`,
  );
  plans.sort((a, b) => (b.status === 'signed' ? 1 : 0) - (a.status === 'signed' ? 1 : 0) || b.updated_at.localeCompare(a.updated_at));
  return plans[0] ?? null;
}

const MONEY_METRICS = new Set(['sourced_arr', 'influenced_arr', 'pipeline_created']);
const INITIATIVE_LABELS: Record<string, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  blocked: 'Blocked',
  cancelled: 'Cancelled',
};

function objectiveValue(metric: string, v: number, unit: string | null, currency: string): string {
  if (MONEY_METRICS.has(metric)) return money(v, currency);
  if (metric === 'win_rate') return pct(v);
  return unit ? `${count(v)} ${unit}` : count(v);
}

export function jbpData(
  db: Db,
  plan: Overlaid<'jbp'>,
  asOf: string,
  meetingDate: string,
  currency: string,
  actuals: ((jbpId: string, asOf: string) => Map<string, JbpObjectiveActual>) | null,
  missingNote: string,
  cal: FiscalCalendar = CALENDAR_YEAR,
): { data: JbpData; targets: JbpTargets } {
  const objectives = readOverlaid(db.sqlite, 'jbp_objective', { column: 'jbp_id', value: plan.id }).sort((a, b) => a.sort_order - b.sort_order);
  const initiatives = readOverlaid(db.sqlite, 'jbp_initiative', { column: 'jbp_id', value: plan.id }).sort(
    (a, b) => a.due_date.localeCompare(b.due_date) || a.id.localeCompare(b.id),
  );
  const live = actuals ? actuals(plan.id, asOf) : null;
  const targets: JbpTargets = {};
  for (const o of objectives) {
    if (o.metric === 'win_rate' || o.metric === 'certified_people' || o.metric === 'active_contacts') {
      targets[o.metric] ??= { target: o.target, plan: plan.period };
    }
  }
  const counts: Record<string, number> = {};
  for (const i of initiatives) counts[i.status] = (counts[i.status] ?? 0) + 1;
  const signed = plan.status === 'signed';
  return {
    targets,
    data: {
      plan: {
        id: plan.id,
        title: plan.title,
        period: plan.period,
        status: plan.status,
        summary: plan.summary,
        summaryBlocks: markdownBlocks(plan.summary),
        signoffText: signed
          ? `Signed by ${plan.vendor_signoff_name ?? 'the vendor'}${plan.vendor_signoff_at ? ` (${dateText(plan.vendor_signoff_at)})` : ''} and ${plan.partner_signoff_name ?? 'the partner'}`
          : `Draft, revision ${plan.revision} — not signed yet`,
      },
      objectives: objectives.map((o) => {
        const a = live?.get(o.id) ?? null;
        const custom = o.metric === 'custom' && o.custom_actual !== null;
        const actual = a?.actual ?? (custom ? o.custom_actual : null);
        const progress = a?.progress ?? (custom && o.target !== o.baseline ? Math.max(0, Math.min(1, (o.custom_actual! - o.baseline) / (o.target - o.baseline))) : null);
        // Past its due quarter an objective is met or missed; while it runs, on track or at risk.
        const past = quarterEnd(o.due_quarter, cal) < asOf;
        // While it runs, the plans module's own pace verdict decides (so status and pace never disagree).
        const pace = a?.paceText ?? '';
        const running: 'on_track' | 'at_risk' = /off track|behind|at risk/i.test(pace)
          ? 'at_risk'
          : pace
            ? 'on_track'
            : (progress ?? 0) >= expectedShare(o.due_quarter, plan.period, asOf, cal) - 0.1
              ? 'on_track'
              : 'at_risk';
        const status: JbpData['objectives'][number]['status'] =
          progress === null ? (past ? 'missed' : null) : progress >= 1 ? 'met' : past ? 'missed' : running;
        return {
          id: o.id,
          title: o.title,
          metric: o.metric,
          due: o.due_quarter,
          dueText: quarterText(o.due_quarter, cal),
          status,
          statusLabel: status === null ? null : OBJECTIVE_LABELS[status],
          weight: o.weight,
          baselineText: objectiveValue(o.metric, o.baseline, o.unit, currency),
          targetText: objectiveValue(o.metric, o.target, o.unit, currency),
          actualText: a?.actualText ?? (actual === null ? null : objectiveValue(o.metric, actual, o.unit, currency)),
          progress,
          // The plans module's pace words ("off track") judge a running objective; past due, the status says it.
          paceText: status === 'missed' || status === 'met' ? null : (a?.paceText?.replace(/^off track/, 'behind pace') ?? (custom ? 'reported by your team' : null)),
        };
      }),
      initiatives: uniqueInitiatives(initiatives).map((i) => {
        const open = i.status !== 'done' && i.status !== 'cancelled';
        const overdue = open && i.due_date < meetingDate;
        return {
          id: i.id,
          title: i.title,
          ownerText: `${i.owner_name || (i.owner_side === 'vendor' ? 'Us' : 'Your team')} (${i.owner_side === 'vendor' ? 'us' : 'you'})`,
          due: i.due_date,
          dueText: dateText(i.due_date),
          status: i.status,
          statusLabel: overdue ? 'Overdue' : (INITIATIVE_LABELS[i.status] ?? i.status),
          overdue,
        };
      }),
      initiativeCounts: counts,
      actualsNote: actuals ? 'Actuals are live from the replica (Plans module).' : missingNote,
    },
  };
}

const OBJECTIVE_LABELS = { met: 'Met', on_track: 'On track', at_risk: 'At risk', missed: 'Missed' } as const;

/** Share of the way an objective should be by `asOf`: elapsed share of the plan period up to its due quarter. */
function expectedShare(dueQuarter: string, period: string, asOf: string, cal: FiscalCalendar): number {
  const start = periodRange(period, cal).start;
  const end = quarterEnd(dueQuarter, cal);
  const total = Date.parse(end) - Date.parse(start);
  if (!(total > 0)) return 1;
  return Math.max(0, Math.min(1, (Date.parse(asOf) - Date.parse(start)) / total));
}

/** The same initiative (title and owner) filed more than once is listed once: its latest due date and most advanced status. */
function uniqueInitiatives<T extends { title: string; owner_name: string; owner_side: string; due_date: string; status: string }>(rows: T[]): T[] {
  const rank: Record<string, number> = { done: 4, in_progress: 3, blocked: 2, not_started: 1, cancelled: 0 };
  const by = new Map<string, T>();
  for (const r of rows) {
    const k = `${r.title.trim().toLowerCase()}|${r.owner_side}|${r.owner_name.trim().toLowerCase()}`;
    const had = by.get(k);
    if (!had || (rank[r.status] ?? 0) > (rank[had.status] ?? 0) || ((rank[r.status] ?? 0) === (rank[had.status] ?? 0) && r.due_date > had.due_date)) by.set(k, r);
  }
  return [...by.values()].sort((a, b) => a.due_date.localeCompare(b.due_date) || a.title.localeCompare(b.title));
}

const STATUS_LABELS = { open: 'Carried over', done: 'Done', missed: 'Missed' } as const;

export function commitmentsData(previousQuarter: string, notes: QbrNoteView[], partnerName: string): CommitmentsData {
  const items = notes
    .filter((n) => n.kind === 'commitment')
    .map((n) => {
      const status = n.commitment_status ?? 'open';
      const side = sideOf(n.body);
      const owner = side === 'partner' ? partnerName : side === 'vendor' ? 'Us' : null;
      return { id: n.id, body: forPartner(n.body, partnerName), owner, section: n.section, status, statusLabel: STATUS_LABELS[status], pending: n.pending };
    });
  const counts = { open: 0, done: 0, missed: 0 };
  for (const i of items) counts[i.status]++;
  return { fromQuarter: previousQuarter, items, counts };
}

/** The CAM's own notes on the partner in the quarter (internal: speaker notes and appendix only). */
export function camNotes(db: Db, partnerId: string, period: QbrPeriod): { date: string; body: string }[] {
  return readOverlaid(db.sqlite, 'note', { column: 'partner_id', value: partnerId })
    .filter((n) => n.created_at.slice(0, 10) >= period.start && n.created_at.slice(0, 10) <= period.asOf)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(0, 4)
    .map((n) => ({ date: n.created_at.slice(0, 10), body: n.body }));
}

/** Tier status as a headline: what keeps the tier (by `by`), or that it is met and what the next tier needs. */
export function tierStatusText(e: TierEligibility, by: string, currency: string): string {
  const gap = (g: { sourcedArr: number; certified: number } | undefined, currency: string) =>
    [
      ...(g && g.sourcedArr > 0 ? [`${money(g.sourcedArr, currency)} more sourced ARR`] : []),
      ...(g && g.certified > 0 ? [`${g.certified} more certified ${g.certified === 1 ? 'person' : 'people'}`] : []),
    ].join(' and ');
  const cur = e.gaps.find((g) => g.tier === e.current.name);
  if (!e.meetsCurrent) {
    const what = gap(cur, currency);
    return what ? `${what} by ${dateText(by)} keeps ${e.current.name}` : e.currentText;
  }
  return e.nextText && !e.meetsNext ? `${e.current.name} requirements met; ${e.nextText.replace(/^To reach/, 'to reach')}` : `${e.current.name} requirements met`;
}

export interface NextStepsInput {
  period: QbrPeriod;
  meetingDate: string;
  notes: QbrNoteView[];
  jbp: JbpData | null;
  partnerName: string;
  ownerName: string;
}

/**
 * The mutual action plan going forward: this quarter's commitments (due by the next QBR)
 * and the plan's open initiatives. Nothing is due before the meeting: an initiative past
 * its date is listed with "new date to agree".
 */
export function nextStepsData(x: NextStepsInput): NextStepsData {
  const cal = x.period.calendar;
  const nextQbr = [quarterEnd(shiftQuarter(x.period.quarter, 1), cal), quarterEnd(quarterOf(x.meetingDate, cal), cal)].sort().at(-1)!;
  const owner = (side: 'partner' | 'vendor' | null) => (side === 'partner' ? x.partnerName : side === 'vendor' ? `${x.ownerName} (us)` : null);
  const steps: QbrStep[] = x.notes
    .filter((n) => n.kind === 'commitment' && n.commitment_status !== 'done')
    .map((n) => {
      const side = sideOf(n.body);
      return { id: n.id, text: forPartner(n.body, x.partnerName), side, owner: owner(side), due: nextQbr, dueText: `by ${dateText(nextQbr)}` };
    });
  for (const i of x.jbp?.initiatives ?? []) {
    if (i.status === 'done' || i.status === 'cancelled') continue;
    steps.push({
      id: i.id,
      text: i.title,
      side: null,
      owner: i.ownerText,
      due: i.overdue ? null : i.due,
      dueText: i.overdue ? `was due ${i.dueText}: new date to agree` : `by ${i.dueText}`,
    });
  }
  return {
    meetingDate: x.meetingDate,
    steps,
    asks: x.notes
      .filter((n) => n.kind === 'commentary' && slideFor(n.section) === 'next_steps')
      .map((n) => forPartner(n.body, x.partnerName)),
  };
}

export function quarterLabel(q: string, cal: FiscalCalendar = CALENDAR_YEAR): string {
  return quarterText(q, cal);
}
