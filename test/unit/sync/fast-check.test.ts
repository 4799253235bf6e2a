import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES, type EntityName } from '../../../src-shared/domain/entities';
import { COLUMNS } from '../../../src-main/sync/apply';
import { compileFastCheck } from '../../../src-main/sync/fast-check';
import { generateBook } from '../../../tools/demo-prm/generator';

/** A few generated records of every entity (and a hand-made action state, which the generator does not make). */
function samples(): Map<EntityName, Record<string, unknown>[]> {
  const out = new Map<EntityName, Record<string, unknown>[]>(ENTITY_NAMES.map((e) => [e, []]));
  generateBook({ seed: 7, scale: 'small', asOf: '2026-11-20' }, (entity, data) => {
    const list = out.get(entity)!;
    if (list.length < 25) list.push(JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
  });
  out.get('action_state')!.push(
    { id: 'stalled:O-1:2026-Q4', partner_id: 'P-00001', state: 'snoozed', snooze_until: '2026-12-01', reason: null, updated_at: '2026-11-20T10:00:00Z' },
    { id: 'k', partner_id: 'P-00002', state: 'done', snooze_until: null, reason: 'handled', updated_at: '2026-11-20T10:00:00.123Z' },
  );
  const notes = out.get('qbr_note')!;
  const first = notes[0];
  if (first) {
    const { author: _drop, ...withoutAuthor } = first;
    notes.push(withoutAuthor); // the schema's default fills it
  }
  return out;
}

const ODD_VALUES: unknown[] = [
  undefined, null, '', 'x', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(201), 'ABC', 'usd', '2026-11-20', '2026-11-20T10:00:00Z',
  '2026-11-20T10:00:00.1234Z', '2026-Q5', '2026-Q4', '2026-H3', 'FY2026', 0, -0, 1, -1, 1.5, 10, 11, 100, 101, 2 ** 53, -(2 ** 53),
  Infinity, -Infinity, Number.NaN, true, [], ['a'], ['a', 1], {}, 'portal_login', 'cam', 'open', 'vendor',
];

/** Every record with each field set to each odd value or removed, plus unknown keys. */
function* mutations(rec: Record<string, unknown>): Generator<Record<string, unknown>> {
  yield rec;
  for (const k of Object.keys(rec)) {
    const { [k]: _gone, ...rest } = rec;
    yield rest;
    for (const v of ODD_VALUES) yield { ...rec, [k]: v };
  }
  yield { ...rec, extra: 1 };
  yield JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(rec).slice(1)}`) as Record<string, unknown>;
}

describe('compileFastCheck', () => {
  it('knows every entity schema of the domain', () => {
    for (const e of ENTITY_NAMES) expect(compileFastCheck(ENTITIES[e].schema, COLUMNS[e]), e).not.toBeNull();
  });

  it('accepts only what zod accepts, with the values zod returns, and accepts every valid record', () => {
    let accepted = 0;
    let refused = 0;
    for (const [entity, list] of samples()) {
      const fast = compileFastCheck(ENTITIES[entity].schema, COLUMNS[entity])!;
      for (const original of list) {
        for (const rec of mutations(original)) {
          const zod = ENTITIES[entity].schema.safeParse(rec);
          const values = new Array<unknown>(COLUMNS[entity].length);
          const ok = fast(rec, values);
          if (ok) {
            accepted++;
            expect(zod.success, `${entity} ${JSON.stringify(rec)}`).toBe(true);
            const want = COLUMNS[entity].map((c) => (zod.data as Record<string, unknown>)[c]);
            expect(values).toEqual(want);
          } else {
            refused++;
            // Refusing what zod accepts only costs time (zod decides); valid generated records must pass.
            if (rec === original) throw new Error(`the fast check refused a valid ${entity}: ${JSON.stringify(rec)}`);
          }
        }
      }
    }
    expect(accepted).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(1000);
  });

  it('leaves a schema with an unknown construct to zod', async () => {
    const { z } = await import('zod');
    expect(compileFastCheck(z.strictObject({ id: z.string(), at: z.iso.datetime() }), ['id', 'at'])).toBeNull();
    expect(compileFastCheck(z.object({ id: z.string() }), ['id'])).toBeNull(); // not strict: unknown keys are stripped
    expect(compileFastCheck(z.strictObject({ id: z.string().trim() }), ['id'])).toBeNull();
    expect(compileFastCheck(z.strictObject({ id: z.string(), n: z.number().gt(1) }), ['id', 'n'])).toBeNull();
  });
});
