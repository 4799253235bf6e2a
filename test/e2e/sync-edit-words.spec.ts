/**
 * Issue 14 point 5: edits waiting for the PRM read as the user made them. An action marked
 * done, one snoozed and one dismissed while the PRM is unreachable show on the Sync page as
 * "<partner> · Action <rule> — Marked done", "Snoozed until …", "Dismissed: “…”": no
 * stored fields ("State: — → Done"), no "— → —", no "Updated at", no action keys.
 * Screenshots (1440×900, 1280×800) to test-results/screens/.
 */
import { mkdirSync } from 'node:fs';
import type { ActionList } from '../../src-shared/methods/actions';
import type { OutboxEntry, SyncStatus } from '../../src-shared/methods/sync';
import { expect, goto, test } from './fixtures';
import { prmFaults as faults } from './prm-faults';

const DIR = 'test-results/screens';

test.afterEach(async () => {
  await faults({ dropEvery: 0 }).catch(() => undefined);
});

test('an action marked done, snoozed or dismissed offline reads as what the user did on the Sync page', async ({ app, api }) => {
  test.setTimeout(120_000);
  mkdirSync(DIR, { recursive: true });
  await expect.poll(async () => (await api<SyncStatus>('sync.status')).state, { timeout: 60_000 }).not.toBe('syncing');
  await faults({ dropEvery: 1 });
  const list = await api<ActionList>('actions.list', { scope: 'all' });
  const [a, b, c] = list.actions.filter((x, i, all) => all.findIndex((y) => y.partnerId === x.partnerId) === i);
  await api('actions.setState', { key: a!.key, partnerId: a!.partnerId, state: 'done' });
  await api('actions.setState', { key: b!.key, partnerId: b!.partnerId, state: 'snoozed', snoozeUntil: '2026-12-12' });
  await api('actions.setState', { key: c!.key, partnerId: c!.partnerId, state: 'dismissed', reason: 'Partner is winding down' });
  const mine = (await api<OutboxEntry[]>('sync.outbox')).filter((e) => e.entity === 'action_state' && [a!.key, b!.key, c!.key].includes(e.record_id));
  expect(mine).toHaveLength(3);
  try {
    await goto(app, '/sync');
    const rows = app.getByTestId('pending-edit');
    const row = (name: string) => rows.filter({ hasText: name });
    await expect(row(a!.partnerName).getByTestId('edit-change')).toHaveText('Marked done');
    await expect(row(a!.partnerName).getByTestId('edit-heading')).toContainText(a!.partnerName);
    await expect(row(a!.partnerName).getByTestId('edit-heading')).toContainText(a!.ruleLabel);
    await expect(row(b!.partnerName).getByTestId('edit-change')).toHaveText('Snoozed until Dec 12, 2026');
    await expect(row(c!.partnerName).getByTestId('edit-change')).toHaveText('Dismissed: “Partner is winding down”');
    const text = await app.getByTestId('pending-list').innerText();
    for (const bad of ['— → —', 'Updated at', 'State', 'Snoozed until: ', a!.key, b!.key, c!.key]) expect(text).not.toContain(bad);
    for (const [width, height] of [
      [1440, 900],
      [1280, 800],
    ] as const) {
      await app.setViewportSize({ width, height });
      await app.getByTestId('pending-list').scrollIntoViewIfNeeded();
      await app.screenshot({ path: `${DIR}/sync-pending-actions-${width}.png` });
    }
  } finally {
    for (const e of mine) await api('sync.discard', { mutation_id: e.mutation_id });
  }
});
