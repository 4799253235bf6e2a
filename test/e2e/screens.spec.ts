/** Saves 1440×900 screenshots of the main screens to test-results/screens/ for review. */
import { mkdirSync } from 'node:fs';
import { expect, goto, test } from './fixtures';
import type { PartnerRow } from '../../src-shared/methods/partners';

const DIR = 'test-results/screens';

test.use({ viewport: { width: 1440, height: 900 } });

test('screens at 1440x900', async ({ app, api }) => {
  mkdirSync(DIR, { recursive: true });
  await expect(app.locator('[data-testid=portfolio-row]').first()).toBeVisible();
  await expect(app.getByTestId('sync-state')).toContainText(/Synced/);
  await app.screenshot({ path: `${DIR}/portfolio.png` });

  const list = await api<PartnerRow[]>('partners.list');
  const top = [...list].sort((a, b) => b.revenue_t4q - a.revenue_t4q)[0]!;
  await goto(app, `/partners/${top.id}`);
  await expect(app.getByTestId('partner-name')).toHaveText(top.name);
  await expect(app.locator('[data-testid=activity-chart] canvas')).toBeVisible();
  await app.waitForTimeout(500); // chart animation
  await app.screenshot({ path: `${DIR}/partner.png` });

  await app.getByTestId('tab-opportunities').click();
  await app.screenshot({ path: `${DIR}/partner-opportunities.png` });

  await goto(app, '/sync');
  await expect(app.locator('[data-testid=sync-run-row]').first()).toBeVisible();
  await app.screenshot({ path: `${DIR}/sync.png` });
});
