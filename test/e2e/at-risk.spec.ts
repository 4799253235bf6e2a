/**
 * Issue 14, point 3 in Chromium: the Team list, the Team card and `partnerbook health` give
 * the same at-risk count (the health band, churned partners left out), for all partners and
 * for my book; the PRM's own status reads "PRM status: …". Screenshots of Team (1440×900
 * and 1280×800) go to $PB_SHOTS_DIR (default test-results/screens-14a).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { HealthPortfolio } from '../../src-shared/methods/health';
import { expect, goto, harnessReplica, test } from './fixtures';
import { E2E_AS_OF } from './global-setup';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-14a';
const CLI = resolve(import.meta.dirname, '../../bin/partnerbook.mjs');

/** The at-risk count `partnerbook health` prints on its first line (the lines, not --json: that explains every partner). */
function cliAtRisk(...flags: string[]): number {
  const r = spawnSync(process.execPath, [CLI, 'health', '--db', harnessReplica(), '--as-of', E2E_AS_OF, ...flags], { encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return Number(/, ([\d,]+) at risk \(health band\)/.exec(r.stdout.split('\n')[0]!)![1]!.replace(/,/g, ''));
}

async function teamCounts(app: Page): Promise<{ card: number; list: number }> {
  const card = Number((await app.getByTestId('team-band-at_risk').innerText()).replace(/,/g, ''));
  const title = await app.getByTestId('team-at-risk').locator('.panel-title, h2, h3').first().innerText();
  const list = Number(/At risk across the team · ([\d,]+)/.exec(title)![1]!.replace(/,/g, ''));
  return { card, list };
}

test('the Team list, the Team card and the CLI give the same at-risk count', async ({ app, api }) => {
  // Four CLI runs on a shared two-core machine.
  test.setTimeout(180_000);
  await goto(app, '/team');
  await expect(app.getByTestId('page-team')).toBeVisible();
  await expect(app.getByTestId('scope-all')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('team-risk-row').first()).toBeVisible();
  const all = await teamCounts(app);
  expect(all.list).toBe(all.card);
  expect(all.list).toBeGreaterThan(0);
  expect(cliAtRisk('--all')).toBe(all.card);
  // Every row of the list is in the At risk band (a score below 40).
  const more = app.getByTestId('team-at-risk').getByRole('button', { name: /Show more/ });
  if ((await more.count()) > 0) await more.click();
  await expect(app.getByTestId('team-risk-row')).toHaveCount(Math.min(all.list, 150));
  const scores = await app.locator('[data-testid=team-risk-row] td:nth-child(4)').allInnerTexts();
  expect(scores.length).toBe(Math.min(all.list, 150));
  for (const sc of scores) expect(Number(sc)).toBeLessThan(40);
  // Churned partners only with --include-churned, and then every one in the band counts.
  const portfolio = await api<HealthPortfolio>('health.portfolio', { scope: 'all' });
  expect(cliAtRisk('--all', '--include-churned')).toBe(portfolio.rows.filter((r) => r.band === 'at_risk').length);
  expect(portfolio.rows.filter((r) => r.live && r.band === 'at_risk').length).toBe(all.card);

  mkdirSync(DIR, { recursive: true });
  for (const [w, h] of [[1440, 900], [1280, 800]] as const) {
    await app.setViewportSize({ width: w, height: h });
    await app.getByTestId('page-team').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await app.screenshot({ path: `${DIR}/team-${w}.png` });
    await app.getByTestId('team-risk-row').first().scrollIntoViewIfNeeded();
    await app.screenshot({ path: `${DIR}/team-list-${w}.png` });
    // Nothing cut off: each table ends inside its panel (element boxes).
    for (const panel of ['team-at-risk', 'team-cams', 'team-movement']) {
      const overflow = await app.getByTestId(panel).evaluate((el) => {
        const t = el.querySelector('table')!;
        const scroller = t.parentElement!;
        return t.getBoundingClientRect().right - el.getBoundingClientRect().right + (scroller.scrollWidth - scroller.clientWidth);
      });
      expect(overflow, `${panel} at ${w}×${h}`).toBeLessThanOrEqual(1);
    }
  }
  await app.setViewportSize({ width: 1440, height: 900 });

  await app.getByTestId('scope-mine').click();
  await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
  await expect(async () => {
    const mine = await teamCounts(app);
    expect(mine.list).toBe(mine.card);
    expect(mine.card).toBeLessThan(all.card);
    expect(cliAtRisk('--mine')).toBe(mine.card);
  }).toPass();
  await api('scope.set', { scope: 'all' });
});

test('the PRM status is named as such on the partner page', async ({ app, api }) => {
  const portfolio = await api<HealthPortfolio>('health.portfolio', { scope: 'all' });
  const p = portfolio.rows.find((r) => r.status === 'at_risk' && r.live) ?? portfolio.rows[0]!;
  await goto(app, `/partners/${p.id}`);
  await expect(app.getByTestId('prm-status')).toHaveText(`PRM status: ${p.status.replace('_', ' ')}`);
  await app.setViewportSize({ width: 1280, height: 800 });
  mkdirSync(DIR, { recursive: true });
  await app.screenshot({ path: `${DIR}/partner-prm-status-1280.png` });
});
