import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';
import { migratedTo } from '../../support/db';

describe('migration 0009 source_keys', () => {
  it('adds source_key: one row per source key, entity and id required, partner optional', () => {
    const db = migratedTo(8);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 9))).toEqual([9]);
    db.prepare("INSERT INTO source_key VALUES ('a00000000000001AAA', 'jbp', 'plan-1', '001000000000001AAA')").run();
    db.prepare("INSERT OR REPLACE INTO source_key VALUES ('a00000000000001AAA', 'jbp', 'plan-1', NULL)").run();
    expect(db.prepare('SELECT * FROM source_key').all()).toEqual([{ source_key: 'a00000000000001AAA', entity: 'jbp', id: 'plan-1', partner_id: null }]);
    expect(() => db.prepare("INSERT INTO source_key VALUES ('a01', NULL, 'x', NULL)").run()).toThrow(/NOT NULL/);
  });
});
