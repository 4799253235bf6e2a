/**
 * QBR packs end to end, in Chromium, on the synced demo book (as of 2026-11-20): preview
 * every slide, annotate a section, export .pptx (in the harness: a browser download of a
 * valid deck, with no Open / Show in folder), and run a batch with progress that ends
 * with its folder and a link to its index (served by the harness; the index links to the
 * decks). Screenshots go to test-results/screens/qbr-*.png.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { expect, goto, test } from './fixtures';
import { routeCalls } from './api-route';
import type { PartnerRow } from '../../src-shared/methods/partners';
import type { QbrPack, ScorecardData } from '../../src-shared/methods/qbr';

const DIR = 'test-results/screens';
test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

test('previews, annotates and exports a QBR pack; batch with progress', async ({ app, api }) => {
  mkdirSync(DIR, { recursive: true });
  const partners = await api<PartnerRow[]>('partners.list');
  const gold = partners.filter((p) => p.tier_id === 'gold' && p.status !== 'churned').sort((a, b) => b.revenue_t4q - a.revenue_t4q)[0]!;
  const pack = await api<QbrPack>('qbr.pack', { partnerId: gold.id });

  await goto(app, `#/qbr?partner=${gold.id}`);
  await expect(app.getByTestId('page-qbr')).toBeVisible();
  await expect(app.locator('.qs-slide')).toHaveCount(pack.sections.length);
  const score = pack.sections.find((s) => s.key === 'scorecard')!.data as ScorecardData;
  const sourced = score.metrics.find((m) => m.key === 'sourced_arr')!;
  await expect(app.getByTestId('slide-scorecard')).toContainText(sourced.currentText);
  await expect(app.getByTestId('slide-title')).toContainText(gold.name);
  await app.screenshot({ path: join(DIR, 'qbr-page.png') });

  // Commentary on the scorecard slide: saved as a qbr_note and shown on the slide.
  const editor = app.getByTestId('notes-scorecard');
  await editor.getByRole('textbox').fill('Two late losses pulled the win rate down; both were price-driven.');
  await editor.getByRole('button', { name: 'Add' }).click();
  await expect(app.getByTestId('slide-scorecard').locator('.qs-commentary')).toContainText('Two late losses', { timeout: 10_000 });
  await app.getByTestId('slide-scorecard').scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(DIR, 'qbr-scorecard.png') });

  // The harness hands the deck to the browser as a download: a real .pptx (a zip with the presentation).
  const downloading = app.waitForEvent('download', { timeout: 30_000 });
  await app.getByTestId('qbr-export-pptx').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/ — QBR Q\d \d{4}\.pptx$/);
  const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
  expect(zip.file('ppt/presentation.xml')).not.toBeNull();
  expect(Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length).toBeGreaterThan(3);
  const result = app.getByTestId('qbr-export-result');
  await expect(result).toContainText(`Downloaded ‘${download.suggestedFilename()}’`);
  // Nothing to open from a browser: no Open / Show in folder.
  await expect(result.getByRole('button')).toHaveCount(0);
  await app.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
  await app.screenshot({ path: join(DIR, 'qbr-export-result-1440.png') });
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.screenshot({ path: join(DIR, 'qbr-export-result-1280.png') });
  await app.setViewportSize({ width: 1440, height: 900 });

  await app.getByTestId('qbr-batch-open').click();
  const dialog = app.getByTestId('qbr-batch');
  await dialog.getByLabel('Owner').selectOption({ index: 1 });
  await dialog.getByLabel('Tier').selectOption('gold');
  await expect(app.getByTestId('qbr-batch-count')).toContainText('partners match');
  let starts = 0;
  await routeCalls(app, (call) => {
    if (call.method === 'qbr.batch.start') starts++;
    return undefined;
  });
  // A double-click starts one batch, and no "already running" error.
  await app.getByTestId('qbr-batch-start').dblclick();
  await expect(app.getByTestId('qbr-batch-progress')).toContainText(/done/, { timeout: 60_000 });
  expect(starts).toBe(1);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  // Finished: its own folder, and a link to its index that the harness serves.
  const folder = app.getByTestId('qbr-batch-folder');
  await expect(folder).toContainText(/QBR Q\d \d{4} — \d{4}-\d{2}-\d{2} \d{2}-\d{2}/, { timeout: 60_000 });
  const link = app.getByTestId('qbr-batch-index');
  await expect(link).toHaveAttribute('href', /^\/files\/[A-Za-z0-9_-]+\/index\.html$/);
  await app.screenshot({ path: join(DIR, 'qbr-batch.png') });
  const [index] = await Promise.all([app.waitForEvent('popup'), link.click()]);
  await expect(index.locator('h1')).toContainText('QBR decks');
  await expect(index.locator('.filter')).toContainText('tier Gold');
  const deck = index.getByRole('link', { name: 'Open deck' }).first();
  const fromIndex = index.waitForEvent('download');
  await deck.click();
  const deckFile = await fromIndex;
  expect(deckFile.suggestedFilename()).toMatch(/\.pptx$/);
  expect((await JSZip.loadAsync(readFileSync((await deckFile.path())!))).file('ppt/presentation.xml')).not.toBeNull();
  await index.close();
});

test('opened without a partner, the QBR page shows one of the signed-in CAM’s own partners', async ({ app, api }) => {
  // It opened on the first name of the whole org ("Atlas Associates K.K.", prepared by another CAM).
  const all = await api<PartnerRow[]>('partners.list', { scope: 'all' });
  const mine = await api<PartnerRow[]>('partners.list', { scope: 'mine' });
  const byName = (a: PartnerRow, b: PartnerRow) => a.name.localeCompare(b.name);
  const expected = [...mine].sort(byName).find((r) => r.status !== 'churned')!;
  const firstOfAll = [...all].sort(byName).find((r) => r.status !== 'churned')!;
  expect(expected.id, 'the demo CAM’s first partner differs from the org’s first').not.toBe(firstOfAll.id);
  await goto(app, '#/qbr');
  await expect(app.getByTestId('qbr-partner-input')).toHaveValue(expected.name);
  await expect(app.locator('.qs-slide').first()).toContainText(expected.name);
});

test('while the pack loads, the quarter picker says so (or names the quarter asked for) instead of standing empty', async ({ app }) => {
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await app.route('**/api/invoke', async (route) => {
    if ((route.request().postDataJSON() as { method?: string }).method === 'qbr.pack') await held;
    await route.continue();
  });
  const picker = app.getByTestId('qbr-quarter');
  await goto(app, '/qbr');
  await expect(picker).toBeDisabled();
  await expect(picker.locator('option')).toHaveText(['Loading…']);
  await goto(app, '/qbr?quarter=2026-Q3');
  await expect(picker.locator('option')).toHaveText(['Q3 2026']);
  release();
  await expect(picker).toBeEnabled();
  await expect(picker).toHaveValue('2026-Q3');
  await expect(picker.locator('option').first()).toHaveText('Q4 2026 (to date)');
  await app.unrouteAll({ behavior: 'wait' });
});

