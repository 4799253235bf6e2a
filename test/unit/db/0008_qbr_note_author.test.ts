import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';
import { migratedTo } from '../../support/db';

describe('migration 0008 qbr_note_author', () => {
  it('adds a nullable author to QBR notes, keeping the notes already there', () => {
    const db = migratedTo(7);
    db.exec(`
      INSERT INTO user (id, name, email, role, manager_id, version) VALUES ('U-1', 'Ada', 'ada@x.example', 'cam', NULL, 1);
      INSERT INTO tier (id, name, rank, min_sourced_arr, min_certified, revenue_target, pipeline_target, currency, benefits, version)
        VALUES ('gold', 'Gold', 3, 0, 0, 0, 0, 'USD', '[]', 1);
      INSERT INTO partner (id, name, type, tier_id, region, country, owner_id, status, agreement_signed_at, churned_at, website, currency, version)
        VALUES ('P-1', 'Acme', 'msp', 'gold', 'EMEA', 'DE', 'U-1', 'active', '2024-01-01', NULL, NULL, 'USD', 1);
      INSERT INTO qbr_note (id, partner_id, quarter, section, kind, body, commitment_status, updated_at, version)
        VALUES ('QN-1', 'P-1', '2026-Q2', 'summary', 'commentary', 'Old note', NULL, '2026-06-20T10:00:00Z', 1);
    `);
    expect(migrate(db, MIGRATIONS.filter((m) => m.version <= 8))).toEqual([8]);
    expect(db.prepare("SELECT name, \"notnull\" FROM pragma_table_info('qbr_note') WHERE name = 'author'").get()).toEqual({ name: 'author', notnull: 0 });
    expect(db.prepare("SELECT body, author FROM qbr_note WHERE id = 'QN-1'").get()).toEqual({ body: 'Old note', author: null });
    db.prepare("UPDATE qbr_note SET author = 'Ada' WHERE id = 'QN-1'").run();
    expect(db.prepare("SELECT author FROM qbr_note WHERE id = 'QN-1'").pluck().get()).toBe('Ada');
  });
});
