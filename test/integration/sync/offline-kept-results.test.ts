/**
 * Offline, every failed sync attempt writes its own bookkeeping (the run log, its
 * retries) although no partner data changed: the kept computations (the actions ranking,
 * ROPI, the health fingerprint) must not be recomputed for that, and must be after a run
 * that pulled changes, after a local edit and after a full refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { createActionsCache } from '../../../src-main/services/actions/background';
import { fingerprint } from '../../../src-main/services/health/cache';
import { cachedRopiBook, ropiComputations } from '../../../src-main/services/ropi/cache';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { queueEdit } from '../../../src-main/sync/edits';
import { createSyncService } from '../../../src-main/sync/service';
import { DEFAULT_ACTION_SETTINGS } from '../../../src-shared/methods/actions';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

const AS_OF = '2026-11-20';
const clock = fixedClock(`${AS_OF}T09:00:00Z`);
let prm: DemoPrm;
beforeAll(async () => {
  prm = await startDemoPrm({ seed: 8, scale: 'small', asOf: AS_OF, token: 'tok' });
});
afterAll(() => prm.close());

describe('kept computations across sync runs', () => {
  it('are not recomputed after failed offline runs, and are after pulled changes, a local edit and a refresh', async () => {
    const db = openDb(':memory:');
    let url = prm.url;
    const sync = createSyncService({
      db,
      clock,
      events: new EventBus(),
      source: () => protocolV1Connector({ url, token: 'tok' }),
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const actions = createActionsCache(db);
    const rank = () => actions.ranked(AS_OF, DEFAULT_ACTION_SETTINGS);
    try {
      expect((await sync.run()).ok).toBe(true);
      await rank();
      cachedRopiBook(db, AS_OF);
      const ropi = ropiComputations();
      const fp = fingerprint(db);
      expect(actions.computations()).toBe(1);

      // On a plane: three failed runs, each logged with its retry.
      url = 'http://127.0.0.1:9';
      for (let i = 0; i < 3; i++) {
        expect((await sync.run()).ok).toBe(false);
        await rank();
        cachedRopiBook(db, AS_OF);
      }
      expect(sync.runs(3).map((r) => r.status)).toEqual(['error', 'error', 'error']);
      expect(sync.runs(1)[0]!.retries).toBe(1);
      expect(actions.computations()).toBe(1);
      expect(ropiComputations()).toBe(ropi);
      expect(fingerprint(db)).toBe(fp);

      // Back online with nothing new: still nothing to recompute.
      url = prm.url;
      expect(await sync.run()).toMatchObject({ ok: true, pulled: 0, deleted: 0 });
      await rank();
      expect(actions.computations()).toBe(1);

      // A change on the PRM, pulled: recomputed.
      const opp = prm.store.dump('opportunity').find((o) => o.data.partner_id !== null)!;
      prm.store.upsert('opportunity', opp.id, { ...opp.data, amount: opp.data.amount + 100_00 });
      expect(await sync.run()).toMatchObject({ ok: true, pulled: 1 });
      await rank();
      cachedRopiBook(db, AS_OF);
      expect(actions.computations()).toBe(2);
      expect(ropiComputations()).toBe(ropi + 1);

      // A local edit, offline: recomputed.
      url = 'http://127.0.0.1:9';
      const partner = prm.store.dump('partner')[0]!;
      queueEdit(db.sqlite, clock, { entity: 'note', id: 'N-offline', op: 'upsert', fields: { partner_id: partner.id, body: 'Call back', created_at: `${AS_OF}T08:00:00Z`, updated_at: `${AS_OF}T08:00:00Z` } });
      await rank();
      expect(actions.computations()).toBe(3);
      expect((await sync.run()).ok).toBe(false);
      await rank();
      expect(actions.computations()).toBe(3);

      // A full refresh forgets the cursor: the health fingerprint says so at once.
      url = prm.url;
      const before = fingerprint(db);
      expect((await sync.reset()).ok).toBe(true);
      expect(fingerprint(db)).not.toBe(before);
    } finally {
      await sync.close();
      await actions.close();
      db.close();
    }
  }, 120_000);
});
