/**
 * Issue 16 point 4 in Chromium: the "Voice of the partner" view (this quarter against the
 * last by theme, the themes by tier, the most negative quotes; the figures exactly those
 * `voice.book` returns), the partner page's voice panel (its quotes with their dates, the
 * sentiment trend), Settings › Voice of the partner refusing a bad term with a sentence and
 * resetting to the defaults, and (point 3) the Team page's partners under-credited by
 * resale-only views. Screenshots at 1440×900 and 1280×800 go to $PB_SHOTS_DIR (default
 * test-results/screens-16-voice).
 */
import { mkdirSync } from 'node:fs';
import type { RopiBook } from '../../src-shared/methods/ropi';
import { DEFAULT_VOICE_SETTINGS, type PartnerVoice, type VoiceBook, type VoiceSettings } from '../../src-shared/methods/voice';
import { expect, goto, test } from './fixtures';
import { quarterEnd } from '../../src-shared/domain/time';
import { quarterText } from '../../src-shared/domain/fiscal-text';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-16-voice';
const SIZES = [
  [1440, 900],
  [1280, 800],
] as const;

test('the Voice of the partner view compares this quarter with the last and breaks themes down by tier', async ({ app, api }) => {
  test.setTimeout(120_000);
  const v = await api<VoiceBook>('voice.book', { scope: 'all' });
  expect(v.totals.quarter.n + v.totals.previous.n).toBeGreaterThan(0);
  mkdirSync(DIR, { recursive: true });

  await app.getByTestId('nav-voice').click();
  const page = app.getByTestId('page-voice');
  await expect(page).toBeVisible();
  await expect(page.getByTestId('voice-kpi-comments')).toContainText(String(v.totals.quarter.n));
  // The last quarter is counted to the same day as this one, and the page says so.
  if (v.previousTo < quarterEnd(v.previousQuarter)) {
    await expect(page.getByTestId('voice-kpi-comments')).toContainText(`${v.totals.previous.n} in ${quarterText(v.previousQuarter)} to `);
    await expect(page.getByTestId('voice-change')).toContainText(`against the same days of ${quarterText(v.previousQuarter)}`);
  }
  const rows = page.getByTestId('voice-theme-row');
  await expect(rows).toHaveCount(7);
  await expect(rows.first()).toContainText(v.themes[0]!.label);
  await expect(rows.first().locator('td').nth(1)).toHaveText(String(v.themes[0]!.n));
  await expect(rows.first().locator('td').nth(2)).toHaveText(String(v.themes[0]!.previous.n));
  await expect(page.getByTestId('voice-tier-col')).toHaveCount(v.tiers.length);
  await expect(page.getByTestId('voice-tier-col').first()).toContainText(`${v.tiers[0]!.tier_name}${v.tiers[0]!.quotes} quotes`);
  await expect(page.getByTestId('voice-tier-row')).toHaveCount(7);
  const loud = page.getByTestId('voice-loudest').getByTestId('voice-quote');
  await expect(loud).toHaveCount(v.loudest.length);
  if (v.loudest.length) await expect(loud.first()).toContainText(`“${v.loudest[0]!.text}”`);
  for (const [w, h] of SIZES) {
    await app.setViewportSize({ width: w, height: h });
    // Every tier column is inside its panel (at 1440×900 the last one was cut off by the window).
    const panelBox = (await page.getByTestId('voice-tiers').boundingBox())!;
    const lastTier = (await page.getByTestId('voice-tier-col').last().boundingBox())!;
    expect(lastTier.x + lastTier.width, `the last tier column at ${w}×${h}`).toBeLessThanOrEqual(panelBox.x + panelBox.width + 0.5);
    expect(panelBox.x + panelBox.width, `the tier panel at ${w}×${h}`).toBeLessThanOrEqual(w);
    await app.screenshot({ path: `${DIR}/voice-book-${w}.png` });
    await page.getByTestId('voice-loudest').scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/voice-book-quotes-${w}.png` });
    await page.getByTestId('voice-kpi-comments').scrollIntoViewIfNeeded();
  }
});

test('the partner page shows what the partner said, with dates, tone, themes and the trend', async ({ app, api }) => {
  test.setTimeout(120_000);
  const v = await api<VoiceBook>('voice.book', { scope: 'all' });
  // A partner with a negative quote this quarter (else any partner the book heard from).
  const id = v.loudest[0]?.partner_id;
  expect(id, 'the demo book has a negative comment this quarter').toBeTruthy();
  const pv = await api<PartnerVoice>('voice.partner', { id });
  mkdirSync(DIR, { recursive: true });

  await goto(app, `/partners/${id}`);
  const panel = app.getByTestId('voice-panel');
  await expect(panel).toBeVisible();
  const quotes = panel.getByTestId('voice-quote');
  await expect(quotes).toHaveCount(Math.min(4, pv.quotes.length));
  await expect(quotes.first()).toContainText(`“${pv.quotes[0]!.text}”`);
  await expect(panel.getByTestId('voice-trend').locator('.vo-trend-q')).toHaveCount(8);
  await expect(panel.getByTestId('voice-themes').locator('li')).toHaveCount(Math.max(1, pv.themes.length));
  if (pv.quotes.length > 4) {
    await panel.getByTestId('voice-more').click();
    await expect(quotes).toHaveCount(pv.quotes.length);
    await panel.getByTestId('voice-more').click();
  }
  for (const [w, h] of SIZES) {
    await app.setViewportSize({ width: w, height: h });
    await panel.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/partner-voice-${w}.png` });
  }
});

