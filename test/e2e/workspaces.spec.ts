/**
 * Workspaces in the browser: the welcome on a first start (its own harness, an empty data
 * folder, --welcome), opening the demo book from it, adding a second PRM (another demo PRM,
 * another seed) from the switcher, and switching between the two with the keyboard.
 * Screenshots of the welcome and the switcher menu at 1440×900 and 1280×800 go to
 * /tmp/shots-workspaces/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { CLI, invokeHarness, REPO, startHarness, type Harness } from '../support/harness';
import { activeWorkspace } from '../support/workspace';
import { E2E_AS_OF } from './global-setup';
import { expect, goto, test } from './fixtures';

const SHOTS = '/tmp/shots-workspaces';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

let h: Harness | null = null;
let second: { child: ChildProcess; url: string; token: string } | null = null;

/** A second demo PRM (another seed) as a separate process, like a user's own PRM. */
function startSecondPrm(port = 0, token = 'second-book-token'): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(process.execPath, [CLI, 'demo-prm', '--port', String(port), '--seed', '7', '--scale', 'small', '--as-of', E2E_AS_OF, '--token', token], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { url, token } = JSON.parse(line) as { url: string; token: string };
      resolve({ child, url, token });
    });
    child.once('exit', (code) => reject(new Error(`the second demo PRM exited with ${code}`)));
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]!);
}

/** The name of partner P-00001 in the open book (the seeds name it differently). */
async function firstPartnerName(page: Page): Promise<string> {
  await goto(page, '#/partners/P-00001');
  const title = page.getByTestId('page-title');
  await expect(title).toContainText('/');
  return (await title.innerText()).split('/').pop()!.trim();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-e2e-welcome-'));
  [h, second] = await Promise.all([startHarness(['--data-dir', dataDir, '--welcome', '--as-of', E2E_AS_OF]), startSecondPrm()]);
});

test.afterAll(() => {
  h?.child.kill('SIGTERM');
  second?.child.kill('SIGTERM');
});

