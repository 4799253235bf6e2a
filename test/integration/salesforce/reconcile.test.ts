/**
 * The periodic id reconciliation (src-main/sources/salesforce/reconcile.ts) against the
 * fake org: a record removed without a delete-log entry (hard-deleted, or emptied from the
 * recycle bin, before a sync read the log: `POST /__fake/hard-delete`) stays in the
 * replica through incremental syncs — the gap — and the reconciliation's tombstones remove
 * it, and nothing else. The fake has no sharing model: a record whose sharing was taken
 * away looks the same to the API (gone from queries, in neither feed), so the same knob
 * plays it, for a partner Account with its deals. When it is due: never run, every 24th
 * incremental sync, or a day after the last.
 */
import { Connection } from '@jsforce/jsforce-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { OBJECTS, type SfRow } from '../../../src-main/sources/salesforce/records';
import {
  RECONCILE_EVERY,
  nextReconcileState,
  reconcileDue,
  reconcileIds,
  reconcileTargets,
  type ReconcileDeps,
} from '../../../src-main/sources/salesforce/reconcile';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import { pull } from '../../../src-main/sync/pull';
import type { EntityName } from '../../../src-shared/domain/entities';
import { differencesFrom } from '../../conformance/source-conformance';
import { startSfBook, type SfBook } from './book';
import { admin } from './support';

describe('Salesforce id reconciliation against the fake org', () => {
  let book: SfBook;
  let db: Db;
  let deps: ReconcileDeps;
  const targets = reconcileTargets(OBJECTS);
  const count = (entity: EntityName, id: string) => db.sqlite.prepare(`SELECT count(*) FROM "${entity}" WHERE id = ?`).pluck().get(id) as number;
  const apply = (changes: unknown[]) => {
    const applier = createApplier(db.sqlite);
    db.sqlite.transaction(() => applier.apply(validateChanges(changes), false))();
  };

  beforeAll(async () => {
    book = await startSfBook({ partners: 4 });
    db = openDb(':memory:');
    await pull(db.sqlite, book.connector().open());
    const conn = new Connection({ instanceUrl: book.sf.url, accessToken: book.token, version: '61.0' });
    deps = {
      query: async (soql) => (await conn.query<SfRow>(soql, { autoFetch: true, maxFetch: 10_000_000 })).records,
      replicaRows: (entity) => db.sqlite.prepare(`SELECT id, version FROM "${entity}"`).all() as { id: string; version: number }[],
      now: () => book.sf.org.clock.now(),
    };
  });
  afterAll(async () => {
    db?.close();
    await book?.close();
  });

  it('finds nothing to remove while the replica equals the org', async () => {
    const res = await reconcileIds(deps, targets);
    expect(res.tombstones).toEqual([]);
    expect(res.checked).toBe(book.rows('user').length + book.rows('partner').length + book.rows('opportunity').length);
  });

  it('a deal removed without a delete-log entry survives incremental syncs; the reconciliation removes it', async () => {
    const deal = book.rows('opportunity')[0]!.id;
    const r = await admin(book.sf, 'hard-delete', { object: 'Opportunity', ids: [deal] });
    expect(r.status).toBe(200);
    book.tick(2);
    const inc = await pull(db.sqlite, book.connector().open());
    expect(inc.kind).toBe('incremental');
    expect(count('opportunity', deal)).toBe(1);
    expect(differencesFrom(db, book)).toEqual([`opportunity: replica has ${book.rows('opportunity').length + 1} rows, source ${book.rows('opportunity').length}`]);

    const res = await reconcileIds(deps, targets);
    expect(res.tombstones).toEqual([{ entity: 'opportunity', id: deal, op: 'delete', version: expect.any(Number) }]);
    apply(res.tombstones);
    expect(count('opportunity', deal)).toBe(0);
    expect(differencesFrom(db, book)).toEqual([]);
  });

  it('a partner Account the user can no longer see goes, with its deals, children first', async () => {
    const partner = book.cases[1]!.partner;
    const deals = book.rows('opportunity').filter((o) => o.data.partner_id === partner).map((o) => o.id);
    expect(deals.length).toBeGreaterThan(0);
    await admin(book.sf, 'hard-delete', { object: 'Account', ids: [partner] });
    await admin(book.sf, 'hard-delete', { object: 'Opportunity', ids: deals });
    book.tick(2);
    await pull(db.sqlite, book.connector().open());
    expect(count('partner', partner)).toBe(1);

    const res = await reconcileIds(deps, targets);
    const named = res.tombstones.map((t) => `${t.entity} ${t.id}`);
    expect([...named].sort()).toEqual([...deals.map((d) => `opportunity ${d}`), `partner ${partner}`].sort());
    expect(named.at(-1)).toBe(`partner ${partner}`);
    apply(res.tombstones);
    expect(count('partner', partner)).toBe(0);
    expect(db.sqlite.prepare('SELECT count(*) FROM opportunity WHERE partner_id = ?').pluck().get(partner)).toBe(0);
    expect(differencesFrom(db, book)).toEqual([]);
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('is due when never run, at every 24th incremental sync, and a day after the last', () => {
    const t0 = Date.parse('2026-11-20T10:00:00Z');
    expect(reconcileDue(undefined, t0)).toBe(true);
    let state = { n: 0, at: t0 };
    let due = 0;
    for (let i = 1; i <= RECONCILE_EVERY * 2; i++) {
      if (reconcileDue(state, t0 + i * 60_000)) {
        due++;
        state = { n: 0, at: t0 + i * 60_000 };
      } else state = nextReconcileState(state, t0 + i * 60_000);
    }
    expect(due).toBe(2);
    expect(reconcileDue({ n: 1, at: t0 }, t0 + 86_400_000 - 1)).toBe(false);
    expect(reconcileDue({ n: 1, at: t0 }, t0 + 86_400_000)).toBe(true);
  });
});
