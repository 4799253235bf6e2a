import { describe, expect, it } from 'vitest';
import { indexNames, isStrict, migratedTo, tableNames } from '../../support/db';

describe('migration 0007 action_snapshot', () => {
  it('adds a strict table of fired actions keyed by sync and action key', () => {
    const db = migratedTo(6);
    expect(tableNames(db)).not.toContain('action_snapshot');
    const after = migratedTo(7);
    expect(tableNames(after)).toContain('action_snapshot');
    expect(isStrict(after, 'action_snapshot')).toBe(true);
    const ins = after.prepare('INSERT INTO action_snapshot VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    ins.run('2026-11-20T09:00:00Z', 'reg_pending:R-1:2026-11-10', 'reg_pending', 'P-1', 'Acme', 'Get a decision', 5000, 'USD');
    expect(() => ins.run('2026-11-20T09:00:00Z', 'reg_pending:R-1:2026-11-10', 'reg_pending', 'P-1', 'Acme', 'x', 1, 'USD')).toThrow(/UNIQUE/);
    expect(() => ins.run('2026-11-21T09:00:00Z', 'k', 'reg_pending', 'P-1', 'Acme', 'x', 'lots', 'USD')).toThrow(/cannot store TEXT/);
  });

  it('indexes the book-wide action queries (covering roll-up, open deals by activity, live registrations)', () => {
    const db = migratedTo(7);
    expect(indexNames(db, 'opportunity')).toEqual(expect.arrayContaining(['opportunity_stage_rollup', 'opportunity_sourced_created', 'opportunity_open_activity']));
    expect(indexNames(db, 'deal_registration')).toContain('deal_registration_live');
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');
    expect(plan(`SELECT partner_id, sum(amount) FROM opportunity WHERE stage = 'closed_won' AND partner_id IS NOT NULL AND close_date <= '2026-11-20' GROUP BY partner_id`)).toMatch(/COVERING INDEX opportunity_stage_rollup/);
    expect(plan(`SELECT partner_id, sum(amount) FROM opportunity WHERE partner_role = 'sourced' AND created_at >= '2026-01-01' AND created_at <= '2026-11-20' AND partner_id IS NOT NULL GROUP BY partner_id`)).toMatch(/COVERING INDEX opportunity_sourced_created/);
    expect(plan(`SELECT id FROM opportunity WHERE partner_id IS NOT NULL AND stage NOT IN ('closed_won','closed_lost') AND last_activity_at <= '2026-10-01'`)).toMatch(/opportunity_open_activity/);
    expect(plan(`SELECT id FROM deal_registration WHERE status IN ('submitted','approved')`)).toMatch(/deal_registration_live/);
  });
});
