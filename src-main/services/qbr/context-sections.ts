/** Sections built on other modules' data or the CAM's own words: health, JBP, commitments, next steps. */
import type { HealthPartnerDetail } from '../../../src-shared/methods/health';
import { HEALTH_BAND_LABELS } from '../../../src-shared/methods/health';
import type { CommitmentsData, HealthData, JbpData, NextStepsData, QbrNoteView } from '../../../src-shared/methods/qbr';
import type { Db } from '../../db/connection';
import { readOverlaid, type Overlaid } from '../../sync/overlay';
import { count, dateText, money, pct, quarterText } from './format';
import type { JbpTargets } from './scorecard';
import type { QbrPeriod } from './period';
import type { JbpObjectiveActual, SuggestedAction } from './sources';

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
  currency: string,
  actuals: ((jbpId: string, asOf: string) => Map<string, JbpObjectiveActual>) | null,
  missingNote: string,
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
        signoffText: signed
          ? `Signed by ${plan.vendor_signoff_name ?? 'the vendor'}${plan.vendor_signoff_at ? ` (${dateText(plan.vendor_signoff_at)})` : ''} and ${plan.partner_signoff_name ?? 'the partner'}`
          : `Draft, revision ${plan.revision} — not signed yet`,
      },
      objectives: objectives.map((o) => {
        const a = live?.get(o.id) ?? null;
        const custom = o.metric === 'custom' && o.custom_actual !== null;
        const actual = a?.actual ?? (custom ? o.custom_actual : null);
        const progress = a?.progress ?? (custom && o.target !== o.baseline ? Math.max(0, Math.min(1, (o.custom_actual! - o.baseline) / (o.target - o.baseline))) : null);
        return {
          id: o.id,
          title: o.title,
          metric: o.metric,
          due: o.due_quarter,
          weight: o.weight,
          baselineText: objectiveValue(o.metric, o.baseline, o.unit, currency),
          targetText: objectiveValue(o.metric, o.target, o.unit, currency),
          actualText: a?.actualText ?? (actual === null ? null : objectiveValue(o.metric, actual, o.unit, currency)),
          progress,
          paceText: a?.paceText ?? (custom ? 'typed by the CAM' : null),
        };
      }),
      initiatives: initiatives.map((i) => ({
        id: i.id,
        title: i.title,
        ownerText: `${i.owner_name || (i.owner_side === 'vendor' ? 'Vendor' : 'Partner')} (${i.owner_side})`,
        due: i.due_date,
        status: i.status,
        statusLabel: INITIATIVE_LABELS[i.status] ?? i.status,
      })),
      initiativeCounts: counts,
      actualsNote: actuals ? 'Actuals are live from the replica (Plans module).' : missingNote,
    },
  };
}

const STATUS_LABELS = { open: 'Open', done: 'Done', missed: 'Missed' } as const;

export function commitmentsData(previousQuarter: string, notes: QbrNoteView[]): CommitmentsData {
  const items = notes
    .filter((n) => n.kind === 'commitment')
    .map((n) => {
      const status = n.commitment_status ?? 'open';
      return { id: n.id, body: n.body, section: n.section, status, statusLabel: STATUS_LABELS[status], pending: n.pending };
    });
  const counts = { open: 0, done: 0, missed: 0 };
  for (const i of items) counts[i.status]++;
  return { fromQuarter: previousQuarter, items, counts };
}

export function nextStepsData(
  db: Db,
  partnerId: string,
  period: QbrPeriod,
  notes: QbrNoteView[],
  actions: SuggestedAction[] | null,
  actionsMessage: string,
): NextStepsData {
  const camNotes = readOverlaid(db.sqlite, 'note', { column: 'partner_id', value: partnerId })
    .filter((n) => n.created_at.slice(0, 10) >= period.start && n.created_at.slice(0, 10) <= period.asOf)
    .sort((a, b) => b.created_at.localeCompare(a.created_at))
    .slice(0, 4)
    .map((n) => ({ date: n.created_at.slice(0, 10), body: n.body }));
  return {
    commitments: notes
      .filter((n) => n.kind === 'commitment')
      .map((n) => ({ id: n.id, body: n.body, status: n.commitment_status ?? 'open' })),
    actions: actions ? actions.slice(0, 5) : null,
    actionsMessage: actions ? null : actionsMessage,
    asks: notes.filter((n) => n.kind === 'commentary' && n.section === 'next_steps').map((n) => n.body),
    notes: camNotes,
  };
}

export function quarterLabel(q: string): string {
  return quarterText(q);
}
