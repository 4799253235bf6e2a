/**
 * The renderer on the demo book, through the browser harness (global-setup starts it on
 * a fresh data dir, synced). Data expectations come from the same API the UI uses.
 */
import type { Page } from '@playwright/test';
import { expect, goto, test } from './fixtures';
import type { PartnerDetail, PartnerRow } from '../../src-shared/methods/partners';
import type { Tier } from '../../src-shared/domain/entities';
import { methodsOf, routeCalls } from './api-route';

const rows = '[data-testid=portfolio-row]';

/** The portfolio shows the live book: churned partners only when the status filter asks. */
async function liveBook(api: <T>(method: string, input?: unknown) => Promise<T>): Promise<PartnerRow[]> {
  return (await api<PartnerRow[]>('partners.list')).filter((r) => r.status !== 'churned');
}

/** Holds back the answers to `health.portfolio` for the whole book until the returned function is called. */
async function holdWholeBook(app: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await routeCalls(app, async (call) => {
    if (call.method === 'health.portfolio' && (call.input as { first?: number }).first === undefined) await held;
    return undefined;
  });
  return release;
}

/** Reloads the Portfolio with the whole book held back: its first rows on screen; `ids` reads the rows' partners in order. */
async function openWithFirstRowsOnly(app: Page): Promise<{ release: () => void; ids: () => Promise<(string | null)[]> }> {
  const release = await holdWholeBook(app);
  await app.reload();
  await expect(app.locator(rows).first()).toBeVisible();
  return { release, ids: () => app.locator(rows).evaluateAll((els) => els.map((e) => e.getAttribute('data-partner-id'))) };
}

function countOf(text: string): { shown: number; total: number } {
  const nums = [...text.matchAll(/[\d,]+/g)].map((m) => Number(m[0].replace(/,/g, '')));
  return { shown: nums[0] ?? 0, total: nums[1] ?? nums[0] ?? 0 };
}

