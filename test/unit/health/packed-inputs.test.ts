/**
 * The health inputs' trip from the worker (packed-inputs.ts): unpacked they are equal to
 * what was packed — every value, null, NaN and -0 as they were — whether read partner by
 * partner or iterated, and iteration keeps the packing order.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_INPUTS, type RawInputs } from '../../../src-main/services/health/measures';
import { packByDate, unpackByDate, unpackInputs, packInputs } from '../../../src-main/services/health/packed-inputs';

const row = (over: Partial<RawInputs>): RawInputs => ({ ...EMPTY_INPUTS, ...over });
const original = new Map<string, RawInputs>([
  ['P-3', row({ wonT4q: 12_345_678_901, pipeline: 0.5, psat: 7, psatAt: '2026-06-01', lastWin: '2026-05-02' })],
  ['P-1', row({ eventsRecent: 40, eventsPrior: -0, psat: null })],
  ['P-2', row({ contacts: Number.NaN, regsRecent: null as unknown as number, certifiedPeople: 3 })],
]);

describe('packed health inputs', () => {
  it('unpack to equal inputs, read one by one or iterated, in the packing order', () => {
    const lazy = unpackInputs(packInputs(original));
    expect(lazy.size).toBe(3);
    expect(lazy.has('P-2')).toBe(true);
    expect(lazy.has('P-9')).toBe(false);
    expect(lazy.get('P-9')).toBeUndefined();
    // Read out of order first, then iterated: the order is still the packing order.
    expect(lazy.get('P-2')).toEqual(original.get('P-2'));
    expect(Object.is(lazy.get('P-1')!.eventsPrior, -0)).toBe(true);
    expect(lazy.get('P-2')!.regsRecent).toBeNull();
    expect(Number.isNaN(lazy.get('P-2')!.contacts)).toBe(true);
    expect([...lazy.keys()]).toEqual(['P-3', 'P-1', 'P-2']);
    expect(new Map(lazy)).toEqual(original);
    expect(lazy.get('P-2')).toBe(lazy.get('P-2'));
  });

  it('by date, through a structured clone (the worker’s message)', () => {
    const byDate = new Map([
      ['2026-09-30', original],
      ['2026-11-20', new Map([['P-1', row({ wonT4q: 1 })]])],
    ]);
    const back = unpackByDate(structuredClone(packByDate(byDate)));
    expect([...back.keys()]).toEqual(['2026-09-30', '2026-11-20']);
    for (const [d, m] of byDate) expect(new Map(back.get(d)!)).toEqual(m);
  });
});
