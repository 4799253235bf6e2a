/**
 * Initiatives of a plan, and `createInitiativeFrom`: the one-step path by which a
 * next-best action or a QBR commitment becomes an initiative of the partner's current
 * draft plan (other areas call it directly; `initiatives.createFrom` exposes it).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { fieldError, ServiceError } from '../../base/errors';
import { readOneOverlaid, readOverlaid, type Overlaid } from '../../sync/overlay';
import type { Clock } from '../../base/clock';
import { periodRange } from '../../../src-shared/domain/plans';
import { possessive } from '../../../src-shared/format';
import type { CreateInitiativeFromInput, InitiativeFields } from '../../../src-shared/methods/plans';
import type { FieldIssue } from '../../../src-shared/domain/plans';
import { refuse } from './objectives';
import { actorName, assertEditable, loadPlan, writePlanEdits } from './store';
import { readCalendar } from '../calendar';

function validateInitiative(
  db: Db,
  plan: Overlaid<'jbp'>,
  merged: { title: string; objective_id: string | null; owner_name: string },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!merged.title.trim()) issues.push({ path: 'title', message: 'Give the initiative a title.' });
  if (merged.objective_id) {
    const obj = readOneOverlaid(db.sqlite, 'jbp_objective', merged.objective_id);
    if (!obj || obj.jbp_id !== plan.id) {
      issues.push({ path: 'objective_id', message: 'Link the initiative to an objective of this plan (or to none).' });
    }
  }
  return issues;
}

export function upsertInitiative(
  db: Db,
  clock: Clock,
  planId: string,
  id: string | undefined,
  fields: InitiativeFields,
): { id: string; changed: boolean } {
  const sqlite = db.sqlite;
  const plan = loadPlan(sqlite, planId);
  assertEditable(plan);
  const current = id ? readOneOverlaid(sqlite, 'jbp_initiative', id) : null;
  if (current && current.jbp_id !== planId) {
    throw fieldError('invalid_input', 'id', `Initiative '${id}' belongs to another plan.`);
  }
  const given: Record<string, unknown> = { ...fields };
  if (typeof given.title === 'string') given.title = given.title.trim();
  if (typeof given.owner_name === 'string') given.owner_name = given.owner_name.trim();
  const partner = sqlite.prepare('SELECT currency FROM partner WHERE id = ?').get(plan.partner_id) as { currency: string } | undefined;
  const range = periodRange(plan.period, readCalendar(db));
  const next = current
    ? { ...current, ...given }
    : {
        jbp_id: planId,
        objective_id: null,
        title: '',
        owner_side: 'vendor' as const,
        owner_name: actorName(db, plan.partner_id).name,
        due_date: clock.today() > range.start && clock.today() < range.end ? clock.today() : range.end,
        status: 'not_started' as const,
        mdf_investment: 0,
        currency: partner?.currency ?? 'USD',
        notes: '',
        source: null,
        ...given,
      };
  const issues = validateInitiative(db, plan, next as { title: string; objective_id: string | null; owner_name: string });
  if (issues.length) refuse(issues);
  const newId = current?.id ?? id ?? `INI-${randomUUID()}`;
  const [res] = writePlanEdits(db, clock, plan, [
    current
      ? { entity: 'jbp_initiative', id: newId, op: 'upsert', fields: given }
      : { entity: 'jbp_initiative', id: newId, op: 'upsert', fields: next },
  ]);
  return { id: newId, changed: res!.changed };
}

export function deleteInitiative(db: Db, clock: Clock, id: string): { deleted: string } {
  const ini = readOneOverlaid(db.sqlite, 'jbp_initiative', id);
  if (!ini) throw new ServiceError('not_found', `No initiative with id '${id}'.`);
  const plan = loadPlan(db.sqlite, ini.jbp_id);
  assertEditable(plan);
  writePlanEdits(db, clock, plan, [{ entity: 'jbp_initiative', id, op: 'delete' }]);
  return { deleted: id };
}

/**
 * The partner's current draft plan for a date: a draft whose period contains `date`,
 * else one containing today, else the latest draft. Null when the partner has none.
 */
export function currentDraftPlan(db: Db, clock: Clock, partnerId: string, date: string): Overlaid<'jbp'> | null {
  const drafts = readOverlaid(db.sqlite, 'jbp', { column: 'partner_id', value: partnerId }).filter((p) => p.status === 'draft');
  const cal = readCalendar(db);
  const containing = (d: string) =>
    drafts
      .filter((p) => {
        const r = periodRange(p.period, cal);
        return r.start <= d && d <= r.end;
      })
      // a half is more specific than the year around it
      .sort((a, b) => periodRange(a.period, cal).quarters.length - periodRange(b.period, cal).quarters.length)[0];
  return (
    containing(date) ??
    containing(clock.today()) ??
    drafts.sort((a, b) => periodRange(b.period, cal).end.localeCompare(periodRange(a.period, cal).end))[0] ??
    null
  );
}

/**
 * Makes an initiative of the partner's current draft plan from a next-best action or a
 * QBR commitment, in one step. Idempotent by `source`: calling it again for the same
 * source returns the existing initiative (`created: false`).
 *
 * Fails with `not_found` when the partner has no draft plan (and says whether a signed
 * one exists that could be reopened).
 */
export function createInitiativeFrom(
  db: Db,
  clock: Clock,
  input: CreateInitiativeFromInput,
): { planId: string; initiativeId: string; created: boolean } {
  const partner = db.sqlite.prepare('SELECT name FROM partner WHERE id = ?').get(input.partnerId) as { name: string } | undefined;
  if (!partner) throw new ServiceError('not_found', `No partner with id '${input.partnerId}' in this book.`);
  const plan = currentDraftPlan(db, clock, input.partnerId, input.dueDate);
  if (!plan) {
    const signed = readOverlaid(db.sqlite, 'jbp', { column: 'partner_id', value: input.partnerId }).some((p) => p.status === 'signed');
    throw new ServiceError(
      'not_found',
      signed
        ? `${possessive(partner.name)} plans are all signed. Reopen the current plan (or start a new one) to add “${input.title}”.`
        : `${partner.name} has no joint business plan yet. Create one to add “${input.title}”.`,
    );
  }
  const existing = readOverlaid(db.sqlite, 'jbp_initiative', { column: 'jbp_id', value: plan.id }).find(
    (i) => i.source === input.source,
  );
  if (existing) return { planId: plan.id, initiativeId: existing.id, created: false };
  const { id } = upsertInitiative(db, clock, plan.id, undefined, {
    title: input.title,
    due_date: input.dueDate,
    source: input.source,
    ...(input.ownerSide ? { owner_side: input.ownerSide } : {}),
    ...(input.ownerName !== undefined ? { owner_name: input.ownerName } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(input.objectiveId !== undefined ? { objective_id: input.objectiveId } : {}),
    ...(input.mdfInvestment !== undefined ? { mdf_investment: input.mdfInvestment } : {}),
  });
  return { planId: plan.id, initiativeId: id, created: true };
}
