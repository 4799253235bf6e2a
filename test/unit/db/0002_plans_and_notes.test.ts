import { describe, expect, it } from 'vitest';
import { isStrict, migratedTo, tableNames } from '../../support/db';

const EDITABLE = ['jbp', 'jbp_objective', 'jbp_initiative', 'qbr_note', 'action_state', 'note'];

describe('migration 0002 plans_and_notes', () => {
  it('creates the client-editable tables as STRICT with a version column', () => {
    const db = migratedTo(2);
    expect(tableNames(db)).toEqual(expect.arrayContaining(EDITABLE));
    for (const t of EDITABLE) {
      expect(isStrict(db, t), t).toBe(true);
      const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(t) as { name: string }[]).map((c) => c.name);
      expect(cols, t).toContain('version');
    }
  });

  it('ties plans to partners and objectives to plans', () => {
    const db = migratedTo(2);
    db.prepare("INSERT INTO user VALUES ('U-1','Ada','ada@x.io','cam',NULL,1)").run();
    db.prepare(`INSERT INTO tier VALUES ('gold','Gold',3,1,1,1,1,'USD','[]',1)`).run();
    db.prepare("INSERT INTO partner VALUES ('P-1','Acme','reseller','gold','EMEA','DE','U-1','active','2024-01-10',NULL,NULL,'USD',1)").run();
    db.prepare(
      "INSERT INTO jbp VALUES ('J-1','P-1','FY2026','Plan','draft',1,'',NULL,NULL,NULL,NULL,'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z',1)",
    ).run();
    db.prepare("INSERT INTO jbp_objective VALUES ('O-1','J-1','Grow','sourced_arr',NULL,0,100,'2026-Q4',50,NULL,0,1)").run();
    expect(() =>
      db.prepare("INSERT INTO jbp_objective VALUES ('O-2','J-404','Grow','sourced_arr',NULL,0,100,'2026-Q4',50,NULL,0,1)").run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.prepare(
        "INSERT INTO action_state VALUES ('k','P-1','maybe',NULL,NULL,'2026-01-01T00:00:00Z',1)",
      ).run(),
    ).toThrow(/CHECK/);
    db.prepare("DELETE FROM jbp WHERE id = 'J-1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM jbp_objective').get()).toEqual({ n: 0 });
  });
});
