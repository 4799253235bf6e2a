/**
 * Layout (issue "A CAM's week", point 9): at 1440×900 and 1280×800 nothing on the daily
 * screens is cut off — measured with element boxes, not by eye — an empty filter result
 * says so with a way out, a signed plan hides Undo/Redo and shows its history, and the
 * Portfolio answers the arrow keys as soon as it opens.
 */
import type { Page } from '@playwright/test';
import { expect, goto, test } from './fixtures';
import type { PlanListRow } from '../../src-shared/methods/plans';

const SIZES = [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
];

/**
 * What is cut off on the page: an element reaching past the right edge of the content
 * area (outside any scrolling box), a text cut short with an ellipsis, or a drop-down
 * whose chosen label does not fit it. Each as "<what>: <text>".
 */
async function cutOff(page: Page): Promise<string[]> {
  return (await page.evaluate(CUT_OFF)) as string[];
}

/**
 * Runs in the page (a string: the tests compile without the DOM library). An element is
 * cut off when it reaches past the content area's right edge outside any scrolling box,
 * when its text is shortened with an ellipsis and the full text is not on hover (its or a
 * neighbour's title), or when a drop-down's chosen label is wider than the drop-down.
 */
const CUT_OFF = `(() => {
  const main = document.querySelector('main.content');
  const edge = main.getBoundingClientRect().right + 1;
  const out = [];
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true;
    }
    return false;
  };
  const label = (el) => (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
  const canvas = document.createElement('canvas').getContext('2d');
  for (const el of main.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') continue;
    if (box.right > edge && !scrolls(el)) out.push('past the edge: ' + el.tagName.toLowerCase() + ' ' + label(el));
    const hoverEl = el.closest('[title]') || el.querySelector('[title]');
    const hover = hoverEl ? hoverEl.getAttribute('title') || '' : '';
    const full = (el.textContent || '').trim();
    const onHover = full !== '' && full.split(/\\s+/).every((w) => hover.includes(w));
    if (style.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1 && !onHover) out.push('cut: ' + label(el));
    if (el.tagName === 'SELECT') {
      canvas.font = style.fontWeight + ' ' + style.fontSize + ' ' + style.fontFamily;
      const text = el.selectedOptions[0] ? el.selectedOptions[0].textContent || '' : '';
      const need = canvas.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      if (need > el.clientWidth + 1) out.push('drop-down too narrow: ' + text);
    }
  }
  return out;
})()`;

test('nothing on the daily screens is cut off at 1440×900 or 1280×800', async ({ app, api }) => {
  const plans = await api<PlanListRow[]>('plans.list', { scope: 'all' });
  const signed = plans.find((p) => p.status === 'signed')!;
  const screens: [string, string][] = [
    ['/portfolio', 'portfolio-row'],
    ['/actions', 'page-actions'],
    ['/team', 'page-team'],
    ['/plans', 'plans-table'],
    [`/plans/${signed.id}`, 'signoff'],
    ['/sync', 'page-sync'],
  ];
  for (const size of SIZES) {
    await app.setViewportSize(size);
    for (const [path, ready] of screens) {
      await goto(app, path);
      await app.getByTestId(ready).first().waitFor();
      await app.waitForTimeout(300); // fonts and charts settle
      expect(await cutOff(app), `${path} at ${size.width}×${size.height}`).toEqual([]);
    }
  }
});

