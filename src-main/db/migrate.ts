import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Applies pending migrations in order, each in its own transaction with its version
 * recorded in `schema_migration`. A database newer than this build is refused rather
 * than touched.
 */
export function migrate(sqlite: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current =
    (sqlite.prepare('SELECT max(version) AS v FROM schema_migration').get() as { v: number | null }).v ?? 0;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `This database was written by a newer Partnerbook (schema ${current}, this build knows ${latest}). Update the app.`,
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    sqlite.transaction(() => {
      m.up(sqlite);
      sqlite
        .prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  // Only after a migration ran: on a large replica the check costs about a second per open.
  if (applied.length > 0) {
    const fk = sqlite.prepare('PRAGMA foreign_key_check').all();
    if (fk.length > 0) throw new Error(`foreign key check failed after migration: ${JSON.stringify(fk[0])}`);
  }
  return applied;
}
