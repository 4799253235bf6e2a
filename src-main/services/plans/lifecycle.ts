/**
 * A plan's life: created from a template or as a clone of the last period, edited while
 * in draft, signed by both sides (then locked), reopened as a new revision, or deleted
 * while still a draft.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { ServiceError } from '../../base/errors';
import { readOverlaid, type Overlaid } from '../../sync/overlay';
import type { Clock } from '../../base/clock';
import {
  METRICS,
  carryQuarter,
  periodChoices,
  periodRange,
  periodsOverlap,
  type JbpMetric,
} from '../../../src-shared/domain/plans';
import type { NewPlanOptions } from '../../../src-shared/methods/plans';
import { quarterEnd, type FiscalCalendar } from '../../../src-shared/domain/time';
import { readCalendar } from '../calendar';
import { isSigned, lockedDeleteMessage } from '../../../src-shared/domain/rules';
import { createMetricReader, metricForPeriod } from './actuals';
import { type TierTargets, previousPeriodValue, refuse, roundForMetric, suggestTarget, MONEY_STEP, GROWTH } from './objectives';
import { assertEditable, loadPlan, writePlanEdits, type PlanEdit } from './store';

export const SUMMARY_TEMPLATE = `## Goals
- 

## Target accounts
- 

## Competitors
- 

## Partner profile
`;

/** The template's objectives: weights sum to 100. */
export const TEMPLATE_OBJECTIVES: { title: string; metric: JbpMetric; weight: number }[] = [
  { title: 'Grow sourced ARR', metric: 'sourced_arr', weight: 35 },
  { title: 'Build qualified pipeline', metric: 'pipeline_created', weight: 25 },
  { title: 'Increase deal registrations', metric: 'deal_registrations', weight: 15 },
  { title: 'Certify technical staff', metric: 'certified_people', weight: 15 },
  { title: 'Activate more portal users', metric: 'active_contacts', weight: 10 },
];


interface PartnerRow extends TierTargets {
  id: string;
  name: string;
  currency: string;
}

function partnerRow(db: Db, partnerId: string): PartnerRow {
  const row = db.sqlite
    .prepare(
      `SELECT p.id, p.name, p.currency, t.min_sourced_arr, t.min_certified, t.pipeline_target
         FROM partner p JOIN tier t ON t.id = p.tier_id WHERE p.id = ?`,
    )
    .get(partnerId) as PartnerRow | undefined;
  if (!row) throw new ServiceError('not_found', `No partner with id '${partnerId}' in this book.`);
  return row;
}

function defaultTitle(partnerName: string, period: string): string {
  return `${partnerName.split(' ').slice(0, 2).join(' ')} ${period} joint business plan`;
}

export function newPlanOptions(db: Db, clock: Clock, partnerId: string): NewPlanOptions {
  partnerRow(db, partnerId);
  const plans = readOverlaid(db.sqlite, 'jbp', { column: 'partner_id', value: partnerId });
  const periods = periodChoices(clock.today(), readCalendar(db)).map((p) => ({ period: p, taken: plans.some((x) => periodsOverlap(x.period, p)) }));
  const last = latestPlan(plans, readCalendar(db));
  const objectives = last ? readOverlaid(db.sqlite, 'jbp_objective', { column: 'jbp_id', value: last.id }).length : 0;
  const initiatives = last ? readOverlaid(db.sqlite, 'jbp_initiative', { column: 'jbp_id', value: last.id }).length : 0;
  return {
    periods,
    last: last ? { id: last.id, period: last.period, title: last.title, objectives, initiatives } : null,
    suggested: periods.find((p) => !p.taken)?.period ?? periods[0]!.period,
  };
}

function latestPlan(plans: Overlaid<'jbp'>[], cal: FiscalCalendar, before?: string): Overlaid<'jbp'> | undefined {
  return plans
    .filter((p) => !before || periodRange(p.period, cal).end < before)
    .sort((a, b) => periodRange(b.period, cal).end.localeCompare(periodRange(a.period, cal).end) || b.revision - a.revision)[0];
}

export interface CreatePlanInput {
  partnerId: string;
  period: string;
  from: 'template' | 'clone';
  sourceId?: string | undefined;
  carryInitiatives?: boolean | undefined;
  title?: string | undefined;
}

