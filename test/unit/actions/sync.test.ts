/**
 * Action states travel through the outbox: set on one replica, pushed to the demo PRM,
 * pulled by another replica, where the same actions are hidden with the same states.
 * A finished sync records the fired set for the digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionHandlers } from '../../../src-main/api/areas/actions';
import type { HandlerDeps } from '../../../src-main/api/areas/deps';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { listActions } from '../../../src-main/services/actions/service';
import { fixedClock } from '../../../src-main/base/clock';
import { createSyncService } from '../../../src-main/sync/service';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

const AS_OF = '2026-11-20';
let prm: DemoPrm;
beforeAll(async () => {
  prm = await startDemoPrm({ seed: 5, scale: 'small', asOf: AS_OF, token: 't' });
});
afterAll(() => prm.close());

function replica() {
  const db = openDb(':memory:');
  const events = new EventBus();
  const clock = fixedClock(`${AS_OF}T09:00:00Z`);
  const sync = createSyncService({ db, clock, events, source: () => protocolV1Connector({ url: prm.url, token: 't' }), pageSize: 5000, editDebounceMs: 60_000 });
  const deps: HandlerDeps = { db, clock, events, sync, dataDir: '' };
  return { db, clock, sync, h: actionHandlers(deps) };
}

describe('action states sync through the outbox', () => {
  it('done and snoozed states set on one replica hide the same actions on another', async () => {
    const a = replica();
    expect((await a.sync.run()).ok).toBe(true);
    const list = await a.h['actions.list']({});
    expect(list.actions.length).toBeGreaterThan(10);
    // Snooze an action that still fires on the wake-up date, so its return can be seen.
    const stillFiring = new Set(listActions(a.db, fixedClock('2026-12-01')).actions.map((x) => x.key));
    const first = list.actions[0];
    const second = list.actions.slice(1).find((x) => stillFiring.has(x.key));
    await a.h['actions.setState']({ key: first!.key, partnerId: first!.partnerId, state: 'done' });
    await a.h['actions.setState']({ key: second!.key, partnerId: second!.partnerId, state: 'snoozed', snoozeUntil: '2026-12-01' });
    expect(a.db.sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'action_state' AND status = 'pending'").pluck().get()).toBe(2);

    const pushed = await a.sync.run();
    expect(pushed).toMatchObject({ ok: true, pushed: 2, applied: 2, rejected: 0 });
    expect(a.db.sqlite.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    // Recomputed after the sync: still hidden, now from the server's copy (not pending).
    const afterA = listActions(a.db, a.clock, { includeHidden: true });
    expect(afterA.actions.find((x) => x.key === first!.key)).toMatchObject({ hidden: true, state: { state: 'done', pending: false } });

    const b = replica();
    expect((await b.sync.run()).ok).toBe(true);
    const onB = listActions(b.db, b.clock);
    expect(onB.actions.map((x) => x.key)).not.toContain(first!.key);
    expect(onB.actions.map((x) => x.key)).not.toContain(second!.key);
    const hidden = listActions(b.db, b.clock, { includeHidden: true }).actions.filter((x) => x.hidden);
    expect(hidden.map((x) => [x.key, x.state?.state, x.state?.snoozeUntil])).toEqual(
      expect.arrayContaining([
        [first!.key, 'done', null],
        [second!.key, 'snoozed', '2026-12-01'],
      ]),
    );
    // The snooze ends on its date on the other replica too.
    expect(listActions(b.db, fixedClock('2026-12-01')).actions.map((x) => x.key)).toContain(second!.key);
  });

  it('records the fired set when a sync finishes, for the digest', async () => {
    const c = replica();
    await c.sync.run();
    await new Promise((r) => setImmediate(r));
    const recorded = c.db.sqlite.prepare('SELECT synced_at, count(*) AS n FROM action_snapshot GROUP BY synced_at').all();
    expect(recorded).toEqual([{ synced_at: `${AS_OF}T09:00:00Z`, n: listActions(c.db, c.clock, { includeHidden: true }).actions.length }]);
    const digest = await c.h['actions.digest']({});
    expect(digest).toMatchObject({ syncedAt: `${AS_OF}T09:00:00Z`, previousSyncedAt: null });
  });
});
