import type Database from 'better-sqlite3';
import { describeForeignKeyViolations, markForRepair } from './integrity';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Applies pending migrations in order, each in its own transaction with its version
 * recorded in `schema_migration`. A database newer than this build is refused rather
 * than touched.
 *
 * The last pending migration also checks every reference (`PRAGMA foreign_key_check`,
 * about a second on a large replica, so only when something migrated): records an older
 * build left pointing at a record the replica lacks are kept as a repair to do, in the
 * same transaction (integrity.ts), so the next open still knows of them.
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
  const pending = migrations.filter((m) => m.version > current);
  for (const m of pending) {
    sqlite.transaction(() => {
      m.up(sqlite);
      sqlite
        .prepare('INSERT INTO schema_migration (version, name, applied_at) VALUES (?, ?, ?)')
        .run(m.version, m.name, new Date().toISOString());
      if (m !== pending.at(-1)) return;
      const problem = describeForeignKeyViolations(sqlite);
      if (problem) markForRepair(sqlite, problem);
    })();
    applied.push(m.version);
  }
  return applied;
}
