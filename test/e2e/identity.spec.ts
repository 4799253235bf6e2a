/**
 * Who is signed in, and "my book", in the UI: the one-time "Is that you?", Portfolio
 * opening on my book once confirmed with all partners one click away and remembered
 * across reloads, and the Actions badge counting only my book. Screenshots of these go
 * to $PB_SHOTS_DIR (default test-results/screens-identity) at 1440×900 and 1280×800.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import type { ActionList, ActionSummary } from '../../src-shared/methods/actions';
import type { IdentityView } from '../../src-shared/methods/identity';
import type { PartnerRow } from '../../src-shared/methods/partners';
import { expect, goto, harnessReplica, test } from './fixtures';

/**
 * Back to a first start after the sync: the source has said who is signed in, nobody has
 * answered, no scope was chosen. (The fixture's footing confirms the demo CAM.)
 */
function forgetAnswers(): void {
  const db = new Database(harnessReplica());
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare("DELETE FROM setting WHERE key IN ('identity.confirmed', 'identity.rejected', 'view.scope')").run();
  } finally {
    db.close();
  }
}

async function startOver(app: Page): Promise<void> {
  forgetAnswers();
  await app.reload();
}

const live = (rows: PartnerRow[]) => rows.filter((r) => r.status !== 'churned').length.toLocaleString('en-US');

test('asks once who is signed in, then opens on my book with all partners one click away, remembered', async ({ app, api }) => {
  await startOver(app);
  const who = await api<IdentityView>('identity.get');
  expect(who).toMatchObject({ status: 'unconfirmed', user: { role: 'cam' } });
  const [mine, all] = await Promise.all([api<PartnerRow[]>('partners.list', { scope: 'mine' }), api<PartnerRow[]>('partners.list', { scope: 'all' })]);
  expect(mine.length).toBeGreaterThanOrEqual(30);
  expect(mine.length).toBeLessThanOrEqual(60);
  expect(new Set(mine.map((p) => p.owner_id))).toEqual(new Set([who.user!.id]));

  const banner = app.getByTestId('identity-banner');
  await expect(banner).toContainText(`You are signed in to Partnerbook demo PRM as ${who.user!.name}, CAM. Is that you?`);
  // The count the Portfolio will show once confirmed (live partners), the churned ones said apart.
  const churned = mine.length - Number(live(mine));
  expect(churned).toBeGreaterThan(0);
  await expect(banner).toContainText(`Views will open on the ${live(mine)} partners you own (${churned} more ${churned === 1 ? 'has' : 'have'} churned)`);
  // Until answered, nothing is taken for my book.
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(all)} partners`);

  await banner.getByTestId('identity-confirm').click();
  await expect(banner).toHaveCount(0);
  await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('scope-mine')).toHaveText('My book');
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(mine)} partners`);

  await app.getByTestId('scope-all').click();
  await expect(app.getByTestId('scope-all')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(all)} partners`);
  await app.reload();
  await expect(app.getByTestId('scope-all')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(all)} partners`);
  await expect(app.getByTestId('identity-banner')).toHaveCount(0);
  // The main process remembers it, so the CLI agrees.
  expect(await api('scope.get')).toEqual({ scope: 'all', remembered: true, scoped: true });

  await app.getByTestId('scope-mine').click();
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(mine)} partners`);
  await app.reload();
  await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(mine)} partners`);
});

test('the Actions badge and page count only my book', async ({ app, api }) => {
  await startOver(app);
  await app.getByTestId('identity-confirm').click();
  await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
  const who = await api<IdentityView>('identity.get');
  const [mine, all] = await Promise.all([api<ActionSummary>('actions.summary', { scope: 'mine' }), api<ActionSummary>('actions.summary', { scope: 'all' })]);
  expect(mine.open).toBeGreaterThan(0);
  expect(mine.open).toBeLessThan(all.open);
  const badge = app.getByTestId('actions-badge');
  await expect(badge).toHaveText(String(mine.today));
  expect(mine.today).toBeLessThanOrEqual(mine.capacity);

  await goto(app, '/actions');
  await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('action-count')).toContainText(`${mine.open.toLocaleString('en-US')} open`);
  const list = await api<ActionList>('actions.list', { scope: 'mine', perBucket: 1000 });
  expect(list.actions.every((a) => a.ownerId === who.user!.id)).toBe(true);
  expect(list.facets.owners.map((o) => o.id)).toEqual([who.user!.id]);

  await app.getByTestId('scope-all').click();
  await expect(app.getByTestId('action-count')).toContainText(`${all.open.toLocaleString('en-US')} open`);
  // The badge is my Today whatever the page shows.
  await expect(badge).toHaveText(String(mine.today));
});

test('"not me" shows every partner until the user says otherwise', async ({ app, api }) => {
  await startOver(app);
  const who = await api<IdentityView>('identity.get');
  await app.getByTestId('identity-reject').click();
  const banner = app.getByTestId('identity-banner');
  await expect(banner).toHaveAttribute('data-status', 'rejected');
  await expect(banner).toContainText(`Partnerbook won’t treat ${who.user!.name}’s partners as yours`);
  await expect(app.getByTestId('scope-toggle')).toHaveCount(0);
  const all = await api<PartnerRow[]>('partners.list', { scope: 'mine' });
  expect(all.length).toBe((await api<PartnerRow[]>('partners.list', { scope: 'all' })).length);

  await banner.getByTestId('identity-undo').click();
  await expect(banner).toHaveCount(0);
  await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
});

test('screens of my book', async ({ app, api }) => {
  const dir = process.env.PB_SHOTS_DIR ?? 'test-results/screens-identity';
  mkdirSync(dir, { recursive: true });
  for (const [w, h] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await app.setViewportSize({ width: w, height: h });
    await startOver(app);
    await goto(app, '/portfolio');
    await expect(app.getByTestId('identity-banner')).toBeVisible();
    await expect(app.locator('[data-testid=portfolio-row]').first()).toBeVisible();
    await app.screenshot({ path: `${dir}/confirm-${w}x${h}.png` });
    await app.getByTestId('identity-confirm').click();
    await expect(app.getByTestId('scope-mine')).toHaveAttribute('aria-checked', 'true');
    await expect(app.getByTestId('identity-banner')).toHaveCount(0);
    await expect(app.getByTestId('portfolio-count')).toHaveText(`${live(await api<PartnerRow[]>('partners.list', { scope: 'mine' }))} partners`);
    await app.screenshot({ path: `${dir}/portfolio-my-book-${w}x${h}.png` });
    await goto(app, '/actions');
    await expect(app.locator('[data-testid=action-row]').first()).toBeVisible();
    await app.screenshot({ path: `${dir}/actions-${w}x${h}.png` });
    await goto(app, '/team');
    await expect(app.locator('[data-testid=team-bands] canvas')).toBeVisible();
    await app.waitForTimeout(600); // chart animation
    await app.screenshot({ path: `${dir}/team-${w}x${h}.png` });
  }
});
