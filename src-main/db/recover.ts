/**
 * A damaged replica: detect it, keep it aside, and start a fresh one that the next sync
 * fills with a full pull. The replica is a copy of the PRM, so only what exists nowhere
 * else is carried over from the damaged file, as far as it can still be read: the
 * queued local edits (outbox), their open conflicts, the plans' change history (written
 * only here: who changed what, when), the app's settings (which PRM, its token, user
 * settings) and the client identity the PRM knows those edits by.
 *
 * Nothing here asks the user: the shells do (Electron: a dialog; CLI: a flag; harness:
 * automatically, with a printed line). Every step is plain file work, tested on real files.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { isDamageError, openDb, ReplicaDamagedError, type Db } from './connection';

type Row = Record<string, unknown>;

/** What could be read from a damaged replica. */
export interface Salvage {
  /** Queued local edits, oldest first (every status: pending, conflict, rejected). */
  outbox: Row[];
  /** Open conflicts of those edits. */
  conflicts: Row[];
  /** The plans' change history (`jbp_history`), oldest first: kept nowhere else. */
  history: Row[];
  /** App settings (which PRM, its token, user settings). */
  settings: Row[];
  /**
   * The client id and the outbox's id counter, carried only together: the PRM remembers
   * (client id, mutation id) pairs, so a reused id under the old client id would be taken
   * for an edit it has already seen.
   */
  identity: { clientId: string; lastMutationId: number } | null;
  /** How many queued edits the damaged file held, when that could be counted. */
  outboxCount: number | null;
  /** What could not be read, one plain phrase each. */
  problems: string[];
}

export interface RebuildResult {
  /** The fresh replica (same path as before). */
  replica: string;
  /** Where the damaged file was kept. */
  keptAs: string;
  /** Every file moved aside (the replica and its -wal/-shm when present). */
  keptFiles: string[];
  carriedEdits: number;
  carriedConflicts: number;
  carriedSettings: number;
  /** Rows of the plans' change history carried over. */
  carriedHistory: number;
  /** Queued edits known to be in the damaged file that could not be carried (null: unknown). */
  lostEdits: number | null;
  problems: string[];
}

const SIDE_FILES = ['-wal', '-shm', '-journal'];

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Checks the replica at `path`: null when it is fine (or does not exist yet), else the
 * damage. Reads every page (`PRAGMA quick_check`) unless the file is unchanged since a
 * clean close (db/clean-close.ts), so it is meant for once per app start.
 */
export function inspectReplica(path: string): ReplicaDamagedError | null {
  if (!existsSync(path)) return null;
  try {
    // Read-write, as the app opens it: a hot WAL left by a crash is recovered, not reported.
    openDb(path, { quickCheck: true }).close();
    return null;
  } catch (err) {
    if (err instanceof ReplicaDamagedError) return err;
    throw err;
  }
}

function tryRead<T>(problems: string[], what: string, read: () => T, fallback: T): T {
  try {
    return read();
  } catch (err) {
    problems.push(`${what} could not be read (${reasonOf(err)})`);
    return fallback;
  }
}

/** Reads rows one by one so that a damaged page part-way keeps the rows before it. */
function readRows(sqlite: Database.Database, sql: string, problems: string[], what: string): Row[] {
  const rows: Row[] = [];
  try {
    for (const row of sqlite.prepare(sql).iterate() as IterableIterator<Row>) rows.push(row);
  } catch (err) {
    problems.push(`${rows.length ? `some of the ${what}` : `the ${what}`} could not be read (${reasonOf(err)})`);
  }
  return rows;
}

