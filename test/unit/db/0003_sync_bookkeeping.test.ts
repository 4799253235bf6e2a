import { describe, expect, it } from 'vitest';
import { isStrict, migratedTo, tableNames } from '../../support/db';

describe('migration 0003 sync_bookkeeping', () => {
  it('creates cursor state, run log, outbox, conflicts and settings', () => {
    const db = migratedTo(3);
    for (const t of ['sync_state', 'sync_run', 'outbox', 'conflict', 'setting']) {
      expect(tableNames(db)).toContain(t);
      expect(isStrict(db, t), t).toBe(true);
    }
  });

  it('gives outbox mutations strictly increasing ids, never reused after deletion', () => {
    const db = migratedTo(3);
    const ins = db.prepare(
      "INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES ('jbp','J-1','upsert',1,'{}','{}','2026-01-01T00:00:00Z')",
    );
    const a = Number(ins.run().lastInsertRowid);
    const b = Number(ins.run().lastInsertRowid);
    db.prepare('DELETE FROM outbox WHERE mutation_id = ?').run(b);
    const c = Number(ins.run().lastInsertRowid);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });

  it('refuses invalid JSON in outbox fields', () => {
    const db = migratedTo(3);
    expect(() =>
      db.prepare(
        "INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES ('jbp','J-1','upsert',1,'{oops','{}','x')",
      ).run(),
    ).toThrow(/CHECK/);
  });
});