test('a first start shows the welcome; a wrong PRM address is one sentence; the demo book opens from it', async ({ page }) => {
  await page.goto(h!.url);
  const welcome = page.getByTestId('welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome.getByRole('heading', { name: 'Where does your partner book come from?' })).toBeVisible();
  await expect(page.getByTestId('welcome-demo')).toBeEnabled();
  await expect(page.getByTestId('welcome-salesforce')).toBeEnabled();
  await expect(page.getByTestId('welcome-import')).toBeEnabled();
  await expect(page.getByTestId('statusbar')).toHaveCount(0);
  await shoot(page, 'welcome');

  await page.getByTestId('welcome-connect').click();
  await page.getByTestId('connect-url').fill('http://127.0.0.1:9');
  await page.getByTestId('connect-token').fill('whatever');
  await page.getByTestId('connect-submit').click();
  await expect(page.getByTestId('connect-url-error')).toHaveText(/^Can't reach the PRM at http:\/\/127\.0\.0\.1:9/);
  await shoot(page, 'welcome-connect-error');

  await page.getByTestId('welcome-demo').click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Demo book', { timeout: 30_000 });
  await expect(page.getByTestId('sync-state')).toHaveText(/^Synced/, { timeout: 120_000 });
});

test('the switcher adds a second PRM and switches between the two books with the keyboard', async ({ page }) => {
  await page.goto(h!.url);
  const trigger = page.getByTestId('workspace-switcher');
  await expect(trigger).toContainText('Demo book');

  await trigger.click();
  await page.getByTestId('workspace-add').click();
  const dialog = page.getByTestId('add-workspace-dialog');
  // The dialog opens on the source type picked last time.
  await expect(dialog.getByTestId('add-kind-prm')).toBeChecked();
  await dialog.getByTestId('add-kind-spreadsheets').check();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await trigger.click();
  await page.getByTestId('workspace-add').click();
  await expect(dialog.getByTestId('add-kind-spreadsheets')).toBeChecked();
  await dialog.getByTestId('add-kind-prm').check();
  await dialog.getByTestId('connect-name').fill('Second book');
  await dialog.getByTestId('connect-url').fill(second!.url);
  await dialog.getByTestId('connect-token').fill('not-the-token');
  await dialog.getByTestId('connect-submit').click();
  await expect(dialog.getByTestId('connect-token-error')).toHaveText('The PRM did not accept this token.');
  await shoot(page, 'add-workspace-refused-token');
  await dialog.getByTestId('connect-token').fill(second!.token);
  // A name in use (whatever its case) is refused under the name, in a sentence (it read "Taken").
  await dialog.getByTestId('connect-name').fill('demo BOOK');
  await dialog.getByTestId('connect-submit').click();
  await expect(dialog.getByTestId('connect-name-error')).toHaveText("There is already a workspace called 'Demo book'.");
  await shoot(page, 'add-workspace-name-taken');
  await dialog.getByTestId('connect-name').fill('Second book');
  await dialog.getByTestId('connect-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('workspace-name')).toHaveText('Second book', { timeout: 30_000 });
  await expect(page.getByTestId('sync-state')).toHaveText(/^Synced/, { timeout: 120_000 });
  const secondName = await firstPartnerName(page);

  // The menu lists both with the open one checked.
  await trigger.click();
  const menu = page.getByTestId('workspace-menu');
  await expect(menu.getByRole('menuitemradio')).toHaveCount(2);
  await expect(menu.getByRole('menuitemradio', { name: /Second book/ })).toHaveAttribute('aria-checked', 'true');
  await expect(menu.getByRole('menuitemradio', { name: /Demo book/ })).toHaveAttribute('aria-checked', 'false');
  await shoot(page, 'switcher-menu');
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // Keyboard: focus the switcher, open it, move to the demo book, pick it.
  await trigger.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitemradio', { name: /Demo book/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('workspace-name')).toHaveText('Demo book', { timeout: 30_000 });
  await expect(page.getByTestId('page-title')).toHaveText('Portfolio');
  const demoName = await firstPartnerName(page);
  expect(demoName).not.toBe(secondName);

  // Manage: both listed, the open one marked.
  await trigger.click();
  await page.getByTestId('workspace-manage').click();
  const manage = page.getByTestId('manage-workspaces-dialog');
  await expect(manage.locator('.ws-manage-row')).toHaveCount(2);
  await expect(manage.locator('.ws-manage-row', { hasText: 'Demo book' })).toContainText('Open');
  await shoot(page, 'manage-workspaces');
  await page.keyboard.press('Escape');
  await expect(manage).toHaveCount(0);

  // And back: the second book's rows are its own.
  await trigger.click();
  await page.getByRole('menuitemradio', { name: /Second book/ }).click();
  await expect(page.getByTestId('workspace-name')).toHaveText('Second book', { timeout: 30_000 });
  expect(await firstPartnerName(page)).toBe(secondName);
});

// The user clicks "Sync now" before the edit's own automatic sync is due: that one must not
// start later and flip the status under the open "Sign in again" dialog (it once did).
test('a revoked token: one sentence and "Sign in again" in the status bar; the queued edit goes out with the new token', async ({ page }) => {
  await page.goto(h!.url);
  await expect(page.getByTestId('workspace-name')).toHaveText('Second book');
  await expect(page.getByTestId('sync-state')).toHaveText(/^Synced/, { timeout: 60_000 });
  // An edit waits in the outbox: queued while the PRM is away, so it can't go out yet.
  const port = Number(new URL(second!.url).port);
  const exited = new Promise((r) => second!.child.once('exit', r));
  second!.child.kill('SIGTERM');
  await exited;
  const noteId = new Database(activeWorkspace(h!.dataDir).replica, { readonly: true }).prepare('SELECT id FROM note LIMIT 1').pluck().get() as string;
  await invokeHarness(h!, 'records.edit', { entity: 'note', id: noteId, fields: { body: 'Written before the sign-in changed' } });
  await expect(page.getByTestId('status-pending')).toHaveText('1 edit waiting');

  // The PRM comes back on the same address, but the old token is revoked.
  second = await startSecondPrm(port, 'rotated-token');
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-state')).toHaveText('Sync didn’t finish: The PRM did not accept your sign-in. Sign in again. Your local copy is safe.', { timeout: 60_000 });
  await expect(page.getByTestId('status-pending')).toHaveText('1 edit waiting');
  await page.getByTestId('statusbar').getByTestId('sign-in-again').click();
  const dialog = page.getByTestId('sign-in-dialog');
  await shoot(page, 'sign-in-again');
  await dialog.getByTestId('sign-in-token').fill('second-book-token');
  await dialog.getByTestId('sign-in-submit').click();
  await expect(dialog.getByTestId('sign-in-error')).toHaveText('The PRM did not accept this token.');
  await dialog.getByTestId('sign-in-token').fill('rotated-token');
  await dialog.getByTestId('sign-in-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('sync-state')).toHaveText(/^Synced/, { timeout: 60_000 });
  await expect(page.getByTestId('status-pending')).toHaveCount(0);
});
