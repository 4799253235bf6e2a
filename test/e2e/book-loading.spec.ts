/**
 * Numbers you can trust while they load (issue "A CAM's week", point 4): while a
 * workspace's first sync is still bringing the book in, the Portfolio, Team and Actions say
 * "loading — n% of the book" instead of health totals, at-risk counts and a Today list
 * computed on part of it (and the Actions badge waits); Plans show no progress or pace and
 * start no plan (its baselines would be figured on part of the book); once the book is in, the figures
 * appear. And the partner page's "Activity by month" has every month, the one under
 * way marked as partial.
 *
 * The book comes from a second demo PRM (its own process) made slow through its fault
 * knobs (`/admin/faults` latency), then fast again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CLI, REPO, startHarness, type Harness } from '../support/harness';
import { E2E_AS_OF } from './global-setup';
import { expect, goto, test } from './fixtures';
import type { PartnerDetail, PartnerRow } from '../../src-shared/methods/partners';

let h: Harness | null = null;
let prm: { child: ChildProcess; url: string; token: string } | null = null;

function startSlowPrm(): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, [CLI, 'demo-prm', '--port', '0', '--seed', '11', '--scale', 'small', '--as-of', E2E_AS_OF, '--token', 'slow-book', '--latency', '700'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { url, token } = JSON.parse(line) as { url: string; token: string };
      resolve({ child, url, token });
    });
    child.once('exit', (code) => reject(new Error(`the slow demo PRM exited with ${code}`)));
  });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-e2e-loading-'));
  [h, prm] = await Promise.all([startHarness(['--data-dir', dataDir, '--welcome', '--as-of', E2E_AS_OF]), startSlowPrm()]);
});

test.afterAll(() => {
  h?.child.kill('SIGTERM');
  prm?.child.kill('SIGTERM');
});

test('during the first sync the Portfolio says how much of the book is in, not half-computed totals', async ({ page }) => {
  await page.goto(h!.url);
  await page.getByTestId('welcome-connect').click();
  await page.getByTestId('connect-url').fill(prm!.url);
  await page.getByTestId('connect-token').fill(prm!.token);
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('workspace-name')).toBeVisible({ timeout: 30_000 });
  await goto(page, '/portfolio');

  const loading = page.getByTestId('portfolio-loading');
  await expect(loading).toHaveText(/loading — (\d{1,2}% of )?the book/, { timeout: 30_000 });
  await expect(page.getByTestId('book-loading')).toContainText('Health scores, bands and the book’s totals appear when the whole book is here');
  // The partners arrived so far are listed with their record; nothing is scored on part of the book.
  const firstRow = page.locator('[data-testid=portfolio-row]').first();
  await expect(firstRow.locator('[data-col=name]')).not.toBeEmpty({ timeout: 30_000 });
  await expect(firstRow.locator('[data-col=score]')).toHaveText('…');
  await expect(firstRow.locator('[data-col=band]')).toHaveText('…');
  const partnerId = await firstRow.getAttribute('data-partner-id');
  // No totals on part of the book.
  await expect(page.getByText(/avg score/)).toHaveCount(0);
  await expect(page.getByTestId('portfolio-model')).toHaveCount(0);

  // Team and Actions say the same instead of their counts; the Actions badge waits.
  await goto(page, '/team');
  await expect(page.getByTestId('book-loading')).toContainText('The team’s health bands, movement and at-risk list appear');
  await expect(page.getByTestId('team-partners')).toHaveCount(0);
  await goto(page, '/voice');
  await expect(page.getByTestId('book-loading')).toContainText('What partners said, its themes and what changed this quarter appear');
  await expect(page.getByTestId('voice-kpi-comments')).toHaveCount(0);
  await goto(page, '/actions');
  await expect(page.getByTestId('book-loading')).toContainText('Today’s actions, the week and the backlog appear');
  await expect(page.getByTestId('actions-badge')).toHaveCount(0);
  // Plans: progress and pace wait, and no plan is started with baselines from part of the book.
  await goto(page, '/plans');
  await expect(page.getByTestId('book-loading')).toContainText('Progress, pace and new plans appear when the whole book is here');
  await expect(page.getByText('No joint business plans yet')).toHaveCount(0);
  await page.getByTestId('new-plan').click();
  await expect(page.getByTestId('new-plan-wait')).toHaveText(/^The partner book is still arriving \((\d{1,2}% so far|its first sync has not finished)\)\. A new plan’s baselines are last period’s figures: start it once the whole book is here\.$/);
  await expect(page.getByTestId('new-plan-create')).toBeDisabled();
  await page.keyboard.press('Escape');

  // A partner's page shows its record; its health, actions, forecast and ROPI wait too.
  await goto(page, `/partners/${partnerId}`);
  await expect(page.getByTestId('partner-name')).toBeVisible();
  await expect(page.getByTestId('partner-health-loading')).toHaveText(/^Health: loading — /);
  await expect(page.getByTestId('book-loading')).toContainText('Its health, next-best actions, forecast and ROPI appear when the whole book is here');
  await expect(page.getByTestId('partner-health-score')).toHaveCount(0);
  // What has not arrived is not said to be absent.
  await expect(page.getByText('No recorded activity')).toHaveCount(0);
  await expect(page.getByText('Nothing said yet')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Next two quarters' })).toHaveCount(0);
  // No QBR pack or deck from part of the book.
  await goto(page, `/qbr?partner=${partnerId}`);
  await expect(page.getByTestId('book-loading')).toContainText('QBR packs and their decks appear when the whole book is here');
  await expect(page.getByTestId('qbr-export-pptx')).toHaveCount(0);
  await goto(page, '/portfolio');

  // The PRM speeds up; the first sync completes; the figures come.
  const res = await fetch(`${prm!.url}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${prm!.token}` }, body: JSON.stringify({ latency: 0 }) });
  expect(res.ok).toBe(true);
  await expect(page.getByTestId('sync-state')).toHaveText(/^Synced/, { timeout: 120_000 });
  await expect(loading).toHaveCount(0);
  await expect(page.getByTestId('book-loading')).toHaveCount(0);
  await expect(page.getByText(/avg score \d+/)).toBeVisible();
  await expect(firstRow.locator('[data-col=score]')).toHaveText(/^\d+$/);
  // …and on the partner's page, its health and its forecast.
  await goto(page, `/partners/${partnerId}`);
  await expect(page.getByTestId('partner-health-score')).toHaveText(/^Health \d+ · /);
  await expect(page.getByRole('heading', { name: 'Next two quarters' })).toBeVisible();
  await expect(page.getByTestId('book-loading')).toHaveCount(0);
  await goto(page, '/team');
  await expect(page.getByTestId('team-partners')).toBeVisible();
  await expect(page.getByTestId('book-loading')).toHaveCount(0);
  await goto(page, `/qbr?partner=${partnerId}`);
  await expect(page.getByTestId('qbr-export-pptx')).toBeEnabled({ timeout: 30_000 });
  // Plans no longer wait; a new plan can be started.
  await goto(page, '/plans');
  await expect(page.getByTestId('plans-count')).toBeVisible();
  await expect(page.getByTestId('book-loading')).toHaveCount(0);
  await expect(page.getByTestId('book-pending')).toHaveCount(0);
  await page.getByTestId('new-plan').click();
  await expect(page.getByTestId('new-plan-wait')).toHaveCount(0);
  await page.keyboard.press('Escape');
});

test('activity by month has every month, the one under way marked as partial', async ({ app, api }) => {
  const list = await api<PartnerRow[]>('partners.list', { scope: 'all' });
  let chosen: PartnerDetail | null = null;
  for (const r of list.slice(0, 40)) {
    const d = await api<PartnerDetail>('partners.get', { id: r.id });
    const counts = d.activity_by_month.map((m) => m.count);
    if (counts.some((c) => c > 0) && counts.some((c) => c === 0)) {
      chosen = d;
      break;
    }
  }
  expect(chosen, 'a partner with quiet months in the demo book').toBeTruthy();
  // 12 months back and the current one, none missing; the book's date (the 20th) is mid-month.
  expect(chosen!.activity_by_month).toHaveLength(13);
  expect(chosen!.activity_by_month.at(-1)).toMatchObject({ month: E2E_AS_OF.slice(0, 7), partial: true });
  await goto(app, `/partners/${chosen!.partner.id}`);
  await expect(app.getByTestId('activity-chart')).toBeVisible();
  await expect(app.getByTestId('activity-partial')).toHaveText('* November 2026 so far: the month is not over.');
});
