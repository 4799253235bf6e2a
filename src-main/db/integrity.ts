/**
 * Records of the replica that point at a record it does not hold (a foreign key
 * violation, e.g. a contact whose partner is gone), left by an older build that wrote
 * without foreign keys. Every table with a reference is a copy of the PRM (local edits
 * live in the outbox, which references nothing), so the repair is a full refresh from the
 * PRM: it brings back what is missing and sweeps what the PRM no longer has, and keeps
 * the local edits.
 *
 * A book imported from spreadsheet files has no PRM to refresh from: its source never
 * sends the whole book, so a pull does not sweep it (sync/pull.ts), and the repair is the
 * next import of the files (sync/import.ts), which checks again; the sentence says so
 * (`pendingRepair` tells which: `repairBy`).
 *
 * The check reads every reference (about a second on a 5,000-partner book), so it runs
 * only after a migration (migrate.ts), after a refresh that was started to repair
 * (sync/pull.ts) and after an import into a replica waiting for one. What it found is kept
 * in `sync_state` ('repair'), in words, until a refresh or an import has cleared it: every
 * open reads it with one lookup (`pendingRepair`), so the problem is told whether or not
 * that open migrated.
 */
import type Database from 'better-sqlite3';
import { startFullRefresh } from './full-refresh';

interface Violation {
  table: string;
  parent: string;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The tables' names as a CAM says them; the others with their underscores as spaces. */
const LABELS: Record<string, string> = {
  jbp: 'plan',
  jbp_objective: 'plan objective',
  jbp_initiative: 'plan initiative',
  qbr_note: 'QBR note',
  mdf_allocation: 'MDF allocation',
  mdf_request: 'MDF request',
  psat_response: 'PSAT response',
  action_state: 'action status',
};
const words = (table: string) => LABELS[table] ?? table.replace(/_/g, ' ');
const article = (word: string) => (/^(?:[aeio]|MDF)/.test(word) ? 'an' : 'a');

/**
 * What is wrong, in words ("3 contact records point at a partner that is missing from it"), or
 * null when every reference holds. Reads every reference: not for an ordinary open.
 */
export function describeForeignKeyViolations(sqlite: Database.Database): string | null {
  const rows = sqlite.prepare('PRAGMA foreign_key_check').all() as Violation[];
  if (rows.length === 0) return null;
  const counts = new Map<string, { table: string; parent: string; n: number }>();
  for (const r of rows) {
    const key = `${r.table}\u0000${r.parent}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { table: r.table, parent: r.parent, n: 1 });
  }
  // The most records first, then by table: the same sentence whatever order SQLite checks the tables in.
  const sorted = [...counts.values()].sort((a, b) => b.n - a.n || (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  const parts = sorted.map(
    (c) => `${plural(c.n, `${words(c.table)} record`)} ${c.n === 1 ? 'points' : 'point'} at ${article(words(c.parent))} ${words(c.parent)} that is missing from it`,
  );
  return `The local replica is inconsistent: ${parts.join('; ')}.`;
}

const REPAIR_KEY = 'repair';
/** What the kept sentence says happens next, after the problem itself. */
const REFRESH_NEXT = ' The next sync downloads the whole book from the PRM again to repair it; edits not yet sent are kept.';
const REFRESH_FAILED = ' A full refresh from the PRM did not repair it; the PRM itself sends these records so. Contact your PRM admin.';
const IMPORT_NEXT = ' Import the files again to repair it: records the files hold come back, and the import asks before removing any they no longer hold.';

/** How this replica's book is repaired: a full refresh from its PRM, or the next import of its files. */
export type RepairBy = 'refresh' | 'import';

/** The setting an applied import keeps (what the book holds, when, from which files: sync/import.ts). */
export const IMPORTED_BOOK = 'import.book';

/** How a replica's book is repaired: by importing its files again once it holds an import, else by a refresh. */
export function repairBy(sqlite: Database.Database): RepairBy {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'setting'").get();
  return hasTable && sqlite.prepare('SELECT 1 FROM setting WHERE key = ?').get(IMPORTED_BOOK) ? 'import' : 'refresh';
}

/**
 * What is wrong with the replica and what happens next, one sentence for the user, or
 * null. One lookup when nothing is pending: cheap on every open and status. `by`: how this
 * replica's book can be repaired (`repairBy` when not given: a book holding an import by
 * importing its files again).
 */
export function pendingRepair(sqlite: Database.Database, by?: RepairBy): string | null {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
  if (!hasTable) return null;
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(REPAIR_KEY) as { value: string } | undefined;
  if (!row) return null;
  if ((by ?? repairBy(sqlite)) === 'refresh') return row.value;
  const problem = [REFRESH_NEXT, REFRESH_FAILED].reduce((v, tail) => (v.endsWith(tail) ? v.slice(0, -tail.length) : v), row.value);
  return `${problem}${IMPORT_NEXT}`;
}

function keep(sqlite: Database.Database, sentence: string): void {
  sqlite.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(REPAIR_KEY, sentence);
}

/**
 * Keeps `problem` (describeForeignKeyViolations) and starts the repair: the next pull is a full refresh from the
 * beginning that sweeps what the PRM no longer has (as `sync.reset` does). Run inside
 * the caller's transaction.
 */
export function markForRepair(sqlite: Database.Database, problem: string): void {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get()) {
    throw new Error(`${problem} This replica is too old to be repaired by a refresh; remove it and sync again.`);
  }
  keep(sqlite, `${problem}${REFRESH_NEXT}`);
  startFullRefresh(sqlite);
}

/**
 * After a full refresh (`by` 'refresh', inside its last page's transaction) or an import
 * (`by` 'import', inside its transaction) completed: when a repair is pending, checks again;
 * clears it when every reference now holds, else keeps what is still wrong — after a
 * refresh, without starting another one (the PRM itself sent it so).
 */
export function finishRepair(sqlite: Database.Database, by: RepairBy = 'refresh'): void {
  if (pendingRepair(sqlite) === null) return;
  const left = describeForeignKeyViolations(sqlite);
  if (left === null) sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(REPAIR_KEY);
  else keep(sqlite, `${left}${by === 'refresh' ? REFRESH_FAILED : REFRESH_NEXT}`);
}
