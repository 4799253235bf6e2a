/**
 * Records of the replica that point at a record it does not hold (a foreign key
 * violation, e.g. a contact whose partner is gone), left by an older build that wrote
 * without foreign keys. Every table with a reference is a copy of the PRM (local edits
 * live in the outbox, which references nothing), so the repair is a full refresh from the
 * PRM: it brings back what is missing and sweeps what the PRM no longer has, and keeps
 * the local edits.
 *
 * The check reads every reference (about a second on a 5,000-partner book), so it runs
 * only after a migration (migrate.ts) and after a refresh that was started to repair
 * (sync/pull.ts). What it found is kept in `sync_state` ('repair'), in words, until the
 * refresh has cleared it: every open reads it with one lookup (`pendingRepair`), so the
 * problem is told whether or not that open migrated.
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
  const parts = [...counts.values()].map(
    (c) => `${plural(c.n, `${words(c.table)} record`)} ${c.n === 1 ? 'points' : 'point'} at ${article(words(c.parent))} ${words(c.parent)} that is missing from it`,
  );
  return `The local replica is inconsistent: ${parts.join('; ')}.`;
}

const REPAIR_KEY = 'repair';

/**
 * What is wrong with the replica and what happens next, one sentence for the user, or
 * null. One lookup: cheap on every open.
 */
export function pendingRepair(sqlite: Database.Database): string | null {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get();
  if (!hasTable) return null;
  const row = sqlite.prepare('SELECT value FROM sync_state WHERE key = ?').get(REPAIR_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

/** The sentence kept for a repair: what is wrong and what happens next. */
function repairSentence(problem: string): string {
  return `${problem} The next sync downloads the whole book from the PRM again to repair it; edits not yet sent are kept.`;
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
  sqlite
    .prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(REPAIR_KEY, repairSentence(problem));
  startFullRefresh(sqlite);
}

/**
 * After a full refresh completed (inside its last page's transaction): when it was a
 * repair, checks again; clears the repair when every reference now holds, else keeps
 * what is still wrong (the PRM itself sent it so) without starting another refresh.
 */
export function finishRepair(sqlite: Database.Database): void {
  if (pendingRepair(sqlite) === null) return;
  const left = describeForeignKeyViolations(sqlite);
  if (left === null) sqlite.prepare('DELETE FROM sync_state WHERE key = ?').run(REPAIR_KEY);
  else {
    sqlite
      .prepare('UPDATE sync_state SET value = ? WHERE key = ?')
      .run(`${left} A full refresh from the PRM did not repair it; the PRM itself sends these records so. Contact your PRM admin.`, REPAIR_KEY);
  }
}
