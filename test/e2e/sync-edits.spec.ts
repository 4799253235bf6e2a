/**
 * Offline edits end to end (issue 3): the status bar and the Sync page while the PRM is
 * unreachable, the outbox draining when it comes back, and a conflict resolved in the UI
 * that reaches the PRM. Screenshots (1440×900) go to test-results/screens/.
 *
 * The PRM is made unreachable with the demo PRM's fault injection (`POST /admin/faults`),
 * addressed with the URL and token the app itself uses (the `prm` setting of the replica).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { formatMoney } from '../../src-shared/format';
import type { OutboxEntry, SyncStatus } from '../../src-shared/methods/sync';
import { markForRepair } from '../../src-main/db/integrity';
import { demoPrm, expect, goto, harness, harnessReplica, test } from './fixtures';

const DIR = 'test-results/screens';

interface Prm {
  url: string;
  token: string;
}

function replica(): Database.Database {
  return new Database(harnessReplica(), { readonly: true, fileMustExist: true });
}

function prmTarget(): Promise<Prm> {
  return demoPrm();
}

async function prmCall<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const { url, token } = await prmTarget();
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Sourced-ARR objectives of the replica (money targets), ordered by id, skipping any with a local edit. */
function objectives(limit: number): { id: string; title: string; target: number; partner: string; period: string }[] {
  const db = replica();
  try {
    return db
      .prepare(
        `SELECT id, title, target,
                (SELECT p.name FROM jbp j JOIN partner p ON p.id = j.partner_id WHERE j.id = jbp_objective.jbp_id) AS partner,
                (SELECT j.period FROM jbp j WHERE j.id = jbp_objective.jbp_id) AS period
         FROM jbp_objective
         WHERE metric = 'sourced_arr'
           AND jbp_id IN (SELECT id FROM jbp WHERE status = 'draft') -- a signed plan is locked
           AND id NOT IN (SELECT record_id FROM outbox WHERE entity = 'jbp_objective')
         ORDER BY id LIMIT ?`,
      )
      .all(limit) as { id: string; title: string; target: number; partner: string; period: string }[];
  } finally {
    db.close();
  }
}

async function serverTarget(id: string): Promise<number> {
  const rec = await prmCall<{ version: number; data: { target: number } }>(
    'GET',
    `/admin/record?entity=jbp_objective&id=${encodeURIComponent(id)}`,
  );
  return rec.data.target;
}

async function waitIdle(api: <T>(m: string, i?: unknown) => Promise<T>): Promise<SyncStatus> {
  await expect
    .poll(async () => (await api<SyncStatus>('sync.status')).state, { timeout: 60_000 })
    .not.toBe('syncing');
  return api<SyncStatus>('sync.status');
}

async function shortcutSync(app: Page): Promise<void> {
  // The shortcut works with focus anywhere in the app, here on the page body.
  await app.locator('body').click({ position: { x: 700, y: 10 } });
  await app.keyboard.press('Control+Shift+S');
}

/** A money target (minor units) as the Sync page shows it. */
const fmt = (n: number) => formatMoney(n, 'USD');
const re = (s: string) => s.replace(/[$.*+?^(){}|[\]\\]/g, '\\$&');

test.use({ viewport: { width: 1440, height: 900 } });
test.setTimeout(150_000);

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

test.afterEach(async () => {
  // Never leave the PRM unreachable for the next spec.
  await prmCall('POST', '/admin/faults', { dropEvery: 0, failEvery: 0 }).catch(() => undefined);
});