test('opens on the demo book with more than 100 partners', async ({ app, api }) => {
  const list = await liveBook(api);
  await expect(app.locator(rows).first()).toBeVisible();
  const count = countOf((await app.getByTestId('portfolio-count').textContent()) ?? '');
  expect(count.total).toBeGreaterThan(100);
  expect(count.total).toBe(list.length);
  // Virtualized: only the visible rows are in the DOM, but the grid is full of them.
  expect(await app.locator(rows).count()).toBeGreaterThan(10);
  // The dates under the grid read as the app writes dates, not as stored.
  await expect(app.locator('.grid-hint')).toContainText(/Health as of [A-Z][a-z]{2} \d{1,2}, \d{4} · trend vs [A-Z][a-z]{2} \d{1,2}, \d{4} · /);
  await expect(app.getByTestId('sync-state')).toContainText(/Synced|Syncing/);
  await expect(app).toHaveURL(/#\/portfolio$/);
  expect(app.url()).not.toContain('token=');
});

test('opening on the Portfolio asks for its first rows with the workspace and identity, in one request, not after their answers', async ({ app }) => {
  await expect(app.locator(rows).first()).toBeVisible();
  // The first load has asked for everything it will (the whole book after its first rows).
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  await expect(app).toHaveURL(/#\/portfolio$/);
  const asked: string[][] = [];
  app.on('request', (r) => {
    const methods = methodsOf(r.url(), r.postData());
    if (methods.length) asked.push(methods);
  });
  await app.reload();
  await expect(app.locator(rows).first()).toBeVisible();
  // Its first rows were asked for at start-up, with the other start-up reads…
  await expect.poll(() => asked.length).toBeGreaterThan(0);
  expect(asked[0]).toEqual(['workspaces.current', 'identity.get', 'display.get', 'health.portfolio']);
  // …and the whole book once they were on screen: two asks, the page sending no third of its own.
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  expect(asked.flat().filter((m) => m === 'health.portfolio')).toHaveLength(2);
});

test('a fresh window draws the Portfolio once, with its rows, and asks for what is not on that screen after them', async ({ app }) => {
  await expect(app.locator(rows).first()).toBeVisible();
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  // Recorded in the page from its first line: whether a loading state was ever drawn before
  // the rows, and which requests went out before the rows were in the document.
  await app.addInitScript(`
    window.__first = { loadingBeforeRows: false, beforeRows: [], afterRows: [], requestsBeforeRows: 0 };
    const hasRows = () => !!document.querySelector('${rows}');
    new MutationObserver(() => {
      if (!hasRows() && document.querySelector('#root .loading')) window.__first.loadingBeforeRows = true;
    }).observe(document, { childList: true, subtree: true });
    const fetchFirst = window.fetch;
    window.fetch = function (url, init) {
      let what = String(url).includes('/api/events') ? ['events'] : [];
      try {
        const body = JSON.parse((init && init.body) || '{}');
        if (!what.length) what = body.calls ? body.calls.map((c) => c.method) : [body.method];
      } catch {}
      const list = hasRows() ? window.__first.afterRows : window.__first.beforeRows;
      list.push(...what);
      if (!hasRows()) window.__first.requestsBeforeRows++;
      return fetchFirst.apply(this, arguments);
    };
  `);
  await app.reload();
  await expect(app.locator(rows).first()).toBeVisible();
  await expect(app.getByTestId('sync-state')).toContainText(/Synced|Syncing/);
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  const first = await app.evaluate(
    () => (globalThis as unknown as { __first: { loadingBeforeRows: boolean; beforeRows: string[]; afterRows: string[]; requestsBeforeRows: number } }).__first,
  );
  // The start-up answers are in the first render: no "Loading…" on the way to the rows.
  expect(first.loadingBeforeRows).toBe(false);
  // Before the rows: only the start-up requests and the event stream. The sync status, the
  // workspace list and the whole book come once the rows are drawn.
  expect([...first.beforeRows].sort()).toEqual(['display.get', 'events', 'health.portfolio', 'identity.get', 'workspaces.current']);
  // Two requests: the start-up reads together, and the event stream.
  expect(first.requestsBeforeRows).toBe(2);
  expect(first.afterRows).toEqual(expect.arrayContaining(['sync.status', 'workspaces.list', 'health.portfolio']));
});

test('while the first rows are on their way the Portfolio says it is loading, not "0 partners"', async ({ app }) => {
  await expect(app.locator(rows).first()).toBeVisible();
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  // Opening on it with the start-up reads held (they travel as one request: holding the
  // first rows holds the workspace's answer too): the window says it is loading.
  let release = () => {};
  let held = new Promise<void>((r) => (release = r));
  await routeCalls(app, async (call) => {
    if (call.method === 'health.portfolio') await held;
    return undefined;
  });
  await app.reload();
  await expect(app.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible();
  await expect(app.getByText(/\b0 partners\b/)).toHaveCount(0);
  await expect(app.locator(rows)).toHaveCount(0);
  release();
  await expect(app.locator(rows).first()).toBeVisible();
  await expect(app.getByTestId('portfolio-count')).toHaveText(/^[\d,]+ partners$/);
  // Coming to it from another page, its rows held: the Portfolio says so, with no count.
  held = new Promise<void>((r) => (release = r));
  await goto(app, '#/team');
  await app.reload();
  await expect(app.getByTestId('page-team')).toBeVisible();
  await app.getByTestId('nav-portfolio').click();
  await expect(app.getByTestId('page-portfolio').getByText('Loading and scoring your partner book…')).toBeVisible();
  await expect(app.getByTestId('portfolio-count')).toHaveText('');
  await expect(app.locator(rows)).toHaveCount(0);
  release();
  await expect(app.locator(rows).first()).toBeVisible();
  await expect(app.getByTestId('portfolio-count')).toHaveText(/^[\d,]+ partners$/);
  await expect(app.getByTestId('page-portfolio').getByText('Loading and scoring your partner book…')).toHaveCount(0);
  await app.unrouteAll({ behavior: 'wait' });
});

test('a book whose scores are still being computed lists its partners with their figures waiting, then shows the scores once they are in', async ({ app, api }) => {
  const live = await liveBook(api);
  const byName = (await api<PartnerRow[]>('partners.list')).sort((a, b) => a.name.localeCompare(b.name));
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  // The API's own answer while a book is scored in the background (a first open of 20,000
  // partners takes seconds): the partners, nothing scored, `scoring` (api/areas/health.ts).
  let asked = 0;
  let failing = false;
  await routeCalls(app, async (call, real) => {
    const input = call.input as { first?: number; early?: boolean };
    if (call.method !== 'health.portfolio' || !input.early) return undefined;
    asked++;
    // The scoring failed (the worker's own sentence): said, not left at "scoring…" for good.
    if (failing) return { ok: false, error: { code: 'internal', message: 'Computing partner health failed: the disk is full.' } };
    const answer = (await real()) as { ok: true; value: Record<string, unknown> };
    const first = input.first;
    const records = first === undefined ? byName : byName.filter((r) => r.status !== 'churned').slice(0, first);
    const value = { ...answer.value, rows: [], arriving: { records }, scoring: { done: 40, total: 100 }, ...(first === undefined ? { head: undefined } : { head: { total: live.length } }) };
    return { ok: true, value };
  });
  await app.reload();
  await expect(app.locator(rows).first()).toBeVisible();
  // How far the scoring had got when the answer left: a page opened mid-job says so before the next progress event.
  await expect(app.getByTestId('portfolio-scoring')).toHaveText('· scoring the whole book… 40%');
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live.length} partners`);
  await expect(app.locator(`${rows} [data-col=score]`).first()).toHaveText('…');
  await expect(app.getByTestId('portfolio-summary')).toHaveCount(0);
  // It waits to be told the scores are in: the unscored answer is not asked for again and again.
  await expect.poll(() => asked).toBe(2);
  await app.waitForTimeout(1500);
  expect(asked).toBe(2);
  failing = true;
  await api('health.settings.set', { settings: await api('health.settings.get') });
  await expect(app.getByRole('alert')).toContainText('Computing partner health failed: the disk is full.');
  await app.unrouteAll({ behavior: 'wait' });
  // The scores are in (data.changed: a health change the Portfolio listens to).
  await api('health.settings.set', { settings: await api('health.settings.get') });
  await expect(app.getByTestId('portfolio-summary')).toContainText('avg score');
  await expect(app.locator(`${rows} [data-col=score]`).first()).toHaveText(/^\d+$/);
  await expect(app.getByTestId('portfolio-scoring')).toHaveCount(0);
});

test('opening on the Portfolio shows its first rows while the rest of the book is on its way, then the same rows with the totals', async ({ app, api }) => {
  const live = (await liveBook(api)).length;
  await expect(app.locator(rows).first()).toBeVisible();
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  const { release, ids } = await openWithFirstRowsOnly(app);
  const first = await ids();
  expect(first.length).toBeGreaterThan(10);
  // The count is the book's; nothing is summed from the rows shown so far.
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${live} partners`);
  await expect(app.getByTestId('portfolio-summary')).toHaveCount(0);
  await expect(app.getByTestId('portfolio-export')).toBeDisabled();
  release();
  await expect(app.getByTestId('portfolio-summary')).toContainText('avg score');
  await expect(app.getByTestId('portfolio-export')).toBeEnabled();
  // The whole book puts the same partners first, in the same order.
  expect(await ids()).toEqual(first);
  await app.unrouteAll({ behavior: 'wait' });
});

test('a sort asked for while only the first rows are in waits for the whole book, then sorts all of it', async ({ app, api }) => {
  const list = await liveBook(api);
  const max = Math.max(...list.map((r) => r.revenue_t4q));
  const revenueOf = new Map(list.map((r) => [r.id, r.revenue_t4q]));
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  const { release, ids } = await openWithFirstRowsOnly(app);
  const first = await ids();
  const header = app.getByTestId('col-revenue_t4q');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  // The first rows stay as they came (worst score first), not re-sorted as if they were the book.
  await expect(app.getByTestId('portfolio-view-waits')).toHaveText('· sorting when the whole book is in…');
  expect(await ids()).toEqual(first);
  // A search applies to the first rows at once, in their order, the rest of its matches
  // waiting for the book: the count stays the book's, not "n of" the first rows.
  const nameOf = new Map(list.map((r) => [r.id, r.name]));
  const matches = (id: string | null) => !!id && (id.toLowerCase().includes('a') || nameOf.get(id)!.toLowerCase().includes('a'));
  const search = app.getByPlaceholder('Name or id');
  await search.fill('a');
  await expect(app.getByTestId('portfolio-view-waits')).toHaveText('· sorting and more matches when the whole book is in…');
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${list.length} partners`);
  await expect.poll(async () => (await ids()).every(matches)).toBe(true);
  expect((await ids()).filter((id) => first.includes(id))).toEqual(first.filter(matches));
  await search.fill('');
  expect(await ids()).toEqual(first);
  release();
  await expect(app.getByTestId('portfolio-view-waits')).toHaveCount(0);
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  // The whole book sorted: its largest partner first.
  await expect.poll(async () => revenueOf.get((await app.locator(rows).first().getAttribute('data-partner-id'))!)).toBe(max);
  await app.unrouteAll({ behavior: 'wait' });
});

test('a search typed while only the first rows are in shows only rows that match it, so the row clicked is the partner typed', async ({ app, api }) => {
  const list = await liveBook(api);
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();
  const head = new Set((await api<{ rows: PartnerRow[] }>('health.portfolio', { first: 80 })).rows.map((r) => r.id));
  const beyond = list.find((r) => !head.has(r.id))!;
  const { release, ids } = await openWithFirstRowsOnly(app);
  const wanted = (await ids())[3]!;
  const search = app.getByTestId('filter-name');
  // A partner beyond the first rows: none of them is shown as if it matched.
  await search.fill(beyond.id);
  await expect(app.locator(rows)).toHaveCount(0);
  await expect(app.getByTestId('portfolio-no-match-yet')).toHaveText(`No match in the first ${head.size} partners; the rest are on their way.`);
  await expect(app.getByText('No partners match')).toHaveCount(0);
  await expect(app.getByTestId('portfolio-view-waits')).toHaveText('· more matches when the whole book is in…');
  // One of the first rows, typed and clicked at once: that partner opens.
  await search.fill(wanted);
  await expect(app.locator(rows)).toHaveCount(1);
  await app.locator(rows).first().click();
  await expect(app).toHaveURL(new RegExp(`#/partners/${wanted}$`));
  release();
  // Back on the Portfolio with the whole book in: the partner beyond the first rows is found.
  await goto(app, '/portfolio');
  await app.getByTestId('filter-name').fill(beyond.id);
  await expect(app.locator(rows)).toHaveCount(1);
  await expect(app.locator(rows).first()).toHaveAttribute('data-partner-id', beyond.id);
  await app.unrouteAll({ behavior: 'wait' });
});

test('sorting by revenue puts the largest partner first', async ({ app, api }) => {
  const list = await liveBook(api);
  const max = Math.max(...list.map((r) => r.revenue_t4q));
  const min = Math.min(...list.map((r) => r.revenue_t4q));
  const revenueOf = new Map(list.map((r) => [r.id, r.revenue_t4q]));
  const header = app.getByTestId('col-revenue_t4q');
  await expect(app.locator(rows).first()).toBeVisible();
  // The whole book is in (the first rows come alone, ahead of it).
  await expect(app.getByTestId('portfolio-summary')).toBeVisible();

  // Sort by name first, then by revenue: numbers sort largest first.
  await app.getByTestId('col-name').getByRole('button').click();
  await expect(app.getByTestId('col-name')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header).toHaveAttribute('aria-sort', 'none');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  const first = await app.locator(rows).first().getAttribute('data-partner-id');
  expect(revenueOf.get(first!)).toBe(max);

  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  const firstAsc = await app.locator(rows).first().getAttribute('data-partner-id');
  expect(revenueOf.get(firstAsc!)).toBe(min);
});

test('scrolled down and back, every row shows the partner at its place, in screen order', async ({ app, api }) => {
  const list = await liveBook(api);
  const byName = [...list].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  await expect(app.locator(rows).first()).toBeVisible();
  await app.getByTestId('col-name').getByRole('button').click();
  await expect(app.getByTestId('col-name')).toHaveAttribute('aria-sort', 'ascending');
  const grid = app.getByTestId('portfolio-grid');
  // Scrolled a screen at a time (the grid's rows are rewritten in place), then back up part way.
  for (const top of [900, 1800, 2700, 3600, 1234]) {
    await grid.evaluate((el, t) => {
      el.scrollTop = t;
    }, top);
    await app.waitForTimeout(60);
  }
  // Once the scroll settles, the rows read top to bottom in the document as on screen.
  await expect
    .poll(async () => {
      const shown = await app.locator(rows).evaluateAll((els) =>
        els.map((e) => ({ index: Number(e.getAttribute('aria-rowindex')), id: e.getAttribute('data-partner-id'), transform: e.getAttribute('style') })),
      );
      return shown.every((r, i) => i === 0 || r.index === shown[i - 1]!.index + 1) ? shown : null;
    })
    .not.toBeNull();
  const shown = await app.locator(rows).evaluateAll((els) =>
    els.map((e) => ({ index: Number(e.getAttribute('aria-rowindex')), id: e.getAttribute('data-partner-id'), name: e.querySelector('.pf-name')?.textContent, top: e.getAttribute('style') })),
  );
  expect(shown.length).toBeGreaterThan(10);
  // 1,234 px down: rows of 34 px, so the first rows above the window are gone.
  expect(shown[0]!.index - 2).toBeGreaterThan(20);
  for (const r of shown) {
    const expected = byName[r.index - 2]!;
    expect(r.id).toBe(expected.id);
    expect(r.name).toBe(expected.name);
    expect(r.top).toBe(`transform: translateY(${(r.index - 2) * 34}px);`);
  }
});

test('filtering by tier shows only that tier', async ({ app, api }) => {
  const [list, tiers] = await Promise.all([liveBook(api), api<Tier[]>('tiers.list')]);
  const tier = [...tiers].sort((a, b) => b.rank - a.rank).find((t) => list.some((r) => r.tier_id === t.id))!;
  const expected = list.filter((r) => r.tier_id === tier.id).length;

  await expect(app.locator(rows).first()).toBeVisible();
  await app.getByTestId('filter-tier').selectOption(tier.id);
  await expect(app.getByTestId('portfolio-count')).toHaveText(
    `${expected.toLocaleString('en-US')} of ${list.length.toLocaleString('en-US')} partners`,
  );
  const tiersShown = await app.locator(`${rows} [data-col=tier]`).allTextContents();
  expect(tiersShown.length).toBeGreaterThan(0);
  for (const name of tiersShown) expect(name).toBe(tier.name);

  await app.getByTestId('filter-clear').click();
  await expect(app.getByTestId('portfolio-count')).toHaveText(`${list.length.toLocaleString('en-US')} partners`);
});

test('the name filter narrows the grid', async ({ app, api }) => {
  const list = await liveBook(api);
  const needle = list[0]!.name.split(' ')[0]!.toLowerCase();
  const expected = list.filter((r) => r.name.toLowerCase().includes(needle) || r.id.toLowerCase().includes(needle)).length;
  await app.getByTestId('filter-name').fill(needle);
  await expect(app.getByTestId('portfolio-count')).toContainText(`${expected.toLocaleString('en-US')} of`);
  for (const name of await app.locator(`${rows} [data-col=name] .pf-name`).allTextContents()) {
    expect(name.toLowerCase()).toContain(needle);
  }
});

test('keyboard: arrows move the selection and Enter opens the partner', async ({ app }) => {
  await expect(app.locator(rows).first()).toBeVisible();
  await app.getByTestId('portfolio-grid').focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowDown');
  const selected = app.locator(`${rows}[aria-selected=true]`);
  await expect(selected).toHaveCount(1);
  const id = await selected.getAttribute('data-partner-id');
  // Focusing the grid selects the first row; two arrows later the third is selected.
  expect(id).toBe(await app.locator(rows).nth(2).getAttribute('data-partner-id'));
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/partners/${id}$`));
  await expect(app.getByTestId('partner-name')).toBeVisible();
});

test('the certified-people card says what the tier asks for, also when it asks for none', async ({ app, api }) => {
  const tiers = await api<{ id: string; name: string; min_certified: number }[]>('tiers.list');
  const list = await liveBook(api);
  for (const t of [tiers.find((x) => x.min_certified === 0)!, tiers.find((x) => x.min_certified > 0)!]) {
    const p = list.find((r) => r.tier_id === t.id)!;
    await goto(app, `/partners/${p.id}`);
    // It read "Registered needs 0", as if something were missing.
    await expect(app.getByTestId('kpi-certified')).toContainText(t.min_certified ? `${t.name} needs ${t.min_certified}` : `${t.name} needs none`);
  }
});

test('a partner page shows its contacts and opportunities', async ({ app, api }) => {
  const list = await liveBook(api);
  const top = [...list].sort((a, b) => b.revenue_t4q - a.revenue_t4q)[0]!;
  const detail = await api<PartnerDetail>('partners.get', { id: top.id });
  expect(detail.contacts.length).toBeGreaterThan(0);
  expect(detail.opportunities.length).toBeGreaterThan(0);

  await expect(app.locator(rows).first()).toBeVisible();
  // The default view is worst score first: sort by revenue to bring the top partner up.
  await app.getByTestId('col-revenue_t4q').getByRole('button').click();
  await app.locator(`${rows}[data-partner-id="${top.id}"]`).click();
  await expect(app).toHaveURL(new RegExp(`#/partners/${top.id}$`));
  await expect(app.getByTestId('partner-name')).toHaveText(top.name);
  await expect(app.getByTestId('page-title')).toContainText(top.name);

  await app.getByTestId('tab-contacts').click();
  await expect(app.locator('[data-testid=contact-row]')).toHaveCount(detail.contacts.length);
  await app.getByTestId('tab-opportunities').click();
  await expect(app.locator('[data-testid=opportunity-row]')).toHaveCount(detail.opportunities.length);
  await expect(app.getByTestId('activity-chart')).toBeVisible();

  // Back returns to the portfolio (hash routing).
  await app.goBack();
  await expect(app).toHaveURL(/#\/portfolio$/);
  await expect(app.locator(rows).first()).toBeVisible();
});

test('Ctrl+K finds a partner and opens it', async ({ app, api }) => {
  const list = await api<PartnerRow[]>('partners.list');
  const target = list[Math.floor(list.length / 2)]!;
  await expect(app.locator(rows).first()).toBeVisible();
  await app.keyboard.press('Control+k');
  await app.getByTestId('quick-search-input').fill(target.id);
  await expect(app.getByTestId('quick-search-result').first()).toContainText(target.name);
  await app.keyboard.press('Enter');
  await expect(app).toHaveURL(new RegExp(`#/partners/${target.id}$`));
  await expect(app.getByTestId('quick-search')).toHaveCount(0);
  await expect(app.getByTestId('partner-name')).toHaveText(target.name);
});

test('the plans page opens, and the sync page lists runs', async ({ app }) => {
  await goto(app, '/plans');
  await expect(app.getByTestId('page-plans')).toBeVisible();
  await app.getByTestId('nav-sync').click();
  await expect(app).toHaveURL(/#\/sync$/);
  await expect(app.locator('[data-testid=sync-run-row]').first()).toBeVisible();
  await expect(app.getByTestId('sync-pending')).toContainText('Nothing waiting');
});

for (const size of [
  { width: 1440, height: 900 },
  { width: 1280, height: 800 },
]) {
  test.describe(`portfolio screens at ${size.width}x${size.height}`, () => {
    test.use({ viewport: size });
    test('default view, grouped by tier, column chooser open', async ({ app }) => {
      const dir = 'test-results/screens';
      const tag = `${size.width}x${size.height}`;
      await expect(app.locator(rows).first()).toBeVisible();
      await expect(app.getByTestId('col-score')).toBeVisible();
      await expect(app.getByTestId('col-revenue_t4q')).toBeVisible();
      await app.screenshot({ path: `${dir}/portfolio-${tag}.png` });

      await app.getByTestId('portfolio-group-by').selectOption('tier');
      const groups = app.getByTestId('portfolio-group');
      await expect(groups.first()).toContainText('avg score');
      await expect(groups.first()).toContainText('revenue T4Q');
      await app.screenshot({ path: `${dir}/portfolio-grouped-${tag}.png` });
      await app.getByTestId('portfolio-group-by').selectOption('');

      await app.getByTestId('portfolio-columns').click();
      const menu = app.getByTestId('portfolio-columns-menu');
      await menu.getByLabel('Region').check();
      await expect(app.getByTestId('col-region')).toBeVisible();
      await app.screenshot({ path: `${dir}/portfolio-columns-${tag}.png` });
      await menu.getByRole('button', { name: 'Reset columns' }).click();
      await expect(app.getByTestId('col-region')).toHaveCount(0);
    });
  });
}
