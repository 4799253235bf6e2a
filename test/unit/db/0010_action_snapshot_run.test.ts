import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';
import { isStrict, migratedTo, tableNames } from '../../support/db';

describe('migration 0010 action_snapshot_run', () => {
  it('keeps the recorded arrivals apart from the fired actions, filled from those already recorded', () => {
    const db = migratedTo(9);
    expect(tableNames(db)).not.toContain('action_snapshot_run');
    const ins = db.prepare('INSERT INTO action_snapshot VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run('2026-11-20T09:00:00Z', 'reg_pending:R-1:2026-11-10', 'reg_pending', 'P-1', 'Acme', 'Get a decision', 5000, 'USD');
    ins.run('2026-11-20T09:00:00Z', 'qbr_due:P-1:2026-Q4', 'qbr_due', 'P-1', 'Acme', 'Hold the QBR', 0, 'USD');
    ins.run('2026-11-21T09:00:00Z', 'qbr_due:P-1:2026-Q4', 'qbr_due', 'P-1', 'Acme', 'Hold the QBR', 0, 'USD');
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 10))).toEqual([10]);
    expect(isStrict(db, 'action_snapshot_run')).toBe(true);
    expect(db.prepare('SELECT synced_at FROM action_snapshot_run ORDER BY 1').pluck().all()).toEqual(['2026-11-20T09:00:00Z', '2026-11-21T09:00:00Z']);
    // An arrival with nothing fired is a row here alone.
    db.prepare('INSERT INTO action_snapshot_run VALUES (?)').run('2026-11-22T09:00:00Z');
    expect(() => db.prepare('INSERT INTO action_snapshot_run VALUES (?)').run('2026-11-22T09:00:00Z')).toThrow(/UNIQUE/);
  });
});
