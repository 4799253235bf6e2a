/**
 * Issue 16, points 2 and 3 in Chromium: the partner page's "Return on investment" panel
 * (the formula with the partner's own numbers, exactly the figures `ropi.partner` returns),
 * the Portfolio's Attributed and ROPI columns from the column chooser, and Settings › ROPI
 * refusing a share above 100% with a sentence. Screenshots at 1440×900 and 1280×800 go to
 * $PB_SHOTS_DIR (default test-results/screens-16-ropi).
 */
import { mkdirSync } from 'node:fs';
import { formatMoneyShort } from '../../src-shared/format';
import type { RopiBook, RopiPartnerDetail } from '../../src-shared/methods/ropi';
import { formatRopi, ropiFormula } from '../../src-shared/ropi-formula';
import { expect, goto, test } from './fixtures';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-16-ropi';

test('the partner page shows the ROPI formula with its numbers, the Portfolio the ROPI and Attributed columns', async ({ app, api }) => {
  test.setTimeout(120_000);
  const book = await api<RopiBook>('ropi.book', { scope: 'all' });
  // A partner with both sourced and influenced revenue, so both terms show.
  const p = book.rows.find((r) => r.trailing.sourced > 0 && r.trailing.influenced > 0 && r.trailing.ropi !== null) ?? book.rows[0]!;
  const detail = await api<RopiPartnerDetail>('ropi.partner', { id: p.id });
  const lines = ropiFormula(detail.row.trailing, (m) => formatMoneyShort(m, detail.row.currency), detail.tier?.median ?? null);
  mkdirSync(DIR, { recursive: true });

  await goto(app, `/partners/${p.id}`);
  const panel = app.getByTestId('ropi-panel');
  await expect(panel).toBeVisible();
  const formula = panel.getByTestId('ropi-formula').locator('li');
  await expect(formula.nth(0)).toHaveText(lines.return);
  await expect(formula.nth(1)).toHaveText(lines.investment);
  await expect(formula.nth(2)).toHaveText(lines.ropi);
  await expect(panel.getByTestId('ropi-value')).toHaveText(`ROPI ${formatRopi(detail.row.trailing.ropi)}`);
  await expect(panel.getByTestId('ropi-trend').locator('.ropi-trend-q')).toHaveCount(4);
  if (detail.mdf.length) await expect(panel.getByTestId('ropi-mdf').locator('tr').first()).toContainText(detail.mdf[0]!.activity);
  for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
    await app.setViewportSize({ width: w, height: h });
    await panel.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/partner-ropi-${w}.png` });
  }

  await goto(app, '/');
  await expect(app.locator('[data-testid=portfolio-row]').first()).toBeVisible();
  await expect(app.getByTestId('col-ropi')).toHaveCount(0);
  await app.getByTestId('portfolio-columns').click();
  const menu = app.getByTestId('portfolio-columns-menu');
  await menu.getByLabel('ROPI, last 4 quarters').check();
  await menu.getByLabel('Attributed revenue, last 4 quarters').check();
  await expect(app.getByTestId('col-ropi')).toBeVisible();
  await expect(app.getByTestId('col-attributed')).toBeVisible();
  await app.getByTestId('portfolio-columns').click();
  // Sorted by ROPI, highest first: the top row shows a ROPI figure.
  await app.getByTestId('col-ropi').click();
  await expect(app.locator('[data-testid=portfolio-row]').first()).toContainText(/\d+(\.\d)?×/);
  for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
    await app.setViewportSize({ width: w, height: h });
    await app.screenshot({ path: `${DIR}/portfolio-ropi-${w}.png` });
  }
  await app.getByTestId('portfolio-columns').click();
  await menu.getByRole('button', { name: 'Reset columns' }).click();
  await expect(app.getByTestId('col-ropi')).toHaveCount(0);

  await goto(app, '/settings');
  const section = app.getByTestId('settings-ropi');
  await section.getByTestId('ropi-share').fill('120');
  await section.getByTestId('settings-ropi-save').click();
  await expect(section.getByTestId('settings-ropi-problems')).toContainText("The sourcing partner's share must be a percentage from 0 to 100.");
  await section.scrollIntoViewIfNeeded();
  await app.screenshot({ path: `${DIR}/settings-ropi-1280.png` });
  expect((await api<RopiBook>('ropi.book', { scope: 'all' })).settings.sourcingShare).toBe(60);
});
