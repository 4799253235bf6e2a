import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITY_NAMES, type EntityName } from '../../../src-shared/domain/entities';
import { changeSchema, changesPageSchema } from '../../../src-shared/domain/protocol';
import { openDb, type Db } from '../../../src-main/db/connection';
import { createRng } from '../../../tools/demo-prm/rng';
import { PrmStore, StoreError } from '../../../tools/demo-prm/store';
import { flatten, makeApplier, replicaRows } from './client-apply';

const AS_OF = '2026-11-20';

function pullAll(store: PrmStore, apply: (changes: unknown[]) => void, cursor: string | null = null, limit = 5000, between?: (page: number) => void) {
  let c = cursor;
  let pages = 0;
  let total = 0;
  for (;;) {
    const page = store.changes(c, limit);
    const body = changesPageSchema.parse(JSON.parse(page.body));
    for (const ch of body.changes) changeSchema.parse(ch);
    apply(body.changes);
    total += body.changes.length;
    c = body.cursor;
    pages++;
    if (!body.has_more) break;
    between?.(pages);
    if (pages > 100_000) throw new Error('runaway paging');
  }
  return { cursor: c as string, pages, total };
}

function expectConverged(store: PrmStore, db: Db) {
  for (const entity of ENTITY_NAMES) {
    const server = store.dump(entity);
    const replica = replicaRows(db.sqlite, entity);
    if (replica.size !== server.length) {
      const ids = new Set(server.map((r) => r.id));
      const extra = [...replica.keys()].filter((id) => !ids.has(id));
      const log = store.db.prepare('SELECT * FROM log WHERE id IN (' + extra.map(() => '?').join(',') + ')').all(...extra);
      console.log('EXTRA', entity, extra, log);
    }
    expect(replica.size, `${entity} row count`).toBe(server.length);
    for (const rec of server) {
      const r = replica.get(rec.id);
      expect(r, `${entity} ${rec.id} missing in replica`).toBeDefined();
      expect(r?.version, `${entity} ${rec.id} version`).toBe(rec.version);
      expect(r?.data).toEqual(flatten(rec.data as Record<string, unknown>));
    }
  }
}