test('every slide of the preview keeps its content inside the slide at 1280×800 and 1440×900', async ({ app }) => {
  // The pack the page opens on: its pipeline slide's last columns ("Flag") ran past the slide at 1280×800.
  await goto(app, '#/qbr');
  await expect(app.getByTestId('page-qbr')).toBeVisible();
  await expect(app.locator('.qs-slide').first()).toBeVisible();
  for (const [width, height] of [
    [1280, 800],
    [1440, 900],
  ] as const) {
    await app.setViewportSize({ width, height });
    const overflowing = await app
      .locator('.qs-slide')
      .evaluateAll((els) => els.filter((e) => [...e.querySelectorAll('.qs-body')].some((b) => b.scrollWidth > b.clientWidth + 1)).map((e) => e.getAttribute('data-testid')));
    expect(overflowing, `slides whose content is wider than the slide at ${width}×${height}`).toEqual([]);
  }
});

test('a QBR commitment becomes a plan initiative in one step', async ({ app, api }) => {
  const plans = await api<{ id: string; partner_id: string; period: string; status: string }[]>('plans.list', { status: 'draft' });
  const plan = plans.find((p) => p.period.startsWith('FY2027') || p.period.startsWith('2027')) ?? plans[0]!;
  await goto(app, `#/qbr?partner=${plan.partner_id}`);
  await expect(app.getByTestId('page-qbr')).toBeVisible();
  const editor = app.getByTestId('notes-next_steps');
  await editor.getByLabel('Note kind').selectOption('commitment');
  await editor.getByRole('textbox').fill('Partner runs two joint webinars on the new security bundle');
  await editor.getByRole('button', { name: 'Add' }).click();
  await editor.getByRole('button', { name: 'Make plan initiative' }).click();
  await expect(editor.getByRole('link', { name: /Added to plan/ })).toBeVisible();
  const detail = await api<{ initiatives: { title: string; source: string | null }[] }>('plans.get', {
    id: (await editor.getByRole('link', { name: /Added to plan/ }).getAttribute('href'))!.split('/plans/')[1],
  });
  expect(detail.initiatives.find((i) => i.title.startsWith('Partner runs two joint webinars'))?.source).toMatch(/^qbr:/);
});

