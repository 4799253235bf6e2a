/**
 * A QBR pack's suggested actions come from the workspace's actions cache (services/qbr/
 * open-actions.ts), ranked in the actions worker for a replica file: while the ranking runs,
 * other API calls are answered; the pack is the one the synchronous path (ranking on the
 * calling thread) builds; the Actions screens reuse the ranking. No timing: the worker's
 * reply is held (the pool's test-only `beforeReply`) until the test has seen what it waits for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import type { Db } from '../../../src-main/db/connection';
import { createForecastService } from '../../../src-main/services/forecast/service';
import { listActions } from '../../../src-main/services/actions/service';
import type { ActionsWorkerOptions } from '../../../src-main/services/actions/worker/pool';
import { createQbrService } from '../../../src-main/services/qbr/service';
import type { QbrBatchStatus, QbrPack } from '../../../src-shared/methods/qbr';
import { holdReply, value } from '../../support/worker-gate';
import { summarizeActions } from '../../../src-main/services/actions/service';
import { stalledReplicaApi } from '../../support/stalled-replica-api';
import { AS_OF } from '../../unit/actions/fixture';

const clock = fixedClock(AS_OF);
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** The stalled book in a replica file, served by the API with its actions ranked in the worker. */
const setup = (background: ActionsWorkerOptions) => stalledReplicaApi(background, cleanup, 'pb-qbr-actions-');

/** The internal action lines of the pack's next steps (what the deck's speaker notes say of the actions). */
const actionLines = (p: QbrPack) => p.sections.find((s) => s.key === 'next_steps')!.internal.filter((l) => l.startsWith('Internal action: '));

/** The same pack built the old way: every source, the book's actions included, on this thread. */
const syncPack = (db: Db, dir: string, partnerId: string, quarter?: string) =>
  createQbrService({ db, clock, dataDir: dir, forecast: createForecastService({ db, clock }) }).pack(partnerId, quarter);

describe("a QBR pack's actions ranked in the actions worker", () => {
  it('answers other calls while the pack awaits its ranking; the pack is the synchronous one, and the Actions screens reuse the ranking', async () => {
    const gate = holdReply('rank');
    const { db, dir, router } = setup({ beforeReply: gate.beforeReply });
    // The health model records its inputs (of today and of the trend's dates) on its first computation: a write, after
    // which the actions are ranked again. Done first, so that the ranking the deck awaits is the one the Actions screens reuse.
    value(await router.handle('health.partner', { id: 'P-1' }));
    // One of P-1's actions is done: the deck leaves it out.
    const p1 = listActions(db, clock, { partnerId: 'P-1' }).actions;
    expect(p1.length).toBeGreaterThan(1);
    value(await router.handle('actions.setState', { key: p1[0]!.key, partnerId: 'P-1', state: 'done' }));

    const order: string[] = [];
    const pending = router.handle('qbr.pack', { partnerId: 'P-1' }).then((r) => {
      order.push('qbr.pack');
      return r;
    });
    const partners = await router.handle('partners.list', {});
    order.push('partners.list');
    const portfolio = await router.handle('health.portfolio', {});
    order.push('health.portfolio');
    // Both were answered while the pack waited for the book's ranking...
    expect(order).toEqual(['partners.list', 'health.portfolio']);
    expect(value<unknown[]>(partners).length).toBe(2);
    expect(portfolio.ok).toBe(true);
    // ...which the worker made (its reply is the one held).
    await gate.workerReplied;
    gate.release();
    const pack = value<QbrPack>(await pending);
    expect(order).toEqual(['partners.list', 'health.portfolio', 'qbr.pack']);
    // The Actions screens reuse the ranking the deck awaited, and so does the next deck: it was made once.
    // (and the badge's counts from it are those the calling thread computes on the same replica)
    expect(value(await router.handle('actions.summary', {}))).toEqual(summarizeActions(db, clock));
    const p2 = value<QbrPack>(await router.handle('qbr.pack', { partnerId: 'P-2' }));
    expect(gate.replies()).toBe(1);

    // The same deck as the synchronous path: same actions, order, titles, details and dates.
    const lines = actionLines(pack);
    expect(lines.length).toBe(p1.length - 1);
    expect(lines.join('\n')).not.toContain(p1[0]!.suggestionHere);
    expect(pack).toEqual(syncPack(db, dir, 'P-1'));
    expect(p2).toEqual(syncPack(db, dir, 'P-2'));
  });

  it("a past quarter's deck ranks as of the quarter's end, the same as the synchronous path", async () => {
    const { db, dir, router } = setup({});
    const pack = value<QbrPack>(await router.handle('qbr.pack', { partnerId: 'P-1', quarter: '2026-Q3' }));
    expect(pack.quarter).toBe('2026-Q3');
    expect(pack).toEqual(syncPack(db, dir, 'P-1', '2026-Q3'));
  });

  it('a batch of decks awaits one ranking, answering other calls meanwhile', async () => {
    const gate = holdReply('rank');
    const { router } = setup({ beforeReply: gate.beforeReply });
    value(await router.handle('health.portfolio', {}));
    const started = value<QbrBatchStatus>(await router.handle('qbr.batch.start', { filter: { scope: 'all' }, format: 'pptx' }));
    const status = async () => value<QbrBatchStatus>(await router.handle('qbr.batch.status', { id: started.id }));
    let s = started;
    // Until the worker has ranked the book (its reply held) or the batch has ended without it.
    while (gate.replies() === 0 && s.state === 'running') {
      await new Promise<void>((r) => setImmediate(r));
      s = await status();
    }
    expect(gate.replies()).toBe(1);
    // Held: no deck is built yet, and the API answers.
    s = await status();
    expect(s.state).toBe('running');
    expect(s.done).toBe(0);
    expect(value<unknown[]>(await router.handle('partners.list', {})).length).toBe(2);
    gate.release();
    while (s.state === 'running') {
      await new Promise<void>((r) => setImmediate(r));
      s = await status();
    }
    expect(s.state).toBe('done');
    expect(s.done).toBe(2);
    expect(gate.replies()).toBe(1);
  });
});
