/**
 * updatedSplitting (src-main/sources/salesforce/updated-window.ts) over an in-memory list of
 * modification times standing in for one object's updated feed, with the fake org's rules:
 * seconds ignored, [start, min(end, present)) covered, more ids than the limit is
 * EXCEEDED_ID_LIMIT (as errors.ts turns it into a SourceError). The end-to-end check against
 * the fake org is test/integration/salesforce/id-limit.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { SourceError } from '../../../src-main/sources/contract';
import { updatedSplitting, type UpdatedAnswer } from '../../../src-main/sources/salesforce/updated-window';

const MIN = 60_000;
const T0 = Date.parse('2026-11-20T10:00:00Z');

function feed(stamps: number[], limit: number, present: number) {
  const calls: [number, number][] = [];
  const read = async (start: Date, end: Date): Promise<UpdatedAnswer> => {
    const from = Math.floor(start.getTime() / MIN) * MIN;
    const to = Math.floor(end.getTime() / MIN) * MIN;
    calls.push([from, to]);
    const covered = Math.min(to, Math.floor(present / MIN) * MIN);
    const ids = stamps.flatMap((t, i) => (t >= from && t < covered ? [`id${i}`] : []));
    if (ids.length > limit) throw new SourceError('cursor_expired', 'too many', 400, undefined, 'EXCEEDED_ID_LIMIT');
    return { ids, latestDateCovered: new Date(Math.max(covered, from)).toISOString() };
  };
  return { read, calls };
}

describe('updatedSplitting', () => {
  it('one read when the window is small enough', async () => {
    const f = feed([T0 + MIN, T0 + 2 * MIN], 5, T0 + 10 * MIN);
    const got = await updatedSplitting(f.read, new Date(T0), new Date(T0 + 86_400_000));
    expect(got).toEqual({ ids: ['id0', 'id1'], latestDateCovered: new Date(T0 + 10 * MIN).toISOString() });
    expect(f.calls).toHaveLength(1);
  });

  it('splits down until each piece fits, returns every id once, and never reads past the present', async () => {
    const stamps = Array.from({ length: 40 }, (_, i) => T0 + Math.floor(i / 4) * MIN + 1000);
    const present = T0 + 20 * MIN + 30_000;
    const f = feed(stamps, 4, present);
    const got = await updatedSplitting(f.read, new Date(T0), new Date(T0 + 86_400_000));
    expect(got.ids).toEqual(stamps.map((_, i) => `id${i}`));
    expect(got.latestDateCovered).toBe(new Date(T0 + 20 * MIN).toISOString());
    // Every successful piece starts before the present minute.
    for (const [from] of f.calls) expect(from).toBeLessThanOrEqual(T0 + 20 * MIN);
  });

  it('gives up with EXCEEDED_ID_LIMIT when one minute holds more ids than the limit', async () => {
    const f = feed([T0 + 5 * MIN, T0 + 5 * MIN + 1, T0 + 5 * MIN + 2], 2, T0 + 60 * MIN);
    await expect(updatedSplitting(f.read, new Date(T0), new Date(T0 + 86_400_000))).rejects.toMatchObject({ code: 'EXCEEDED_ID_LIMIT' });
  });

  it('passes other errors through without splitting', async () => {
    let calls = 0;
    const read = async (): Promise<UpdatedAnswer> => {
      calls++;
      throw new SourceError('server', 'busy', 503);
    };
    await expect(updatedSplitting(read, new Date(T0), new Date(T0 + 86_400_000))).rejects.toMatchObject({ kind: 'server' });
    expect(calls).toBe(1);
  });
});
