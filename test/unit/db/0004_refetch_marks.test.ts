import { describe, expect, it } from 'vitest';
import { migratedTo, tableNames } from '../../support/db';

describe('migration 0004 refetch_marks', () => {
  it('adds a WITHOUT ROWID table keyed by entity and id', () => {
    const db = migratedTo(4);
    expect(tableNames(db)).toContain('refetch_seen');
    db.prepare("INSERT INTO refetch_seen VALUES ('partner','P-1')").run();
    expect(() => db.prepare("INSERT INTO refetch_seen VALUES ('partner','P-1')").run()).toThrow(/UNIQUE/);
    const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'refetch_seen'").get() as { sql: string }).sql;
    expect(sql).toMatch(/WITHOUT ROWID/);
  });
});
