/**
 * Connect Salesforce in the browser harness (its own harness, an empty data folder,
 * --welcome) against a fake org the spec starts, seeded with the AdventureWorks reseller
 * files: Welcome → Connect Salesforce → the fake's address as the custom login URL under
 * Advanced → the new tab follows the authorize redirect back to Partnerbook's loopback
 * callback → the workspace exists, shows the Salesforce user, syncs, and the Sync page
 * shows the API usage. Screenshots of the form and the Sync page at 1440×900 and
 * 1280×800 go to /tmp/shots-sf/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Page } from '@playwright/test';
import { REPO, startHarness, type Harness } from '../support/harness';
import { expect, goto, test } from './fixtures';

const SHOTS = '/tmp/shots-sf';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];
const AW = '/work/shared/data/adventureworks-reseller-channel';
const awPresent = existsSync(join(AW, 'Resellers.csv'));

let h: Harness | null = null;
let dataDir = '';
let org: { child: ChildProcess; url: string; clientId: string; username: string } | null = null;

function startFakeOrg(): Promise<NonNullable<typeof org>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/fake-salesforce/cli.ts', '--port', '0', '--data-dir', AW], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const { url, clientId, username } = JSON.parse(line) as { url: string; clientId: string; username: string };
      resolve({ child, url, clientId, username });
    });
    child.once('exit', (code) => reject(new Error(`the fake Salesforce exited with ${code}`)));
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

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  if (!awPresent) {
    console.log(`salesforce-connect.spec: skipped — the AdventureWorks files are not at ${AW}`);
    return;
  }
  // Any free loopback port for the sign-in (the fake accepts any loopback callback).
  process.env.PARTNERBOOK_SALESFORCE_CALLBACK_PORT = '0';
  dataDir = mkdtempSync(join(tmpdir(), 'pb-e2e-sf-'));
  // PB_STATIC_DIR: a renderer build of one's own (others may be rebuilding out/ meanwhile).
  const staticDir = process.env.PB_STATIC_DIR ? ['--static-dir', process.env.PB_STATIC_DIR] : [];
  [h, org] = await Promise.all([startHarness(['--data-dir', dataDir, '--welcome', ...staticDir]), startFakeOrg()]);
});

test.afterAll(() => {
  h?.child.kill('SIGTERM');
  org?.child.kill('SIGTERM');
});

test('Welcome → Connect Salesforce → browser sign-in → the workspace syncs and shows who signed in and the API usage', async ({ page }) => {
  test.skip(!awPresent, `the AdventureWorks files are not at ${AW}`);
  test.setTimeout(300_000);
  await page.goto(h!.url);
  await page.getByTestId('welcome-salesforce').click();
  const form = page.getByTestId('connect-salesforce-form');
  await expect(form).toBeVisible();
  await expect(form.getByText('from your Salesforce admin, see resources/salesforce/README.md')).toBeVisible();

  // A refused address is one sentence on its field, and nothing starts.
  await page.getByTestId('sf-advanced').click();
  await page.getByTestId('sf-login-url').fill('http://sf.example.com');
  await page.getByTestId('sf-client-id').fill(org!.clientId);
  await page.getByTestId('sf-submit').click();
  await expect(page.getByTestId('sf-login-url-error')).toHaveText(/https/);

  await page.getByTestId('sf-login-url').fill(org!.url);
  await shoot(page, 'connect-form');

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('sf-submit').click()]);
  // The new tab goes to the fake's authorize page, which redirects straight back to the loopback callback.
  await expect(popup.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible({ timeout: 30_000 });
  await popup.close();

  await expect(page.getByTestId('workspace-name')).toHaveText(/^Salesforce \(127\.0\.0\.1:\d+\)$/, { timeout: 30_000 });
  await expect(page.getByTestId('workspace-switcher')).toHaveAttribute('title', new RegExp(`Salesforce · ${org!.username.replace(/[.@]/g, '\\$&')} · 127\\.0\\.0\\.1`));
  await expect(page.getByTestId('sync-state')).toHaveText(/^Synced/, { timeout: 240_000 });

  await goto(page, '#/sync');
  await expect(page.getByTestId('page-sync')).toContainText(`signed in as ${org!.username}`);
  await expect(page.getByTestId('sync-api-usage')).toHaveText(/^API requests: [\d,]+ of [\d,]+ in the last 24 h$/);
  // The page names the source it syncs with: Salesforce, not "the PRM".
  await expect(page.getByTestId('page-sync').getByRole('heading', { name: 'Rejected by Salesforce' })).toBeVisible();
  await expect(page.getByTestId('page-sync')).not.toContainText('PRM');

  // The org stops offering deal registrations (Lead hidden from this user): the next sync goes on and says so.
  const hide = await fetch(`${org!.url}/__fake/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hiddenObjects: ['Lead'] }) });
  expect(hide.ok).toBe(true);
  await page.getByTestId('identity-confirm').click();
  await page.getByTestId('sync-page-run').click();
  await expect(page.getByTestId('sync-unavailable')).toContainText('Not available in your org: deal registrations', { timeout: 120_000 });
  await expect(page.getByTestId('sync-runs')).toContainText('Completed');
  await shoot(page, 'sync-page');
});

test('Cancel while waiting for the browser stops the sign-in and leaves the form', async ({ page }) => {
  test.skip(!awPresent, `the AdventureWorks files are not at ${AW}`);
  await page.goto(h!.url);
  await page.getByTestId('workspace-switcher').click();
  await page.getByTestId('workspace-add').click();
  await page.getByTestId('add-kind-salesforce').check();
  const form = page.getByTestId('connect-salesforce-form');
  // Prefilled with what was used last.
  await expect(page.getByTestId('sf-client-id')).toHaveValue(org!.clientId);
  await expect(page.getByTestId('sf-login-url')).toHaveValue(org!.url);
  await shoot(page, 'add-workspace-form');
  // A consumer key the org does not know: the tab shows Salesforce's error page and nothing comes back.
  await page.getByTestId('sf-client-id').fill('not-the-consumer-key');
  const [popup] = await Promise.all([page.waitForEvent('popup'), form.getByTestId('sf-submit').click()]);
  await expect(page.getByTestId('sf-waiting')).toContainText('Waiting for you to sign in to Salesforce');
  await shoot(page, 'waiting');
  await popup.close();
  await page.getByTestId('sf-cancel-wait').click();
  await expect(page.getByTestId('connect-salesforce-form')).toBeVisible();
  await expect(page.getByTestId('sf-waiting')).toHaveCount(0);
});

test('when Salesforce stops accepting the sign-in, Sign in again on the Sync page runs the browser sign-in and the sync goes on', async ({ page }) => {
  test.skip(!awPresent, `the AdventureWorks files are not at ${AW}`);
  test.setTimeout(180_000);
  // Revoke the stored sign-in: spend its refresh token elsewhere, then let the session expire.
  const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { entries: Record<string, { value: string }> };
  const stored = Object.entries(secrets.entries).find(([k]) => k.startsWith('token:'))![1].value;
  const refreshToken = (JSON.parse(stored) as { salesforce: { refreshToken: string } }).salesforce.refreshToken;
  const spent = await fetch(`${org!.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: org!.clientId, refresh_token: refreshToken }).toString(),
  });
  expect(spent.status).toBe(200);
  await fetch(`${org!.url}/__fake/expire-tokens`, { method: 'POST' });

  await page.goto(h!.url);
  await goto(page, '#/sync');
  await page.getByTestId('sync-page-run').click();
  await expect(page.getByTestId('sync-headline')).toBeVisible();
  await expect(page.getByTestId('page-sync')).toContainText('Salesforce no longer accepts this sign-in. Sign in again.', { timeout: 60_000 });
  await page.locator('.sync-hero').getByTestId('sign-in-again').click();
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog.getByTestId('sf-client-id')).toHaveValue(org!.clientId);
  await expect(dialog.getByTestId('sf-login-url')).toHaveValue(org!.url);
  await shoot(page, 'sign-in-again');
  const [popup] = await Promise.all([page.waitForEvent('popup'), dialog.getByTestId('sf-submit').click()]);
  await expect(popup.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible({ timeout: 30_000 });
  await popup.close();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('sync-headline')).toHaveText(/^Synced/, { timeout: 120_000 });
});
