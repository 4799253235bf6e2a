/**
 * Partner health in Chromium: the portfolio sorts, filters and groups by health; a partner's
 * health page shows the "why" breakdown adding up to the score and the 8-quarter trend
 * chart; the team roll-up renders. Screenshots go to test-results/health/.
 */
import type { HealthPartnerDetail, HealthPortfolio, HealthRollup } from '../../src-shared/methods/health';
import { routeCalls } from './api-route';
import { expect, goto, test } from './fixtures';

const SHOTS = 'test-results/health';

test.describe('partner health', () => {
  test('the old #/health address lands on the portfolio, which has no separate Health nav item', async ({ app }) => {
    await goto(app, '/health');
    await expect(app).toHaveURL(/#\/portfolio$/);
    await expect(app.getByTestId('page-portfolio')).toBeVisible();
    await expect(app.getByTestId('nav-health')).toHaveCount(0);
    await expect(app.locator('.nav-list a').first()).toHaveAttribute('data-testid', 'nav-portfolio');
  });

  test('portfolio: sort, filter and group by health', async ({ app, api }) => {
    const portfolio = await api<HealthPortfolio>('health.portfolio');
    const live = portfolio.rows.filter((r) => r.status !== 'churned');
    await goto(app, '/portfolio');
    const rows = app.getByTestId('portfolio-row');
    await expect(rows.first()).toBeVisible();
    await expect(app.getByTestId('portfolio-count')).toHaveText(`${live.length.toLocaleString('en-US')} partners`);

    // Default: worst score first.
    const worst = [...live].sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))[0]!;
    await expect(rows.first()).toHaveAttribute('data-partner-id', worst.id);
    // Sort by score, descending.
    await app.getByTestId('col-score').getByRole('button').click();
    const best = [...live].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))[0]!;
    await expect(rows.first()).toHaveAttribute('data-partner-id', best.id);
    await expect(app.getByTestId('col-score')).toHaveAttribute('aria-sort', 'descending');

    // Filter by band: every row shows the band chip, the count matches the API.
    const atRisk = live.filter((r) => r.band === 'at_risk');
    await app.getByTestId('filter-band').selectOption('at_risk');
    await expect(app.getByTestId('portfolio-count')).toHaveText(`${atRisk.length} of ${live.length.toLocaleString('en-US')} partners`);
    await expect(rows.first().locator('[data-col=band]')).toHaveText('At risk');

    // Group by tier: one group header per tier present, with aggregates.
    await app.getByTestId('filter-clear').click();
    await app.getByTestId('portfolio-group-by').selectOption('tier');
    const groups = app.getByTestId('portfolio-group');
    const tiers = new Set(live.map((r) => r.tier_id));
    await expect(groups.first()).toBeVisible();
    await expect(groups.first()).toContainText('partners');
    await expect(groups.first()).toContainText('avg score');
    // Collapse every group: only the headers remain.
    for (let i = 0; i < tiers.size; i++) await groups.nth(i).click();
    await expect(groups).toHaveCount(tiers.size);
    await expect(rows).toHaveCount(0);
    await app.screenshot({ path: `${SHOTS}/portfolio-grouped.png` });
    // Expand again, last first (expanding pushes the later headers out of the virtual window).
    for (let i = tiers.size - 1; i >= 0; i--) await groups.nth(i).click();
    await expect(rows.first()).toBeVisible();
    await app.getByTestId('portfolio-group-by').selectOption('');

    // Column chooser hides a column; CSV export downloads the current view.
    await app.getByTestId('portfolio-columns').click();
    await app.getByTestId('portfolio-columns-menu').getByLabel('Owner').uncheck();
    await expect(app.getByTestId('col-owner')).toHaveCount(0);
    await app.getByTestId('portfolio-columns-menu').getByLabel('Owner').check();
    await app.keyboard.press('Escape');
    const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('portfolio-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^portfolio-\d{4}-\d{2}-\d{2}\.csv$/);
    await app.screenshot({ path: `${SHOTS}/portfolio.png` });
  });

  test('partner: the breakdown adds up to the score, and the trend chart renders', async ({ app, api }) => {
    const portfolio = await api<HealthPortfolio>('health.portfolio');
    const pick = portfolio.rows.find((r) => r.status !== 'churned' && r.delta !== null && r.band === 'watch') ?? portfolio.rows[0]!;
    const detail = await api<HealthPartnerDetail>('health.partner', { id: pick.id });

    await goto(app, '/portfolio');
    await app.getByTestId('filter-name').fill(pick.id);
    // The filter applies to the rows in at once, and to the whole book once it is in: the row shown is the partner's.
    await expect(app.getByTestId('portfolio-row')).toHaveCount(1);
    await expect(app.getByTestId('portfolio-row').first()).toHaveAttribute('data-partner-id', pick.id);
    await app.getByTestId('portfolio-row').first().click();
    // A row opens the partner; its health breakdown is one click further.
    await expect(app).toHaveURL(new RegExp(`#/partners/${pick.id}$`));
    await app.getByTestId('to-health').click();
    await expect(app.getByTestId('page-partner-health')).toBeVisible();
    // The top bar reads where the page is: the Portfolio, the partner, its health (not "Health / … / Health").
    await expect(app.getByTestId('page-title')).toHaveText(`Portfolio/${pick.name}/Health`);
    await expect(app.getByTestId('health-score')).toHaveText(String(detail.current.score));
    await expect(app.getByTestId('breakdown-total')).toHaveText(String(detail.current.score));
    const points = await app.getByTestId('measure-points').allTextContents();
    expect(points).toHaveLength(9);
    expect(points.reduce((a, p) => a + Number(p), 0)).toBe(detail.current.score);
    await expect(app.getByTestId('health-trend-chart').locator('canvas')).toBeVisible();
    await expect(app.getByTestId('churn-model')).toContainText(detail.model.kind === 'logistic' ? 'Fitted model' : 'Rules in use');
    await expect(app.getByTestId('elig-current')).toHaveText(detail.eligibility.currentText);
    await expect(app.getByTestId('health-kpi')).toHaveCount(detail.kpis.length);
    await app.screenshot({ path: `${SHOTS}/partner-health.png` });
  });

  test('keyboard: arrows select, Enter opens; editing the weights rescores the view', async ({ app, api }) => {
    await goto(app, '/portfolio');
    const rows = app.getByTestId('portfolio-row');
    await expect(rows.first()).toBeVisible();
    await app.getByTestId('portfolio-grid').focus();
    await app.keyboard.press('ArrowDown');
    const second = await rows.nth(1).getAttribute('data-partner-id');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await app.keyboard.press('Enter');
    await expect(app).toHaveURL(new RegExp(`#/partners/${second}$`));
    await expect(app.getByTestId('partner-name')).toBeVisible();

    const before = await api<HealthPortfolio>('health.portfolio');
    try {
      await goto(app, '/portfolio');
      await app.getByTestId('portfolio-weights').click();
      const menu = app.getByTestId('health-weights-menu');
      await menu.getByLabel('Revenue weight').fill('50');
      await menu.getByLabel('Satisfaction weight').fill('0');
      await menu.getByLabel('Enablement weight').fill('10');
      await menu.getByRole('button', { name: 'Save and rescore' }).click();
      await expect(menu).toHaveCount(0);
      const after = await api<HealthPortfolio>('health.portfolio');
      expect(after.settings.weights.revenue).toBe(50);
      expect(after.rows.some((r, i) => r.score !== before.rows[i]!.score)).toBe(true);
      const top = after.rows.filter((r) => r.status !== 'churned').sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))[0]!;
      await expect(rows.first()).toHaveAttribute('data-partner-id', top.id);
    } finally {
      await api('health.settings.set', { settings: before.settings });
    }
  });

  test('team roll-up: bands per CAM, movement and the at-risk list', async ({ app, api }) => {
    await goto(app, '/team');
    await expect(app.getByTestId('page-team')).toBeVisible();
    await expect(app.getByTestId('team-bands-chart').locator('canvas')).toBeVisible();
    await expect(app.getByTestId('team-movement')).toContainText('Was');
    // The matrix accounts for every partner the team counts: those it places, and a note for the rest.
    const r = await api<HealthRollup>('health.rollup', {});
    const placed = r.movement.reduce((a, m) => a + m.count, 0);
    const { joined, noScore } = r.movementLeftOut;
    expect(placed + joined + noScore).toBe(r.totals.partners);
    const cells = await app.getByTestId('team-movement').locator('td.hl-matrix-cell').allTextContents();
    expect(cells.reduce((a, t) => a + (t === '·' ? 0 : Number(t.replace(/,/g, ''))), 0)).toBe(placed);
    if (joined + noScore > 0) await expect(app.getByTestId('team-movement-left-out')).toContainText(`${placed} of ${r.totals.partners} partners; not counted:`);
    else await expect(app.getByTestId('team-movement-left-out')).toHaveCount(0);
    await expect(app.getByTestId('team-risk-row').first()).toBeVisible();
    await app.screenshot({ path: `${SHOTS}/team.png` });
  });

  test('a chart whose code is still on its way says so instead of leaving its panel blank', async ({ app }) => {
    // Hold the charts' chunk back, as a busy first sync on a laptop did for seconds.
    let release = () => {};
    const held = new Promise<void>((res) => (release = res));
    await app.route('**/assets/charts-*.js', async (route) => {
      await held;
      await route.continue();
    });
    await goto(app, '/team');
    const panel = app.getByTestId('team-bands');
    await expect(panel.getByTestId('chart-loading')).toHaveText('Drawing the chart…');
    await expect(app.getByTestId('team-movement')).toContainText('Was');
    release();
    await expect(app.getByTestId('team-bands-chart').locator('canvas')).toBeVisible();
    await expect(panel.getByTestId('chart-loading')).toHaveCount(0);
  });

  test('a page opened while the book is being scored says how far the scoring has got at once, not at the next progress note', async ({ app }) => {
    // The roll-up waits for the scores (held here), and the scoring is 40% done (the API's answer while a 20,000-partner book is scored).
    let release = () => {};
    const held = new Promise<void>((res) => (release = res));
    await routeCalls(app, async (call) => {
      if (call.method === 'health.rollup') await held;
      if (call.method === 'health.scoring') return { ok: true, value: { done: 40, total: 100 } };
      return undefined;
    });
    await goto(app, '/team');
    await expect(app.getByRole('status').filter({ hasText: 'Rolling up the team…' })).toHaveText('Rolling up the team… 40%');
    release();
    await expect(app.getByTestId('team-movement')).toContainText('Was');
    await app.unrouteAll({ behavior: 'wait' });
  });
});
