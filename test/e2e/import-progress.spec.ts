/**
 * A large spreadsheet import in the browser: while the import worker reads, checks and
 * writes 300,000 partners, the wizard says which part it is in, and the import then lands.
 * Its own harness (--welcome) and a file made here. Screenshot of the progress line in
 * test-results/screens/ (1440×900).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO, startHarness, type Harness } from '../support/harness';
import { expect, test } from './fixtures';

const ROWS = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'pb-e2e-import-progress-'));
let h: Harness | null = null;

test.beforeAll(async () => {
  const lines = ['PartnerId,PartnerName,Country'];
  const countries = ['Germany', 'France', 'United States', 'Japan'];
  for (let i = 0; i < ROWS; i++) lines.push(`P${String(i).padStart(6, '0')},Partner ${i} Systems,${countries[i % countries.length]}`);
  writeFileSync(join(dir, 'partners.csv'), `${lines.join('\n')}\n`);
  h = await startHarness(['--data-dir', join(dir, 'data'), '--welcome']);
});

test.afterAll(() => {
  h?.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

test('a 300,000-row import says where it is while it runs, then lands', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(h!.url);
  await page.getByTestId('welcome-import').click();
  await page.getByTestId('new-spreadsheet-name').fill('Large book');
  await page.getByTestId('new-spreadsheet-name').press('Enter');
  await expect(page.getByTestId('page-import')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import-file-input').setInputFiles([join(dir, 'partners.csv')]);
  await page.getByTestId('import-read').click();
  await expect(page.getByTestId('import-mapping-step')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('import-live')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await page.getByTestId('import-to-review').click();
  const review = page.getByTestId('import-review-step');
  await expect(review.getByTestId('import-records-partner')).toHaveText('300,000', { timeout: 120_000 });

  await page.getByTestId('import-run').click();
  // The worker's progress, in words, under the button while it runs.
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText(/Reading the files…|Checking 300,000 rows against the book…|Writing (to the book|[\d,]+ changes to the book)/, { timeout: 60_000 });
  await expect(progress).toContainText('You can go on reading the book meanwhile');
  mkdirSync(resolve(REPO, 'test-results/screens'), { recursive: true });
  await page.screenshot({ path: resolve(REPO, 'test-results/screens/import-progress-1440x900.png') });

  const done = page.getByTestId('import-done');
  await expect(done).toBeVisible({ timeout: 240_000 });
  await expect(done.getByTestId('import-done-message')).toContainText('Imported');
  await expect(done.getByTestId('import-records-partner')).toHaveText('300,000');
  await expect(progress).toHaveCount(0);
});
