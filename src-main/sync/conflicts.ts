/**
 * What the user sees of the outbox — pending edits, conflicts and rejections — and what
 * they can do about them: resolve a conflict field by field, or discard an edit.
 */
import { truncateText } from '../../src-shared/text';
import { issueSentence } from '../../src-shared/input-messages';
import type Database from 'better-sqlite3';
import type {
  ConflictResolution,
  OutboxEntry,
} from '../../src-shared/methods/sync';
import { fieldError, ServiceError } from '../base/errors';
import type { Clock } from '../base/clock';
import type { EditableEntityName } from '../../src-shared/domain/entities';
import { FIELD_RULES } from '../../src-shared/domain/rules';
import { durableTransaction, isEditable } from './edits';
import type { ConflictTable } from '../db/schema';
import { readOneOverlaid, type OutboxRow } from './overlay';
import { actionName, contextOf, referenceNames } from './outbox-context';

type ConflictRow = ConflictTable;

const parse = (v: string | null): unknown => (v === null ? null : JSON.parse(v));

/** A short human label for a record: its title/name/body if it has one. */
function labelOf(sqlite: Database.Database, entity: string, id: string, fields: Record<string, unknown>): string {
  const pick = (r: Record<string, unknown> | undefined) =>
    (r?.title ?? r?.name ?? r?.section ?? (typeof r?.body === 'string' ? truncateText(r.body as string, 60) : undefined)) as
      | string
      | undefined;
  const fromFields = pick(fields);
  if (fromFields) return fromFields;
  try {
    const row = sqlite.prepare(`SELECT * FROM "${entity}" WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
    return pick(row) ?? id;
  } catch {
    return id;
  }
}

function currentRecord(sqlite: Database.Database, entity: EditableEntityName, id: string): Record<string, unknown> | null {
  const rec = readOneOverlaid(sqlite, entity, id);
  if (!rec) return null;
  const { pending_fields: _p, conflict_fields: _c, ...data } = rec;
  return data;
}

export function listOutbox(sqlite: Database.Database): OutboxEntry[] {
  const rows = sqlite.prepare('SELECT * FROM outbox ORDER BY mutation_id').all() as OutboxRow[];
  const conflicts = sqlite
    .prepare('SELECT * FROM conflict WHERE resolved_at IS NULL ORDER BY id')
    .all() as ConflictRow[];
  const byMutation = new Map<number, ConflictRow[]>();
  for (const c of conflicts) {
    let l = byMutation.get(c.mutation_id);
    if (!l) byMutation.set(c.mutation_id, (l = []));
    l.push(c);
  }
  return rows.map((r) => {
    const fields = JSON.parse(r.fields) as Record<string, unknown>;
    const base = JSON.parse(r.base) as Record<string, unknown>;
    const record = isEditable(r.entity) ? currentRecord(sqlite, r.entity, r.record_id) : null;
    const whole = { ...base, ...(record ?? {}), ...fields };
    return {
      mutation_id: r.mutation_id,
      entity: r.entity,
      record_id: r.record_id,
      label: r.entity === 'action_state' ? actionName(r.record_id) : labelOf(sqlite, r.entity, r.record_id, fields),
      context: contextOf(sqlite, r.entity, whole),
      refs: referenceNames(sqlite, [base, fields]),
      op: r.op,
      status: r.status,
      fields,
      base,
      error: r.error,
      created_at: r.created_at,
      attempts: r.attempts,
      record,
      conflicts: (byMutation.get(r.mutation_id) ?? []).map((c) => ({
        field: c.field,
        base: parse(c.base),
        theirs: parse(c.theirs),
        mine: parse(c.mine),
        server_version: c.server_version,
      })),
    };
  });
}

/**
 * Resolves a conflicted edit: for each field keep mine, take theirs, or a new value.
 * Fields not taking the server's value become a new mutation made on the server's
 * version (base = theirs), so the server applies it cleanly. Atomic.
 */
export function resolveConflict(
  sqlite: Database.Database,
  clock: Clock,
  mutationId: number,
  resolutions: ConflictResolution[],
): { mutation_id: number | null } {
  return durableTransaction(sqlite, () => {
    const row = sqlite.prepare('SELECT * FROM outbox WHERE mutation_id = ?').get(mutationId) as OutboxRow | undefined;
    if (!row || row.status !== 'conflict') {
      throw new ServiceError('not_found', `There is no open conflict for edit #${mutationId}.`);
    }
    const conflicts = sqlite
      .prepare('SELECT * FROM conflict WHERE mutation_id = ? AND resolved_at IS NULL')
      .all(mutationId) as ConflictRow[];
    const byField = new Map(resolutions.map((r) => [r.field, r]));
    for (const c of conflicts) {
      if (!byField.has(c.field)) {
        throw fieldError('invalid_input', c.field, `Choose a value for '${c.field}' before resolving.`);
      }
    }
    const fields: Record<string, unknown> = {};
    const base: Record<string, unknown> = {};
    let serverVersion = 0;
    for (const c of conflicts) {
      const choice = byField.get(c.field)!;
      serverVersion = Math.max(serverVersion, c.server_version);
      const theirs = parse(c.theirs);
      const value = choice.choice === 'mine' ? parse(c.mine) : choice.choice === 'theirs' ? theirs : 'value' in choice ? choice.value : theirs;
      if (choice.choice === 'value' && isEditable(row.entity)) {
        // the edit rules' value check (sizes, real dates), as for any other edit
        const fieldSchema = Object.hasOwn(FIELD_RULES[row.entity], c.field) ? FIELD_RULES[row.entity][c.field] : undefined;
        const ok = fieldSchema?.safeParse(value);
        if (ok && !ok.success) {
          // a sentence naming the field in the user's words (src-shared/input-messages.ts)
          const first = ok.error.issues[0];
          const message = first ? issueSentence({ ...first, path: [c.field, ...first.path] }) : 'That value is not valid.';
          throw new ServiceError('invalid_input', message, [{ path: c.field, message }]);
        }
      }
      if (JSON.stringify(value) !== JSON.stringify(theirs)) {
        fields[c.field] = value;
        base[c.field] = theirs;
      }
    }
    const now = clock.now();
    sqlite
      .prepare('UPDATE conflict SET resolved_at = ?, resolution = ? WHERE mutation_id = ? AND resolved_at IS NULL')
      .run(now, JSON.stringify(resolutions), mutationId);
    sqlite.prepare('DELETE FROM outbox WHERE mutation_id = ?').run(mutationId);
    if (Object.keys(fields).length === 0) return { mutation_id: null };
    const info = sqlite
      .prepare(
        'INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(row.entity, row.record_id, 'upsert', serverVersion, JSON.stringify(fields), JSON.stringify(base), now);
    return { mutation_id: Number(info.lastInsertRowid) };
  });
}

/** Discards a local edit (pending, conflicted or rejected). The server copy stays as it is. */
export function discardEdit(sqlite: Database.Database, clock: Clock, mutationId: number): void {
  durableTransaction(sqlite, () => {
    const row = sqlite.prepare('SELECT mutation_id FROM outbox WHERE mutation_id = ?').get(mutationId);
    if (!row) throw new ServiceError('not_found', `There is no local edit #${mutationId} (it may have synced already).`);
    sqlite
      .prepare("UPDATE conflict SET resolved_at = ?, resolution = '\"discarded\"' WHERE mutation_id = ? AND resolved_at IS NULL")
      .run(clock.now(), mutationId);
    sqlite.prepare('DELETE FROM outbox WHERE mutation_id = ?').run(mutationId);
  });
}
