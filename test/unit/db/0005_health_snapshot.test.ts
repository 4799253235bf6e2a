import { describe, expect, it } from 'vitest';
import { isStrict, migratedTo, tableNames } from '../../support/db';

describe('migration 0005 health_snapshot', () => {
  it('adds a strict per-date cache of health inputs that refuses invalid JSON', () => {
    const db = migratedTo(5);
    expect(tableNames(db)).toContain('health_snapshot');
    expect(isStrict(db, 'health_snapshot')).toBe(true);
    db.prepare("INSERT INTO health_snapshot VALUES ('2026-06-30','fp','2026-07-01T00:00:00Z','{}')").run();
    expect(() => db.prepare("INSERT INTO health_snapshot VALUES ('2026-06-30','fp','x','{}')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO health_snapshot VALUES ('2026-03-31','fp','x','{oops')").run()).toThrow();
  });
});
