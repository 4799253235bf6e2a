/**
 * Issue 16, point 1 in Chromium: the partner page's "Next two quarters" panel (two
 * quarters with their 80% ranges, the label, the drivers, the backtest line), the
 * Portfolio's Next Q and Outlook columns from the column chooser, and the Team page's
 * "who will carry next quarter". Screenshots at 1440×900
 * and 1280×800 go to $PB_SHOTS_DIR (default test-results/screens-16a).
 */
import { mkdirSync } from 'node:fs';
import type { ForecastBook } from '../../src-shared/methods/forecast';
import { quarterText } from '../../src-shared/domain/fiscal-text';
import { expect, goto, test } from './fixtures';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-16a';

test('the partner page shows the next two quarters and the Portfolio a forecast and outlook column', async ({ app, api }) => {
  test.setTimeout(120_000);
  const book = await api<ForecastBook>('forecast.book', { scope: 'all' });
  expect(book.rows.length).toBeGreaterThan(0);
  // A partner the model calls (taking off, else stalling), so the drivers are its own.
  const p = book.rows.find((r) => r.label === 'taking_off') ?? book.rows.find((r) => r.label === 'stalling') ?? book.rows[0]!;
  mkdirSync(DIR, { recursive: true });

  await goto(app, `/partners/${p.id}`);
  const panel = app.getByTestId('forecast-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('forecast-quarter')).toHaveCount(2);
  // Named as people read quarters ("Q4 2026"; "Q2 FY27" with another fiscal year start).
  await expect(panel.getByTestId('forecast-quarter').first()).toContainText(quarterText(book.quarters[0]));
  await expect(panel.getByTestId('forecast-quarter').first()).toContainText('80% range');
  // The quarter just won is written the same way ("Q3 2026 (won)", not "2026-Q3 (won)").
  await expect(panel.getByTestId('forecast-past-quarter')).toHaveText(`${quarterText(book.origin)} (won)`);
  // A pipeline driver says when its pipeline was open: the origin's end, not today (the page's own figure).
  for (const text of await panel.getByTestId('forecast-drivers').locator('li').allInnerTexts()) {
    if (/open pipeline/i.test(text)) expect(text).toMatch(new RegExp(`^\\W*Open pipeline of \\S+ at the end of ${quarterText(book.origin)}`));
  }
  await expect(panel.getByTestId('forecast-label')).toHaveText(/Taking off|Stalling|Steady|Too new to call/);
  await expect(panel.getByTestId('forecast-drivers').locator('li').first()).toBeVisible();
  await expect(panel.getByTestId('forecast-backtest')).toContainText(/On this book, last \d+ quarters: (\d+% (better|worse) than|about as good as|[\d.]+ times the error of) last quarter repeated/);
  for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
    await app.setViewportSize({ width: w, height: h });
    await panel.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/partner-forecast-${w}.png` });
  }

  await goto(app, '/');
  await expect(app.locator('[data-testid=portfolio-row]').first()).toBeVisible();
  await app.getByTestId('portfolio-columns').click();
  const menu = app.getByTestId('portfolio-columns-menu');
  await menu.getByLabel('Forecast, next quarter').check();
  await menu.getByLabel('Outlook (taking off / stalling)').check();
  await expect(app.getByTestId('col-forecast')).toBeVisible();
  await expect(app.getByTestId('col-outlook')).toBeVisible();
  await app.getByTestId('portfolio-columns').click();
  await expect(app.locator('[data-testid=portfolio-row] .chip', { hasText: /Taking off|Stalling|Steady|Too new to call/ }).first()).toBeVisible();
  for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
    await app.setViewportSize({ width: w, height: h });
    await app.screenshot({ path: `${DIR}/portfolio-forecast-${w}.png` });
  }
  await app.getByTestId('portfolio-columns').click();
  await menu.getByRole('button', { name: 'Reset columns' }).click();
  await expect(app.getByTestId('col-forecast')).toHaveCount(0);

  // Team: who will carry next quarter (the largest forecasts first).
  await goto(app, '/team');
  await expect(app.getByTestId('scope-all')).toHaveAttribute('aria-checked', 'true');
  const carry = app.getByTestId('team-forecast');
  await expect(carry.getByTestId('team-forecast-row')).toHaveCount(Math.min(8, book.rows.length));
  const top = [...book.rows].sort((a, b) => b.next[0].point - a.next[0].point)[0]!;
  await expect(carry.getByTestId('team-forecast-row').first()).toContainText(top.id);
  await expect(carry.getByTestId('team-forecast-summary')).toContainText('taking off');
  await expect(carry).toContainText(`Who will carry ${quarterText(book.quarters[0])}`);
  // The quarter column reads as people read it, not the book's key ('2026-Q4').
  await expect(carry.locator('thead th').nth(2)).toHaveText(quarterText(book.quarters[0]));
  await expect(carry).not.toContainText(book.quarters[0]);
  for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
    await app.setViewportSize({ width: w, height: h });
    await carry.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/team-forecast-${w}.png` });
  }
});
