import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';
import { isStrict, migratedTo, tableNames } from '../../support/db';

describe('migration 0011 health_derived', () => {
  it('adds the table of what was derived from the stored health inputs, one row per as-of date', () => {
    const db = migratedTo(10);
    expect(tableNames(db)).not.toContain('health_derived');
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 11))).toEqual([11]);
    expect(isStrict(db, 'health_derived')).toBe(true);
    const ins = db.prepare('INSERT INTO health_derived VALUES (?, ?, ?, ?, ?, ?, ?)');
    ins.run('2026-11-20', 'v1|c|t', '[]', '[]', 1, '2026-11-20T09:00:00Z', Buffer.from([1, 2, 3]));
    expect(() => ins.run('2026-11-20', 'v1|c|t', '[]', '[]', 1, '2026-11-20T09:00:00Z', Buffer.from([1]))).toThrow(/UNIQUE/);
  });
});