describe('PrmStore', () => {
  let store: PrmStore;
  let db: Db;
  beforeEach(() => {
    store = PrmStore.open(':memory:');
    store.loadBook({ seed: 42, scale: 'small', asOf: AS_OF });
    db = openDb(':memory:');
  });
  afterEach(() => {
    store.close();
    db.close();
  });

  it('serves every row exactly once in FK-safe order on a full pull', () => {
    const seen = new Map<string, number>();
    const { applyPage } = makeApplier(db.sqlite);
    const order: EntityName[] = [];
    const { total } = pullAll(store, (changes) => {
      for (const ch of changes as { entity: EntityName; id: string }[]) {
        const k = `${ch.entity}:${ch.id}`;
        seen.set(k, (seen.get(k) ?? 0) + 1);
        if (order[order.length - 1] !== ch.entity) order.push(ch.entity);
      }
      applyPage(changes);
    }, null, 997);
    expect(total).toBe(store.count());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(order).toEqual(ENTITY_NAMES.filter((e) => store.count(e) > 0));
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
    expectConverged(store, db);
  });

  it('stays FK-safe and converges with server activity, edits and deletes during the pull', () => {
    const { applyPage } = makeApplier(db.sqlite);
    const rng = createRng(99);
    const partners = store.dump('partner').map((p) => p.id);
    const opps = store.dump('opportunity').filter((o) => o.data.partner_id === null).map((o) => o.id);
    const contacts = store.dump('contact').map((c) => c.id);
    let { cursor } = pullAll(store, applyPage, null, 3000, (page) => {
      store.simulateActivity(20, rng);
      store.editRandom(5, rng);
      const victim = contacts[page * 7] as string;
      if (page % 3 === 0 && store.get('contact', victim)) store.delete('contact', victim);
      if (page === 5) store.delete('partner', partners[3] as string);
      if (page === 7) store.delete('opportunity', opps[0] as string);
      if (page === 1) {
        // a new partner and an existing record re-pointed at it mid-snapshot
        const p = store.get('partner', partners[10] as string);
        store.upsert('partner', 'P-90001', { ...(p?.data as object), id: 'P-90001', name: 'Late Arrival Partners Ltd' });
        const dr = store.dump('deal_registration')[0];
        store.upsert('opportunity', 'O-900001', {
          id: 'O-900001', partner_id: 'P-90001', customer: 'Acme Bank Inc.', amount: 5_000_000, currency: 'USD',
          stage: 'proposal', partner_role: 'sourced', created_at: AS_OF, close_date: '2027-01-15', last_activity_at: AS_OF,
        });
        if (dr) store.patch('deal_registration', dr.id, { opportunity_id: 'O-900001', status: 'converted' });
      }
    });
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
    expectConverged(store, db);
    // incremental pulls afterwards
    store.simulateActivity(50, rng);
    store.delete('partner', partners[20] as string);
    store.editRandom(30, rng);
    ({ cursor } = pullAll(store, applyPage, cursor, 7));
    expectConverged(store, db);
    const again = store.changes(cursor, 100);
    expect(again.hasMore).toBe(false);
    expect(JSON.parse(again.body).changes).toEqual([]);
  });

  it('cascades deletes like the client and logs tombstones children-first', () => {
    const partnerId = store.dump('partner')[5]?.id as string;
    const head = store.head();
    const owned = ENTITY_NAMES.reduce((n, e) => n + store.partnerRows(partnerId, e).length, 0);
    expect(owned).toBeGreaterThan(50);
    const deleted = store.delete('partner', partnerId);
    expect(deleted).toBe(owned);
    expect(store.get('partner', partnerId)).toBeNull();
    expect(store.partnerRows(partnerId, 'engagement_event')).toHaveLength(0);
    const page = JSON.parse(store.changes(store.encodeCursor({ p: 'l', q: head }), 10_000).body) as { changes: { entity: string; id: string; op: string; version: number }[] };
    const last = page.changes[page.changes.length - 1];
    expect(last).toMatchObject({ entity: 'partner', id: partnerId, op: 'delete', version: 2 });
    expect(page.changes.filter((c) => c.op === 'delete')).toHaveLength(deleted);
    // set-null: deleting a contact nulls its events' contact_id with a bumped version
    const ev = store.dump('engagement_event').find((e) => e.data.contact_id !== null);
    const contactId = ev?.data.contact_id as string;
    store.delete('contact', contactId);
    const after = store.get('engagement_event', ev?.id as string);
    expect(after?.data.contact_id).toBeNull();
    expect(after?.version).toBe(2);
    // restrict: a tier in use cannot be deleted
    expect(() => store.delete('tier', 'gold')).toThrow(StoreError);
    // re-creating a deleted record continues above the tombstone's version
    const contact = store.dump('contact')[0];
    store.delete('contact', contact?.id as string);
    const re = store.upsert('contact', contact?.id as string, contact?.data);
    expect(re.version).toBe(3);
  });

  it('validates upserts against the schema and references', () => {
    const p = store.dump('partner')[0];
    expect(() => store.patch('partner', p?.id as string, { status: 'zombie' })).toThrow(/status/);
    expect(() => store.patch('partner', p?.id as string, { extra: 1 })).toThrow(StoreError);
    expect(() => store.patch('partner', p?.id as string, { tier_id: 'diamond' })).toThrow(/missing tier/);
    expect(() => store.patch('partner', 'P-99999', { name: 'x' })).toThrow(/not found/);
    const r = store.patch('partner', p?.id as string, { name: 'Renamed Partners Inc.' });
    expect(r.version).toBe(2);
    expect(store.get('partner', p?.id as string)?.data.name).toBe('Renamed Partners Inc.');
  });

  it('answers 410 for cursors from before a compaction or another store, 400 for garbage', () => {
    const first = store.changes(null, 100);
    store.simulateActivity(10, createRng(1));
    const { cursor } = pullAll(store, () => {}, null, 10_000);
    store.simulateActivity(10, createRng(2));
    store.compact();
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof StoreError ? [e.status, e.code] : e;
      }
      return null;
    };
    expect(err(() => store.changes(first.cursor, 100))).toEqual([410, 'cursor_expired']);
    expect(err(() => store.changes(cursor, 100))).toEqual([410, 'cursor_expired']);
    expect(err(() => store.changes('not a cursor!', 100))).toEqual([400, 'bad_cursor']);
    const other = PrmStore.open(':memory:');
    expect(err(() => store.changes(other.encodeCursor({ p: 'l', q: 0 }), 10))).toEqual([410, 'cursor_expired']);
    other.close();
    // a fresh full pull after compaction still converges
    const { applyPage } = makeApplier(db.sqlite);
    const { cursor: c2 } = pullAll(store, applyPage);
    expectConverged(store, db);
    store.simulateActivity(5, createRng(3));
    pullAll(store, applyPage, c2);
    expectConverged(store, db);
  });

  it('reports remaining and has_more for progress', () => {
    const first = store.changes(null, 1000);
    expect(first.hasMore).toBe(true);
    expect(first.remaining).toBeGreaterThan(store.count() * 0.8);
    expect(first.remaining).toBeLessThan(store.count() * 1.2);
  });

  it('persists epoch and rows when reopened from a file', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'prm-store-'));
    try {
      const path = join(dir, 's.db');
      const a = PrmStore.open(path);
      a.loadBook({ seed: 1, scale: 'small', asOf: AS_OF });
      a.simulateActivity(5, createRng(1));
      const page = a.changes(null, 10);
      const epoch = a.epoch;
      const head = a.head();
      const count = a.count();
      a.close();
      const b = PrmStore.open(path);
      expect(b.epoch).toBe(epoch);
      expect(b.head()).toBe(head);
      expect(b.count()).toBe(count);
      expect(b.isEmpty()).toBe(false);
      expect(b.changes(page.cursor, 10).count).toBe(10);
      b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
