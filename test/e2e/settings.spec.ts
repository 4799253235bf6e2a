/**
 * Issue 14, point 2 in Chromium: the Settings page edits health weights and band
 * thresholds (the Portfolio's scores follow, compared through the API), refuses bad
 * input with sentences and changes nothing, resets to the defaults after a confirm, and
 * its Today capacity is what the Actions page holds. Screenshots (1440×900, 1280×800) go
 * to $PB_SHOTS_DIR (default test-results/screens-settings).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEFAULT_ACTION_SETTINGS, type ActionSettings } from '../../src-shared/methods/actions';
import { DEFAULT_HEALTH_SETTINGS, type HealthPortfolio, type HealthSettings } from '../../src-shared/methods/health';
import type { ScopeView } from '../../src-shared/methods/identity';
import { expect, goto, test } from './fixtures';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-settings';

async function shots(app: Page, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await app.setViewportSize({ width, height });
    await app.screenshot({ path: `${DIR}/${name}-${width}.png` });
    // The page scrolls inside the app's content area: the Actions section and the end of it too.
    await app.getByTestId('settings-actions').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await app.screenshot({ path: `${DIR}/${name}-${width}-actions.png` });
    await app.getByTestId('settings-actions-save').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await app.screenshot({ path: `${DIR}/${name}-${width}-end.png` });
    await app.getByTestId('settings-health').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  }
  await app.setViewportSize({ width: 1440, height: 900 });
}

/** The parts of an element the overflow check reads (the tests compile without the DOM library). */
interface Box {
  tagName: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  getBoundingClientRect(): { right: number };
}

/** Nothing on the page is cut off: every box ends inside the page, and no label, field or button scrolls its content. */
async function expectNoOverflow(app: Page): Promise<void> {
  const over = await app.getByTestId('page-settings').evaluate((root) => {
    const right = root.getBoundingClientRect().right;
    const out: string[] = [];
    root.querySelectorAll('section, fieldset, legend, label, span, input, button, li').forEach((el: Box) => {
      const name = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      if (el.getBoundingClientRect().right > right + 1) out.push(`${name} ends past the page`);
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'SPAN') out.push(`${name} is cut off`);
    });
    return out;
  });
  expect(over).toEqual([]);
}

test.afterEach(async ({ api }) => {
  await api('health.settings.set', { settings: DEFAULT_HEALTH_SETTINGS });
  await api('actions.updateSettings', DEFAULT_ACTION_SETTINGS);
});

test('health weights and a threshold saved in Settings rescore the Portfolio; Reset to defaults restores them', async ({ app, api }) => {
  await api('health.settings.set', { settings: DEFAULT_HEALTH_SETTINGS });
  const before = await api<HealthPortfolio>('health.portfolio', { scope: 'all' });
  await goto(app, '/settings');
  await expect(app.getByTestId('nav-settings')).toBeVisible();
  const health = app.getByTestId('settings-health');
  await expect(health.getByLabel('Revenue weight')).toHaveValue('30');
  await shots(app, 'settings');
  for (const w of [1440, 1280]) {
    await app.setViewportSize({ width: w, height: w === 1440 ? 900 : 800 });
    await expectNoOverflow(app);
  }
  await app.setViewportSize({ width: 1440, height: 900 });

  await health.getByLabel('Revenue weight').fill('50');
  await health.getByLabel('Pipeline weight').fill('0');
  await health.getByLabel('Watch threshold').fill('55');
  await expect(health.getByTestId('weights-total')).toContainText('Total 100');
  await expect(health.getByTestId('band-summary')).toContainText('Watch: 55–69');
  await expect(health.getByTestId('settings-health-status')).toHaveText('Unsaved changes');
  // Enter in a field saves the section (a form with its Save button).
  await health.getByLabel('Watch threshold').press('Enter');
  await expect(health.getByTestId('settings-health-status')).toHaveText('Saved.');

  const saved = await api<HealthSettings>('health.settings.get');
  expect(saved.weights).toEqual({ ...DEFAULT_HEALTH_SETTINGS.weights, revenue: 50, pipeline: 0 });
  expect(saved.bands).toEqual({ healthy: 70, watch: 55 });
  const after = await api<HealthPortfolio>('health.portfolio', { scope: 'all' });
  expect(after.settings).toEqual(saved);
  // Rescored: the scores moved, and every band follows the new thresholds.
  const was = new Map(before.rows.map((r) => [r.id, r.score]));
  expect(after.rows.filter((r) => was.get(r.id) !== r.score).length).toBeGreaterThan(0);
  for (const r of after.rows) expect(r.band).toBe(r.score >= 70 ? 'healthy' : r.score >= 55 ? 'watch' : 'at_risk');
  expect(after.rows.some((r) => r.score >= 40 && r.score < 55 && r.band === 'at_risk')).toBe(true);

  // Reset to defaults asks first; Cancel keeps what is saved.
  await health.getByTestId('settings-health-reset').click();
  await expect(health.getByTestId('settings-health-confirm')).toContainText('Reset Health to its defaults?');
  await health.getByRole('button', { name: 'Cancel' }).click();
  expect((await api<HealthSettings>('health.settings.get')).bands.watch).toBe(55);
  await health.getByTestId('settings-health-reset').click();
  await health.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(health.getByTestId('settings-health-status')).toHaveText('Defaults restored and saved.');
  expect(await api<HealthSettings>('health.settings.get')).toEqual(DEFAULT_HEALTH_SETTINGS);
  await expect(health.getByLabel('Revenue weight')).toHaveValue('30');
  const reset = await api<HealthPortfolio>('health.portfolio', { scope: 'all' });
  expect(reset.rows.map((r) => [r.id, r.score])).toEqual(before.rows.map((r) => [r.id, r.score]));
});

