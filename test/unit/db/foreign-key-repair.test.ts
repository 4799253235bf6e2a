/**
 * Records an older build left pointing at a record the replica lacks, found when this build
 * migrates the replica: kept as a repair to do (db/integrity.ts), told in one sentence on
 * every later open too, never thrown as developer JSON after the migration committed.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { describeForeignKeyViolations, pendingRepair } from '../../../src-main/db/integrity';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A replica file at schema 5 (an older build) holding one partner, two notes of a partner it lacks and a plan of a missing one. */
function olderReplica(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-fk-'));
  dirs.push(dir);
  const path = join(dir, 'replica.sqlite');
  const db = new Database(path);
  migrate(db, MIGRATIONS.filter((m) => m.version <= 5));
  db.prepare("INSERT INTO sync_state VALUES ('cursor', 'c-42')").run();
  db.prepare("INSERT INTO user VALUES ('U-1','Ada','ada@x.io','cam',NULL,1)").run();
  db.prepare(`INSERT INTO tier VALUES ('gold','Gold',3,1,1,1,1,'USD','[]',1)`).run();
  db.prepare("INSERT INTO partner VALUES ('P-1','Acme','reseller','gold','EMEA','DE','U-1','active','2024-01-10',NULL,NULL,'USD',1)").run();
  // The older build wrote without foreign keys.
  db.pragma('foreign_keys = OFF');
  for (const id of ['N-1', 'N-2']) db.prepare("INSERT INTO note VALUES (?, 'P-GONE', 'Call', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 1)").run(id);
  db.prepare("INSERT INTO jbp VALUES ('J-1','P-GONE','FY2026','Plan','draft',1,'',NULL,NULL,NULL,NULL,'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z',1)").run();
  db.close();
  return path;
}

describe('a replica with broken references at a migration', () => {
  it('opens, and this open and the next one both say what is wrong in one sentence; the next pull is a full refresh', () => {
    const path = olderReplica();
    const said =
      'The local replica is inconsistent: 2 note records point at a partner that is missing from it; 1 plan record points at a partner that is missing from it. ' +
      'The next sync downloads the whole book from the PRM again to repair it; edits not yet sent are kept.';
    for (let open = 1; open <= 2; open++) {
      const db = openDb(path);
      try {
        expect(pendingRepair(db.sqlite), `open ${open}`).toBe(said);
        expect(db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'refetch'").pluck().get()).toBe('1');
        expect(db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get()).toBeUndefined();
        // Nothing else was touched: the records stay until the refresh replaces or sweeps them.
        expect(db.sqlite.prepare('SELECT count(*) FROM note').pluck().get()).toBe(2);
      } finally {
        db.close();
      }
    }
    const ro = openDb(path, { readonly: true });
    expect(pendingRepair(ro.sqlite)).toBe(said);
    ro.close();
  });

  it('keeps an ordinary open free of the check: a clean replica has nothing to repair', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-fk-'));
    dirs.push(dir);
    const path = join(dir, 'replica.sqlite');
    openDb(path).close();
    const db = openDb(path);
    expect(pendingRepair(db.sqlite)).toBeNull();
    expect(describeForeignKeyViolations(db.sqlite)).toBeNull();
    db.close();
  });
});