export function createPlan(db: Db, clock: Clock, input: CreatePlanInput): { id: string } {
  const sqlite = db.sqlite;
  const partner = partnerRow(db, input.partnerId);
  const existing = readOverlaid(sqlite, 'jbp', { column: 'partner_id', value: input.partnerId });
  const clash = existing.find((p) => periodsOverlap(p.period, input.period));
  if (clash) {
    refuse([
      {
        path: 'period',
        message: `${partner.name} already has a plan covering ${input.period} (“${clash.title}”, ${clash.period}). Pick another period.`,
      },
    ]);
  }
  const cal = readCalendar(db);
  const range = periodRange(input.period, cal);
  const lastQuarter = range.quarters[range.quarters.length - 1]!;
  const now = clock.now();
  const planId = `JBP-${randomUUID()}`;
  const plan = { id: planId, revision: 1, partner_id: input.partnerId };
  const edits: PlanEdit[] = [];
  let summary = SUMMARY_TEMPLATE;

  if (input.from === 'template') {
    TEMPLATE_OBJECTIVES.forEach((t, i) => {
      const baseline = previousPeriodValue(db, clock, input.partnerId, t.metric, input.period) ?? 0;
      edits.push(objectiveEdit(planId, { ...t, unit: null, baseline, target: suggestTarget(t.metric, baseline, partner), due_quarter: lastQuarter, custom_actual: null, sort_order: i }));
    });
  } else {
    const source = input.sourceId
      ? loadPlan(sqlite, input.sourceId)
      : latestPlan(existing, cal, range.start);
    if (!source) {
      refuse([{ path: 'from', message: `${partner.name} has no earlier plan to clone; start from the template instead.` }]);
    }
    if (source.partner_id !== input.partnerId) {
      refuse([{ path: 'sourceId', message: 'The plan to clone belongs to another partner.' }]);
    }
    summary = source.summary || SUMMARY_TEMPLATE;
    const read = createMetricReader(sqlite);
    const objectives = readOverlaid(sqlite, 'jbp_objective', { column: 'jbp_id', value: source.id }).sort(
      (a, b) => a.sort_order - b.sort_order,
    );
    const idMap = new Map<string, string>();
    objectives.forEach((o, i) => {
      // the new baseline is where the old plan got to: its actual over the old period
      const actual =
        o.metric === 'custom' ? (o.custom_actual ?? o.baseline) : metricForPeriod(read, input.partnerId, o.metric, source.period, clock.today(), cal);
      const baseline = roundForMetric(o.metric, actual ?? o.baseline);
      const ratio = o.baseline > 0 && o.target > o.baseline ? o.target / o.baseline : GROWTH;
      let target = roundForMetric(o.metric, baseline * ratio);
      if (METRICS[o.metric].kind === 'money') target = Math.ceil(target / MONEY_STEP) * MONEY_STEP;
      if (METRICS[o.metric].kind === 'ratio') target = Math.min(0.95, Math.round(target * 100) / 100);
      if (METRICS[o.metric].kind === 'count') target = Math.ceil(target);
      if (!(target > 0) || target <= baseline) target = suggestTarget(o.metric, baseline, partner);
      const e = objectiveEdit(planId, {
        title: o.title,
        metric: o.metric,
        unit: o.unit,
        weight: o.weight,
        baseline,
        target,
        due_quarter: carryQuarter(o.due_quarter, input.period),
        custom_actual: null,
        sort_order: i,
      });
      idMap.set(o.id, e.id);
      edits.push(e);
    });
    if (input.carryInitiatives) {
      // carried work left undated for this period falls due at the end of its first quarter
      const firstQuarterEnd = quarterEnd(range.quarters[0]!, cal);
      const initiatives = readOverlaid(sqlite, 'jbp_initiative', { column: 'jbp_id', value: source.id });
      for (const ini of initiatives) {
        if (ini.status === 'done' || ini.status === 'cancelled') continue;
        const { version: _v, pending_fields: _p, conflict_fields: _c, id: _id, ...rest } = ini;
        const due = ini.due_date >= range.start && ini.due_date <= range.end ? ini.due_date : firstQuarterEnd;
        edits.push({
          entity: 'jbp_initiative',
          id: `INI-${randomUUID()}`,
          op: 'upsert',
          fields: { ...rest, jbp_id: planId, objective_id: ini.objective_id ? (idMap.get(ini.objective_id) ?? null) : null, due_date: due },
        });
      }
    }
  }
  const planEdit: PlanEdit = {
    entity: 'jbp',
    id: planId,
    op: 'upsert',
    fields: {
      partner_id: input.partnerId,
      period: input.period,
      title: input.title?.trim() || defaultTitle(partner.name, input.period),
      status: 'draft',
      revision: 1,
      summary,
      vendor_signoff_name: null,
      vendor_signoff_at: null,
      partner_signoff_name: null,
      partner_signoff_at: null,
      created_at: now,
      updated_at: now,
    },
  };
  writePlanEdits(db, clock, plan, [planEdit, ...edits], { content: false });
  return { id: planId };
}

