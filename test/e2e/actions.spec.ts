/**
 * Actions page end to end: work through the list with the keyboard, open the evidence,
 * mark one action done and snooze another, reload and find both states kept.
 * Screenshots (1440×900) go to test-results/screens/.
 */
import { mkdirSync } from 'node:fs';
import type { ActionList } from '../../src-shared/methods/actions';
import { expect, goto, test } from './fixtures';
import { routeCalls } from './api-route';

const DIR = 'test-results/screens';
test.use({ viewport: { width: 1440, height: 900 } });

test('work through the actions with the keyboard; done and snoozed survive a reload', async ({ app, api }) => {
  mkdirSync(DIR, { recursive: true });
  await goto(app, '/actions');
  const rows = app.getByTestId('action-row');
  await expect(rows.first()).toBeVisible();
  await expect(app.getByTestId('actions-badge')).toBeVisible();
  await expect(app.getByTestId('group-today')).toBeVisible();
  await expect(app.getByTestId('action-digest')).toBeVisible();
  await app.screenshot({ path: `${DIR}/actions.png` });

  const selected = app.locator('[data-testid=action-row][aria-selected=true]');
  const keyAt = (i: number) => rows.nth(i).getAttribute('data-key');
  // The first row is selected; j and k move.
  await expect(selected).toHaveAttribute('data-key', (await keyAt(0))!);
  await app.keyboard.press('j');
  await app.keyboard.press('j');
  await expect(selected).toHaveAttribute('data-key', (await keyAt(2))!);
  await app.keyboard.press('k');
  await expect(selected).toHaveAttribute('data-key', (await keyAt(1))!);

  // Enter opens the evidence inline: the numbers, the links, the priority arithmetic.
  await app.keyboard.press('Enter');
  const evidence = selected.getByTestId('action-evidence');
  await expect(evidence).toBeVisible();
  await expect(evidence.getByTestId('action-priority')).toContainText(/× \d\.\d\d × \d\.\d\d = /);
  await expect(evidence.locator('.ev-links a').first()).toBeVisible();
  await app.screenshot({ path: `${DIR}/actions-evidence.png` });
  await app.keyboard.press('Enter');
  await expect(evidence).toHaveCount(0);

  // e: done. The row leaves the list and the next one is selected.
  const doneKey = (await selected.getAttribute('data-key'))!;
  await app.keyboard.press('e');
  await expect(app.locator(`[data-testid=action-row][data-key="${doneKey}"]`)).toHaveCount(0);
  await expect(app.getByTestId('action-notice')).toContainText('Done:');

  // s: snooze, with the "next week" preset.
  const snoozeKey = (await selected.getAttribute('data-key'))!;
  expect(snoozeKey).not.toBe(doneKey);
  await app.keyboard.press('s');
  const dialog = app.getByTestId('snooze-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('snooze-next-week').click();
  const until = await dialog.getByTestId('snooze-date').inputValue();
  await dialog.getByTestId('snooze-confirm').click();
  await expect(dialog).toHaveCount(0);
  await expect(app.locator(`[data-testid=action-row][data-key="${snoozeKey}"]`)).toHaveCount(0);
  // The notice writes the date as the app writes dates: 2026-11-23 → "Nov 23, 2026".
  const [y, m, d] = until.split('-').map(Number);
  const words = `${new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })}`;
  await expect(app.getByTestId('action-notice')).toContainText(`Snoozed until ${words}:`);

  // Reload: both states are kept (and recomputing the actions does not bring them back).
  await app.reload();
  await expect(rows.first()).toBeVisible();
  await expect(app.locator(`[data-testid=action-row][data-key="${doneKey}"]`)).toHaveCount(0);
  await expect(app.locator(`[data-testid=action-row][data-key="${snoozeKey}"]`)).toHaveCount(0);
  await app.getByTestId('show-hidden').check();
  await expect(app.locator(`[data-testid=action-row][data-key="${doneKey}"]`)).toContainText('Done');
  await expect(app.locator(`[data-testid=action-row][data-key="${snoozeKey}"]`)).toContainText('Snoozed until');

  const list = await api<ActionList>('actions.list', { includeHidden: true });
  expect(list.actions.find((a) => a.key === doneKey)?.state).toMatchObject({ state: 'done' });
  expect(list.actions.find((a) => a.key === snoozeKey)?.state).toMatchObject({ state: 'snoozed', snoozeUntil: until });

  // Filters: by rule, then by owner.
  await app.getByTestId('show-hidden').uncheck();
  await app.getByTestId('filter-rule').selectOption('stalled_opportunity');
  await expect(rows.first()).toBeVisible();
  await expect(app.locator('[data-testid=action-row] .act-rule', { hasNotText: 'Stalled opportunity' })).toHaveCount(0);
  const owner = list.actions.find((a) => a.rule === 'stalled_opportunity' && !a.hidden)!;
  await app.getByTestId('filter-owner').selectOption(owner.ownerId);
  await expect(app.locator(`[data-testid=action-row][data-key="${owner.key}"]`)).toBeVisible();
  await app.getByTestId('filter-clear').click();
  await expect(app.getByTestId('filter-rule')).toHaveValue('');

  // Still readable on a smaller laptop screen.
  await app.setViewportSize({ width: 1280, height: 800 });
  await expect(rows.first()).toBeVisible();
  await app.screenshot({ path: `${DIR}/actions-1280.png` });
});

test("the partner page lists that partner's actions", async ({ app, api }) => {
  const list = await api<ActionList>('actions.list', {});
  const partnerId = list.actions[0]!.partnerId;
  const mine = list.actions.filter((a) => a.partnerId === partnerId);
  await goto(app, `/partners/${partnerId}`);
  const panel = app.getByTestId('partner-actions');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('action-row')).toHaveCount(Math.min(5, mine.length));
  await expect(panel).toContainText(`Next-best actions · ${mine.length}`);
  // The page is the partner's: its lines leave the name out rather than repeat it.
  const first = panel.getByTestId('action-row').first();
  const firstKey = await first.getAttribute('data-key');
  const shown = mine.find((a) => a.key === firstKey)!;
  await expect(first.locator('.act-text')).toHaveText(shown.suggestionHere);
  for (const text of await panel.locator('.act-text').allTextContents()) expect(text).not.toContain(mine[0]!.partnerName);
  await first.locator('.act-expand').click();
  await expect(panel.getByTestId('action-evidence')).toBeVisible();
  await app.screenshot({ path: `${DIR}/partner-actions.png` });
});

