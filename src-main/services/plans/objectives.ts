/**
 * Objectives: create/update with domain validation (target positive in the metric's unit,
 * due quarter inside the plan period, weight 0–100) before anything reaches the outbox;
 * a new linked objective's baseline comes from the same metric over the previous period.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { fieldError, ServiceError } from '../../base/errors';
import { readOneOverlaid, readOverlaid } from '../../sync/overlay';
import type { Clock } from '../../base/clock';
import {
  METRICS,
  periodRange,
  previousPeriod,
  validateObjective,
  type FieldIssue,
  type JbpMetric,
  type ObjectiveDraft,
} from '../../../src-shared/domain/plans';
import type { ObjectiveFields } from '../../../src-shared/methods/plans';
import { createMetricReader, metricForPeriod } from './actuals';
import { assertEditable, loadPlan, writePlanEdits, type PlanEdit } from './store';
import { readCalendar } from '../calendar';

export const GROWTH = 1.2;
export const MONEY_STEP = 100_000; // $1k in minor units

export interface TierTargets {
  min_sourced_arr: number;
  min_certified: number;
  pipeline_target: number;
}

export function tierTargets(db: Db, partnerId: string): TierTargets {
  return (
    (db.sqlite
      .prepare('SELECT t.min_sourced_arr, t.min_certified, t.pipeline_target FROM partner p JOIN tier t ON t.id = p.tier_id WHERE p.id = ?')
      .get(partnerId) as TierTargets | undefined) ?? { min_sourced_arr: 0, min_certified: 0, pipeline_target: 0 }
  );
}

/** A sensible target a step above the baseline, never zero (tier requirements when there is no history). */
export function suggestTarget(metric: JbpMetric, baseline: number, tier: TierTargets): number {
  switch (METRICS[metric].kind) {
    case 'money': {
      const floor = metric === 'pipeline_created' ? tier.pipeline_target : tier.min_sourced_arr;
      const v = baseline > 0 ? baseline * GROWTH : Math.max(floor, 10 * MONEY_STEP);
      return Math.max(MONEY_STEP, Math.ceil(v / MONEY_STEP) * MONEY_STEP);
    }
    case 'ratio':
      return Math.min(0.9, Math.round((Math.max(baseline, 0.2) + 0.05) * 100) / 100);
    case 'count': {
      const floor = metric === 'certified_people' ? tier.min_certified : 0;
      return Math.max(floor, Math.ceil(baseline * GROWTH), baseline + 2, 1);
    }
    default:
      return Math.max(1, Math.ceil(baseline * GROWTH));
  }
}

/** Refuses with every field's message (the first one leads). */
export function refuse(issues: FieldIssue[]): never {
  throw new ServiceError('invalid_input', issues.map((i) => i.message).join(' '), issues);
}

/** A ratio keeps 4 decimals, money and counts are whole. */
export function roundForMetric(metric: JbpMetric, v: number): number {
  const kind = METRICS[metric].kind;
  if (kind === 'ratio') return Math.round(v * 10_000) / 10_000;
  if (kind === 'money' || kind === 'count') return Math.round(v);
  return v;
}

/** The metric over the period before `period`, complete (the default baseline); null for custom. */
export function previousPeriodValue(db: Db, clock: Clock, partnerId: string, metric: JbpMetric, period: string): number | null {
  if (metric === 'custom') return null;
  const read = createMetricReader(db.sqlite);
  const v = metricForPeriod(read, partnerId, metric, previousPeriod(period), clock.today(), readCalendar(db));
  return v == null ? null : roundForMetric(metric, v);
}

export function previewMetric(db: Db, clock: Clock, planId: string, metric: JbpMetric): { baseline: number | null; actual: number | null } {
  const plan = loadPlan(db.sqlite, planId);
  if (metric === 'custom') return { baseline: null, actual: null };
  const read = createMetricReader(db.sqlite);
  return {
    baseline: previousPeriodValue(db, clock, plan.partner_id, metric, plan.period),
    actual: metricForPeriod(read, plan.partner_id, metric, plan.period, clock.today(), readCalendar(db)),
  };
}

/**
 * Adds or changes an objective. `beforeBaselineFromBook` is called just before a baseline is
 * computed from the book (a new linked objective, or one switched to a linked metric, with no
 * baseline given): the API refuses there while the book is still arriving, since a stored
 * baseline computed from part of the book would stay wrong.
 */
