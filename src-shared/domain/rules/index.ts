/**
 * One set of rules per client-editable entity — field values and sizes, the sign-off
 * lock, cross-field and cross-record consistency — applied whichever path an edit takes:
 * the typed plan services, the generic `records.edit`, `partnerbook edit` (all through
 * the outbox's queueEdits) and the PRM's mutation handler. Pure functions: no I/O, the
 * caller passes the record as it is now and a lookup for the plans and objectives the
 * rules need.
 */
import { ENTITIES, type EditableEntityName } from '../entities';
import { fieldIssues, type FieldIssue } from './fields';
import { isSigned, lockedDeleteMessage, lockedMessage, planChangeIssue } from './plan';
import { FIXED_FIELDS, recordIssues, type Lookup } from './records';

export { LIMITS, text } from './text';
export {
  FIELD_RULES,
  fieldIssues,
  initiativeFieldRules,
  objectiveFieldRules,
  periodSchema,
  planFields,
  qbrNoteFieldRules,
  actionStateFieldRules,
  noteFieldRules,
  type FieldIssue,
} from './fields';
export { LIFECYCLE_FIELDS, SIGNOFF_FIELDS, isSigned, lockedDeleteMessage, lockedMessage, signoffIssues } from './plan';
export { FIXED_FIELDS, recordIssues, type Lookup } from './records';

type Rec = Record<string, unknown>;

export interface RuleIssue extends FieldIssue {
  /** `locked`: the record belongs to a signed plan; `invalid`: a value or combination the rules refuse. */
  kind: 'invalid' | 'locked';
}

export interface EditToCheck {
  entity: EditableEntityName;
  id: string;
  op: 'upsert' | 'delete';
  /** The record as it is now (its data, without sync marks); null when the edit creates it. */
  before: Rec | null;
  /** For an upsert: the fields the edit sets. */
  fields?: Rec;
  /**
   * `edit` (default): a content edit; a plan's status, revision and signatures may not
   * change. `lifecycle`: a sign-off, reopen or signature reset — those fields may change,
   * as a consistent transition. A server, which sees only values, checks as `lifecycle`.
   */
  intent?: 'edit' | 'lifecycle';
  lookup: Lookup;
  /** The record as it would be stored; default `before` with `fields` over it. */
  after?: Rec;
}

const SYNC_MARKS = new Set(['version', 'pending_fields', 'conflict_fields']);
const PLAN_CHILDREN = new Set<EditableEntityName>(['jbp_objective', 'jbp_initiative']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const key = (i: FieldIssue) => `${i.field}\u0000${i.message}`;

function dataOf(rec: Rec): Rec {
  return Object.fromEntries(Object.entries(rec).filter(([k]) => !SYNC_MARKS.has(k)));
}

function planOf(rec: Rec | null, lookup: Lookup): Rec | null {
  return rec && typeof rec.jbp_id === 'string' ? lookup('jbp', rec.jbp_id) : null;
}

/**
 * Everything wrong with an edit under the rules; empty when it may be made. A `locked`
 * issue comes alone. Field values are checked for every field the edit sets; rules over
 * the whole record only for problems the edit brings in (a record that came from the
 * PRM already breaking one can still be edited in other ways).
 */
export function checkEdit(e: EditToCheck): RuleIssue[] {
  const { entity } = e;
  // each plan or objective is read once per check, however many rules ask for it
  const seen = new Map<string, Rec | null>();
  const lookup: Lookup = (which, id) => {
    const k = `${which}\u0000${id}`;
    if (!seen.has(k)) seen.set(k, e.lookup(which, id));
    return seen.get(k)!;
  };
  const before = e.before ? dataOf(e.before) : null;

  if (e.op === 'delete') {
    if (!before) return [];
    const plan = entity === 'jbp' ? before : PLAN_CHILDREN.has(entity) ? planOf(before, lookup) : null;
    if (plan && isSigned(plan)) {
      return [{ field: '', message: entity === 'jbp' ? lockedDeleteMessage(plan) : lockedMessage(plan), kind: 'locked' }];
    }
    return [];
  }

  const fields = Object.fromEntries(Object.entries(e.fields ?? {}).filter(([k]) => k !== 'id'));
  const changed = Object.keys(fields).filter((k) => !before || !same(before[k], fields[k]));
  const after = dataOf(e.after ?? { ...(before ?? {}), ...fields, id: e.id });
  const issues: RuleIssue[] = [];

  // 1. The lock.
  if (entity === 'jbp') {
    const p = planChangeIssue({ before, after, changed, intent: e.intent ?? 'edit' });
    if (p?.locked) return [{ field: p.field, message: p.message, kind: 'locked' }];
    if (p) issues.push({ field: p.field, message: p.message, kind: 'invalid' });
  } else if (PLAN_CHILDREN.has(entity) && changed.length > 0) {
    const plan = planOf(before ?? fields, lookup);
    if (plan && isSigned(plan)) return [{ field: changed[0]!, message: lockedMessage(plan), kind: 'locked' }];
  }

  // 2. Each value the edit sets, and what it may not change.
  for (const i of fieldIssues(entity, fields)) issues.push({ ...i, kind: 'invalid' });
  if (before) {
    for (const [f, message] of Object.entries(FIXED_FIELDS[entity])) {
      if (changed.includes(f)) issues.push({ field: f, message, kind: 'invalid' });
    }
  }
  if (issues.length > 0) return issues;

  // 3. The whole record's shape (a new one needs every field).
  const parsed = ENTITIES[entity].schema.safeParse(after);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => {
      const field = i.path.map(String).join('.');
      // Left out of a new record, whatever zod calls it (a missing choice is 'invalid_value', not 'invalid_type').
      const missing = !before && after[field] === undefined;
      return { field, message: missing ? `A new ${entity} needs '${field}'.` : i.message, kind: 'invalid' as const };
    });
  }

  // 4. Whole-record rules: only problems this edit brings in.
  const wellFormed = before !== null && ENTITIES[entity].schema.safeParse(before).success;
  const known = new Set(wellFormed ? recordIssues(entity, before, lookup).map(key) : []);
  return recordIssues(entity, after, lookup)
    .filter((i) => !known.has(key(i)))
    .map((i) => ({ ...i, kind: 'invalid' as const }));
}
