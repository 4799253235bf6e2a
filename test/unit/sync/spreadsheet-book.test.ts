/**
 * What an imported book's records made here (plans, notes) go through.
 *
 * A book imported from spreadsheet files that a migration found inconsistent (records
 * pointing at records it lacks, left by an older build) has no PRM to refresh from. Its
 * repair used to be the PRM's full refresh: the spreadsheet source sends nothing from the
 * start, so that refresh swept the whole book away, and with its partners the plans and
 * notes that exist only in this replica. Now a sync keeps everything and says to import
 * the files again, and the next import is the repair.
 *
 * An import that removes partners takes what was made here for them along (by cascade):
 * the question before the removals and the outcome say so.
 */
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { describeForeignKeyViolations, markForRepair, pendingRepair, repairBy } from '../../../src-main/db/integrity';
import { spreadsheetConnector } from '../../../src-main/sources/spreadsheet/source';
import { applyImport, type ImportRecords } from '../../../src-main/sync/import';
import { pull } from '../../../src-main/sync/pull';
import { getState } from '../../../src-main/sync/state';
import type { EntityName } from '../../../src-shared/domain/entities';

const user = { id: 'U-1', name: 'Ada', email: 'a@x.io', role: 'cam', manager_id: null };
const tier = { id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 1, min_certified: 2, revenue_target: 3, pipeline_target: 4, currency: 'USD', benefits: ['MDF'] };
const partner = (id: string) => ({
  id, name: `Partner ${id}`, type: 'reseller', tier_id: 'gold', region: 'EMEA', country: 'DE', owner_id: 'U-1', status: 'active',
  agreement_signed_at: '2024-01-10', churned_at: null, website: null, currency: 'USD',
});
const contact = (id: string, partnerId: string) => ({ id, partner_id: partnerId, name: `Contact ${id}`, email: `${id}@x.io`, role: 'Sales', last_login_at: null });

function importFiles(db: Db, partners: string[], contacts: [string, string][] = []) {
  const records: ImportRecords = new Map<EntityName, Map<string, Record<string, unknown>>>([
    ['user', new Map([[user.id, user]])],
    ['tier', new Map([[tier.id, tier]])],
    ['partner', new Map(partners.map((id) => [id, partner(id)]))],
    ['contact', new Map(contacts.map(([id, p]) => [id, contact(id, p)]))],
  ]);
  return applyImport(db, records, { confirmRemovals: true, meta: { files: ['book.xlsx'] }, now: '2026-11-30T10:00:00Z' });
}

/** Writes a row as an older build could: without its reference checked. */
function unchecked(db: Db, sql: string) {
  db.sqlite.pragma('foreign_keys = OFF');
  db.sqlite.prepare(sql).run();
  db.sqlite.pragma('foreign_keys = ON');
}

/** What a migration does on finding broken references (db/migrate.ts). */
function migrationFindsThem(db: Db) {
  db.sqlite.transaction(() => markForRepair(db.sqlite, describeForeignKeyViolations(db.sqlite)!))();
}

const count = (db: Db, table: string) => db.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get();
const sync = (db: Db) => pull(db.sqlite, spreadsheetConnector(db).open());

