/**
 * Test helper: applies PRM change pages to the real client replica schema (openDb runs
 * the migrations; foreign keys are ON), one transaction per page like the real client.
 */
import type Database from 'better-sqlite3';
import { ENTITY_NAMES, isEntityName, type EntityName } from '../../../src-shared/domain/entities';

interface WireChange {
  entity: string;
  id: string;
  version: number;
  op: 'upsert' | 'delete';
  data?: Record<string, unknown>;
}

export function makeApplier(sqlite: Database.Database) {
  const cache = new Map<string, Database.Statement>();
  const cols = new Map<EntityName, string[]>();
  for (const e of ENTITY_NAMES) {
    cols.set(
      e,
      (sqlite.prepare(`PRAGMA table_info("${e}")`).all() as { name: string }[]).map((c) => c.name).filter((c) => c !== 'version'),
    );
  }
  const upsertStmt = (entity: EntityName) => {
    const key = `u:${entity}`;
    let st = cache.get(key);
    if (!st) {
      const c = cols.get(entity) ?? [];
      const all = [...c, 'version'];
      st = sqlite.prepare(
        `INSERT INTO "${entity}" (${all.map((x) => `"${x}"`).join(',')}) VALUES (${all.map((x) => `@${x}`).join(',')})
         ON CONFLICT(id) DO UPDATE SET ${all.filter((x) => x !== 'id').map((x) => `"${x}" = excluded."${x}"`).join(',')}`,
      );
      cache.set(key, st);
    }
    return st;
  };
  const applyOne = (ch: WireChange) => {
    if (!isEntityName(ch.entity)) throw new Error(`unknown entity ${ch.entity}`);
    if (ch.op === 'delete') {
      sqlite.prepare(`DELETE FROM "${ch.entity}" WHERE id = ?`).run(ch.id);
      return;
    }
    const data = ch.data ?? {};
    const params: Record<string, unknown> = { version: ch.version };
    for (const c of cols.get(ch.entity) ?? []) {
      const v = data[c];
      params[c] = v === undefined ? null : typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
    }
    upsertStmt(ch.entity).run(params);
  };
  const applyPage = sqlite.transaction((changes: WireChange[]) => {
    for (const ch of changes) applyOne(ch);
  });
  return { applyPage: (changes: unknown[]) => applyPage(changes as WireChange[]) };
}

/** Every row of an entity in the replica as {id, version, data} (data without version). */
export function replicaRows(sqlite: Database.Database, entity: EntityName): Map<string, { version: number; data: Record<string, unknown> }> {
  const out = new Map<string, { version: number; data: Record<string, unknown> }>();
  for (const row of sqlite.prepare(`SELECT * FROM "${entity}"`).all() as Record<string, unknown>[]) {
    const { version, ...data } = row;
    out.set(String(row.id), { version: Number(version), data });
  }
  return out;
}

/** A server record flattened the way the replica stores it (objects as JSON text). */
export function flatten(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
  return out;
}
