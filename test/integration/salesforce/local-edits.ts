/**
 * Random local edits of the package records in a replica pulled from the fake org, queued
 * the way the UI queues them (one transaction each), and the check that none was lost:
 * after a clean sync, the last value typed into each field is in Salesforce, or the edit
 * is still visible to the user (pending, a conflict or a rejection).
 */
import { expect } from 'vitest';
import type { Clock } from '../../../src-main/base/clock';
import type { Db } from '../../../src-main/db/connection';
import { queueEdits, type EditInput } from '../../../src-main/sync/edits';
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import type { Rng } from '../../../tools/demo-prm/rng';
import type { SfBook } from './book';

/** The last value typed into each field (`entity id field`), and the records deleted or created. */
export interface Typed {
  fields: Map<string, unknown>;
  deleted: Set<string>;
  created: Set<string>;
}

export const newTyped = (): Typed => ({ fields: new Map(), deleted: new Set(), created: new Set() });
const key = (entity: string, id: string, field?: string) => (field === undefined ? `${entity} ${id}` : `${entity} ${id} ${field}`);

/** Queues `n` random edits (plans, objectives, initiatives, notes; a note created, a note deleted). */
export function queueRandomEdits(db: Db, clock: Clock, rng: Rng, n: number, typed: Typed): number {
  const ids = (entity: string) => (db.sqlite.prepare(`SELECT id FROM "${entity}" ORDER BY id`).all() as { id: string }[]).map((r) => r.id).filter((id) => !typed.deleted.has(key(entity, id)));
  const plans = ids('jbp');
  const objectives = ids('jbp_objective');
  const initiatives = ids('jbp_initiative');
  const notes = ids('note');
  const stamp = () => `${rng.int(1, 1e9)}`;
  const plan: EditInput[] = [];
  for (let i = 0; i < n; i++) {
    const kind = rng.int(0, 4);
    if (kind === 0 && plans.length) plan.push({ entity: 'jbp', id: rng.pick(plans), op: 'upsert', fields: { summary: `Summary ${stamp()}` } });
    else if (kind === 1 && objectives.length) plan.push({ entity: 'jbp_objective', id: rng.pick(objectives), op: 'upsert', fields: { title: `Objective ${stamp()}`, target: rng.int(1, 500) * 1000 } });
    else if (kind === 2 && initiatives.length) plan.push({ entity: 'jbp_initiative', id: rng.pick(initiatives), op: 'upsert', fields: { status: rng.pick(['in_progress', 'done', 'blocked'] as const) } });
    else if (notes.length) plan.push({ entity: 'note', id: rng.pick(notes), op: 'upsert', fields: { body: `Local note ${stamp()}` } });
  }
  const partner = (db.sqlite.prepare('SELECT partner_id FROM jbp ORDER BY id LIMIT 1').get() as { partner_id: string }).partner_id;
  const now = clock.now();
  const made = `note-offline-${stamp()}`;
  plan.push({ entity: 'note', id: made, op: 'upsert', fields: { partner_id: partner, body: 'Created offline', created_at: now, updated_at: now } });
  const doomed = notes.length > 1 ? notes.at(-1) : undefined;
  let queued = 0;
  for (const e of plan) {
    const [q] = queueEdits(db.sqlite, clock, [e]);
    if (!q?.changed) continue;
    queued++;
    for (const [f, v] of Object.entries(e.fields ?? {})) if (f !== 'created_at' && f !== 'updated_at') typed.fields.set(key(e.entity, e.id, f), v);
  }
  typed.created.add(key('note', made));
  if (doomed) {
    const [q] = queueEdits(db.sqlite, clock, [{ entity: 'note', id: doomed, op: 'delete' }]);
    if (q?.changed) {
      queued++;
      typed.deleted.add(key('note', doomed));
      for (const k of [...typed.fields.keys()]) if (k.startsWith(`${key('note', doomed)} `)) typed.fields.delete(k);
    }
  }
  return queued;
}

/** What the user still sees of unsent or refused edits (outbox fields, conflicts' mine), as `entity id field` → JSON values. */
function visible(db: Db): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (k: string, v: unknown) => out.set(k, (out.get(k) ?? new Set()).add(JSON.stringify(v)));
  for (const r of db.sqlite.prepare('SELECT entity, record_id, fields FROM outbox').all() as { entity: string; record_id: string; fields: string }[]) {
    for (const [f, v] of Object.entries(JSON.parse(r.fields) as Record<string, unknown>)) add(key(r.entity, r.record_id, f), v);
  }
  for (const r of db.sqlite.prepare('SELECT entity, record_id, field, mine FROM conflict').all() as { entity: string; record_id: string; field: string; mine: string }[]) {
    add(key(r.entity, r.record_id, r.field), JSON.parse(r.mine));
  }
  return out;
}

/**
 * Every typed value is in Salesforce (`book.rows`) or still visible in the replica; every
 * deleted record is gone from Salesforce or its delete still queued; every created record is
 * in Salesforce or queued.
 */
export function expectNothingLost(db: Db, book: SfBook, typed: Typed, where: string): void {
  const shown = visible(db);
  const queuedIds = new Set((db.sqlite.prepare('SELECT entity, record_id FROM outbox').all() as { entity: string; record_id: string }[]).map((r) => key(r.entity, r.record_id)));
  const rowsOf = new Map<string, Map<string, Record<string, unknown>>>();
  const rowOf = (entity: EditableEntityName, id: string) => {
    if (!rowsOf.has(entity)) rowsOf.set(entity, new Map(book.rows(entity).map((r) => [r.id, r.data])));
    return rowsOf.get(entity)!.get(id);
  };
  for (const [k, value] of typed.fields) {
    const [entity, id, field] = k.split(' ') as [EditableEntityName, string, string];
    const there = rowOf(entity, id)?.[field];
    expect(JSON.stringify(there) === JSON.stringify(value) || shown.get(k)?.has(JSON.stringify(value)) === true, `${where}: the edit ${k} = ${JSON.stringify(value)} was lost`).toBe(true);
  }
  for (const k of typed.deleted) {
    const [entity, id] = k.split(' ') as [EditableEntityName, string];
    expect(rowOf(entity, id) === undefined || queuedIds.has(k), `${where}: the delete of ${k} was lost`).toBe(true);
  }
  for (const k of typed.created) {
    const [entity, id] = k.split(' ') as [EditableEntityName, string];
    expect(rowOf(entity, id) !== undefined || queuedIds.has(k) || typed.deleted.has(k), `${where}: the new record ${k} was lost`).toBe(true);
  }
}

/** Whether any typed value is in Salesforce already (a push that was not acknowledged). */
export function anyInSalesforce(book: SfBook, typed: Typed): boolean {
  const byEntity = new Map<string, Map<string, Record<string, unknown>>>();
  for (const [k, value] of typed.fields) {
    const [entity, id, field] = k.split(' ') as [EditableEntityName, string, string];
    if (!byEntity.has(entity)) byEntity.set(entity, new Map(book.rows(entity).map((r) => [r.id, r.data])));
    if (JSON.stringify(byEntity.get(entity)!.get(id)?.[field]) === JSON.stringify(value)) return true;
  }
  return false;
}
