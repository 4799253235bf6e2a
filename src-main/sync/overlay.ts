/**
 * Reads of client-editable entities: the server's base row with pending local edits
 * (the outbox) laid over it in mutation order. Edits in conflict stay visible as the
 * user's value until the user resolves them; rejected edits are not overlaid (they are
 * listed for the user to fix or discard).
 */
import type Database from 'better-sqlite3';
import type { EditableEntityName, EntityData } from '../../src-shared/domain/entities';
import type { OutboxTable } from '../db/schema';
import { COLUMNS } from './apply';

/** A row of the outbox, as stored. */
export type OutboxRow = OutboxTable;

export type Overlaid<E extends EditableEntityName> = EntityData<E> & {
  /** Server version of the base row; 0 for a record created locally and not yet pushed. */
  version: number;
  /** Fields with a local edit not yet on the server. */
  pending_fields: string[];
  /** Fields in conflict (the user's value is shown until resolved). */
  conflict_fields: string[];
};

const JSON_COLUMNS = new Set(['benefits']);

function decodeRow(entity: string, row: Record<string, unknown>): Record<string, unknown> {
  for (const col of Object.keys(row)) if (JSON_COLUMNS.has(col) && typeof row[col] === 'string') row[col] = JSON.parse(row[col]);
  void entity;
  return row;
}

/** Overlays the outbox rows of one record on its base row (or on nothing, for a local creation). */
export function overlayRecord(
  base: Record<string, unknown> | undefined,
  edits: OutboxRow[],
): (Record<string, unknown> & { version: number; pending_fields: string[]; conflict_fields: string[] }) | null {
  let rec: Record<string, unknown> | null = base ? { ...base } : null;
  const pending = new Set<string>();
  const conflicts = new Set<string>();
  for (const e of edits) {
    if (e.status === 'rejected') continue;
    if (e.op === 'delete') {
      rec = null;
      continue;
    }
    const fields = JSON.parse(e.fields) as Record<string, unknown>;
    // a local creation's fields don't repeat the id (it is the outbox row's record_id)
    rec = { ...(rec ?? { id: e.record_id, version: 0 }), ...fields };
    for (const f of Object.keys(fields)) (e.status === 'conflict' ? conflicts : pending).add(f);
  }
  if (!rec) return null;
  return {
    ...rec,
    version: typeof rec.version === 'number' ? rec.version : 0,
    pending_fields: [...pending],
    conflict_fields: [...conflicts],
  };
}

/**
 * Reads records of `entity` where `column = value` (or all, without a filter), overlaid.
 * Local creations matching the filter are included.
 */
export function readOverlaid<E extends EditableEntityName>(
  sqlite: Database.Database,
  entity: E,
  filter?: { column: string; value: string },
): Overlaid<E>[] {
  if (filter && !COLUMNS[entity].includes(filter.column)) throw new Error(`unknown column ${entity}.${filter.column}`);
  const baseRows = (
    filter
      ? sqlite.prepare(`SELECT * FROM "${entity}" WHERE "${filter.column}" = ?`).all(filter.value)
      : sqlite.prepare(`SELECT * FROM "${entity}"`).all()
  ) as Record<string, unknown>[];
  const edits = sqlite
    .prepare("SELECT * FROM outbox WHERE entity = ? AND status != 'rejected' ORDER BY mutation_id")
    .all(entity) as OutboxRow[];
  const byId = new Map<string, OutboxRow[]>();
  for (const e of edits) {
    let list = byId.get(e.record_id);
    if (!list) byId.set(e.record_id, (list = []));
    list.push(e);
  }
  const out: Overlaid<E>[] = [];
  const seen = new Set<string>();
  for (const row of baseRows) {
    const id = row.id as string;
    seen.add(id);
    const rec = overlayRecord(decodeRow(entity, row), byId.get(id) ?? []);
    if (rec && (!filter || rec[filter.column] === filter.value)) out.push(rec as Overlaid<E>);
  }
  for (const [id, list] of byId) {
    if (seen.has(id)) continue;
    const base = filter
      ? (sqlite.prepare(`SELECT * FROM "${entity}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined)
      : undefined;
    const rec = overlayRecord(base ? decodeRow(entity, base) : undefined, list);
    if (rec && (!filter || rec[filter.column] === filter.value)) out.push(rec as Overlaid<E>);
  }
  return out;
}

/** One record, overlaid; null if it does not exist (or a pending delete removed it). */
export function readOneOverlaid<E extends EditableEntityName>(
  sqlite: Database.Database,
  entity: E,
  id: string,
): Overlaid<E> | null {
  const base = sqlite.prepare(`SELECT * FROM "${entity}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  const edits = sqlite
    .prepare("SELECT * FROM outbox WHERE entity = ? AND record_id = ? AND status != 'rejected' ORDER BY mutation_id")
    .all(entity, id) as OutboxRow[];
  return overlayRecord(base ? decodeRow(entity, base) : undefined, edits) as Overlaid<E> | null;
}
