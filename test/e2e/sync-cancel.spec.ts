/**
 * A PRM that takes requests and does not answer (the demo PRM's injected latency of two
 * minutes a request): the Sync page offers Cancel while it runs, and Cancel stops the sync
 * at once and says so; Sync now works again after. Screenshots (1440×900, 1280×800) to
 * test-results/screens/.
 */
import { mkdirSync } from 'node:fs';
import type { SyncStatus } from '../../src-shared/methods/sync';
import { expect, goto, test } from './fixtures';
import { prmFaults as faults } from './prm-faults';

const DIR = 'test-results/screens';

test.afterEach(async () => {
  // Never leave the PRM hanging for the next spec.
  await faults({ latency: 0 }).catch(() => undefined);
});

test('a sync waiting on a PRM that does not answer can be cancelled from the Sync page', async ({ app, api }) => {
  test.setTimeout(90_000);
  mkdirSync(DIR, { recursive: true });
  await expect.poll(async () => (await api<SyncStatus>('sync.status')).state, { timeout: 60_000 }).not.toBe('syncing');
  await goto(app, '/sync');
  await expect(app.getByTestId('sync-cancel')).toHaveCount(0);
  await faults({ latency: 120_000 });
  await app.getByTestId('sync-page-run').click();
  const cancel = app.getByTestId('sync-cancel');
  await expect(cancel).toBeVisible();
  await expect(app.getByTestId('sync-page-run')).toBeDisabled();
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await app.setViewportSize({ width, height });
    await app.screenshot({ path: `${DIR}/sync-cancel-${width}.png` });
  }
  await cancel.click();
  await expect(app.getByTestId('sync-reason')).toHaveText('Sync cancelled. Nothing is lost: what arrived is kept, and edits not yet sent wait for the next sync.');
  await expect(app.getByTestId('sync-cancel')).toHaveCount(0);
  await expect(app.getByTestId('sync-page-run')).toBeEnabled();
  // Said once: not again as the run's own error.
  expect((await app.locator('.sync-hero-main').innerText()).split('Sync cancelled')).toHaveLength(2);
  await expect(app.locator('.sync-hero-main')).not.toContainText('Sync was stopped');
  const [last] = await api<{ status: string }[]>('sync.runs', { limit: 1 });
  expect(last!.status).toBe('aborted');
  await expect(app.getByTestId('sync-run-row').first()).toContainText(/Stopped.*Cancelled\./);
  await app.screenshot({ path: `${DIR}/sync-cancelled-1280.png` });

  await faults({ latency: 0 });
  await app.getByTestId('sync-page-run').click();
  await expect(app.getByTestId('sync-headline')).toContainText('Synced', { timeout: 60_000 });
});
