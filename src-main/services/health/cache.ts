/**
 * Per-date cache of raw health inputs: in memory, and in `health_snapshot` so a restart
 * (or the CLI) reuses them. Valid while the replica's fingerprint is unchanged: the sync
 * cursor plus the highest rowid and row count of each input table (all O(1)-ish reads),
 * so a sync that adds or changes inputs invalidates it.
 */
import type { Db } from '../../db/connection';
import { gatherInputs, type InputsByDate } from './inputs';
import type { RawInputs } from './measures';

/** Bump when the inputs' meaning changes, so old cached rows are recomputed. */
export const HEALTH_ALGO_VERSION = 1;

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

const KEYS: readonly (keyof RawInputs)[] = [
  'wonT4q',
  'sourcedT4q',
  'wonRecent',
  'wonPrior',
  'pipeline',
  'regsRecent',
  'regsPrior',
  'contacts',
  'activeContacts',
  'eventsRecent',
  'eventsPrior',
  'certifiedPeople',
  'validCerts',
  'expiringCerts',
  'psat',
  'psatAt',
  'lastWin',
];

export function fingerprint(db: Db): string {
  const parts: string[] = [`v${HEALTH_ALGO_VERSION}`];
  const cursor = db.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").pluck().get() as string | undefined;
  parts.push(cursor ?? '-');
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

function encode(m: Map<string, RawInputs>): string {
  const ids = [...m.keys()];
  return JSON.stringify({ keys: KEYS, ids, rows: ids.map((id) => KEYS.map((k) => m.get(id)![k])) });
}

function decode(text: string): Map<string, RawInputs> | null {
  const parsed = JSON.parse(text) as { keys?: string[]; ids?: string[]; rows?: (number | string | null)[][] };
  if (!parsed.keys || parsed.keys.join(',') !== KEYS.join(',') || !parsed.ids || !parsed.rows) return null;
  const out = new Map<string, RawInputs>();
  parsed.ids.forEach((id, i) => {
    const row = parsed.rows![i]!;
    const o: Record<string, number | string | null> = {};
    KEYS.forEach((k, j) => (o[k] = row[j] ?? null));
    out.set(id, o as unknown as RawInputs);
  });
  return out;
}

export class InputsCache {
  private memory = new Map<string, Map<string, RawInputs>>();
  private memoryFp: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  /** Forgets everything, in memory and on disk. */
  invalidate(): void {
    this.memory.clear();
    this.memoryFp = null;
    if (!this.db.readonly) this.db.sqlite.prepare('DELETE FROM health_snapshot').run();
  }

  /** The inputs for each date: from memory, else from disk, else one bulk recompute of the rest. */
  get(dates: readonly string[], opts: { cold?: boolean; allowStale?: boolean } = {}): InputsByDate {
    if (opts.allowStale && !opts.cold && this.memoryFp !== null) {
      // Mid-sync: the replica changes page by page; serve what we have rather than
      // recomputing on every page (the service recomputes once the sync settles).
      const have = new Map<string, Map<string, RawInputs>>();
      for (const d of dates) {
        const m = this.memory.get(d);
        if (m) have.set(d, m);
      }
      if (have.size === new Set(dates).size) return have;
    }
    const fp = fingerprint(this.db);
    if (fp !== this.memoryFp || opts.cold) {
      this.memory.clear();
      this.memoryFp = fp;
    }
    const out: InputsByDate = new Map();
    const missing: string[] = [];
    const unique = [...new Set(dates)];
    const read = this.db.sqlite.prepare('SELECT inputs FROM health_snapshot WHERE as_of = ? AND fingerprint = ?').pluck();
    for (const d of unique) {
      const m = this.memory.get(d);
      if (m) {
        out.set(d, m);
        continue;
      }
      const text = opts.cold ? undefined : (read.get(d, fp) as string | undefined);
      const decoded = text ? decode(text) : null;
      if (decoded) {
        this.memory.set(d, decoded);
        out.set(d, decoded);
      } else missing.push(d);
    }
    if (missing.length > 0) {
      const fresh = gatherInputs(this.db, missing);
      if (this.db.readonly) {
        // A read-only open (e.g. `partnerbook health`): use the inputs, persist nothing.
        for (const [d, m] of fresh) {
          this.memory.set(d, m);
          out.set(d, m);
        }
        return out;
      }
      const write = this.db.sqlite.prepare(
        `INSERT INTO health_snapshot (as_of, fingerprint, computed_at, inputs) VALUES (?, ?, ?, ?)
         ON CONFLICT(as_of) DO UPDATE SET fingerprint = excluded.fingerprint, computed_at = excluded.computed_at, inputs = excluded.inputs`,
      );
      const computedAt = this.now();
      this.db.sqlite.transaction(() => {
        for (const [d, m] of fresh) {
          write.run(d, fp, computedAt, encode(m));
          this.memory.set(d, m);
          out.set(d, m);
        }
        // Rows computed from an older replica are dead weight; so are past "today" dates
        // (month ends are kept: the quarter ends of any fiscal calendar are the trend and
        // the model's history).
        this.db.sqlite.prepare('DELETE FROM health_snapshot WHERE fingerprint <> ?').run(fp);
        const keep = unique.map(() => '?').join(',');
        this.db.sqlite
          .prepare(
            `DELETE FROM health_snapshot WHERE as_of NOT IN (${keep}) AND strftime('%d', as_of, '+1 day') <> '01'`,
          )
          .run(...unique);
      })();
    }
    return out;
  }
}
