import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src-main/db/migrations';
import { migrate } from '../../src-main/db/migrate';

/** A raw in-memory database migrated up to (and including) `version`. */
export function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= version));
  return db;
}

export function tableNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

export function isStrict(db: Database.Database, table: string): boolean {
  const row = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').get(table) as { strict: number } | undefined;
  return row?.strict === 1;
}

export function indexNames(db: Database.Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_index_list(?) WHERE origin = 'c'`).all(table) as { name: string }[]).map((r) => r.name);
}
