/**
 * Joint business plans (ARCHITECTURE §9): plans, objectives with live actuals and pace,
 * initiatives, two-sided sign-off, history. Every write goes through the outbox.
 */
import { z } from 'zod';
import { method } from './define';
import { bookScopeSchema } from './identity';
import {
  INITIATIVE_STATUSES,
  JBP_METRICS,
  JBP_STATUSES,
  OWNER_SIDES,
  type Jbp,
  type JbpInitiative,
  type JbpObjective,
} from '../domain/entities';
import type { Pace, PeriodRange } from '../domain/plans';
import type { FiscalCalendar } from '../domain/time';
import { isoDateSchema } from '../domain/date-schemas';
import { LIMITS, initiativeFieldRules, objectiveFieldRules, periodSchema, planFields, text } from '../domain/rules';

/** Sync state every editable record carries (from the overlay). */
export interface SyncMarks {
  /** Server version of the base row; 0 for a record created here and not yet on the server. */
  version: number;
  /** Fields edited here and still in the outbox. */
  pending_fields: string[];
  /** Fields whose edit conflicts with a change made on the server. */
  conflict_fields: string[];
}

export type PlanRecord = Jbp & SyncMarks;
export type InitiativeRecord = JbpInitiative & SyncMarks;

export interface ObjectiveView extends JbpObjective, SyncMarks {
  /** Computed for linked metrics, the typed value for custom ones; null when there is no data. */
  actual: number | null;
  pace: Pace;
}

export interface PlanListRow {
  id: string;
  partner_id: string;
  partner_name: string;
  owner_id: string;
  owner_name: string;
  period: string;
  title: string;
  status: Jbp['status'];
  revision: number;
  objectives: number;
  initiatives: number;
  open_initiatives: number;
  /** Weighted average of % to target (each capped at 100), null without objectives. */
  progress: number | null;
  /** Objectives per pace status. */
  pace: Record<Pace['status'], number>;
  weight_sum: number;
  vendor_signoff_at: string | null;
  partner_signoff_at: string | null;
  updated_at: string;
  /** Edits of this plan still waiting to sync. */
  pending: number;
  conflicts: number;
}

export interface PlanConflict {
  mutation_id: number;
  entity: 'jbp' | 'jbp_objective' | 'jbp_initiative';
  record_id: string;
  field: string;
  base: unknown;
  theirs: unknown;
  mine: unknown;
  /** Other conflicting fields of the same edit, resolved together. */
  siblings: string[];
}

export interface PlanDetail {
  plan: PlanRecord;
  partner: { id: string; name: string; currency: string; owner_name: string; tier_name: string };
  period: PeriodRange;
  /** The book's fiscal calendar the period's days come from (how its quarters are named). */
  calendar: FiscalCalendar;
  /** The date actuals are computed at: today, or the period end for a past period. */
  as_of: string;
  today: string;
  objectives: ObjectiveView[];
  initiatives: InitiativeRecord[];
  weights: { sum: number; ok: boolean };
  /** Signed by both sides: edits are refused until reopened. */
  locked: boolean;
  /** Edits of this plan (any of its records) still in the outbox. */
  pending: number;
  conflicts: PlanConflict[];
  /** Whose name history records for edits made here. */
  actor: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'signoff' | 'reopen';
  entity: 'jbp' | 'jbp_objective' | 'jbp_initiative';
  record_id: string;
  label: string;
  field: string | null;
  old_value: unknown;
  new_value: unknown;
  revision: number;
}

export interface NewPlanOptions {
  periods: { period: string; taken: boolean }[];
  /** The partner's latest plan, the default source of a clone. */
  last: { id: string; period: string; title: string; objectives: number; initiatives: number } | null;
  suggested: string;
}

const id = z.string().min(1, 'id is required').max(64);
// Limits, dates and messages come from the edit rules every path shares (src-shared/domain/rules).
const period = periodSchema;
const isoDate = isoDateSchema;
const weight = z.number({ error: 'The weight must be a whole number from 0 to 100.' });

export const objectiveFields = z
  .object({
    title: objectiveFieldRules.title,
    metric: z.enum(JBP_METRICS),
    unit: objectiveFieldRules.unit,
    baseline: objectiveFieldRules.baseline,
    target: objectiveFieldRules.target,
    due_quarter: objectiveFieldRules.due_quarter,
    weight,
    custom_actual: objectiveFieldRules.custom_actual,
  })
  .partial()
  .strict();

