/**
 * What the health worker derived (derive.ts: every partner's score on a view's dates and the
 * churn model's fit) kept in `health_derived` beside the inputs it was derived from
 * (`health_snapshot`, cache.ts), so a restart on the same inputs does not score the book and
 * fit the model again: 1.45 s of the worker's 2.7 s on the 20,000-partner book, plus a
 * second decode of every stored date. One row per as-of date, under the fingerprint of the
 * inputs it read and the keys of the book, settings, calendar and absent facts it was
 * derived under (`Derived.model.key`, `Derived.scores.key`); the caller uses it only when
 * all of them are its own. Cleared whenever inputs are written or marked stale (cache.ts):
 * an edit the fingerprint does not see (an in-place update) goes through that, so no row
 * outlives the inputs it was derived from.
 *
 * Stored with V8's serializer (the structured clone the worker's results already travel
 * by): the packed scores stay typed arrays, read back without parsing. Scores and component
 * points are whole numbers from 0 to 100, so a date whose values all fit a byte exactly is
 * kept as bytes, and the partner ids once for all dates (7.7 MB → 1.2 MB on the xlarge book;
 * the write was ~110 ms of the API thread per landing). A row that does not read back
 * (another format, another V8, damage) is no row: the worker derives again.
 */
import { deserialize, serialize } from 'node:v8';
import type { Db } from '../../db/connection';
import { derivedWrite } from '../../db/derived-writes';
import { SCORE_STRIDE, type Derived, type PackedScores } from './derive';

/** Bump when `Derived` (or the `TrainedChurn` in it) changes shape: older rows are then never read. */
export const DERIVED_FORMAT = 1;

/** Keeps `derived`, derived from the inputs stored under fingerprint `fp`, replacing what was kept for its date. */
export function keepDerived(db: Db, fp: string, derived: Derived, computedAt: string): void {
  if (db.readonly) return;
  const blob = serialize(storedForm(derived));
  derivedWrite(db, () =>
    db.sqlite
      .prepare(
        `INSERT INTO health_derived (as_of, fingerprint, model_key, scores_key, format, computed_at, derived) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(as_of) DO UPDATE SET fingerprint = excluded.fingerprint, model_key = excluded.model_key,
           scores_key = excluded.scores_key, format = excluded.format, computed_at = excluded.computed_at, derived = excluded.derived`,
      )
      .run(derived.asOf, fp, derived.model.key, derived.scores.key, DERIVED_FORMAT, computedAt, blob),
  );
}

/**
 * What was kept for `asOf` from the inputs under `fp`, derived under exactly `modelKey` and
 * `scoresKey` and scoring every one of `scoreDates`; else null.
 */
export function keptDerived(db: Db, fp: string, asOf: string, keys: { model: string; scores: string }, scoreDates: readonly string[]): Derived | null {
  const row = db.sqlite
    .prepare('SELECT derived FROM health_derived WHERE as_of = ? AND fingerprint = ? AND model_key = ? AND scores_key = ? AND format = ?')
    .pluck()
    .get(asOf, fp, keys.model, keys.scores, DERIVED_FORMAT) as Buffer | undefined;
  if (!row) return null;
  let value: unknown;
  try {
    value = deserialize(row);
  } catch {
    return null;
  }
  if (!isDerived(value, asOf, keys)) return null;
  const byDate: Record<string, PackedScores> = {};
  for (const [d, stored] of Object.entries(value.scores.byDate as Record<string, StoredScores>)) {
    const packed = unpacked(stored);
    if (!packed) return null;
    byDate[d] = packed;
  }
  if (!scoreDates.every((d) => d in byDate)) return null;
  return { ...value, scores: { ...value.scores, byDate } };
}

/** One date's scores as kept: as bytes when every value is a whole number from 0 to 255. */
interface StoredScores {
  ids: string[];
  values: Float64Array | Uint8Array;
}

function storedForm(derived: Derived): Derived {
  let ids: string[] | null = null;
  const byDate: Record<string, StoredScores> = {};
  for (const [d, p] of Object.entries(derived.scores.byDate)) {
    // The same partners on every date (one book): one array, which the serializer writes once.
    if (!ids || !sameIds(ids, p.ids)) ids = p.ids;
    byDate[d] = { ids, values: p.values.every((v) => Number.isInteger(v) && v >= 0 && v <= 255) ? Uint8Array.from(p.values) : p.values };
  }
  return { ...derived, scores: { ...derived.scores, byDate: byDate as Record<string, PackedScores> } };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function unpacked(v: StoredScores | undefined): PackedScores | null {
  if (!v || !Array.isArray(v.ids) || !(v.values instanceof Float64Array || v.values instanceof Uint8Array)) return null;
  if (v.values.length !== v.ids.length * SCORE_STRIDE) return null;
  return { ids: v.ids, values: v.values instanceof Float64Array ? v.values : Float64Array.from(v.values) };
}

/**
 * Forgets everything kept (the inputs it was derived from changed or were rewritten). Run
 * inside the caller's `derivedWrite` (cache.ts), in the same transaction as that change.
 */
export function forgetDerived(db: Db): void {
  db.sqlite.prepare('DELETE FROM health_derived').run();
}

function isDerived(v: unknown, asOf: string, keys: { model: string; scores: string }): v is Derived {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<Derived>;
  const m = d.model;
  const s = d.scores;
  return (
    d.asOf === asOf &&
    typeof m === 'object' &&
    m !== null &&
    m.key === keys.model &&
    Array.isArray(m.dates) &&
    m.dates.every((x) => typeof x === 'string') &&
    typeof m.trained === 'object' &&
    m.trained !== null &&
    typeof m.trained.model === 'object' &&
    typeof m.trained.info === 'object' &&
    typeof s === 'object' &&
    s !== null &&
    s.key === keys.scores &&
    typeof s.byDate === 'object' &&
    s.byDate !== null
  );
}
