/**
 * The sign-off rules of a joint business plan: a plan signed by both sides is locked
 * (it, its objectives and its initiatives refuse every change until it is reopened);
 * the sign-off fields change only by signing off or reopening; and the fields agree
 * with each other (a signed plan carries both sides' signatures, a draft at most one,
 * each signature has its name and its date).
 */
import type { FieldIssue } from './fields';

export const SIGNOFF_FIELDS = ['vendor_signoff_name', 'vendor_signoff_at', 'partner_signoff_name', 'partner_signoff_at'] as const;
/** The fields only the sign-off and reopen operations change. */
export const LIFECYCLE_FIELDS: readonly string[] = ['status', 'revision', ...SIGNOFF_FIELDS];

type Rec = Record<string, unknown>;

const titleOf = (plan: Rec) => (typeof plan.title === 'string' && plan.title ? plan.title : 'This plan');

export function isSigned(plan: Rec | null | undefined): boolean {
  return plan?.status === 'signed';
}

/** What a user is told when they try to change a signed plan or anything in it. */
export function lockedMessage(plan: Rec): string {
  const revision = typeof plan.revision === 'number' ? plan.revision : 1;
  return `“${titleOf(plan)}” is signed by both sides and locked. Reopen it to change it — that starts revision ${revision + 1} and clears the signatures.`;
}

export function lockedDeleteMessage(plan: Rec): string {
  return `“${titleOf(plan)}” is signed; a signed plan can't be deleted. Reopen it first.`;
}

const set = (v: unknown) => v !== null && v !== undefined && v !== '';

function side(plan: Rec, s: 'vendor' | 'partner'): 'signed' | 'unsigned' | 'half' {
  const name = set(plan[`${s}_signoff_name`]);
  const at = set(plan[`${s}_signoff_at`]);
  return name && at ? 'signed' : !name && !at ? 'unsigned' : 'half';
}

/** Whether the sign-off fields of a plan record agree with each other and its status. */
export function signoffIssues(plan: Rec): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const s of ['vendor', 'partner'] as const) {
    if (side(plan, s) === 'half') {
      const field = set(plan[`${s}_signoff_name`]) ? `${s}_signoff_at` : `${s}_signoff_name`;
      issues.push({ field, message: `A sign-off ${s === 'vendor' ? 'for your side' : 'for the partner'} needs both the name of the person signing and the date.` });
    }
  }
  const both = side(plan, 'vendor') === 'signed' && side(plan, 'partner') === 'signed';
  if (plan.status === 'signed' && !both) {
    issues.push({ field: 'status', message: 'A plan becomes signed only when both sides have signed it off.' });
  } else if (plan.status === 'draft' && both) {
    issues.push({
      field: 'status',
      message: 'A draft plan can’t carry both sides’ signatures: signing by both sides makes it signed, and reopening clears the signatures.',
    });
  }
  return issues;
}

export interface PlanLockCheck {
  /** The plan as it is now; null when it is being created. */
  before: Rec | null;
  /** The plan as the edit would leave it. */
  after: Rec;
  /** Fields whose value the edit changes. */
  changed: string[];
  /** 'lifecycle': a sign-off, reopen or signature reset; 'edit': anything else. */
  intent: 'edit' | 'lifecycle';
}

/**
 * Lock and lifecycle problems of an upsert of a plan: `locked` (the plan is signed and
 * this is not a reopen) or an invalid change of the sign-off fields. Null when none.
 */
export function planChangeIssue(c: PlanLockCheck): (FieldIssue & { locked: boolean }) | null {
  const { before, after, changed, intent } = c;
  if (!before) {
    if (after.status !== 'draft' || SIGNOFF_FIELDS.some((f) => set(after[f]))) {
      return { field: 'status', message: 'A new plan starts as a draft without signatures; sign it off once both sides agree.', locked: false };
    }
    return null;
  }
  if (changed.length === 0) return null;
  if (isSigned(before)) {
    const reopening =
      intent === 'lifecycle' &&
      after.status === 'draft' &&
      changed.every((f) => LIFECYCLE_FIELDS.includes(f) || f === 'updated_at') &&
      SIGNOFF_FIELDS.every((f) => !set(after[f])) &&
      Number(after.revision) >= Number(before.revision);
    return reopening ? null : { field: changed[0]!, message: lockedMessage(before), locked: true };
  }
  if (intent === 'edit') {
    const lifecycle = changed.find((f) => LIFECYCLE_FIELDS.includes(f));
    if (lifecycle) {
      return {
        field: lifecycle,
        message: 'The status, revision and signatures of a plan change only by signing it off or reopening it.',
        locked: false,
      };
    }
  }
  if (changed.includes('revision')) {
    return { field: 'revision', message: 'A plan’s revision changes only when a signed plan is reopened.', locked: false };
  }
  return null;
}