export const initiativeFields = z
  .object({
    title: initiativeFieldRules.title,
    objective_id: id.nullable(),
    owner_side: z.enum(OWNER_SIDES),
    owner_name: initiativeFieldRules.owner_name,
    due_date: initiativeFieldRules.due_date,
    status: z.enum(INITIATIVE_STATUSES),
    mdf_investment: initiativeFieldRules.mdf_investment,
    notes: initiativeFieldRules.notes,
    source: initiativeFieldRules.source,
  })
  .partial()
  .strict();

export type ObjectiveFields = z.infer<typeof objectiveFields>;
export type InitiativeFields = z.infer<typeof initiativeFields>;

export const createInitiativeFromInput = z
  .object({
    partnerId: id,
    title: initiativeFieldRules.title,
    dueDate: isoDate,
    /** `action:<key>` or `qbr:<note id>`; an initiative with the same source is not created twice. */
    source: text('The source', LIMITS.source, 'Say where the initiative comes from.'),
    ownerSide: z.enum(OWNER_SIDES).optional(),
    ownerName: initiativeFieldRules.owner_name.optional(),
    notes: initiativeFieldRules.notes.optional(),
    objectiveId: id.nullable().optional(),
    mdfInvestment: initiativeFieldRules.mdf_investment.optional(),
  })
  .strict();
export type CreateInitiativeFromInput = z.infer<typeof createInitiativeFromInput>;

export const planMethods = {
  'plans.list': method<PlanListRow[]>()(
    z
      .object({
        partnerId: id.optional(),
        status: z.enum(JBP_STATUSES).optional(),
        period: period.optional(),
        ownerId: id.optional(),
        scope: bookScopeSchema.optional(),
      })
      .strict(),
  ),
  'plans.get': method<PlanDetail>()(z.object({ id }).strict()),
  'plans.newOptions': method<NewPlanOptions>()(z.object({ partnerId: id }).strict()),
  'plans.create': method<{ id: string }>()(
    z
      .object({
        partnerId: id,
        period,
        from: z.enum(['template', 'clone']),
        /** The plan to clone; default: the partner's latest plan before `period`. */
        sourceId: id.optional(),
        carryInitiatives: z.boolean().default(false),
        title: planFields.title.optional(),
      })
      .strict(),
  ),
  'plans.update': method<{ changed: boolean }>()(
    z
      .object({
        id,
        fields: z.object({ title: planFields.title, summary: planFields.summary }).partial().strict(),
      })
      .strict(),
  ),
  'plans.delete': method<{ deleted: string }>()(z.object({ id }).strict()),
  'plans.signoff': method<{ status: Jbp['status'] }>()(
    z
      .object({
        id,
        side: z.enum(OWNER_SIDES),
        name: text('The name of the person signing', LIMITS.signoffName),
        date: isoDate,
      })
      .strict(),
  ),
  'plans.reopen': method<{ revision: number }>()(z.object({ id }).strict()),
  'plans.history': method<HistoryEntry[]>()(z.object({ id }).strict()),
  'plans.actor': method<{ name: string; fromSetting: boolean }>()(z.object({ planId: id.optional() }).strict()),
  'plans.actor.set': method<{ name: string }>()(z.object({ name: text('Your name', LIMITS.signoffName) }).strict()),
  'objectives.upsert': method<{ id: string; changed: boolean }>()(
    z.object({ planId: id, id: id.optional(), fields: objectiveFields }).strict(),
  ),
  /** What a linked metric measured over the previous period (the default baseline) and this one so far. */
  'objectives.preview': method<{ baseline: number | null; actual: number | null }>()(
    z.object({ planId: id, metric: z.enum(JBP_METRICS) }).strict(),
  ),
  'objectives.delete': method<{ deleted: string }>()(z.object({ id }).strict()),
  'objectives.reorder': method<{ changed: number }>()(
    z.object({ planId: id, ids: z.array(id).min(1) }).strict(),
  ),
  'initiatives.upsert': method<{ id: string; changed: boolean }>()(
    z.object({ planId: id, id: id.optional(), fields: initiativeFields }).strict(),
  ),
  'initiatives.delete': method<{ deleted: string }>()(z.object({ id }).strict()),
  'initiatives.createFrom': method<{ planId: string; initiativeId: string; created: boolean }>()(createInitiativeFromInput),
};
