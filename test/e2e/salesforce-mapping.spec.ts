/**
 * The Salesforce mapping dialog in the browser harness (its own harness and data folder)
 * against a fake org this spec starts in its own process (empty, with two licensed
 * partners and one Account of Type 'Partner'): Manage workspaces → Mapping… → the partner
 * filter changed to Type = Partner → Save → the sync fetches the book again and the
 * Portfolio holds the accounts of the new filter; a bad field name is refused with one
 * sentence; Reset to defaults fills the standard mapping back in. Screenshots of the
 * dialog at 1440×900 and 1280×800 go to /tmp/shots-sfmap/.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { WorkspaceRegistry } from '../../src-main/workspaces/registry';
import { writeSalesforceSignIn } from '../../src-main/workspaces/salesforce-tokens';
import { dataRootSecrets } from '../../src-main/workspaces/secrets';
import { startFakeSalesforce, type FakeSalesforce } from '../../tools/fake-salesforce/server';
import { invokeHarness, startHarness, waitForSynced, type Harness } from '../support/harness';
import { expect, test } from './fixtures';

const SHOTS = '/tmp/shots-sfmap';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

let h: Harness | null = null;
let sf: FakeSalesforce | null = null;

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
  sf = await startFakeSalesforce({ dataDir: null });
  const o = (n: string) => sf!.org.schema.objects.find((d) => d.name === n)!;
  const user = String([...sf.org.rows(o('User'))][0]!.Id);
  const account = (values: Record<string, string | boolean>) => sf!.org.insert(o('Account'), values, user);
  account({ Name: 'Contoso', IsPartner: true, Type: 'Reseller', BillingCountry: 'France' });
  account({ Name: 'Fabrikam', IsPartner: true, Type: 'Reseller', BillingCountry: 'Germany' });
  account({ Name: 'Tailspin Toys', IsPartner: false, Type: 'Partner', BillingCountry: 'Spain' });

  // A Salesforce workspace as "Connect Salesforce" leaves it: the registry entry and the session in the secret store.
  const dataDir = mkdtempSync(join(tmpdir(), 'pb-e2e-sfmap-'));
  const registry = new WorkspaceRegistry(dataDir);
  const entry = registry.add({ name: 'Fake org', source: { kind: 'salesforce', instanceUrl: sf.url, loginUrl: sf.url, clientId: sf.clientId } }, '2026-11-30T10:00:00Z');
  const t = (await (await fetch(`${sf.url}/__fake/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as Record<string, string>;
  writeSalesforceSignIn(dataRootSecrets(dataDir), entry.id, { accessToken: t.access_token!, refreshToken: t.refresh_token!, instanceUrl: t.instance_url!, idUrl: t.id!, issuedAt: Number(t.issued_at) });
  registry.setActive(entry.id);

  // PB_STATIC_DIR: a renderer build of one's own (others may be rebuilding out/ meanwhile).
  const staticDir = process.env.PB_STATIC_DIR ? ['--static-dir', process.env.PB_STATIC_DIR] : [];
  h = await startHarness(['--data-dir', dataDir, ...staticDir]);
  await waitForSynced(h);
});

test.afterAll(async () => {
  h?.child.kill('SIGTERM');
  await sf?.close();
});

const partnerNames = async () =>
  (await invokeHarness<{ rows: { name: string }[] }>(h!, 'health.portfolio', { scope: 'all' })).rows.map((r) => r.name).sort();

test('Manage workspaces → Salesforce mapping: a new partner filter refetches the book with its accounts', async ({ page }) => {
  test.setTimeout(180_000);
  expect(await partnerNames()).toEqual(['Contoso', 'Fabrikam']);
  await page.goto(h!.url);
  await expect(page.getByTestId('workspace-name')).toHaveText('Fake org', { timeout: 30_000 });

  await page.getByTestId('workspace-switcher').click();
  await page.getByTestId('workspace-manage').click();
  const manage = page.getByTestId('manage-workspaces-dialog');
  await manage.getByTestId('salesforce-mapping').click();
  const dialog = page.getByTestId('salesforce-mapping-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('sfm-partner-field')).toHaveValue('IsPartner');
  await expect(dialog.getByTestId('sfm-partner-value')).toHaveValue('true');
  await expect(dialog.getByTestId('sfm-record-types')).toHaveValue('Deal Registration');
  await shoot(page, 'mapping-defaults');

  // A field name that is not a Salesforce API name: one sentence, nothing saved.
  await dialog.getByTestId('sfm-partner-field').fill('Type = 1');
  await dialog.getByTestId('sfm-save').click();
  await expect(dialog.getByTestId('sfm-error')).toHaveText('Partner filter field must be a Salesforce API name (letters, digits and underscores, starting with a letter).');
  await shoot(page, 'mapping-error');

  await dialog.getByTestId('sfm-partner-field').fill('Type');
  await dialog.getByTestId('sfm-partner-value').fill('Partner');
  await dialog.getByTestId('sfm-certification-on').check();
  await shoot(page, 'mapping-certification');
  await dialog.getByTestId('sfm-certification-on').uncheck();
  await dialog.getByTestId('sfm-save').click();
  await expect(dialog).toHaveCount(0);

  // The save started a sync that fetches the whole book again with the new filter.
  await expect.poll(partnerNames, { timeout: 60_000 }).toEqual(['Tailspin Toys']);
  await page.keyboard.press('Escape');
  await page.getByRole('link', { name: 'Portfolio' }).first().click();
  await expect(page.getByText('Tailspin Toys').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Contoso')).toHaveCount(0);

  // Reset to defaults fills in the standard mapping (saved only with Save).
  await page.getByTestId('workspace-switcher').click();
  await page.getByTestId('workspace-manage').click();
  await page.getByTestId('manage-workspaces-dialog').getByTestId('salesforce-mapping').click();
  await expect(dialog.getByTestId('sfm-partner-field')).toHaveValue('Type');
  await dialog.getByTestId('sfm-reset').click();
  await expect(dialog.getByTestId('sfm-partner-field')).toHaveValue('IsPartner');
  await dialog.getByTestId('sfm-save').click();
  await expect(dialog).toHaveCount(0);
  await expect.poll(partnerNames, { timeout: 60_000 }).toEqual(['Contoso', 'Fabrikam']);

  // The Sync page's Salesforce line opens the same dialog.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('manage-workspaces-dialog')).toHaveCount(0);
  await page.getByRole('link', { name: 'Sync' }).first().click();
  await page.getByTestId('sync-salesforce-mapping').click();
  await expect(dialog.getByTestId('sfm-partner-field')).toHaveValue('IsPartner');
  await shoot(page, 'mapping-from-sync');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
});