/** Reads what only this replica holds from a damaged file, opened read-only. Never throws. */
export function salvageReplica(path: string): Salvage {
  const out: Salvage = { outbox: [], conflicts: [], history: [], settings: [], identity: null, outboxCount: null, problems: [] };
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, { readonly: true, fileMustExist: true });
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    out.problems.push(`the damaged file could not be read at all (${reasonOf(err)}), so no queued edits could be kept`);
    return out;
  }
  try {
    const p = out.problems;
    out.outboxCount = tryRead(p, 'the number of queued edits', () => (sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n, null);
    out.outbox = readRows(sqlite, 'SELECT * FROM outbox ORDER BY mutation_id', p, 'queued edits');
    const carried = new Set(out.outbox.map((r) => r.mutation_id));
    out.conflicts = readRows(sqlite, 'SELECT * FROM conflict WHERE resolved_at IS NULL ORDER BY id', p, 'open conflicts').filter((c) =>
      carried.has(c.mutation_id),
    );
    // (A replica older than the history table has none to keep.)
    const hasHistory = tryRead(p, 'the list of tables', () => sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'jbp_history'").get() !== undefined, true);
    if (hasHistory) out.history = readRows(sqlite, 'SELECT * FROM jbp_history ORDER BY id', p, "plans' change history");
    out.settings = readRows(sqlite, 'SELECT key, value FROM setting ORDER BY key', p, 'settings');
    const clientId = tryRead(
      p,
      'the client id',
      () => (sqlite.prepare("SELECT value FROM sync_state WHERE key = 'client_id'").pluck().get() as string | undefined) ?? null,
      null,
    );
    const seq = tryRead(
      p,
      'the edit counter',
      () => (sqlite.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number | undefined) ?? 0,
      null,
    );
    if (clientId !== null && seq !== null) {
      const maxCarried = out.outbox.reduce((m, r) => Math.max(m, Number(r.mutation_id) || 0), 0);
      out.identity = { clientId, lastMutationId: Math.max(seq, maxCarried) };
    }
    if (out.outboxCount === null && out.problems.length === 0) out.outboxCount = out.outbox.length;
  } finally {
    sqlite.close();
  }
  return out;
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** `replica.sqlite.damaged-20260630T101500Z`, with `-2`, `-3`… when taken. */
export function damagedPath(path: string, now: Date = new Date()): string {
  const base = `${path}.damaged-${stamp(now)}`;
  let candidate = base;
  for (let i = 2; existsSync(candidate) || SIDE_FILES.some((s) => existsSync(candidate + s)); i++) candidate = `${base}-${i}`;
  return candidate;
}

function columnsOf(sqlite: Database.Database, table: string): Set<string> {
  return new Set((sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
}

/** Inserts rows, keeping the columns both schemas have; returns how many went in. */
function insertRows(sqlite: Database.Database, table: string, rows: Row[], problems: string[], what: string): number {
  const cols = columnsOf(sqlite, table);
  let n = 0;
  let failed = 0;
  for (const row of rows) {
    const keys = Object.keys(row).filter((k) => cols.has(k));
    try {
      sqlite.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => row[k]));
      n++;
    } catch {
      failed++;
    }
  }
  if (failed) problems.push(`${failed} ${what} read from the damaged file were themselves damaged and were left out`);
  return n;
}

/** Writes the salvage into a fresh replica at `target` (which must not exist). */
function writeFresh(target: string, s: Salvage, problems: string[]) {
  const db = openDb(target);
  try {
    return db.sqlite.transaction(() => {
      const edits = insertRows(db.sqlite, 'outbox', s.outbox, problems, 'queued edits');
      const conflicts = insertRows(db.sqlite, 'conflict', s.conflicts, problems, 'conflicts');
      // With their ids (the history reads newest first by id); AUTOINCREMENT continues after them.
      const history = insertRows(db.sqlite, 'jbp_history', s.history, problems, "rows of the plans' change history");
      const settings = insertRows(db.sqlite, 'setting', s.settings, problems, 'settings');
      if (s.identity) {
        db.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('client_id', ?)").run(s.identity.clientId);
        db.sqlite.prepare("DELETE FROM sqlite_sequence WHERE name = 'outbox'").run();
        db.sqlite.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(s.identity.lastMutationId);
      }
      return { edits, conflicts, history, settings };
    })();
  } finally {
    db.close();
  }
}

/**
 * Keeps the damaged replica at `path` aside (with its -wal/-shm) and puts a fresh one in
 * its place holding what could be salvaged; the next sync is a full pull. The fresh file
 * is built under a temporary name first, so a crash part-way leaves either the damaged
 * file in place (try again) or the fresh one, never a mix.
 */
export function rebuildReplica(path: string, opts: { now?: Date; salvage?: Salvage } = {}): RebuildResult {
  const salvage = opts.salvage ?? salvageReplica(path);
  const problems = [...salvage.problems];
  const temp = `${path}.rebuild-${process.pid}`;
  for (const f of [temp, ...SIDE_FILES.map((s) => temp + s)]) rmSync(f, { force: true });
  let carried: { edits: number; conflicts: number; history: number; settings: number };
  try {
    carried = writeFresh(temp, salvage, problems);
  } catch (err) {
    for (const f of [temp, ...SIDE_FILES.map((s) => temp + s)]) rmSync(f, { force: true });
    throw err;
  }
  const keptAs = damagedPath(path, opts.now);
  const keptFiles: string[] = [];
  // Side files first: a stale -wal next to the fresh file would be replayed into it.
  for (const s of SIDE_FILES) {
    if (existsSync(path + s)) {
      renameSync(path + s, keptAs + s);
      keptFiles.push(keptAs + s);
    }
  }
  if (existsSync(path)) {
    renameSync(path, keptAs);
    keptFiles.unshift(keptAs);
  }
  renameSync(temp, path);
  const known = salvage.outboxCount;
  return {
    replica: path,
    keptAs,
    keptFiles,
    carriedEdits: carried.edits,
    carriedConflicts: carried.conflicts,
    carriedSettings: carried.settings,
    carriedHistory: carried.history,
    lostEdits: known === null ? null : Math.max(0, known - carried.edits),
    problems,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first problem's reason, for a sentence ("file is not a database"). */
function firstReason(problems: readonly string[]): string {
  const m = /\(([^)]*)\)/.exec(problems[0] ?? '');
  return m ? ` (${m[1]})` : '';
}

/** What a salvage will keep, in words, for the question put to the user before a rebuild. */
export function describeSalvage(s: Salvage): string {
  const history = s.history.length > 0 ? ` The plans' change history (${plural(s.history.length, 'change')}) can be carried over too.` : '';
  return editsSalvage(s) + history;
}

function editsSalvage(s: Salvage): string {
  if (s.outbox.length === 0) {
    if (s.outboxCount === 0) return 'It held no edits waiting to be sent.';
    return `Edits not yet sent to the PRM could not be read from it${firstReason(s.problems)}; they would stay only in the damaged file.`;
  }
  const lost = s.outboxCount === null ? 0 : s.outboxCount - s.outbox.length;
  return `${plural(s.outbox.length, 'edit')} not yet sent to the PRM can be carried over${lost ? `; ${plural(lost, 'other')} could not be read` : ''}.`;
}

/** The outcome of a rebuild in plain sentences (the harness and CLI print it). */
export function describeRebuild(r: RebuildResult): string {
  const edits =
    r.carriedEdits > 0
      ? `${plural(r.carriedEdits, 'edit')} not yet sent to the PRM ${r.carriedEdits === 1 ? 'was' : 'were'} carried over${
          r.lostEdits ? `; ${plural(r.lostEdits, 'other')} could not be read and stay only in the damaged file` : ''
        }.`
      : r.lostEdits === 0
        ? 'It held no edits waiting to be sent.'
        : `Edits not yet sent could not be read from it${firstReason(r.problems)}; they stay only in the damaged file.`;
  const history = r.carriedHistory > 0 ? ` The plans' change history (${plural(r.carriedHistory, 'change')}) was carried over.` : '';
  return `Kept the damaged replica as ${r.keptAs} and started a fresh one; the next sync downloads the whole book from the PRM. ${edits}${history}`;
}

/** What a shell shows the user before a rebuild: the damage, where it would be kept, what can be kept. */
export interface RebuildPlan {
  damage: ReplicaDamagedError;
  /** Where the damaged file will be kept. */
  keptAs: string;
  salvage: Salvage;
  /** The salvage in words (describeSalvage). */
  salvageText: string;
}

/**
 * Opens the replica at `path` for an app shell, checking every page first (unless it is
 * unchanged since a clean close, db/clean-close.ts). When it is
 * damaged, `decide` is asked (a dialog, a flag, or always yes in the harness): true keeps
 * the damaged file aside and opens a fresh replica holding what could be salvaged; false
 * throws the ReplicaDamagedError and changes nothing.
 */
export function openReplicaWithRecovery(
  path: string,
  decide: (plan: RebuildPlan) => boolean,
  onRebuilt?: (result: RebuildResult) => void,
): Db {
  try {
    return openDb(path, { quickCheck: true });
  } catch (err) {
    if (!(err instanceof ReplicaDamagedError)) throw err;
    const now = new Date();
    const salvage = salvageReplica(path);
    const plan: RebuildPlan = { damage: err, keptAs: damagedPath(path, now), salvage, salvageText: describeSalvage(salvage) };
    if (!decide(plan)) throw err;
    const result = rebuildReplica(path, { now, salvage });
    onRebuilt?.(result);
    return openDb(path);
  }
}

export { isDamageError, ReplicaDamagedError };
