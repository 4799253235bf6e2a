/**
 * Issue 14, point 2 (currency display) in Chromium: Settings → Money display changes the
 * number style and shows currencies as ISO codes; the preview follows the form as it is
 * edited; after Save the Portfolio, a partner page and the Actions page read amounts that
 * way; Reset to defaults brings "$" back. Screenshots (1440×900, 1280×800) go to
 * $PB_SHOTS_DIR (default test-results/screens-money).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEFAULT_MONEY_DISPLAY } from '../../src-shared/money-display';
import { expect, goto, test } from './fixtures';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-money';
const NB = '\u00a0';
/** A compact amount in de-DE with the ISO code: `1,2M USD`, `950 USD`, `42k USD`. */
const DE_CODE_SHORT = new RegExp(`^-?\\d{1,3}(,\\d)?[kMB]?${NB}[A-Z]{3}$`);
/** A full amount in de-DE with the ISO code: `1.234.568 USD`. */
const DE_CODE_FULL = new RegExp(`^-?\\d{1,3}(\\.\\d{3})*${NB}[A-Z]{3}$`);

async function shots(app: Page, name: string, before?: () => Promise<void>): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await app.setViewportSize({ width, height });
    await before?.();
    await app.screenshot({ path: `${DIR}/${name}-${width}.png` });
  }
  await app.setViewportSize({ width: 1440, height: 900 });
}

test.afterEach(async ({ api }) => {
  await api('display.set', { settings: DEFAULT_MONEY_DISPLAY });
});

test('Money display: de-DE with ISO codes, previewed, saved, followed by the Portfolio, a partner and Actions; reset brings "$" back', async ({ app, api }) => {
  await api('display.set', { settings: DEFAULT_MONEY_DISPLAY });
  await goto(app, '/portfolio');
  const revenue = app.locator('[data-testid="portfolio-row"] [data-col="revenue_t4q"]');
  await expect(revenue.first()).toHaveText(/^\$\d/);

  await goto(app, '/settings');
  const section = app.getByTestId('settings-money');
  await section.scrollIntoViewIfNeeded();
  await expect(section.getByTestId('money-preview-short')).toHaveText('$1.2M');
  await expect(section.getByTestId('money-preview-full')).toHaveText('$1,234,568');

  // The preview follows the draft before anything is saved.
  await section.getByTestId('money-locale').selectOption('de-DE');
  await expect(section.getByTestId('money-preview-short')).toHaveText(`1,2M${NB}$`);
  await section.getByTestId('money-currency-as').selectOption('code');
  await expect(section.getByTestId('money-preview-short')).toHaveText(`1,2M${NB}USD`);
  await expect(section.getByTestId('money-preview-full')).toHaveText(`1.234.568${NB}USD`);
  await expect(section.getByTestId('money-preview')).toContainText(`A deal of 1.234.567,89 USD reads`);
  await expect(section.getByTestId('settings-money-status')).toHaveText('Unsaved changes');
  await shots(app, 'settings-money', () => section.evaluate((el) => el.scrollIntoView({ block: 'end' })));

  await section.getByTestId('settings-money-save').click();
  await expect(section.getByTestId('settings-money-status')).toHaveText('Saved.');
  expect(await api('display.get')).toEqual({ locale: 'de-DE', currencyAs: 'code', tableAmounts: 'compact' });

  // The Portfolio: every money cell in the new form, no "$" left in the grid.
  await goto(app, '/portfolio');
  await expect(revenue.first()).toHaveText(DE_CODE_SHORT);
  const cells = await app.locator('[data-testid="portfolio-row"] [data-col="revenue_t4q"], [data-testid="portfolio-row"] [data-col="pipeline"]').allTextContents();
  expect(cells.length).toBeGreaterThan(10);
  for (const c of cells) expect(c).toMatch(DE_CODE_SHORT);
  await shots(app, 'portfolio-de-code');

  // A partner page: full amounts in detail.
  await app.getByTestId('portfolio-row').first().click();
  await expect(app.getByTestId('page-partner')).toBeVisible();
  await expect(app.getByTestId('kpi-revenue').locator('.kpi-value')).toHaveText(DE_CODE_FULL);
  await expect(app.getByTestId('kpi-revenue')).not.toContainText('$');

  // Actions: the amount at stake of every row, and the evidence the server wrote.
  await goto(app, '/actions');
  const impact = app.locator('[data-testid="action-row"] .act-impact');
  await expect(impact.first()).toHaveText(DE_CODE_SHORT);
  for (const t of (await impact.allTextContents()).slice(0, 20)) expect(t).toMatch(DE_CODE_SHORT);
  await expect(app.locator('[data-testid="action-row"]').first()).not.toContainText('$');

  // Full amounts in tables, changed elsewhere (the API): the open Portfolio follows, its money columns wider.
  await goto(app, '/portfolio');
  await expect(revenue.first()).toHaveText(DE_CODE_SHORT);
  await api('display.set', { settings: { locale: 'de-DE', currencyAs: 'code', tableAmounts: 'full' } });
  await expect(revenue.first()).toHaveText(DE_CODE_FULL);
  for (const c of await app.locator('[data-testid="portfolio-row"] [data-col="pipeline"]').allTextContents()) expect(c).toMatch(DE_CODE_FULL);
  await shots(app, 'portfolio-de-code-full');

  // Reset to defaults (after the confirm): "$" again, everywhere.
  await goto(app, '/settings');
  await section.getByTestId('settings-money-reset').click();
  await section.getByTestId('settings-money-confirm').getByRole('button', { name: 'Reset' }).click();
  await expect(section.getByTestId('settings-money-status')).toHaveText('Defaults restored and saved.');
  await expect(section.getByTestId('money-preview-short')).toHaveText('$1.2M');
  await goto(app, '/portfolio');
  await expect(revenue.first()).toHaveText(/^\$\d/);
});

test('Money display refuses a value the list does not offer with a sentence naming the field', async ({ api }) => {
  await expect(api('display.set', { settings: { ...DEFAULT_MONEY_DISPLAY, locale: 'xx-XX' } })).rejects.toThrow(
    'Number style must be one of en-US, en-GB, en-IN, de-DE, de-CH, fr-FR; pick one from the list.',
  );
});
