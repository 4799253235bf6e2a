import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';
import { openDb } from '../../../src-main/db/connection';

describe('migration runner', () => {
  it('applies every migration once, in order, and is idempotent', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db)).toEqual([]);
    const versions = (db.prepare('SELECT version FROM schema_migration ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('refuses a database written by a newer build', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO schema_migration VALUES (999, 'future', 'x')").run();
    expect(() => migrate(db)).toThrow(/newer Partnerbook/);
  });

  it('rolls back a failing migration completely', () => {
    const db = new Database(':memory:');
    const bad = [
      ...MIGRATIONS,
      { version: 99, name: 'bad', up: (d: Database.Database) => { d.exec('CREATE TABLE half (x INTEGER) STRICT; INSERT INTO nope VALUES (1);'); } },
    ];
    expect(() => migrate(db, bad)).toThrow(/no such table: nope/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT max(version) AS v FROM schema_migration').get()).toEqual({ v: MIGRATIONS.at(-1)!.version });
  });

  it('opens file databases in WAL mode with foreign keys on', () => {
    const db = openDb(':memory:');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
