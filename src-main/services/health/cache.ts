/**
 * Per-date cache of raw health inputs: in memory, and in `health_snapshot` so a restart
 * (or the CLI) reuses them. Valid while the replica's fingerprint is unchanged: the sync
 * cursor plus the highest rowid and row count of each input table (all O(1)-ish reads),
 * so a sync that adds or changes inputs invalidates it. What stops being current is kept
 * (in memory, and on disk under a stale fingerprint) so a background recompute can serve it
 * meanwhile (background.ts); the calling-thread path never serves it.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/connection';
import { derivedWrite, untilBookChanges } from '../../db/derived-writes';
import { gatherInputs, type InputsByDate } from './inputs';
import { forgetDerived } from './stored-derived';
import { decode, encode, storedInputs } from './stored-inputs';
import type { RawInputs } from './measures';

/** Bump when the inputs' meaning changes, so old cached rows are recomputed. */
export const HEALTH_ALGO_VERSION = 1;

/** This algorithm's fingerprints start so: rows of another version are never served, not even stale. */
const ALGO = `v${HEALTH_ALGO_VERSION}|`;
/** The fingerprint stale rows of `health_snapshot` carry: never a replica's, so they are only ever served stale. */
const STALE = `${ALGO}stale`;

export const INPUT_TABLES = [
  'partner',
  'tier',
  'contact',
  'opportunity',
  'deal_registration',
  'engagement_event',
  'certification',
  'psat_response',
] as const;

const cursorReads = new WeakMap<Db['sqlite'], Statement>();

export function fingerprint(db: Db): string {
  // The cursor is read every time (one key lookup): a page without changes moves it as sync
  // bookkeeping, which does not change the book's version (db/derived-writes.ts `bookkeepingWrite`).
  let read = cursorReads.get(db.sqlite);
  if (!read) cursorReads.set(db.sqlite, (read = db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck()));
  const cursor = read.get() as string | undefined;
  // Counting opportunities on every view (about 1.5 ms on a large book): again only once the book changed.
  const tables = untilBookChanges(db, 'health.fingerprint', () => readTables(db));
  return `${ALGO.slice(0, -1)}|${cursor ?? '-'}|${tables}`;
}

/** The input tables' part of the fingerprint: each one's highest rowid, and the counts. */
function readTables(db: Db): string {
  const parts: string[] = [];
  for (const t of INPUT_TABLES) {
    // max(rowid) is a single b-tree seek; the partner/tier counts are small.
    const max = db.sqlite.prepare(`SELECT max(rowid) FROM ${t}`).pluck().get() as number | null;
    parts.push(`${t}:${max ?? 0}`);
  }
  const counts = db.sqlite
    .prepare('SELECT (SELECT count(*) FROM partner) || \'/\' || (SELECT count(*) FROM opportunity) || \'/\' || (SELECT count(*) FROM certification)')
    .pluck()
    .get() as string;
  parts.push(counts);
  return parts.join('|');
}

/**
 * The inputs stored for each of `dates` under fingerprint `fp` (the replica's current one),
 * for the dates that have them: what the health worker reads instead of gathering again.
 */
export function readStored(db: Db, fp: string, dates: readonly string[]): InputsByDate {
  const out: InputsByDate = new Map();
  const read = db.sqlite.prepare('SELECT inputs FROM health_snapshot WHERE as_of = ? AND fingerprint = ?').pluck();
  for (const d of dates) {
    const text = read.get(d, fp) as string | undefined;
    const m = text ? decode(text) : null;
    if (m) out.set(d, m);
  }
  return out;
}

export class InputsCache {
  /** Inputs per date computed from the replica as it was at `freshFp`. */
  private fresh = new Map<string, Map<string, RawInputs>>();
  private freshFp: string | null = null;
  /** Older inputs per date: served, marked stale, while a recompute runs in the background (background.ts). */
  private previous = new Map<string, Map<string, RawInputs>>();

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  /** Nothing cached is current any more (memory and disk); what was is kept to be served stale. */
  invalidate(): void {
    this.retire();
    this.freshFp = null;
    if (!this.db.readonly)
      derivedWrite(this.db, () => {
        this.db.sqlite.prepare('UPDATE health_snapshot SET fingerprint = ?').run(STALE);
        forgetDerived(this.db);
      });
  }

  /** The inputs for each date: from memory, else from disk, else one bulk recompute of the rest (on this thread). */
  get(dates: readonly string[], opts: { cold?: boolean; allowStale?: boolean } = {}): InputsByDate {
    if (opts.allowStale && !opts.cold) {
      const have = this.during(dates);
      if (have) return have;
    }
    if (opts.cold) this.retire();
    const { fp, have, missing } = this.lookup(dates, opts.cold ?? false);
    if (missing.length > 0) for (const [d, m] of this.store(fp, gatherInputs(this.db, missing), dates)) have.set(d, m);
    return have;
  }

  /**
   * Mid-sync: the replica changes page by page; serve the inputs last computed rather than
   * recomputing on every page (the service recomputes once the sync settles). Null when
   * memory lacks one of `dates`.
   */
  during(dates: readonly string[]): InputsByDate | null {
    if (this.freshFp === null) return null;
    const have: InputsByDate = new Map();
    for (const d of dates) {
      const m = this.fresh.get(d);
      if (!m) return null;
      have.set(d, m);
    }
    return have;
  }

