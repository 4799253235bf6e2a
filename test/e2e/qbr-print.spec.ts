/**
 * The QBR print route through Chromium's print engine (Playwright's page.pdf is the same
 * engine as Electron's printToPDF): one 13.333in × 7.5in page per slide, the partner's
 * real figures in the text, nothing cut off, no app chrome. PDFs and 50 dpi PNG pages go
 * to test-results/qbr-print/ for a human to look at.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, goto, test } from './fixtures';
import type { PartnerRow } from '../../src-shared/methods/partners';
import type { QbrPack, ScorecardData } from '../../src-shared/methods/qbr';

const DIR = 'test-results/qbr-print';
test.use({ viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const pdfText = (path: string, page?: number) =>
  squash(execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), path, '-']).toString());

async function printPack(page: Page, pack: QbrPack, name: string): Promise<string> {
  await goto(page, `#/qbr/print?partner=${encodeURIComponent(pack.partner.id)}&quarter=${pack.quarter}`);
  await expect(page.locator('body[data-print-ready="1"]')).toBeAttached({ timeout: 30_000 });
  // One page per section with data: a section without data has no page (as in the deck).
  await expect(page.locator('.qp-page')).toHaveCount(pack.sections.length);
  const overflowing = await page.locator('.qp-page[data-overflow="1"]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(overflowing, 'slides whose content is cut off').toEqual([]);
  await expect(page.locator('body')).toHaveAttribute('data-print-overflow', '0');
  // Every page's styles arrive in the background, in whatever order: the paper must not
  // depend on it (the style sheets are put in reverse order, so those of pages fetched
  // before the QBR's come after them).
  await page.evaluate(() => {
    const d = (globalThis as unknown as { document: { head: { append(n: unknown): void }; querySelectorAll(s: string): ArrayLike<unknown> } }).document;
    for (const link of Array.from(d.querySelectorAll('link[rel=stylesheet]')).reverse()) d.head.append(link);
  });
  const bytes = await page.pdf({ width: '13.333in', height: '7.5in', printBackground: true });
  mkdirSync(DIR, { recursive: true });
  const path = join(DIR, `${name}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

test('prints a QBR pack as one 16:9 PDF page per slide with the real figures', async ({ app, api }) => {
  const partners = await api<PartnerRow[]>('partners.list');
  const gold = partners.filter((p) => p.tier_id === 'gold' && p.status !== 'churned').sort((a, b) => b.revenue_t4q - a.revenue_t4q)[0]!;
  const pack = await api<QbrPack>('qbr.pack', { partnerId: gold.id });
  const SLIDES = pack.sections.length;
  expect(pack.sections.every((s) => s.status === 'ok')).toBe(true);

  // The plan pages' styles (an A4 sheet) are in the document too, as after a visit to Plans.
  await goto(app, '#/plans');
  await expect(app.getByRole('heading', { name: 'Plans', level: 1 })).toBeVisible();
  const path = await printPack(app, pack, 'gold');
  // No app chrome on the print route.
  await expect(app.locator('.sidenav')).toBeHidden();
  await expect(app.locator('.statusbar')).toBeHidden();

  const info = execFileSync('pdfinfo', [path]).toString();
  expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(SLIDES);
  // 13.333in × 7.5in = 960 × 540 pt.
  const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!.slice(1).map(Number) as [number, number];
  expect(Math.abs(w - 960)).toBeLessThan(1);
  expect(Math.abs(h - 540)).toBeLessThan(1);

  const all = pdfText(path);
  expect(all).toContain(squash(pack.partner.name));
  expect(pdfText(path, 1)).toContain(squash(pack.partner.name));
  const scorecard = pack.sections.findIndex((s) => s.key === 'scorecard');
  const score = pack.sections[scorecard]!.data as ScorecardData;
  const sourced = score.metrics.find((m) => m.key === 'sourced_arr')!;
  const winRate = score.metrics.find((m) => m.key === 'win_rate')!;
  const scorePage = pdfText(path, scorecard + 1);
  expect(scorePage).toContain('Scorecard');
  expect(scorePage).toContain(sourced.currentText);
  expect(scorePage).toContain(winRate.currentText);
  // Every slide is on its own page, in order, with its footer number.
  pack.sections.forEach((s, i) => {
    if (s.key !== 'title') expect(pdfText(path, i + 1)).toContain(`${i + 1} / ${SLIDES}`);
  });

  execFileSync('pdftoppm', ['-r', '50', '-png', path, join(DIR, 'gold')]);
});

test('a long partner name and a busy book still fit every slide', async ({ app, api }) => {
  const partners = await api<PartnerRow[]>('partners.list');
  const longest = partners.filter((p) => p.status !== 'churned').sort((a, b) => b.name.length - a.name.length || b.revenue_t4q - a.revenue_t4q)[0]!;
  const pack = await api<QbrPack>('qbr.pack', { partnerId: longest.id });
  const path = await printPack(app, pack, 'long-name');
  expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())![1])).toBe(pack.sections.length);
  expect(pdfText(path, 1)).toContain(squash(pack.partner.name));
  execFileSync('pdftoppm', ['-r', '50', '-png', path, join(DIR, 'long-name')]);
});

test('the print route reports a pack it cannot build instead of hanging', async ({ app }) => {
  await goto(app, '#/qbr/print?partner=P-NOPE&quarter=2026-Q3');
  await expect(app.locator('body[data-print-ready="error"]')).toBeAttached({ timeout: 30_000 });
  await expect(app.locator('body')).toHaveAttribute('data-print-error', /P-NOPE/);
  await expect(app.getByRole('alert')).toContainText('P-NOPE');
});
