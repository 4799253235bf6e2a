/**
 * Finding things (issue "A CAM's week", point 6): quick search forgives typos and word
 * order, every partner picker is a searchable combobox, the partner page shows the health
 * score and leads to the partner's plan and QBR pack, and the window title names the page
 * and the partner.
 */
import { expect, goto, test } from './fixtures';
import type { PartnerRow } from '../../src-shared/methods/partners';
import type { HealthPartnerDetail } from '../../src-shared/methods/health';

/** A typo a person makes: the third letter dropped ("Beacon" → "Becon"). */
const typo = (word: string) => word.slice(0, 2) + word.slice(3);

/**
 * A partner like "Beacon Distribution GmbH": three or more words, the first two long enough
 * to mistype, and no other partner holding both of them.
 */
async function target(api: <T>(method: string, input?: unknown) => Promise<T>): Promise<{ row: PartnerRow; w: string[] }> {
  const list = await api<PartnerRow[]>('partners.list', { scope: 'all' });
  const words = (n: string) => n.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const row = list.find((r) => {
    const w = words(r.name);
    return (
      r.status !== 'churned' &&
      w.length >= 3 &&
      w[0]!.length >= 5 &&
      w[1]!.length >= 6 &&
      list.filter((x) => words(x.name).includes(w[0]!) && words(x.name).includes(w[1]!)).length === 1
    );
  });
  expect(row, 'the demo book has a partner with a three-word name').toBeTruthy();
  return { row: row!, w: row!.name.split(' ') };
}

test('quick search finds a partner through a typo, a reordered name and word beginnings', async ({ app, api }) => {
  const { row, w } = await target(api);
  const name = row.name;
  await goto(app, '/portfolio');
  // The shortcut is the app's, listened for once the shell is up: wait for the grid first.
  await expect(app.getByTestId('portfolio-row').first()).toBeVisible();
  const search = async (q: string) => {
    await app.keyboard.press('Control+k');
    await app.getByTestId('quick-search-input').fill(q);
  };

  // "Becon": a typo in the first word still finds it.
  await search(typo(w[0]!));
  await expect(app.getByTestId('quick-search-result').filter({ hasText: name })).toHaveCount(1);
  // "beacon distrib gmbh": word beginnings, any case.
  await app.getByTestId('quick-search-input').fill(`${w[0]} ${w[1]!.slice(0, 6)} ${w[2]}`.toLowerCase());
  await expect(app.getByTestId('quick-search-result').first()).toHaveText(new RegExp(`^${name}`));
  // "Distribution Becon": back to front with a typo.
  await app.getByTestId('quick-search-input').fill(`${w[1]} ${typo(w[0]!)}`);
  await expect(app.getByTestId('quick-search-result').first()).toHaveText(new RegExp(`^${name}`));
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/partners/${row.id}$`));

  // A pasted paragraph with no spaces finds nothing, and says so inside the box, quoting its start.
  await search('x'.repeat(500));
  await expect(app.getByTestId('quick-search-input')).toHaveValue('x'.repeat(200));
  const empty = app.locator('.qs-empty');
  await expect(empty).toHaveText(`No partner matches “${'x'.repeat(59)}…”.`);
  const fits = await empty.evaluate((el: { scrollWidth: number; clientWidth: number }) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits).toBe(true);
});

test('the new-plan and QBR partner pickers search by typing', async ({ app, api }) => {
  const { row, w } = await target(api);
  const name = row.name;
  await goto(app, '/plans');
  await app.getByRole('button', { name: /new plan/i }).first().click();
  const dialog = app.getByTestId('new-plan-dialog');
  const input = dialog.getByTestId('new-plan-partner-input');
  await expect(input).toHaveRole('combobox');
  await input.fill(`${typo(w[0]!)} ${w[1]!.slice(0, 6)}`.toLowerCase());
  await expect(dialog.getByTestId('new-plan-partner-option').first()).toHaveText(new RegExp(`^${name}`));
  await input.press('Enter');
  await expect(input).toHaveValue(name);
  // The dialog is still open (Enter picked, it did not submit), and the periods for this partner load.
  await expect(dialog.getByTestId('new-plan-period')).toBeEnabled();
  // Escape while searching closes the list and keeps the choice; the dialog stays.
  await input.fill('zz');
  await input.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(input).toHaveValue(name);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await goto(app, '/qbr');
  const qbr = app.getByTestId('qbr-partner-input');
  await qbr.fill(`${w[1]} ${w[0]}`);
  await qbr.press('ArrowDown');
  await expect(app.getByTestId('qbr-partner-option').first()).toHaveText(new RegExp(`^${name}`));
  await qbr.press('Enter');
  await expect(app).toHaveURL(new RegExp(`partner=${row.id}`));
  await expect(qbr).toHaveValue(name);
});

test('the partner page shows the health score and leads to its plan and QBR pack; the window names the partner', async ({ app, api }) => {
  const { row } = await target(api);
  const name = row.name;
  const health = await api<HealthPartnerDetail>('health.partner', { id: row.id });
  await goto(app, `/partners/${row.id}`);
  await expect(app.getByTestId('partner-health-score')).toHaveText(new RegExp(`^Health ${health.current.score} · `));
  await expect(app).toHaveTitle(`${name} · Portfolio · Partnerbook`);

  const plans = await api<{ id: string; period: string }[]>('plans.list', { partnerId: row.id });
  if (plans.length) {
    const latest = [...plans].sort((x, y) => y.period.localeCompare(x.period))[0]!;
    await expect(app.getByTestId('to-plan')).toHaveAttribute('href', `#/plans/${encodeURIComponent(latest.id)}`);
  } else {
    await expect(app.getByTestId('to-plan')).toHaveCount(0);
  }
  await app.getByTestId('to-qbr').click();
  await expect(app).toHaveURL(new RegExp(`#/qbr\\?partner=${row.id}`));
  await expect(app.getByTestId('qbr-partner-input')).toHaveValue(name);
  await expect(app).toHaveTitle(/^QBR packs · Partnerbook$/);
});
