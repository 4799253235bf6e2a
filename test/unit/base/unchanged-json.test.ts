import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSharedUnchanged, jsonChunks, shareUnchanged } from '../../../src-main/base/unchanged-json';

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('jsonChunks', () => {
  it('encodes any JSON value byte for byte as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(text(jsonChunks(v))).toBe(JSON.stringify(v));
      }),
    );
  });

  it('encodes an answer carrying shared values as JSON.stringify does, with undefined fields left out', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), n: fc.double({ noNaN: true }), note: fc.option(fc.string(), { nil: undefined }) })), fc.string(), (rows, asOf) => {
        const answer = { ok: true, value: { asOf, gone: undefined, rows: shareUnchanged(rows), when: new Date(0) } };
        expect(text(jsonChunks(answer))).toBe(JSON.stringify(answer));
        // Encoded again from the cache, the same bytes.
        expect(text(jsonChunks(answer))).toBe(JSON.stringify(answer));
      }),
    );
  });

  it('freezes a shared value deeply, so a change cannot leave a stale encoding behind', () => {
    const rows = shareUnchanged([{ id: 'P-1', components: { revenue: 3 } }]);
    expect(isSharedUnchanged(rows)).toBe(true);
    expect(() => {
      (rows as { id: string; components: { revenue: number } }[])[0]!.components.revenue = 4;
    }).toThrow(TypeError);
    expect(() => (rows as unknown[]).push({})).toThrow(TypeError);
    expect(text(jsonChunks({ rows }))).toBe('{"rows":[{"id":"P-1","components":{"revenue":3}}]}');
  });

  it('reuses the encoding of a shared value instead of encoding it again', () => {
    let reads = 0;
    const row = {
      get id() {
        reads++;
        return 'P-1';
      },
    };
    const rows = shareUnchanged([row]);
    const before = reads;
    jsonChunks({ value: { rows } });
    jsonChunks({ value: { rows } });
    expect(reads - before).toBe(1);
  });
});