test('Settings › Voice of the partner refuses a bad term with a sentence, stores a change and resets to the defaults', async ({ app, api }) => {
  test.setTimeout(120_000);
  await app.getByTestId('nav-settings').click();
  const section = app.getByTestId('settings-voice');
  await section.scrollIntoViewIfNeeded();
  const product = section.getByTestId('voice-theme-product');
  await product.fill('portal, *bad');
  await section.getByTestId('settings-voice-save').click();
  // The sentence names the list and quotes the term that is wrong.
  await expect(section.getByTestId('settings-voice-problems')).toContainText('In Product, “*bad” has a character a term cannot hold; a term is 2 to 60 letters');
  await expect(section.getByTestId('settings-voice-problems')).not.toContainText('item 2');
  await expect(product).toHaveAttribute('aria-invalid', 'true');
  await product.fill('portal, roadmap');
  await section.getByTestId('settings-voice-save').click();
  await expect(section.getByTestId('settings-voice-status')).toHaveText('Saved.');
  expect((await api<VoiceSettings>('voice.settings.get')).themes.product).toEqual(['portal', 'roadmap']);
  for (const [w, h] of SIZES) {
    await app.setViewportSize({ width: w, height: h });
    await section.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/settings-voice-${w}.png` });
  }
  await section.getByTestId('settings-voice-reset').click();
  await section.getByTestId('settings-voice-confirm').getByRole('button', { name: 'Reset' }).click();
  await expect(section.getByTestId('settings-voice-status')).toHaveText('Defaults restored and saved.');
  expect(await api<VoiceSettings>('voice.settings.get')).toEqual(DEFAULT_VOICE_SETTINGS);
});

test('the Team page lists the partners a resale-only view under-credits, with their figures', async ({ app, api }) => {
  test.setTimeout(120_000);
  const book = await api<RopiBook>('ropi.book', { scope: 'all' });
  const gap = (r: RopiBook['rows'][number]) => r.trailing.attributed - r.trailing.sourced;
  const under = book.rows.filter((r) => gap(r) > 0).sort((a, b) => gap(b) - gap(a) || a.id.localeCompare(b.id));
  expect(under.length, 'the demo book has influence partners').toBeGreaterThan(0);
  mkdirSync(DIR, { recursive: true });

  await app.getByTestId('nav-team').click();
  const panel = app.getByTestId('team-credit');
  await panel.scrollIntoViewIfNeeded();
  const rows = panel.getByTestId('team-credit-row');
  await expect(rows).toHaveCount(Math.min(8, under.length));
  await expect(rows.first()).toContainText(under[0]!.name);
  await expect(rows.nth(Math.min(8, under.length) - 1)).toContainText(under[Math.min(8, under.length) - 1]!.name);
  await expect(panel.getByTestId('team-credit-summary')).toContainText(`${under.length} partner`);
  for (const [w, h] of SIZES) {
    await app.setViewportSize({ width: w, height: h });
    await panel.scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/team-credit-${w}.png` });
  }
});