test('bad input is refused with sentences and nothing changes', async ({ app, api }) => {
  await goto(app, '/settings');
  const health = app.getByTestId('settings-health');
  await health.getByLabel('Revenue weight').fill('150');
  await health.getByLabel('Watch threshold').fill('80');
  await health.getByTestId('settings-health-save').click();
  const problems = health.getByTestId('settings-health-problems');
  await expect(problems).toContainText('Not saved.');
  await expect(problems).toContainText('Revenue weight can be at most 100.');
  await expect(problems).toContainText('The five health weights must add up to 100; change one so that they do.');
  await expect(problems).toContainText('The Watch threshold must be below the Healthy threshold.');
  await expect(problems).not.toContainText('expected');
  await expect(health.getByLabel('Revenue weight')).toHaveAttribute('aria-invalid', 'true');
  await expect(health.getByLabel('Engagement weight')).toHaveAttribute('aria-invalid', 'true');
  expect(await api<HealthSettings>('health.settings.get')).toEqual(DEFAULT_HEALTH_SETTINGS);

  const actions = app.getByTestId('settings-actions');
  await actions.getByLabel('Today capacity').fill('0');
  await actions.getByLabel('Engagement drop that raises an action').fill('150');
  await actions.getByLabel('Engagement window').fill('');
  await actions.getByTestId('settings-actions-save').click();
  const refused = actions.getByTestId('settings-actions-problems');
  await expect(refused).toContainText('Today capacity must be at least 1.');
  await expect(refused).toContainText('Engagement drop must be between 0% and 100%.');
  await expect(refused).toContainText('must be a number');
  await expect(actions.getByLabel('Today capacity')).toHaveAttribute('aria-invalid', 'true');
  await expect(actions.getByLabel('Engagement window')).toHaveAttribute('aria-invalid', 'true');
  await expect(actions.getByLabel('Decide a registration within')).not.toHaveAttribute('aria-invalid', 'true');
  await shots(app, 'settings-refused');
  expect(await api<ActionSettings>('actions.settings')).toEqual(DEFAULT_ACTION_SETTINGS);
});

