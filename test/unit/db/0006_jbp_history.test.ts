import { describe, expect, it } from 'vitest';
import { indexNames, isStrict, migratedTo, tableNames } from '../../support/db';

describe('migration 0006 jbp_history', () => {
  it('adds a strict per-plan change history that refuses unknown actions and invalid JSON', () => {
    const db = migratedTo(6);
    expect(tableNames(db)).toContain('jbp_history');
    expect(isStrict(db, 'jbp_history')).toBe(true);
    expect(indexNames(db, 'jbp_history')).toContain('jbp_history_plan');
    const insert = db.prepare(
      `INSERT INTO jbp_history (jbp_id, revision, at, actor, action, entity, record_id, label, field, old_value, new_value)
       VALUES (?, 1, '2026-11-20T10:00:00Z', 'Ada', ?, ?, 'OBJ-1', 'Grow', 'target', ?, ?)`,
    );
    // a plan created offline has no base row: no foreign key may refuse its history
    insert.run('JBP-local', 'update', 'jbp_objective', '100', '120');
    expect(db.prepare('SELECT old_value, new_value FROM jbp_history').get()).toEqual({ old_value: '100', new_value: '120' });
    expect(() => insert.run('JBP-1', 'rename', 'jbp_objective', '1', '2')).toThrow(/CHECK/);
    expect(() => insert.run('JBP-1', 'update', 'partner', '1', '2')).toThrow(/CHECK/);
    expect(() => insert.run('JBP-1', 'update', 'jbp', '{oops', '2')).toThrow(/CHECK/);
    insert.run('JBP-1', 'signoff', 'jbp', null, null);
    expect(db.prepare('SELECT count(*) AS n FROM jbp_history').get()).toEqual({ n: 2 });
  });
});
