/**
 * When the book's actions cannot be ranked (the actions worker fails), QBR decks are made
 * all the same: each says in its next steps, in words, that no actions could be ranked and
 * why; a batch exports every deck and its index says it; a single pack the same.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionsWorkerOptions } from '../../../src-main/services/actions/worker/pool';
import type { QbrBatchStatus, QbrPack } from '../../../src-shared/methods/qbr';
import { stalledReplicaApi } from '../../support/stalled-replica-api';
import { holdReply, value } from '../../support/worker-gate';

const FAILING_WORKER = resolve(import.meta.dirname, '../../support/failing-actions-worker.mjs');
const SAID = /^Next-best actions could not be ranked, so none are listed \(computing the actions failed: the worker ran out of memory\)\. The rest of the deck is complete; export again to add them\.$/;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const setup = (background: ActionsWorkerOptions) => stalledReplicaApi(background, cleanup, 'pb-qbr-actions-fail-');

const nextSteps = (p: QbrPack) => p.sections.find((s) => s.key === 'next_steps')!.internal;

describe('QBR decks when the actions cannot be ranked', () => {
  it('a single pack is made, its next steps saying why it lists no actions', async () => {
    const gate = holdReply('error');
    const { router } = setup({ entry: FAILING_WORKER, beforeReply: gate.beforeReply });
    gate.release();
    const pack = value<QbrPack>(await router.handle('qbr.pack', { partnerId: 'P-1' }));
    expect(gate.replies()).toBe(1);
    const notes = nextSteps(pack);
    expect(notes.filter((l) => l.startsWith('Internal action: '))).toEqual([]);
    expect(notes.filter((l) => SAID.test(l))).toHaveLength(1);
  });

  it('a batch exports every deck, and its index and status name what they lack', async () => {
    const gate = holdReply('error');
    const { router } = setup({ entry: FAILING_WORKER, beforeReply: gate.beforeReply });
    gate.release();
    const started = value<QbrBatchStatus>(await router.handle('qbr.batch.start', { filter: { scope: 'all' }, format: 'pptx' }));
    let s = started;
    while (s.state === 'running') {
      await new Promise<void>((r) => setImmediate(r));
      s = value<QbrBatchStatus>(await router.handle('qbr.batch.status', { id: started.id }));
    }
    expect(gate.replies()).toBe(1);
    expect(s).toMatchObject({ state: 'done', total: 2, done: 2, failed: 0 });
    expect(s.message).toMatch(SAID);
    for (const item of s.items) expect(existsSync(item.file!), item.partnerId).toBe(true);
    const html = readFileSync(s.indexPath!, 'utf8');
    expect(html).toContain('<p class="notice">Next-best actions could not be ranked, so none are listed (computing the actions failed: the worker ran out of memory).');
    const csv = readFileSync(join(s.dir, 'index.csv'), 'utf8').trim().split('\n');
    expect(csv[0]!.endsWith(',note')).toBe(true);
    for (const row of csv.slice(1)) expect(row).toMatch(/,done,.*,"Next-best actions could not be ranked/);
  });
});
