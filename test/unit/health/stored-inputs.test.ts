/**
 * One date's stored health inputs (stored-inputs.ts), read on the API thread as a map that
 * parses them when first read: the same entries as decoding up front, through every way a
 * map is read, and a text stored under other keys is not read at all.
 */
import { describe, expect, it } from 'vitest';
import { decode, encode, storedInputs } from '../../../src-main/services/health/stored-inputs';
import { EMPTY_INPUTS, type RawInputs } from '../../../src-main/services/health/measures';

const inputs = new Map<string, RawInputs>([
  ['P-1', { ...EMPTY_INPUTS, wonT4q: 1_200_000, psat: 9, psatAt: '2026-10-01' }],
  ['P-2', { ...EMPTY_INPUTS, eventsRecent: 14, lastWin: '2026-08-12' }],
]);

describe('stored health inputs', () => {
  it('read lazily, give exactly what decoding gives, through get, has, size, iteration and forEach', () => {
    const text = encode(inputs);
    expect(decode(text)).toEqual(inputs);
    const lazy = () => storedInputs(text)!;
    expect(lazy().get('P-1')).toEqual(inputs.get('P-1'));
    expect(lazy().get('P-9')).toBeUndefined();
    expect(lazy().has('P-2')).toBe(true);
    expect(lazy().size).toBe(2);
    expect([...lazy()]).toEqual([...inputs]);
    expect([...lazy().keys()]).toEqual(['P-1', 'P-2']);
    expect([...lazy().values()]).toEqual([...inputs.values()]);
    expect(new Map(lazy())).toEqual(inputs);
    const seen: string[] = [];
    lazy().forEach((_, id) => seen.push(id));
    expect(seen).toEqual(['P-1', 'P-2']);
    const m = lazy();
    m.set('P-3', EMPTY_INPUTS);
    expect([...m.keys()]).toEqual(['P-1', 'P-2', 'P-3']);
    expect(m.delete('P-1')).toBe(true);
    expect(m.size).toBe(2);
    expect(m).toBeInstanceOf(Map);
  });

  it('a date stored under other input keys is not read', () => {
    const other = JSON.stringify({ keys: ['wonT4q'], ids: ['P-1'], rows: [[1]] });
    expect(storedInputs(other)).toBeNull();
    expect(decode(other)).toBeNull();
  });
});