test('an action becomes an initiative of the partner’s draft plan in one step', async ({ app, api }) => {
  const drafts = await api<{ id: string; partner_id: string }[]>('plans.list', { status: 'draft' });
  const list = await api<ActionList>('actions.list', {});
  const plan = drafts.find((p) => list.actions.some((a) => a.partnerId === p.partner_id));
  // The demo book always has such partners; if it stops having them, this must fail, not skip.
  expect(plan, 'a partner with both a draft plan and an open action').toBeTruthy();
  const action = list.actions.find((a) => a.partnerId === plan!.partner_id)!;
  await goto(app, `/partners/${plan!.partner_id}`);
  const row = app.locator(`[data-testid=partner-actions] [data-testid=action-row][data-key="${action.key}"]`);
  await row.locator('.act-expand').click();
  await row.getByTestId('action-initiative').click();
  await expect(app.getByTestId('action-notice')).toContainText('Added as an initiative to the current plan.');
  const detail = await api<{ initiatives: { source: string | null; title: string }[] }>('plans.get', { id: plan!.id });
  expect(detail.initiatives.find((i) => i.source === `action:${action.key}`)?.title.slice(0, 150)).toBe(action.suggestionHere.slice(0, 150));
});

test('the digest of two syncs in the same minute reads as one time, and a quiet one says what did not happen', async ({ app }) => {
  const at = '2026-11-20T07:34:10.000Z';
  const entry = { key: 'qbr_due:P-00001:2026Q4', rule: 'qbr_due', partnerId: 'P-00001', partnerName: 'Beacon Distribution GmbH', suggestion: 'Prepare the QBR', impact: 0, currency: 'USD' };
  let digest: { syncedAt: string; previousSyncedAt: string; added: unknown[]; resolved: unknown[] } = { syncedAt: at, previousSyncedAt: '2026-11-20T07:34:02.000Z', added: [], resolved: [] };
  await routeCalls(app, (call, real) => (call.method === 'actions.digest' ? real().then((r) => (r.ok ? { ok: true, value: { ...(r.value as object), ...digest } } : r)) : undefined));
  await goto(app, '/actions');
  const box = app.getByTestId('action-digest');
  await expect(box).toContainText(/Since last syncNo new or resolved actions since the sync of .+\d\d:\d\d\./);
  await expect(box).not.toContainText('→');
  digest = { ...digest, added: [entry] };
  await app.reload();
  await expect(box).toContainText('+1 new');
  await expect(box).not.toContainText('→');
});

test('the snooze dialog refuses a date it cannot take as it is typed, and sends nothing', async ({ app }) => {
  await goto(app, '/actions');
  await expect(app.getByTestId('action-row').first()).toBeVisible();
  const sent: string[] = [];
  await routeCalls(app, (call) => {
    sent.push(call.method);
    return undefined;
  });
  await app.keyboard.press('s');
  const dialog = app.getByTestId('snooze-dialog');
  await expect(dialog).toBeVisible();
  const date = dialog.getByTestId('snooze-date');
  const problem = dialog.getByTestId('snooze-problem');
  await date.fill('9999-12-31');
  await expect(problem).toHaveText('Dec 31, 2199 is the latest date a snooze can run to; pick an earlier one.');
  await expect(date).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('snooze-confirm')).toBeDisabled();
  // Enter in the field does not send it either.
  await date.press('Enter');
  await expect(dialog).toBeVisible();
  await date.fill('2026-11-01');
  await expect(problem).toHaveText(/^Pick a date after /);
  await date.fill('2027-01-15');
  await expect(problem).toHaveCount(0);
  await expect(dialog.getByTestId('snooze-confirm')).toBeEnabled();
  await app.keyboard.press('Escape');
  expect(sent).not.toContain('actions.setState');
  await expect(app.getByTestId('action-notice')).toHaveCount(0);
});
