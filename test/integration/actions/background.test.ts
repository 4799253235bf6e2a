/**
 * The book's actions ranked in the worker (services/actions/background.ts, worker/): while a
 * ranking runs, other calls are answered; a write during it yields the lists of a fresh
 * computation afterwards. No timing: the worker's reply is held (the pool's test-only
 * `beforeReply`) until the test has seen what it waits for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { setMoneyDisplay } from '../../../src-shared/format';
import { DEFAULT_MONEY_DISPLAY } from '../../../src-shared/money-display';
import { actionDigest, listActions, RANK_STEPS, summarizeActions, weekPlan } from '../../../src-main/services/actions/service';
import { setState } from '../../../src-main/sync/state';
import type { ActionsWorkerOptions } from '../../../src-main/services/actions/worker/pool';
import { bookFilter } from '../../../src-main/services/identity';
import type { ActionList, ActionsProgress } from '../../../src-shared/methods/actions';
import { holdReply, value } from '../../support/worker-gate';
import { stalledReplicaApi } from '../../support/stalled-replica-api';
import { AS_OF } from '../../unit/actions/fixture';

const clock = fixedClock(AS_OF);
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  setMoneyDisplay(DEFAULT_MONEY_DISPLAY);
});

/** The stalled book in a replica file, served by the API with its actions ranked in the worker. */
const setup = (background: ActionsWorkerOptions) => stalledReplicaApi(background, cleanup, 'pb-actions-worker-');

const same = (l: ActionList) => ({ ...l, computeMs: 0 });

describe('actions ranked in the worker', () => {
  it('answers other calls while the ranking runs, then the same summary, list and week as on this thread', async () => {
    const gate = holdReply('rank');
    const { db, router, events } = setup({ beforeReply: gate.beforeReply });
    const progress: ActionsProgress[] = [];
    events.on('actions.progress', (p) => progress.push(p));
    // The health model records its inputs on its first computation (a write, which would start the ranking again).
    value(await router.handle('health.portfolio', {}));
    const order: string[] = [];
    const summary = router.handle('actions.summary', {}).then((r) => {
      order.push('actions.summary');
      return r;
    });
    const partners = await router.handle('partners.list', {});
    order.push('partners.list');
    const portfolio = await router.handle('health.portfolio', {});
    order.push('health.portfolio');
    // Both were answered while the summary waited for its ranking...
    expect(order).toEqual(['partners.list', 'health.portfolio']);
    expect(value<unknown[]>(partners).length).toBe(2);
    expect(portfolio.ok).toBe(true);
    // ...which the worker made (its reply is the one held).
    await gate.workerReplied;
    // While it ran, the worker said how far it had got: the book's reads, each rule, then the packing, in order.
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: RANK_STEPS + 1 }, (_, i) => i + 1));
    expect(progress.every((p) => p.total === RANK_STEPS + 1)).toBe(true);
    gate.release();
    const s = value(await summary);
    expect(order).toEqual(['partners.list', 'health.portfolio', 'actions.summary']);
    const owners = bookFilter(db).owners;
    expect(s).toEqual(summarizeActions(db, clock, { owners }));
    // The list (evidence built by the worker for the returned actions) and the week, from the same ranking.
    const list = value<ActionList>(await router.handle('actions.list', {}));
    expect(list.actions.length).toBeGreaterThan(2);
    expect(list.actions.every((a) => a.facts.length > 0)).toBe(true);
    expect(same(list)).toEqual(same(listActions(db, clock, { owners })));
    const paged = value<ActionList>(await router.handle('actions.list', { perBucket: 1 }));
    expect(same(paged)).toEqual(same(listActions(db, clock, { owners, perBucket: 1 })));
    expect(value(await router.handle('actions.week', {}))).toEqual(weekPlan(db, clock, { owners }));
    expect(gate.replies()).toBe(1);
  });

  it('ranks again when the replica changes while a ranking runs: the list is a fresh computation after the write', async () => {
    const gate = holdReply('rank');
    const { db, router } = setup({ beforeReply: gate.beforeReply });
    const pending = router.handle('actions.list', {});
    await gate.workerReplied;
    // The worker ranked the book with O-OTHER still stalled; it is lost before the answer is used.
    db.sqlite.prepare("UPDATE opportunity SET stage = 'closed_lost' WHERE id = 'O-OTHER'").run();
    gate.release();
    const list = value<ActionList>(await pending);
    expect(gate.replies()).toBe(2);
    expect(list.actions.map((a) => a.key).some((k) => k.includes('O-OTHER'))).toBe(false);
    expect(same(list)).toEqual(same(listActions(db, clock, { owners: bookFilter(db).owners })));
  });

  it('ranks again after an edit made through the API, and shows it', async () => {
    const { db, router } = setup({});
    const before = value<ActionList>(await router.handle('actions.list', {}));
    const top = before.actions[0]!;
    value(await router.handle('actions.setState', { key: top.key, partnerId: top.partnerId, state: 'done' }));
    const after = value<ActionList>(await router.handle('actions.list', {}));
    expect(after.actions.map((a) => a.key)).not.toContain(top.key);
    expect(same(after)).toEqual(same(listActions(db, clock, { owners: bookFilter(db).owners })));
  });

  it('closing the workspace fails a ranking still running with a plain sentence, and stops the worker', async () => {
    const gate = holdReply('rank');
    const { router, close } = setup({ beforeReply: gate.beforeReply });
    const pending = router.handle('actions.summary', {});
    await gate.workerReplied;
    await close();
    gate.release();
    const res = await pending;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toEqual({ code: 'unavailable', message: 'The workspace was closed while its actions were being computed.' });
  });

  it("writes titles and evidence with the process's money display", async () => {
    const { db, router } = setup({});
    value(await router.handle('display.set', { settings: { locale: 'de-DE', currencyAs: 'code', tableAmounts: 'full' } }));
    const list = value<ActionList>(await router.handle('actions.list', {}));
    const text = JSON.stringify(list.actions.map((a) => [a.suggestion, a.facts]));
    expect(text).toMatch(/900\.000\sUSD/);
    expect(text).not.toContain('$');
    expect(same(list)).toEqual(same(listActions(db, clock, { owners: bookFilter(db).owners })));
  });

  it("records the digest's fired set from the worker's ranking, the same as on this thread", async () => {
    const { db, router } = setup({});
    setState(db.sqlite, 'last_synced_at', '2026-11-20T08:00:00Z');
    const digest = value(await router.handle('actions.digest', {}));
    expect(db.sqlite.prepare('SELECT count(*) FROM action_snapshot').pluck().get()).toBe(listActions(db, clock, { includeHidden: true }).actions.length);
    expect(digest).toEqual(actionDigest(db, clock));
  });
});
