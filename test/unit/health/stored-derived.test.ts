/**
 * What the health worker derived, kept beside its inputs (stored-derived.ts): read back only
 * under the same fingerprint, keys, format and dates, and a row that does not read back is
 * no row (the worker derives again), never an error in a view.
 */
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { SCORE_STRIDE, type Derived } from '../../../src-main/services/health/derive';
import { DERIVED_FORMAT, forgetDerived, keepDerived, keptDerived } from '../../../src-main/services/health/stored-derived';

const KEYS = { model: 'model-key', scores: 'scores-key' };

function derived(): Derived {
  const values = new Float64Array(2 * SCORE_STRIDE).map((_, i) => i + 0.5);
  return {
    asOf: '2026-11-20',
    model: { key: KEYS.model, dates: ['2026-06-30', '2026-09-30'], trained: { model: { kind: 'rules' }, info: { kind: 'rules', reason: 'thin', auc: null, trainedOn: null, coefficients: [] } } },
    scores: { key: KEYS.scores, byDate: { '2026-11-20': { ids: ['P-1', 'P-2'], values }, '2026-09-30': { ids: ['P-1', 'P-2'], values } } },
  };
}

describe('kept health derivations', () => {
  it('reads back what was kept, typed arrays and all, only under its fingerprint, keys, as-of date and scored dates', () => {
    const db = openDb(':memory:');
    keepDerived(db, 'fp-1', derived(), '2026-11-20T09:00:00Z');
    const back = keptDerived(db, 'fp-1', '2026-11-20', KEYS, ['2026-11-20', '2026-09-30']);
    expect(back).toEqual(derived());
    expect(back!.scores.byDate['2026-11-20']!.values).toBeInstanceOf(Float64Array);
    expect(keptDerived(db, 'fp-2', '2026-11-20', KEYS, ['2026-11-20'])).toBeNull();
    expect(keptDerived(db, 'fp-1', '2026-11-21', KEYS, ['2026-11-20'])).toBeNull();
    expect(keptDerived(db, 'fp-1', '2026-11-20', { ...KEYS, scores: 'other settings' }, ['2026-11-20'])).toBeNull();
    expect(keptDerived(db, 'fp-1', '2026-11-20', { ...KEYS, model: 'other calendar' }, ['2026-11-20'])).toBeNull();
    expect(keptDerived(db, 'fp-1', '2026-11-20', KEYS, ['2026-11-20', '2026-06-30'])).toBeNull();
    // A newer landing for the date replaces it.
    keepDerived(db, 'fp-2', derived(), '2026-11-20T10:00:00Z');
    expect(db.sqlite.prepare('SELECT fingerprint FROM health_derived').pluck().all()).toEqual(['fp-2']);
    forgetDerived(db);
    expect(keptDerived(db, 'fp-2', '2026-11-20', KEYS, ['2026-11-20'])).toBeNull();
    db.close();
  });

  it('whole points from 0 to 100 are kept as bytes and the ids once, and read back exactly as numbers; other values as they are', () => {
    const db = openDb(':memory:');
    const n = 1000;
    const ids = Array.from({ length: n }, (_, i) => `P-${String(i).padStart(5, '0')}`);
    const points = new Float64Array(n * SCORE_STRIDE).map((_, i) => (i * 7) % 101);
    const whole: Derived = { ...derived(), scores: { key: KEYS.scores, byDate: { '2026-11-20': { ids, values: points }, '2026-09-30': { ids: [...ids], values: points } } } };
    keepDerived(db, 'fp-1', whole, '2026-11-20T09:00:00Z');
    const size = db.sqlite.prepare('SELECT length(derived) FROM health_derived').pluck().get() as number;
    // Two dates of 8-byte numbers would be 96,000 bytes before the ids.
    expect(size).toBeLessThan(2 * n * SCORE_STRIDE + 20 * n);
    const back = keptDerived(db, 'fp-1', '2026-11-20', KEYS, ['2026-11-20', '2026-09-30'])!;
    expect(back.scores.byDate['2026-09-30']!.values).toBeInstanceOf(Float64Array);
    expect(back).toEqual(whole);
    // One value that is not a whole byte keeps its date's numbers as they are.
    const odd = Float64Array.from(points);
    odd[3] = 256;
    keepDerived(db, 'fp-1', { ...whole, scores: { key: KEYS.scores, byDate: { '2026-11-20': { ids, values: odd } } } }, '2026-11-20T09:00:00Z');
    expect(keptDerived(db, 'fp-1', '2026-11-20', KEYS, ['2026-11-20'])!.scores.byDate['2026-11-20']!.values[3]).toBe(256);
    db.close();
  });

  it('a row that does not read back — damaged, another format, scores of another length — is no row', () => {
    const db = openDb(':memory:');
    const read = () => keptDerived(db, 'fp-1', '2026-11-20', KEYS, ['2026-11-20']);
    keepDerived(db, 'fp-1', derived(), '2026-11-20T09:00:00Z');
    db.sqlite.prepare("UPDATE health_derived SET derived = x'ff0d0a00'").run();
    expect(read()).toBeNull();
    keepDerived(db, 'fp-1', derived(), '2026-11-20T09:00:00Z');
    db.sqlite.prepare('UPDATE health_derived SET format = ?').run(DERIVED_FORMAT + 1);
    expect(read()).toBeNull();
    const short = derived();
    short.scores.byDate['2026-11-20'] = { ids: ['P-1', 'P-2', 'P-3'], values: new Float64Array(2 * SCORE_STRIDE) };
    keepDerived(db, 'fp-1', short, '2026-11-20T09:00:00Z');
    expect(read()).toBeNull();
    db.close();
  });
});
