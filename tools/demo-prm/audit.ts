/**
 * The demo PRM's audit trail: who made each change that came in through the protocol.
 * `POST /v1/mutations` runs under `auditOf(store).as(user, …)`, so every change it logs
 * (including cascades) is recorded with the signed-in user of the request's token, the
 * fields it changed and when. `GET /admin/audit?entity=jbp&id=…` serves a record's
 * entries; for a plan it also lists those of its objectives and initiatives, so the
 * server's history of a plan shows who edited it.
 */
import type { EntityName } from '../../src-shared/domain/entities';
import type { DemoUser } from './auth';
import type { LoggedChange, PrmStore } from './store';

export interface AuditEntry {
  seq: number;
  entity: EntityName;
  id: string;
  op: 'upsert' | 'delete';
  version: number;
  /** Fields whose value changed (every field of a created record; none for a delete). */
  fields: string[];
  at: string;
  edited_by: DemoUser;
}

interface AuditRow {
  seq: number;
  entity: string;
  record_id: string;
  op: string;
  version: number;
  fields: string;
  at: string;
  user_id: string | null;
  user_name: string;
  user_email: string | null;
  user_role: string;
}

function parse(json: string | null): Record<string, unknown> | null {
  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!after) return [];
  return Object.keys(after).filter((k) => k !== 'id' && JSON.stringify(after[k]) !== JSON.stringify(before?.[k]));
}

/** Plan children belong to their plan's history. */
function planOf(entity: EntityName, id: string, data: Record<string, unknown> | null): string | null {
  if (entity === 'jbp') return id;
  if ((entity === 'jbp_objective' || entity === 'jbp_initiative') && typeof data?.jbp_id === 'string') return data.jbp_id;
  return null;
}

export class AuditLog {
  private readonly put;
  private readonly byRecord;
  private readonly byPlan;

  constructor(private readonly store: PrmStore) {
    store.db.exec(`
      CREATE TABLE IF NOT EXISTS audit (
        seq INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        record_id TEXT NOT NULL,
        plan_id TEXT,
        op TEXT NOT NULL,
        version INTEGER NOT NULL,
        fields TEXT NOT NULL,
        at TEXT NOT NULL,
        user_id TEXT,
        user_name TEXT NOT NULL,
        user_email TEXT,
        user_role TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS audit_record ON audit(entity, record_id);
      CREATE INDEX IF NOT EXISTS audit_plan ON audit(plan_id) WHERE plan_id IS NOT NULL;
    `);
    this.put = store.db.prepare<[number, string, string, string | null, string, number, string, string, string | null, string, string | null, string]>(
      `INSERT OR REPLACE INTO audit (seq, entity, record_id, plan_id, op, version, fields, at, user_id, user_name, user_email, user_role)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byRecord = store.db.prepare<[string, string], AuditRow>(
      'SELECT seq, entity, record_id, op, version, fields, at, user_id, user_name, user_email, user_role FROM audit WHERE entity = ? AND record_id = ? ORDER BY seq',
    );
    this.byPlan = store.db.prepare<[string], AuditRow>(
      'SELECT seq, entity, record_id, op, version, fields, at, user_id, user_name, user_email, user_role FROM audit WHERE plan_id = ? ORDER BY seq',
    );
  }

  /** Runs `fn`; every change it makes to the store is recorded as made by `user`. */
  as<T>(user: DemoUser, fn: () => T): T {
    const stop = this.store.observe((c) => this.record(c, user));
    try {
      return fn();
    } finally {
      stop();
    }
  }

  private record(c: LoggedChange, user: DemoUser): void {
    const before = parse(c.before);
    const after = parse(c.after);
    this.put.run(
      c.seq,
      c.entity,
      c.id,
      planOf(c.entity, c.id, after ?? before),
      c.op,
      c.version,
      JSON.stringify(changedFields(before, after)),
      new Date().toISOString(),
      user.id,
      user.name,
      user.email ?? null,
      user.role,
    );
  }

  /** A record's entries, oldest first; for a plan (`jbp`), its objectives' and initiatives' too. */
  entries(entity: EntityName, id: string): AuditEntry[] {
    const rows = entity === 'jbp' ? this.byPlan.all(id) : this.byRecord.all(entity, id);
    return rows.map((r) => ({
      seq: r.seq,
      entity: r.entity as EntityName,
      id: r.record_id,
      op: r.op === 'delete' ? 'delete' : 'upsert',
      version: r.version,
      fields: JSON.parse(r.fields) as string[],
      at: r.at,
      edited_by: { id: r.user_id, name: r.user_name, email: r.user_email, role: r.user_role as DemoUser['role'] },
    }));
  }
}

const logs = new WeakMap<PrmStore, AuditLog>();

/** The audit log of a store (created once per store). */
export function auditOf(store: PrmStore): AuditLog {
  let log = logs.get(store);
  if (!log) logs.set(store, (log = new AuditLog(store)));
  return log;
}