describe('a spreadsheet book waiting for a repair', () => {
  it('keeps its records, plans and notes through a sync, and says to import the files again', async () => {
    const db = openDb(':memory:');
    expect(importFiles(db, ['P-1', 'P-2'], [['C-1', 'P-1']]).applied).toBe(true);
    db.sqlite.prepare("INSERT INTO note (id, partner_id, body, created_at, updated_at, version) VALUES ('N-1', 'P-1', 'Met the CEO', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 1)").run();
    await sync(db);
    expect(getState(db.sqlite, 'cursor')).toBe('imported');
    unchecked(db, "INSERT INTO contact (id, partner_id, name, email, role, last_login_at, version) VALUES ('C-9', 'P-404', 'Lost', 'l@x.io', 'Sales', NULL, 1)");
    migrationFindsThem(db);

    await sync(db);
    expect([count(db, 'partner'), count(db, 'contact'), count(db, 'note'), count(db, 'user'), count(db, 'tier')]).toEqual([2, 2, 1, 1, 1]);
    expect(getState(db.sqlite, 'refetch')).toBeNull();
    expect(getState(db.sqlite, 'cursor')).toBe('imported');
    expect(repairBy(db.sqlite)).toBe('import');
    const said = pendingRepair(db.sqlite, repairBy(db.sqlite));
    expect(said).toBe(
      'The local replica is inconsistent: 1 contact record points at a partner that is missing from it. Import the files again to repair it: records the files hold come back, and the import asks before removing any they no longer hold.',
    );
    expect(said).not.toMatch(/PRM/);
  });

  it('is repaired by the next import: only what the files would break refuses it, and the check runs again at its end', () => {
    const db = openDb(':memory:');
    importFiles(db, ['P-1'], [['C-1', 'P-1']]);
    // A contact of a partner the files hold but the replica lost, and a note (made here) of a partner no file holds.
    unchecked(db, "INSERT INTO contact (id, partner_id, name, email, role, last_login_at, version) VALUES ('C-2', 'P-2', 'Contact C-2', 'C-2@x.io', 'Sales', NULL, 1)");
    unchecked(db, "INSERT INTO note (id, partner_id, body, created_at, updated_at, version) VALUES ('N-9', 'P-404', 'Orphan', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 1)");
    migrationFindsThem(db);
    expect(pendingRepair(db.sqlite, 'import')).toMatch(/1 contact record points at a partner that is missing from it; 1 note record points at a partner/);

    // Files that would add a broken reference of their own are still refused, and change nothing.
    expect(() => importFiles(db, ['P-1', 'P-2'], [['C-1', 'P-1'], ['C-2', 'P-2'], ['C-3', 'P-77']])).toThrow(/The files name records that are not in them/);
    expect(count(db, 'partner')).toBe(1);

    // The files bring P-2 back: the contact holds again; the orphan note is still told.
    expect(importFiles(db, ['P-1', 'P-2'], [['C-1', 'P-1'], ['C-2', 'P-2']]).applied).toBe(true);
    expect(count(db, 'partner')).toBe(2);
    expect(pendingRepair(db.sqlite, 'import')).toBe(
      'The local replica is inconsistent: 1 note record points at a partner that is missing from it. Import the files again to repair it: records the files hold come back, and the import asks before removing any they no longer hold.',
    );

    // Once nothing points at a missing record, the next import clears it.
    db.sqlite.prepare("DELETE FROM note WHERE id = 'N-9'").run();
    expect(importFiles(db, ['P-1', 'P-2'], [['C-1', 'P-1'], ['C-2', 'P-2']]).applied).toBe(true);
    expect(pendingRepair(db.sqlite, 'import')).toBeNull();
  });

  it('a PRM replica is still told the PRM refresh, and a book never imported is repaired by refresh', () => {
    const db = openDb(':memory:');
    unchecked(db, "INSERT INTO note (id, partner_id, body, created_at, updated_at, version) VALUES ('N-9', 'P-404', 'Orphan', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 1)");
    migrationFindsThem(db);
    expect(repairBy(db.sqlite)).toBe('refresh');
    expect(pendingRepair(db.sqlite, repairBy(db.sqlite))).toMatch(/The next sync downloads the whole book from the PRM again to repair it; edits not yet sent are kept\.$/);
    expect(getState(db.sqlite, 'refetch')).toBe('1');
  });
});

describe('an import that removes partners', () => {
  it('says what was made here for them and goes with them, before and after the removals are confirmed', () => {
    const db = openDb(':memory:');
    importFiles(db, ['P-1', 'P-2', 'P-3']);
    const plan = (id: string, partnerId: string) =>
      db.sqlite
        .prepare(
          `INSERT INTO jbp (id, partner_id, period, title, status, revision, summary, created_at, updated_at, version)
           VALUES (?, ?, 'FY2026', 'Plan', 'draft', 1, '', '2026-01-05T09:00:00Z', '2026-01-05T09:00:00Z', 1)`,
        )
        .run(id, partnerId);
    plan('JBP-1', 'P-2');
    plan('JBP-2', 'P-3');
    plan('JBP-3', 'P-1');
    db.sqlite.prepare("INSERT INTO note (id, partner_id, body, created_at, updated_at, version) VALUES ('N-1', 'P-2', 'Met the CEO', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 1)").run();

    const confirmed = importFiles(db, ['P-1'], []);
    expect(confirmed.applied).toBe(true);
    expect(confirmed.alsoRemoved).toBe('2 plans and 1 note');
    expect([count(db, 'partner'), count(db, 'jbp'), count(db, 'note')]).toEqual([1, 1, 0]);

    const again = openDb(':memory:');
    importFiles(again, ['P-1', 'P-2']);
    again.sqlite.prepare("INSERT INTO note (id, partner_id, body, created_at, updated_at, version) VALUES ('N-1', 'P-2', 'Met the CEO', '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z', 1)").run();
    const refused = applyImport(
      again,
      new Map<EntityName, Map<string, Record<string, unknown>>>([
        ['user', new Map([[user.id, user]])],
        ['tier', new Map([[tier.id, tier]])],
        ['partner', new Map([['P-1', partner('P-1')]])],
      ]),
      { confirmRemovals: false, meta: {}, now: '2026-11-30T10:00:00Z' },
    );
    expect(refused).toMatchObject({ applied: false, alsoRemoved: '1 note' });
    expect(refused.reason).toBe('This import would remove 1 row the files no longer hold, and with their partners 1 note made here; confirm the removals to apply it.');
    expect(count(again, 'note')).toBe(1);
  });
});