test('a partner signed last quarter gets the onboarding review: milestones after the summary, no peer benchmarks', async ({ app, api }) => {
  mkdirSync(DIR, { recursive: true });
  const partners = await api<PartnerRow[]>('partners.list');
  let pack: QbrPack | null = null;
  for (const p of partners.filter((x) => x.status !== 'churned')) {
    const candidate = await api<QbrPack>('qbr.pack', { partnerId: p.id });
    if (candidate.variant === 'onboarding') {
      pack = candidate;
      break;
    }
  }
  expect(pack, 'an onboarding partner in the demo book').not.toBeNull();
  await goto(app, `#/qbr?partner=${pack!.partner.id}`);
  await expect(app.getByTestId('qbr-variant')).toContainText('Onboarding review');
  await app.screenshot({ path: join(DIR, 'qbr-onboarding-top-1440.png') });
  await expect(app.locator('.qs-slide')).toHaveCount(pack!.sections.length);
  // Title, today's meeting, summary, then the milestones.
  await expect(app.locator('.qs-slide').nth(3)).toHaveAttribute('data-testid', 'slide-onboarding');
  await expect(app.getByTestId('slide-onboarding')).toContainText('Partner agreement signed');
  await expect(app.getByTestId('slide-benchmarks')).toHaveCount(0);
  await expect(app.locator('.qs-slide')).not.toContainText(['Not part of this review']);
  await app.getByTestId('slide-onboarding').scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(DIR, 'qbr-onboarding-1440.png') });
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.getByTestId('slide-onboarding').scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(DIR, 'qbr-onboarding-1280.png') });
});

test('the meeting slide: attendees from both sides, edited in the app and kept with the pack', async ({ app, api }) => {
  mkdirSync(DIR, { recursive: true });
  const partners = await api<PartnerRow[]>('partners.list');
  const p = partners.filter((x) => x.status !== 'churned').sort((a, b) => b.revenue_t4q - a.revenue_t4q)[0]!;
  await goto(app, `#/qbr?partner=${p.id}`);
  const slide = app.getByTestId('slide-agenda');
  await expect(slide).toContainText('Meeting date');
  await expect(slide).toContainText('Channel account manager');
  const editor = app.getByTestId('qbr-attendees');
  await editor.scrollIntoViewIfNeeded();
  // Too many people and a line too long: one sentence each, naming the side and the line, and nothing sent.
  const tooMany = Array.from({ length: 13 }, (_, i) => (i === 2 ? `Person ${i}, ${'Vice President '.repeat(9)}` : `Person ${i}, Sales`)).join('\n');
  await editor.getByTestId('qbr-attendees-partner').fill(tooMany);
  await expect(editor.getByTestId('qbr-attendees-count').first()).toHaveText('13 of 12 people');
  await editor.getByTestId('qbr-attendees-save').click();
  await expect(editor.getByRole('alert')).toHaveText(
    'Your partner’s team: at most 12 people a side; remove 1. Your partner’s team, line 3 is 144 characters long; a line can be at most 120.',
  );
  await app.screenshot({ path: join(DIR, 'qbr-attendees-refused-1440.png') });
  expect((await api<QbrPack>('qbr.pack', { partnerId: p.id })).sections.find((s) => s.key === 'agenda')!.data).not.toMatchObject({ attendees: { partner: expect.arrayContaining(['Person 0, Sales']) } });
  await editor.getByTestId('qbr-attendees-partner').fill('Zoe Example, CEO\nYann Example, Alliance lead');
  await editor.getByTestId('qbr-attendees-save').click();
  await expect(slide.getByTestId('attendees-partner')).toContainText('Zoe Example, CEO');
  await expect(editor).toContainText('(edited)');
  const pack = await api<QbrPack>('qbr.pack', { partnerId: p.id });
  const agenda = pack.sections.find((s) => s.key === 'agenda')!.data as { attendees: { partner: string[] } };
  expect(agenda.attendees.partner).toEqual(['Zoe Example, CEO', 'Yann Example, Alliance lead']);
  await app.screenshot({ path: join(DIR, 'qbr-meeting-1440.png') });
  await app.setViewportSize({ width: 1280, height: 800 });
  await slide.scrollIntoViewIfNeeded();
  await app.screenshot({ path: join(DIR, 'qbr-meeting-1280.png') });
});