test('a set filter shows its whole choice, and the longest rule name fits its row', async ({ app, api }) => {
  // Partner complaints sit low in the demo book's list: filtered on, they are the rows shown.
  const list = await api<{ facets: { rules: { id: string; n: number }[] } }>('actions.list', { scope: 'all', perBucket: 1 });
  expect(list.facets.rules.find((r) => r.id === 'partner_voice')!.n).toBeGreaterThan(0);
  for (const size of SIZES) {
    await app.setViewportSize(size);
    await goto(app, '/actions');
    await app.getByTestId('scope-all').click();
    await app.getByTestId('filter-rule').selectOption('partner_voice');
    await expect(app.getByTestId('action-row').first()).toContainText('complaint');
    await app.waitForTimeout(300);
    expect(await cutOff(app), `/actions, partner complaints, at ${size.width}×${size.height}`).toEqual([]);
    // The longest rule choice, and a partner with a long name, chosen in the filters.
    await app.getByTestId('filter-rule').selectOption('jbp_off_pace');
    // The evidence of the longest-named rule, opened: its rule and due day are whole beside "Make this a plan initiative".
    await app.getByTestId('action-row').first().getByRole('button', { name: 'Show the evidence' }).click();
    await expect(app.getByTestId('action-due-words')).toBeVisible();
    await app.waitForTimeout(300);
    expect(await cutOff(app), `/actions, evidence open, at ${size.width}×${size.height}`).toEqual([]);
    const names = await app.getByTestId('filter-partner').locator('option').allTextContents();
    const longest = names.slice(1).reduce((a, b) => (b.length > a.length ? b : a));
    await app.getByTestId('filter-partner').selectOption({ label: longest });
    await app.waitForTimeout(300);
    expect(await cutOff(app), `/actions, filters set, at ${size.width}×${size.height}`).toEqual([]);

    await goto(app, '/portfolio');
    await app.getByTestId('filter-status').waitFor();
    // With nothing set the filters keep to one line (the bar wraps only for set ones that need the room).
    expect((await app.locator('.pf-filterbar').boundingBox())!.height, `Portfolio filters at ${size.width}×${size.height}`).toBeLessThan(40);
    await app.getByTestId('filter-status').selectOption('onboarding');
    await app.getByTestId('filter-region').selectOption({ index: 1 });
    await app.getByTestId('filter-owner').selectOption({ index: 1 });
    await app.waitForTimeout(300);
    expect(await cutOff(app), `/portfolio, filters set, at ${size.width}×${size.height}`).toEqual([]);
    await app.getByTestId('filter-clear').click();
  }
});

test('an empty filter result says so and clears in one click', async ({ app }) => {
  await goto(app, '/portfolio');
  await app.getByTestId('portfolio-row').first().waitFor();
  await app.getByTestId('filter-name').fill('zzzz no such partner');
  await expect(app.getByText('No partners match')).toBeVisible();
  await expect(app.getByTestId('portfolio-count')).toHaveText(/^0 of [\d,]+ partners$/);
  await expect(app.getByText(/avg score/)).toHaveCount(0);
  await app.getByTestId('portfolio-clear-filters').click();
  await expect(app.getByTestId('portfolio-row').first()).toBeVisible();
});

test('a signed plan hides Undo/Redo and shows who signed it and when it was made', async ({ app, api }) => {
  const plans = await api<PlanListRow[]>('plans.list', { scope: 'all' });
  const signed = plans.find((p) => p.status === 'signed')!;
  await goto(app, `/plans/${signed.id}`);
  await app.getByTestId('signoff').waitFor();
  await expect(app.getByTestId('undo')).toHaveCount(0);
  await expect(app.getByTestId('redo')).toHaveCount(0);
  const marks = app.getByTestId('history-milestone');
  await expect(marks.filter({ hasText: 'signed for our side' })).toHaveCount(1);
  await expect(marks.filter({ hasText: `signed for ${signed.partner_name}` })).toHaveCount(1);
  await expect(marks.filter({ hasText: 'Plan created' })).toHaveCount(1);
});

test('the Portfolio answers the arrow keys as soon as it opens', async ({ app }) => {
  await goto(app, '/actions');
  await app.getByTestId('page-actions').waitFor();
  // Opened from the navigation, no click in the grid: the first row is selected, ↓ moves on.
  await app.getByTestId('nav-portfolio').click();
  await app.getByTestId('portfolio-row').first().waitFor();
  const grid = app.getByTestId('portfolio-grid');
  await expect(grid).toBeFocused();
  const first = await app.getByTestId('portfolio-row').nth(0).getAttribute('id');
  await expect(grid).toHaveAttribute('aria-activedescendant', first!);
  await app.keyboard.press('ArrowDown');
  const second = await app.getByTestId('portfolio-row').nth(1).getAttribute('id');
  await expect(grid).toHaveAttribute('aria-activedescendant', second!);
});