test('offline edit: pending count while the PRM is down, drained to 0 when it is back', async ({ app, api }) => {
  await expect(app.getByTestId('sync-state')).toContainText(/Synced/);
  const [obj] = objectives(1);
  if (!obj) throw new Error('the demo book has no JBP objectives');
  const before = await serverTarget(obj.id);
  const next = before + 2_500_000;

  // The PRM drops every connection: for the app it is gone.
  await prmCall('POST', '/admin/faults', { dropEvery: 1 });
  await api('records.edit', { entity: 'jbp_objective', id: obj.id, fields: { target: next } });

  const pending = app.getByTestId('status-pending');
  await expect(pending).toHaveText('1 edit waiting');
  await shortcutSync(app);
  // Offline says offline: how many edits wait and when the book was last synced, not "Syncing…".
  await expect(app.getByTestId('sync-state')).toHaveText(/^Offline — 1 edit waiting, last synced \d\d:\d\d$/, { timeout: 60_000 });
  await expect(pending).toHaveText('1 edit waiting');
  await expect(app.getByTestId('sync-now')).toHaveAttribute('title', /Sync now \((Ctrl\+Shift\+S|⌘⇧S)\)/);
  await app.screenshot({ path: `${DIR}/statusbar-offline.png` });

  // The chip opens the Sync page at the pending edits, which say what changed.
  await pending.click();
  const section = app.getByTestId('sync-pending');
  await expect(section).toBeFocused();
  const row = section.getByTestId('pending-edit').filter({ hasText: obj.title });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Plan objective');
  // Where the edit sits, in names: the partner and the plan, not ids.
  await expect(row.getByTestId('edit-heading')).toContainText(`${obj.partner} · Plan ${obj.period} ·`);
  await expect(row.getByTestId('edit-heading')).not.toContainText(/\b(P|JBP|OBJ)-\d/);
  const change = row.getByTestId('edit-change');
  await expect(change).toHaveText(new RegExp(`^Target\\s*${re(fmt(before))}\\s*→\\s*${re(fmt(next))}$`));
  await expect(app.getByTestId('sync-headline')).toHaveText(/^Offline — 1 edit waiting, last synced \d\d:\d\d$/);
  await app.screenshot({ path: `${DIR}/sync-pending.png` });

  // Discard asks first; Esc cancels and keeps the edit.
  await row.getByTestId('discard-edit').click();
  const dialog = app.getByTestId('discard-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row.getByTestId('discard-edit')).toBeFocused();
  await expect(app.getByTestId('status-pending')).toHaveText('1 edit waiting');

  // The PRM comes back: Sync now sends the edit and the count drains to 0.
  await prmCall('POST', '/admin/faults', { dropEvery: 0 });
  await app.getByTestId('sync-page-run').click();
  await expect(app.getByTestId('status-pending')).toHaveCount(0, { timeout: 60_000 });
  await expect(app.getByTestId('sync-state')).toContainText(/Synced/);
  await expect(section.getByTestId('pending-edit')).toHaveCount(0);
  expect((await waitIdle(api)).pendingEdits).toBe(0);
  expect(await serverTarget(obj.id)).toBe(next);
  await expect(app.getByTestId('sync-run-row').first()).toContainText('Completed');
});

test('discarding a pending edit after confirming removes it', async ({ app, api }) => {
  const [, obj] = objectives(2);
  if (!obj) throw new Error('the demo book has too few JBP objectives');
  await prmCall('POST', '/admin/faults', { dropEvery: 1 });
  const before = await serverTarget(obj.id).catch(() => obj.target);
  await api('records.edit', { entity: 'jbp_objective', id: obj.id, fields: { target: obj.target + 1 } });
  await goto(app, '/sync?section=pending');
  const row = app.getByTestId('pending-edit').filter({ hasText: obj.title });
  await row.getByTestId('discard-edit').click();
  await app.getByTestId('discard-dialog-confirm').click();
  await expect(app.getByTestId('discard-dialog')).toBeHidden();
  await expect(row).toHaveCount(0);
  const outbox = await api<OutboxEntry[]>('sync.outbox');
  expect(outbox.filter((e) => e.record_id === obj.id)).toEqual([]);
  await prmCall('POST', '/admin/faults', { dropEvery: 0 });
  await api('sync.run');
  expect(await serverTarget(obj.id)).toBe(before);
});

test('conflict: same field changed here and in the PRM, resolved in the UI, reaches the PRM', async ({ app, api }) => {
  const [, , obj] = objectives(3);
  if (!obj) throw new Error('the demo book has too few JBP objectives');
  await waitIdle(api);
  const base = await serverTarget(obj.id);
  // Whole dollars apart, so each value reads differently on the page.
  const theirs = base + 1_000_000;
  const mine = base + 2_000_000;
  const chosen = base + 1_500_000;

  // Someone changes the target in the PRM; here, on the old version, we change it too.
  await prmCall('POST', '/admin/edit', { entity: 'jbp_objective', id: obj.id, fields: { target: theirs } });
  await api('records.edit', { entity: 'jbp_objective', id: obj.id, fields: { target: mine } });
  await api('sync.run');
  await expect(app.getByTestId('status-conflicts')).toHaveText(/1 conflict/);

  await app.getByTestId('status-conflicts').click();
  await expect(app.getByTestId('sync-conflicts')).toBeFocused();
  const card = app.getByTestId('conflict').filter({ hasText: obj.title });
  await expect(card).toHaveCount(1);
  const field = card.locator('[data-testid=conflict-field][data-field=target]');
  await expect(field).toContainText(fmt(base));
  await expect(field).toContainText(fmt(theirs));
  await expect(field).toContainText(fmt(mine));

  // Resolve is disabled until every field has a choice; an invalid typed value blocks it.
  const resolve = card.getByTestId('resolve');
  await expect(resolve).toBeDisabled();
  await field.getByText('Edit', { exact: true }).click();
  const input = field.getByTestId('choice-input');
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('type', 'number');
  // Money is typed in major units (dollars), stored in minor units.
  await expect(input).toHaveValue(String(mine / 100));
  await input.fill('');
  await expect(field.getByRole('alert')).toContainText('enter a value');
  await expect(resolve).toBeDisabled();
  await input.fill(String(chosen / 100));
  await expect(resolve).toBeEnabled();
  await app.screenshot({ path: `${DIR}/sync-conflict.png` });

  await resolve.click();
  await expect(card).toHaveCount(0);
  await expect(app.getByTestId('status-conflicts')).toHaveCount(0);

  // The resolution is a new edit on the PRM's version; after a sync the PRM has it.
  await expect
    .poll(
      async () => {
        const s = await waitIdle(api);
        if (s.pendingEdits > 0) await api('sync.run');
        return serverTarget(obj.id);
      },
      { timeout: 60_000 },
    )
    .toBe(chosen);
  const s = await waitIdle(api);
  expect([s.pendingEdits, s.conflicts]).toEqual([0, 0]);
});

test('a status read answered after a newer status event does not undo it in the status bar', async ({ app, api }) => {
  const [, , , obj] = objectives(4);
  if (!obj) throw new Error('the demo book has too few JBP objectives');
  await waitIdle(api);
  await expect(app.getByTestId('sync-state')).toBeVisible();
  await expect(app.getByTestId('status-pending')).toHaveCount(0);

  // The next status read is answered by the app at once (no edit waiting yet), but its
  // answer reaches the page only after the edit's status event has.
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  let held = 0;
  await app.route('**/api/invoke', async (route) => {
    if (held > 0 || !route.request().postData()?.includes('"sync.status"')) return route.fallback();
    held += 1;
    const answer = await route.fetch();
    await gate;
    // Playwright can report the route handled already (a known race of its routing, seen once
    // in CI): the page then has its answer by the network, and what follows checks the same.
    await route.fulfill({ response: answer }).catch((err: unknown) => {
      if (!String(err).includes('already handled')) throw err;
    });
  });
  const stale = app.waitForResponse((r) => r.url().endsWith('/api/invoke') && (r.request().postData() ?? '').includes('"sync.status"'));
  await app.evaluate(() => (globalThis as unknown as { dispatchEvent(e: Event): boolean }).dispatchEvent(new Event('focus')));
  await expect.poll(() => held).toBe(1);

  const edit = await api<{ mutation_id: number }>('records.edit', { entity: 'jbp_objective', id: obj.id, fields: { target: obj.target + 1 } });
  await expect(app.getByTestId('status-pending')).toHaveText(/1 edit waiting/);
  release();
  await stale;
  // Whatever the page does with the late answer, it has done it after two frames.
  await app.evaluate(() => {
    const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): number };
    return new Promise<void>((r) => w.requestAnimationFrame(() => w.requestAnimationFrame(r)));
  });
  await expect(app.getByTestId('status-pending')).toHaveText(/1 edit waiting/);

  await app.unroute('**/api/invoke');
  await api('sync.discard', { mutation_id: edit.mutation_id });
  await expect(app.getByTestId('status-pending')).toHaveCount(0);
});

