import { describe, expect, it } from 'vitest';
import { indexNames, isStrict, migratedTo, tableNames } from '../../support/db';

const BOOK = [
  'user', 'tier', 'partner', 'contact', 'opportunity', 'deal_registration',
  'engagement_event', 'certification', 'mdf_allocation', 'mdf_request', 'psat_response',
];

function seed(db: ReturnType<typeof migratedTo>) {
  db.prepare("INSERT INTO user VALUES ('U-1','Ada','ada@x.io','cam',NULL,1)").run();
  db.prepare(`INSERT INTO tier VALUES ('gold','Gold',3,10000000,4,50000000,20000000,'USD','["MDF"]',1)`).run();
  db.prepare(
    "INSERT INTO partner VALUES ('P-1','Acme','reseller','gold','EMEA','DE','U-1','active','2024-01-10',NULL,NULL,'USD',1)",
  ).run();
}

describe('migration 0001 partner_book', () => {
  it('creates every server-owned table as STRICT', () => {
    const db = migratedTo(1);
    expect(tableNames(db)).toEqual(expect.arrayContaining(BOOK));
    for (const t of BOOK) expect(isStrict(db, t), t).toBe(true);
  });

  it('rejects values of the wrong type (STRICT) and bad enums', () => {
    const db = migratedTo(1);
    seed(db);
    expect(() =>
      db.prepare("INSERT INTO opportunity VALUES ('O-1','P-1','Cust','lots','USD','proposal','sourced','2025-01-01','2025-03-01','2025-01-02',1)").run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db.prepare("INSERT INTO partner VALUES ('P-2','B','var','gold','NA','US','U-1','sleeping','2024-01-10',NULL,NULL,'USD',1)").run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('enforces references and cascades children with their partner', () => {
    const db = migratedTo(1);
    seed(db);
    expect(() =>
      db.prepare("INSERT INTO contact VALUES ('C-1','P-404','Bo','bo@x.io','Sales',NULL,1)").run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare("INSERT INTO contact VALUES ('C-1','P-1','Bo','bo@x.io','Sales',NULL,1)").run();
    db.prepare("INSERT INTO engagement_event VALUES ('E-1','P-1','C-1','portal_login','2025-01-01T10:00:00Z',NULL,1)").run();
    db.prepare("DELETE FROM contact WHERE id = 'C-1'").run();
    expect(db.prepare("SELECT contact_id FROM engagement_event WHERE id = 'E-1'").get()).toEqual({ contact_id: null });
    db.prepare("DELETE FROM partner WHERE id = 'P-1'").run();
    expect(db.prepare('SELECT count(*) AS n FROM engagement_event').get()).toEqual({ n: 0 });
  });

  it('indexes the per-partner queries the views run', () => {
    const db = migratedTo(1);
    expect(indexNames(db, 'engagement_event')).toContain('engagement_event_partner');
    expect(indexNames(db, 'opportunity')).toContain('opportunity_partner');
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM engagement_event WHERE partner_id = 'P-1' AND occurred_at >= '2025-01-01'")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX engagement_event_partner/);
  });
});
