/**
 * Local edits of client-editable entities. An edit and its outbox row are written in
 * one transaction, with synchronous=FULL so an acknowledged edit survives power loss,
 * not only an application crash. The edit is checked first against the entity's rules
 * (src-shared/domain/rules: values and sizes, the sign-off lock, consistency) on the
 * overlaid record: bad input is refused with the field named, nothing written.
 */
import type Database from 'better-sqlite3';
import { EDITABLE_ENTITIES, ENTITIES, type EditableEntityName } from '../../src-shared/domain/entities';
import { checkEdit, type Lookup, type RuleIssue } from '../../src-shared/domain/rules';
import { fieldError, ServiceError } from '../base/errors';
import type { Clock } from '../base/clock';
import { readOneOverlaid } from './overlay';

export interface EditInput {
  entity: string;
  id: string;
  op: 'upsert' | 'delete';
  /** For upsert: the fields to set (for a new record, all of them). */
  fields?: Record<string, unknown>;
  /**
   * `lifecycle` only for the plan services' sign-off, reopen and signature reset, which
   * may change a plan's status, revision and signatures; every other edit is `edit`.
   */
  intent?: 'edit' | 'lifecycle';
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

/** Refuses an edit the rules refuse: `locked` for a signed plan, else `invalid_input` naming the field. */
function refuse(issues: RuleIssue[]): void {
  if (issues.length === 0) return;
  const locked = issues.find((i) => i.kind === 'locked');
  if (locked) throw new ServiceError('locked', locked.message);
  // The rules' messages are sentences that name the field in the user's words (src-shared/input-messages.ts).
  throw new ServiceError(
    'invalid_input',
    [...new Set(issues.map((i) => i.message))].join(' '),
    issues.map((i) => ({ path: i.field, message: i.message })),
  );
}

/** The records an edit's id fields name, and how the refusal names what is missing. */
const REFERENCES: Readonly<Record<string, { entity: string; what: string }>> = {
  partner_id: { entity: 'partner', what: 'partner' },
  jbp_id: { entity: 'jbp', what: 'plan' },
  objective_id: { entity: 'jbp_objective', what: 'plan objective' },
};

/** Refuses an edit that points at a record this book does not hold (it would be queued, then refused by the PRM). */
function refuseMissingReferences(sqlite: Database.Database, fields: Record<string, unknown>): void {
  for (const [field, ref] of Object.entries(REFERENCES)) {
    const value = fields[field];
    if (typeof value !== 'string') continue;
    const found = isEditable(ref.entity) ? readOneOverlaid(sqlite, ref.entity, value) : sqlite.prepare(`SELECT 1 FROM "${ref.entity}" WHERE id = ?`).get(value);
    if (!found) throw fieldError('not_found', field, `No ${ref.what} with id '${value}' in this book.`);
  }
}

function queueOne(sqlite: Database.Database, clock: Clock, input: EditInput): QueuedEdit {
  const { entity, id } = input;
  if (!isEditable(entity)) {
    throw fieldError('invalid_input', 'entity', `'${entity}' can't be edited here; editable: ${EDITABLE_ENTITIES.join(', ')}.`);
  }
  const current = readOneOverlaid(sqlite, entity, id);
  const lookup: Lookup = (e, recordId) => readOneOverlaid(sqlite, e, recordId);
  const baseRow = sqlite.prepare(`SELECT version FROM "${entity}" WHERE id = ?`).get(id) as { version: number } | undefined;
  const baseVersion = baseRow?.version ?? 0;
  const insert = sqlite.prepare(
    `INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );

  if (input.op === 'delete') {
    if (!current) throw new ServiceError('not_found', `No ${entity} with id '${id}'.`);
    refuse(checkEdit({ entity, id, op: 'delete', before: current, lookup }));
    const mutationId = Number(insert.run(entity, id, 'delete', baseVersion, '{}', '{}', clock.now()).lastInsertRowid);
    return { mutation_id: mutationId, entity, id, changed: true };
  }

  // A record deleted here whose delete is still to be sent: the overlay hides it, the base
  // table still holds it. An edit of it is refused as the UI would, not read as a new record.
  if (!current && baseRow) {
    throw new ServiceError('not_found', `This ${entity.replace(/_/g, ' ')} was deleted here and the delete is waiting to be sent; it can't be edited.`);
  }
  const given = input.fields ?? {};
  if ('id' in given && given.id !== id) {
    throw fieldError('invalid_input', 'id', `The id can't be changed.`);
  }
  const fields = Object.fromEntries(Object.entries(given).filter(([k]) => !SERVER_MANAGED.has(k)));
  // A new record's timestamps are the moment it is made, when the caller (the CLI) gives none.
  if (!current) {
    const shape = ENTITIES[entity].schema.shape as Record<string, unknown>;
    for (const stamp of ['created_at', 'updated_at']) if (stamp in shape && fields[stamp] === undefined) fields[stamp] = clock.now();
  }
  refuseMissingReferences(sqlite, fields);
  const currentData: Record<string, unknown> | null = current
    ? (({ version: _v, pending_fields: _p, conflict_fields: _c, ...data }) => data)(current)
    : null;
  refuse(checkEdit({ entity, id, op: 'upsert', before: currentData, fields, intent: input.intent ?? 'edit', lookup }));

  const changedFields: Record<string, unknown> = {};
  const base: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const before = currentData?.[k];
    if (!currentData || JSON.stringify(before) !== JSON.stringify(v)) {
      changedFields[k] = v;
      base[k] = currentData ? (before ?? null) : null;
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