test('the Today capacity set here is what the Actions page holds; a rule threshold saves as shown', async ({ app, api }) => {
  const scope = await api<ScopeView>('scope.get');
  await api('scope.set', { scope: 'mine' });
  await app.reload();
  await goto(app, '/settings');
  const actions = app.getByTestId('settings-actions');
  await expect(actions.getByLabel('Today capacity')).toHaveValue('12');
  await expect(actions.getByLabel('Engagement drop that raises an action')).toHaveValue('50');
  await actions.getByLabel('Today capacity').fill('7');
  await actions.getByLabel('Engagement drop that raises an action').fill('40');
  await actions.getByTestId('settings-actions-save').click();
  await expect(actions.getByTestId('settings-actions-status')).toHaveText('Saved.');
  const saved = await api<ActionSettings>('actions.settings');
  expect(saved).toEqual({ ...DEFAULT_ACTION_SETTINGS, todayCapacity: 7, engagementDropShare: 0.4 });

  await app.getByTestId('nav-actions').click();
  const today = app.getByTestId('group-today');
  await expect(today.getByTestId('action-row')).toHaveCount(7);
  await expect(app.getByTestId('group-count-today')).toHaveText('7 of 7 a day');

  // Reset by keyboard: the confirm's Reset button takes the focus.
  await goto(app, '/settings');
  await actions.getByTestId('settings-actions-reset').focus();
  await app.keyboard.press('Enter');
  await expect(actions.getByRole('button', { name: 'Reset', exact: true })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(actions.getByTestId('settings-actions-status')).toHaveText('Defaults restored and saved.');
  expect(await api<ActionSettings>('actions.settings')).toEqual(DEFAULT_ACTION_SETTINGS);
  await expect(actions.getByLabel('Today capacity')).toHaveValue('12');
  await api('scope.set', { scope: scope.scope });
});

/** What the old messages called a rule threshold: its key cut into words ("Psat detractor max"). */
const keyWords = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

test('every rule threshold refused names the field in words, never its key', async ({ app, api }) => {
  await goto(app, '/settings');
  const actions = app.getByTestId('settings-actions');
  const inputs = actions.locator('[data-testid^="action-setting-"]');
  await expect(inputs.first()).toBeVisible();
  const keys = await inputs.evaluateAll((els) => els.map((el) => (el.getAttribute('data-testid') ?? '').replace('action-setting-', '')));
  expect(keys.length).toBe(Object.keys(DEFAULT_ACTION_SETTINGS).length - 1);
  for (const key of keys) await actions.getByTestId(`action-setting-${key}`).fill('-5');
  await actions.getByTestId('settings-actions-save').click();
  const refused = actions.getByTestId('settings-actions-problems');
  await expect(refused).toContainText('Not saved.');
  const lines = await refused.locator('li').allTextContents();
  // One sentence per field, each naming it as a person would.
  expect(lines).toHaveLength(keys.length);
  for (const line of lines) {
    expect(line).toMatch(/^[A-Z].*(must be|can be)/);
    for (const key of keys) expect(line.toLowerCase()).not.toContain(keyWords(key));
  }
  expect(lines).toContain('PSAT detractor score must be at least 0.');
  expect(lines).toContain('Days to resolve a channel conflict must be at least 1.');
  expect(lines).toContain('Promotion in reach: sourced-ARR gap must be between 0% and 100%.');
  expect(lines).toContain('QBR tier rank must be at least 1.');
  await actions.getByTestId('action-setting-psatDetractorMax').fill('11');
  await actions.getByTestId('settings-actions-save').click();
  await expect(refused).toContainText('PSAT detractor score can be at most 10.');
  expect(await api<ActionSettings>('actions.settings')).toEqual(DEFAULT_ACTION_SETTINGS);
});

test('changes typed and not saved are still there after visiting another page, and the nav says so', async ({ app, api }) => {
  await goto(app, '/settings');
  const health = app.getByTestId('settings-health');
  await expect(app.getByTestId('settings-unsaved-badge')).toHaveCount(0);
  await health.getByLabel('Watch threshold').fill('52');
  const actions = app.getByTestId('settings-actions');
  await actions.getByLabel('Today capacity').fill('9');
  await expect(app.getByTestId('settings-unsaved-badge')).toHaveAttribute('title', 'Unsaved changes in 2 sections');

  await app.getByTestId('nav-portfolio').click();
  await expect(app.getByTestId('page-settings')).toHaveCount(0);
  await expect(app.getByTestId('settings-unsaved-badge')).toBeVisible();
  await app.getByTestId('nav-settings').click();
  await expect(health.getByLabel('Watch threshold')).toHaveValue('52');
  await expect(health.getByTestId('settings-health-status')).toHaveText('Unsaved changes');
  await expect(actions.getByLabel('Today capacity')).toHaveValue('9');
  // Nothing was stored by leaving.
  expect((await api<HealthSettings>('health.settings.get')).bands.watch).toBe(DEFAULT_HEALTH_SETTINGS.bands.watch);

  // Saved: that section's draft is gone; discarded: so is the other's, and the mark.
  await health.getByTestId('settings-health-save').click();
  await expect(health.getByTestId('settings-health-status')).toHaveText('Saved.');
  await expect(app.getByTestId('settings-unsaved-badge')).toHaveAttribute('title', 'Unsaved changes in 1 section');
  await actions.getByRole('button', { name: 'Discard changes' }).click();
  await expect(app.getByTestId('settings-unsaved-badge')).toHaveCount(0);
  await app.getByTestId('nav-portfolio').click();
  await app.getByTestId('nav-settings').click();
  await expect(health.getByLabel('Watch threshold')).toHaveValue('52');
  await expect(actions.getByLabel('Today capacity')).toHaveValue(String(DEFAULT_ACTION_SETTINGS.todayCapacity));
});

test('the ROPI hourly cost and the sync interval refuse what they cannot take in one clear sentence', async ({ app, api }) => {
  await goto(app, '/settings');
  const ropi = app.getByTestId('settings-ropi');
  for (const typed of ['1,000', '99999999999999']) {
    await ropi.getByTestId('ropi-cost').fill(typed);
    await ropi.getByTestId('settings-ropi-save').click();
    await expect(ropi.getByTestId('settings-ropi-problems')).toContainText('The CAM hourly cost must be a number from 0 to 1,000,000, written without separators (like 80 or 82.50).');
  }
  await ropi.getByRole('button', { name: 'Discard changes' }).click();

  await goto(app, '/sync');
  const interval = app.getByTestId('sync-interval');
  const before = await interval.inputValue();
  const message = app.locator('#sync-interval-msg');
  for (const typed of ['', '0', '1441', '2.5', '-3']) {
    await interval.fill(typed);
    await app.getByTestId('sync-interval-save').click();
    await expect(message).toHaveText('Sync interval: whole minutes, from 1 to 1,440 (a day).');
    await expect(interval).toHaveAttribute('aria-invalid', 'true');
    // Shown whole, not cut off with an ellipsis.
    expect(await message.evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  }
  expect(String((await api<{ intervalMinutes: number }>('sync.settings')).intervalMinutes)).toBe(before);
});