export function upsertObjective(
  db: Db,
  clock: Clock,
  planId: string,
  id: string | undefined,
  fields: ObjectiveFields,
  beforeBaselineFromBook: () => void = () => {},
): { id: string; changed: boolean } {
  const sqlite = db.sqlite;
  const plan = loadPlan(sqlite, planId);
  assertEditable(plan);
  const current = id ? readOneOverlaid(sqlite, 'jbp_objective', id) : null;
  if (id && current && current.jbp_id !== planId) {
    throw fieldError('invalid_input', 'id', `Objective '${id}' belongs to another plan.`);
  }
  const siblings = readOverlaid(sqlite, 'jbp_objective', { column: 'jbp_id', value: planId });
  const range = periodRange(plan.period, readCalendar(db));
  const given: Record<string, unknown> = { ...fields };
  if (typeof given.title === 'string') given.title = given.title.trim();
  if (typeof given.unit === 'string') given.unit = given.unit.trim() || null;

  let draft: ObjectiveDraft;
  if (current) {
    draft = { ...pickDraft(current), ...(given as Partial<ObjectiveDraft>) };
    // A switched metric measures something else: a linked one drops the typed actual and
    // takes its baseline from data; a target in another unit is replaced by a suggestion.
    if (fields.metric && fields.metric !== current.metric) {
      const metric = fields.metric;
      if (metric !== 'custom') {
        draft.custom_actual = null;
        draft.unit = null;
        if (fields.baseline === undefined) {
          beforeBaselineFromBook();
          draft.baseline = previousPeriodValue(db, clock, plan.partner_id, metric, plan.period) ?? 0;
        }
      }
      if (fields.target === undefined && METRICS[metric].kind !== METRICS[current.metric].kind) {
        draft.target = suggestTarget(metric, draft.baseline, tierTargets(db, plan.partner_id));
      }
      Object.assign(given, { custom_actual: draft.custom_actual, unit: draft.unit, baseline: draft.baseline, target: draft.target });
    }
  } else {
    if (!fields.metric) refuse([{ path: 'metric', message: 'Choose a metric for the new objective.' }]);
    const metric = fields.metric;
    if (fields.baseline === undefined && metric !== 'custom') beforeBaselineFromBook();
    const baseline = fields.baseline ?? previousPeriodValue(db, clock, plan.partner_id, metric, plan.period) ?? 0;
    draft = {
      title: (given.title as string | undefined) ?? METRICS[metric].label,
      metric,
      unit: metric === 'custom' ? ((given.unit as string | null | undefined) ?? null) : null,
      baseline,
      target: fields.target ?? NaN,
      due_quarter: fields.due_quarter ?? range.quarters[range.quarters.length - 1]!,
      weight: fields.weight ?? 0,
      custom_actual: metric === 'custom' ? (fields.custom_actual ?? null) : null,
    };
  }
  const issues = validateObjective(draft, plan.period);
  if (issues.length) refuse(issues);

  const edit: PlanEdit = current
    ? { entity: 'jbp_objective', id: current.id, op: 'upsert', fields: given }
    : {
        entity: 'jbp_objective',
        id: `OBJ-${randomUUID()}`,
        op: 'upsert',
        fields: {
          jbp_id: planId,
          ...draft,
          sort_order: siblings.reduce((m, o) => Math.max(m, o.sort_order), -1) + 1,
        },
      };
  if (id && !current) edit.id = id;
  const [res] = writePlanEdits(db, clock, plan, [edit]);
  return { id: edit.id, changed: res!.changed };
}

function pickDraft(o: ObjectiveDraft): ObjectiveDraft {
  return {
    title: o.title,
    metric: o.metric,
    unit: o.unit,
    baseline: o.baseline,
    target: o.target,
    due_quarter: o.due_quarter,
    weight: o.weight,
    custom_actual: o.custom_actual,
  };
}

export function deleteObjective(db: Db, clock: Clock, id: string): { deleted: string } {
  const sqlite = db.sqlite;
  const obj = readOneOverlaid(sqlite, 'jbp_objective', id);
  if (!obj) throw new ServiceError('not_found', `No objective with id '${id}'.`);
  const plan = loadPlan(sqlite, obj.jbp_id);
  assertEditable(plan);
  // initiatives linked to it stay, unlinked (as the foreign key would do on the server)
  const linked = readOverlaid(sqlite, 'jbp_initiative', { column: 'objective_id', value: id });
  writePlanEdits(db, clock, plan, [
    ...linked.map<PlanEdit>((i) => ({ entity: 'jbp_initiative', id: i.id, op: 'upsert', fields: { objective_id: null } })),
    { entity: 'jbp_objective', id, op: 'delete' },
  ]);
  return { deleted: id };
}

export function reorderObjectives(db: Db, clock: Clock, planId: string, ids: string[]): { changed: number } {
  const sqlite = db.sqlite;
  const plan = loadPlan(sqlite, planId);
  assertEditable(plan);
  const objectives = readOverlaid(sqlite, 'jbp_objective', { column: 'jbp_id', value: planId });
  const known = new Set(objectives.map((o) => o.id));
  const unknown = ids.filter((i) => !known.has(i));
  if (unknown.length || new Set(ids).size !== ids.length || ids.length !== known.size) {
    const shown = unknown.slice(0, 3).map((i) => `'${i}'`);
    const notHere = unknown.length ? ` Not in this plan: ${shown.join(', ')}${unknown.length > 3 ? ` and ${unknown.length - 3} more` : ''}.` : '';
    throw fieldError('invalid_input', 'ids', `List every objective of the plan exactly once to reorder them.${notHere}`);
  }
  const byId = new Map(objectives.map((o) => [o.id, o]));
  const edits = ids
    .map((oid, i) => ({ oid, i }))
    .filter(({ oid, i }) => byId.get(oid)!.sort_order !== i)
    .map<PlanEdit>(({ oid, i }) => ({ entity: 'jbp_objective', id: oid, op: 'upsert', fields: { sort_order: i } }));
  if (edits.length) writePlanEdits(db, clock, plan, edits);
  return { changed: edits.length };
}