function objectiveEdit(
  planId: string,
  o: { title: string; metric: JbpMetric; unit: string | null; weight: number; baseline: number; target: number; due_quarter: string; custom_actual: number | null; sort_order: number },
): PlanEdit & { id: string } {
  return { entity: 'jbp_objective', id: `OBJ-${randomUUID()}`, op: 'upsert', fields: { jbp_id: planId, ...o } };
}

export function updatePlan(db: Db, clock: Clock, planId: string, fields: { title?: string | undefined; summary?: string | undefined }): { changed: boolean } {
  const plan = loadPlan(db.sqlite, planId);
  assertEditable(plan);
  const given: Record<string, unknown> = {};
  if (fields.title !== undefined) {
    if (!fields.title.trim()) refuse([{ path: 'title', message: 'Give the plan a title.' }]);
    given.title = fields.title.trim();
  }
  if (fields.summary !== undefined) given.summary = fields.summary;
  if (Object.keys(given).length === 0) return { changed: false };
  const res = writePlanEdits(db, clock, plan, [{ entity: 'jbp', id: planId, op: 'upsert', fields: given }]);
  return { changed: res.some((r) => r.changed) };
}

export function deletePlan(db: Db, clock: Clock, planId: string): { deleted: string } {
  const plan = loadPlan(db.sqlite, planId);
  if (isSigned(plan)) throw new ServiceError('locked', lockedDeleteMessage(plan));
  const initiatives = readOverlaid(db.sqlite, 'jbp_initiative', { column: 'jbp_id', value: planId });
  const objectives = readOverlaid(db.sqlite, 'jbp_objective', { column: 'jbp_id', value: planId });
  writePlanEdits(
    db,
    clock,
    plan,
    [
      ...initiatives.map<PlanEdit>((i) => ({ entity: 'jbp_initiative', id: i.id, op: 'delete' })),
      ...objectives.map<PlanEdit>((o) => ({ entity: 'jbp_objective', id: o.id, op: 'delete' })),
      { entity: 'jbp', id: planId, op: 'delete' },
    ],
    { content: false },
  );
  return { deleted: planId };
}

/**
 * One side signs (name, date). When both sides have signed, the plan becomes `signed`
 * and is locked.
 */
export function signoff(
  db: Db,
  clock: Clock,
  planId: string,
  side: 'vendor' | 'partner',
  name: string,
  date: string,
): { status: 'draft' | 'signed' } {
  const plan = loadPlan(db.sqlite, planId);
  assertEditable(plan);
  const issues = [];
  const who = side === 'vendor' ? 'for your side' : 'for the partner';
  if (!name.trim()) issues.push({ path: 'name', message: `Enter the name of the person signing ${who}.` });
  if (date > clock.today()) issues.push({ path: 'date', message: `The sign-off date can't be in the future (today is ${clock.today()}).` });
  const objectives = readOverlaid(db.sqlite, 'jbp_objective', { column: 'jbp_id', value: planId });
  if (objectives.length === 0) issues.push({ path: 'objectives', message: 'Add at least one objective before signing.' });
  if (issues.length) refuse(issues);
  const other = side === 'vendor' ? plan.partner_signoff_name : plan.vendor_signoff_name;
  const both = !!other;
  const fields: Record<string, unknown> = {
    [`${side}_signoff_name`]: name.trim(),
    [`${side}_signoff_at`]: date,
    ...(both ? { status: 'signed', updated_at: clock.now() } : {}),
  };
  writePlanEdits(db, clock, plan, [{ entity: 'jbp', id: planId, op: 'upsert', fields, action: 'signoff' }], { content: false });
  return { status: both ? 'signed' : 'draft' };
}

/** Reopens a signed plan as the next revision: draft again, signatures cleared. */
export function reopen(db: Db, clock: Clock, planId: string): { revision: number } {
  const plan = loadPlan(db.sqlite, planId);
  if (plan.status !== 'signed') {
    throw new ServiceError('conflict', `“${plan.title}” is not signed, so it is already open for changes.`);
  }
  const revision = plan.revision + 1;
  writePlanEdits(
    db,
    clock,
    plan,
    [
      {
        entity: 'jbp',
        id: planId,
        op: 'upsert',
        action: 'reopen',
        fields: {
          status: 'draft',
          revision,
          vendor_signoff_name: null,
          vendor_signoff_at: null,
          partner_signoff_name: null,
          partner_signoff_at: null,
          updated_at: clock.now(),
        },
      },
    ],
    { content: false },
  );
  return { revision };
}