  /** The current inputs of `dates` held in memory or on disk, and the dates with none. */
  lookup(dates: readonly string[], cold = false): { fp: string; have: InputsByDate; missing: string[] } {
    const fp = fingerprint(this.db);
    if (fp !== this.freshFp) {
      this.retire();
      this.freshFp = fp;
    }
    const have: InputsByDate = new Map();
    const missing: string[] = [];
    const read = this.db.sqlite.prepare('SELECT inputs FROM health_snapshot WHERE as_of = ? AND fingerprint = ?').pluck();
    for (const d of new Set(dates)) {
      let m = this.fresh.get(d);
      if (!m && !cold) {
        const text = read.get(d, fp) as string | undefined;
        m = (text ? storedInputs(text) : null) ?? undefined;
        if (m) this.fresh.set(d, m);
      }
      if (m) have.set(d, m);
      else missing.push(d);
    }
    return { fp, have, missing };
  }

  /** True when each of `dates` has current inputs on disk and none in memory (a restart); nothing is decoded. */
  onDiskOnly(dates: readonly string[]): boolean {
    // Asked before every view: anything in memory (the usual case) answers without a query.
    if (dates.some((d) => this.fresh.has(d))) return false;
    const fp = fingerprint(this.db);
    const stored = this.db.sqlite.prepare('SELECT 1 FROM health_snapshot WHERE as_of = ? AND fingerprint = ?').pluck();
    for (const d of new Set(dates)) if (stored.get(d, fp) === undefined) return false;
    return true;
  }

  /** The inputs of `date` memory holds as computed from the replica at fingerprint `fp`, if any. */
  held(date: string, fp: string): Map<string, RawInputs> | undefined {
    return this.freshFp === fp ? this.fresh.get(date) : undefined;
  }

  /** Inputs of an older replica for each of `dates` (memory, else disk), or null when one has none. */
  stale(dates: readonly string[]): InputsByDate | null {
    const out: InputsByDate = new Map();
    const read = this.db.sqlite.prepare('SELECT inputs FROM health_snapshot WHERE as_of = ? AND substr(fingerprint, 1, ?) = ?').pluck();
    for (const d of dates) {
      let m = this.previous.get(d);
      if (!m) {
        const text = read.get(d, ALGO.length, ALGO) as string | undefined;
        m = (text ? storedInputs(text) : null) ?? undefined;
        if (!m) return null;
        this.previous.set(d, m);
      }
      out.set(d, m);
    }
    return out;
  }

  /** Keeps inputs computed from a replica that changed meanwhile: served stale until a recompute lands. */
  keepStale(inputs: InputsByDate): void {
    for (const [d, m] of inputs) this.previous.set(d, m);
  }

  /**
   * Keeps `inputs`, computed from the replica at fingerprint `fp` (the current one), in
   * memory and on disk (in one transaction), and drops the rows of older replicas and past
   * "today" dates other than `inUse`. `texts`: the dates' stored form when already encoded
   * (by the health worker), else encoded here.
   */
  store(fp: string, inputs: InputsByDate, inUse: readonly string[], texts?: Readonly<Record<string, string>>): InputsByDate {
    if (fp !== this.freshFp) {
      this.retire();
      this.freshFp = fp;
    }
    for (const [d, m] of inputs) {
      this.fresh.set(d, m);
      this.previous.delete(d);
    }
    // A read-only open (e.g. `partnerbook health`): use the inputs, persist nothing.
    if (this.db.readonly) return inputs;
    const write = this.db.sqlite.prepare(
      `INSERT INTO health_snapshot (as_of, fingerprint, computed_at, inputs) VALUES (?, ?, ?, ?)
       ON CONFLICT(as_of) DO UPDATE SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at, inputs = excluded.inputs`,
    );
    const computedAt = this.now();
    const keep = [...new Set([...inUse, ...inputs.keys()])];
    // Computed results, not book data: the actions and ROPI kept for the book stay current (db/derived-writes.ts).
    derivedWrite(this.db, this.db.sqlite.transaction(() => {
      for (const [d, m] of inputs) write.run(d, fp, computedAt, texts?.[d] ?? encode(m));
      // What was derived from the inputs these replace (stored-derived.ts): the caller keeps what it derived from these.
      if (inputs.size > 0) forgetDerived(this.db);
      // Rows computed from an older replica are dead weight; so are past "today" dates
      // (month ends are kept: the quarter ends of any fiscal calendar are the trend and
      // the model's history).
      this.db.sqlite.prepare('DELETE FROM health_snapshot WHERE fingerprint <> ?').run(fp);
      this.db.sqlite
        .prepare(`DELETE FROM health_snapshot WHERE as_of NOT IN (${keep.map(() => '?').join(',')}) AND strftime('%d', as_of, '+1 day') <> '01'`)
        .run(...keep);
    }));
    return inputs;
  }

  /** What memory holds becomes stale: kept to be served while a recompute runs. */
  private retire(): void {
    for (const [d, m] of this.fresh) this.previous.set(d, m);
    this.fresh.clear();
  }
}