test('a failed sync reads once, cleanly: one reason, one full stop', async ({ app, api }) => {
  await waitIdle(api);
  await prmCall('POST', '/admin/faults', { failEvery: 1 });
  await api('sync.run');
  const expected = 'The PRM had a problem (HTTP 503): the PRM is temporarily unavailable (injected fault).';
  await expect(app.getByTestId('sync-state')).toHaveText(`Sync didn’t finish: ${expected} Your local copy is safe.`, { timeout: 60_000 });
  await goto(app, '/sync');
  await expect(app.getByTestId('sync-headline')).toHaveText('Sync didn’t finish — your local copy is safe');
  await expect(app.getByTestId('sync-reason')).toHaveText(expected);
  const hero = (await app.locator('.sync-hero-main').innerText()).replace(/\s+/g, ' ');
  expect(hero.split('temporarily unavailable')).toHaveLength(2);
  expect(hero).not.toMatch(/\.\.|\)\)/);
  await prmCall('POST', '/admin/faults', { failEvery: 0 });
  await api('sync.run');
  await expect(app.getByTestId('sync-state')).toContainText(/Synced/);
});

test('a replica marked for repair says so on the Sync page, and the next sync repairs it', async ({ app, api }) => {
  test.setTimeout(120_000);
  await waitIdle(api);
  // The PRM down first, so no sync of the app's own repairs it before the page is read.
  await prmCall('POST', '/admin/faults', { failEvery: 1 });
  // What a migration records when an older build left records pointing at missing ones (db/integrity.ts).
  const problem = 'The local replica is inconsistent: 1 note record points at a partner that is missing from it.';
  const db = new Database(harnessReplica(), { fileMustExist: true });
  try {
    markForRepair(db, problem);
  } finally {
    db.close();
  }
  // A repair is recorded as the replica opens (a migration), before the app first reads the
  // sync status; written here behind the running app's back, it shows from the next read:
  // a reload, not whichever status event happens to come next (CI once saw none in 15 s).
  await app.reload();
  await goto(app, '/sync');
  await expect(app.getByTestId('sync-repair')).toHaveText(`${problem} The next sync downloads the whole book from the PRM again to repair it; edits not yet sent are kept.`);
  await app.screenshot({ path: `${DIR}/sync-repair-1440.png` });
  // The PRM back: the full refresh finds nothing broken and clears it.
  await prmCall('POST', '/admin/faults', { failEvery: 0 });
  await app.getByTestId('sync-page-run').click();
  await expect(app.getByTestId('sync-repair')).toHaveCount(0, { timeout: 90_000 });
  expect((await waitIdle(api)).repair).toBeNull();
});

test('the status bar and the Sync page say the same "… ago" about the same sync', async ({ app, api }) => {
  // Each label kept its own clock: the status bar said "Synced just now" while the Sync page,
  // opened a few seconds later, said "Synced 1 min ago" about the same sync.
  const synced = Date.parse((await api<SyncStatus>('sync.status')).lastSyncedAt!);
  await app.clock.install({ time: synced + 30_000 });
  await app.goto(harness().url);
  await expect(app.getByTestId('sync-state')).toContainText('just now');
  // On to 48 s after the sync (past "just now", under 45 s), then open the Sync page.
  await app.clock.fastForward(18_000);
  await goto(app, '/sync');
  await expect(app.getByTestId('sync-headline')).toBeVisible();
  const ago = (text: string | null) => /just now|\d+ min ago/.exec(text ?? '')?.[0];
  const [headline, bar] = await Promise.all([app.getByTestId('sync-headline').textContent(), app.getByTestId('sync-state').textContent()]);
  expect(ago(headline)).toBeDefined();
  expect(ago(bar)).toBe(ago(headline));
});
