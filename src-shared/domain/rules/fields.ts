/**
 * The value rules of every field of the client-editable entities: the entity schema
 * (what the protocol carries) tightened with the size limits, real dates and the
 * messages of the typed API. An edit is checked field by field against these; the typed
 * API's input schemas pick their fields from here, so the two cannot drift.
 */
import { z } from 'zod';
import {
  actionStateSchema,
  jbpInitiativeSchema,
  jbpObjectiveSchema,
  jbpSchema,
  noteSchema,
  qbrNoteSchema,
  type EditableEntityName,
} from '../entities';
import { isoDateSchema, isoInstantSchema, quarterSchema } from '../date-schemas';
import { MAX_YEAR, MIN_YEAR } from '../time';
import { MAX_MONEY_MINOR, MAX_MONEY_TEXT, moneyProblem } from '../money';
import { issueSentence } from '../../input-messages';
import { LIMITS, text } from './text';

/** `FY2026` or `2026-H1` / `2026-H2`, in the years the app accepts. */
export const periodSchema = z.string().superRefine((p, ctx) => {
  const m = /^(?:FY(\d{4})|(\d{4})-H[12])$/.exec(p);
  if (!m) ctx.addIssue({ code: 'custom', message: 'a period looks like FY2026 or 2026-H1' });
  else {
    const year = Number(m[1] ?? m[2]);
    if (year < MIN_YEAR || year > MAX_YEAR) ctx.addIssue({ code: 'custom', message: `${p}: the year must be between ${MIN_YEAR} and ${MAX_YEAR}.` });
  }
});

const WEIGHT = 'The weight must be a whole number from 0 to 100.';

/** An amount of money in minor units within MAX_MONEY_MINOR, with messages naming `what`. */
export function moneySchema(what: string) {
  return z.number({ error: `${what} must be an amount of money, e.g. 25000.` }).superRefine((n, ctx) => {
    const problem = moneyProblem(what, n);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/**
 * An objective's figure (target, baseline, actual): a number no larger than the money
 * bound whatever the metric; the bound of its own kind (a count, a rate) and the sign
 * are checked with the whole objective (validateObjective).
 */
export function objectiveNumber(what: string) {
  return z.number({ error: `${what} must be a number.` }).superRefine((n, ctx) => {
    if (Math.abs(n) > MAX_MONEY_MINOR) ctx.addIssue({ code: 'custom', message: `${what} can be at most ${MAX_MONEY_TEXT}; check the number of digits.` });
  });
}

export const planFields = {
  ...jbpSchema.shape,
  period: periodSchema,
  title: text('The plan title', LIMITS.planTitle, 'Give the plan a title.'),
  summary: text('The summary', LIMITS.planSummary),
  vendor_signoff_name: text('The name of the person signing for your side', LIMITS.signoffName).nullable(),
  vendor_signoff_at: isoDateSchema.nullable(),
  partner_signoff_name: text('The name of the person signing for the partner', LIMITS.signoffName).nullable(),
  partner_signoff_at: isoDateSchema.nullable(),
  created_at: isoInstantSchema,
  updated_at: isoInstantSchema,
};

export const objectiveFieldRules = {
  ...jbpObjectiveSchema.shape,
  title: text('The objective title', LIMITS.objectiveTitle, 'Give the objective a title.'),
  unit: text('The unit', LIMITS.objectiveUnit).nullable(),
  due_quarter: quarterSchema,
  weight: z.number({ error: WEIGHT }).int(WEIGHT).min(0, WEIGHT).max(100, WEIGHT),
  baseline: objectiveNumber('The baseline'),
  target: objectiveNumber('The target'),
  custom_actual: objectiveNumber('The actual').nullable(),
};

export const initiativeFieldRules = {
  ...jbpInitiativeSchema.shape,
  title: text('The initiative title', LIMITS.initiativeTitle, 'Give the initiative a title.'),
  owner_name: text('The owner’s name', LIMITS.ownerName),
  due_date: isoDateSchema,
  mdf_investment: moneySchema('The MDF investment'),
  notes: text('The notes', LIMITS.initiativeNotes),
  source: text('The source', LIMITS.source).nullable(),
};

export const qbrNoteFieldRules = {
  ...qbrNoteSchema.shape,
  quarter: quarterSchema,
  section: text('The section name', LIMITS.qbrSection, 'Name the section the note belongs to.'),
  body: text('The note', LIMITS.qbrNoteBody, 'Write something first.'),
  updated_at: isoInstantSchema,
};

export const actionStateFieldRules = {
  ...actionStateSchema.shape,
  snooze_until: isoDateSchema.nullable(),
  reason: text('The reason', LIMITS.actionReason).nullable(),
  updated_at: isoInstantSchema,
};

export const noteFieldRules = {
  ...noteSchema.shape,
  body: text('The note', LIMITS.noteBody),
  created_at: isoInstantSchema,
  updated_at: isoInstantSchema,
};

/** Per entity: field name → the schema a value of it must pass in an edit. */
export const FIELD_RULES: Record<EditableEntityName, Record<string, z.ZodType>> = {
  jbp: planFields,
  jbp_objective: objectiveFieldRules,
  jbp_initiative: initiativeFieldRules,
  qbr_note: qbrNoteFieldRules,
  action_state: actionStateFieldRules,
  note: noteFieldRules,
};

export interface FieldIssue {
  field: string;
  message: string;
}

/**
 * Field-by-field problems of the values an edit of `entity` sets: unknown fields and
 * values outside the rules (wrong type, too long, not a real date …). Empty when fine.
 * `id` is not a field an edit sets and is skipped.
 */
export function fieldIssues(entity: EditableEntityName, fields: Record<string, unknown>): FieldIssue[] {
  const rules = FIELD_RULES[entity];
  const issues: FieldIssue[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (field === 'id') continue;
    const schema = Object.hasOwn(rules, field) ? rules[field] : undefined;
    if (!schema) {
      issues.push({ field, message: `${entity} has no field '${field}'.` });
      continue;
    }
    const parsed = schema.safeParse(value);
    const first = parsed.error?.issues[0];
    if (first) issues.push({ field, message: issueSentence({ ...first, path: [field, ...first.path] }) });
  }
  return issues;
}
