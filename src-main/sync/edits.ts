/**
 * Local edits of client-editable entities. An edit and its outbox row are written in
 * one transaction, with synchronous=FULL so an acknowledged edit survives power loss,
 * not only an application crash. The edit is validated against the entity schema on
 * the overlaid record first: bad input is refused with the field named, nothing written.
 */
import type Database from 'better-sqlite3';
import {
  EDITABLE_ENTITIES,
  ENTITIES,
  type EditableEntityName,
} from '../../src-shared/domain/entities';
import { ServiceError } from '../base/errors';
import type { Clock } from '../base/clock';
import { readOneOverlaid } from './overlay';

export interface EditInput {
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  /** For upsert: the fields to set (for a new record, all of them). */
  fields?: Record<string, unknown>;
}

export interface QueuedEdit {
  mutation_id: number;
  entity: EditableEntityName;
  id: string;
  /** Whether anything changed (an edit that sets the current values queues nothing). */
  changed: boolean;
}

export function isEditable(entity: string): entity is EditableEntityName {
  return (EDITABLE_ENTITIES as string[]).includes(entity);
}

/** Runs `fn` in one transaction committed with synchronous=FULL. */
export function durableTransaction<T>(sqlite: Database.Database, fn: () => T): T {
  // Nested inside another durable transaction: a savepoint of it, already committed
  // with FULL by the outer one (SQLite refuses to change the safety level mid-transaction).
  if (sqlite.inTransaction) return sqlite.transaction(fn)();
  sqlite.pragma('synchronous = FULL');
  try {
    // IMMEDIATE: an edit reads (the overlaid record) before it writes; a deferred
    // transaction would fail at once with SQLITE_BUSY_SNAPSHOT if another process (the
    // app's sync, `partnerbook edit`) committed in between, instead of waiting its turn.
    return sqlite.transaction(fn).immediate();
  } finally {
    sqlite.pragma('synchronous = NORMAL');
  }
}

const SERVER_MANAGED = new Set(['id', 'version', 'pending_fields', 'conflict_fields']);

/**
 * Validates and queues edits atomically: all of them or none. Returns one result per input.
 */
export function queueEdits(sqlite: Database.Database, clock: Clock, inputs: EditInput[]): QueuedEdit[] {
  return durableTransaction(sqlite, () => inputs.map((input) => queueOne(sqlite, clock, input)));
}

export function queueEdit(sqlite: Database.Database, clock: Clock, input: EditInput): QueuedEdit {
  return queueEdits(sqlite, clock, [input])[0]!;
}

function queueOne(sqlite: Database.Database, clock: Clock, input: EditInput): QueuedEdit {
  const { entity, id } = input;
  if (!isEditable(entity)) {
    throw new ServiceError(
      'invalid_input',
      `'${entity}' can't be edited here; editable: ${EDITABLE_ENTITIES.join(', ')}.`,
      [{ path: 'entity', message: 'not editable' }],
    );
  }
  const current = readOneOverlaid(sqlite, entity, id);
  const baseRow = sqlite.prepare(`SELECT version FROM "${entity}" WHERE id = ?`).get(id) as { version: number } | undefined;
  const baseVersion = baseRow?.version ?? 0;
  const insert = sqlite.prepare(
    `INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  if (input.op === 'delete') {
    if (!current) throw new ServiceError('not_found', `No ${entity} with id '${id}'.`);
    const mutationId = Number(insert.run(entity, id, 'delete', baseVersion, '{}', '{}', clock.now()).lastInsertRowid);
    return { mutation_id: mutationId, entity, id, changed: true };
  }

  const given = input.fields ?? {};
  if ('id' in given && given.id !== id) {
    throw new ServiceError('invalid_input', `The id can't be changed.`, [{ path: 'id', message: 'id is fixed' }]);
  }
  const fields = Object.fromEntries(Object.entries(given).filter(([k]) => !SERVER_MANAGED.has(k)));
  const schema = ENTITIES[entity].schema;
  const known = Object.keys(schema.shape);
  for (const k of Object.keys(fields)) {
    if (!known.includes(k)) {
      throw new ServiceError('invalid_input', `${entity} has no field '${k}'.`, [{ path: k, message: 'unknown field' }]);
    }
  }
  const { version: _v, pending_fields: _p, conflict_fields: _c, ...currentData } = current ?? {
    version: 0,
    pending_fields: [],
    conflict_fields: [],
  };
  const next = { ...currentData, ...fields, id };
  const parsed = schema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String).join('.');
    const missing = !current && issue.code === 'invalid_type' && next[path as keyof typeof next] === undefined;
    throw new ServiceError(
      'invalid_input',
      missing ? `A new ${entity} needs '${path}'.` : `${entity}.${path}: ${issue.message}`,
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const changedFields: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (k === 'id') continue;
    const before = (currentData as Record<string, unknown>)[k];
    if (!current || JSON.stringify(before) !== JSON.stringify(v)) {
      changedFields[k] = v;
      base[k] = current ? (before ?? null) : null;
    }
  }
  if (current && Object.keys(changedFields).length === 0) {
    return { mutation_id: 0, entity, id, changed: false };
  }
  const mutationId = Number(
    insert.run(entity, id, 'upsert', current ? baseVersion : 0, JSON.stringify(changedFields), JSON.stringify(base), clock.now())
      .lastInsertRowid,
  );
  return { mutation_id: mutationId, entity, id, changed: true };
}
