/**
 * Issue 15, point 6 in Chromium: Settings › Deck look takes a logo file (a PNG the test
 * writes), colours and a font, previews a title and a content slide in them as they are
 * edited, refuses an unreadable colour and a file that is not an image with sentences,
 * saves; the QBR page's slides and an exported .pptx then carry the look (its slide
 * masters, colours and logo), and Reset to defaults brings the Partnerbook look back.
 * Screenshots (1440×900, 1280×800) go to $PB_SHOTS_DIR (default test-results/screens-branding).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import JSZip from 'jszip';
import { DEFAULT_BRANDING, type Branding } from '../../src-shared/methods/branding';
import type { PartnerRow } from '../../src-shared/methods/partners';
import { pngBytes } from '../support/png';
import { expect, goto, test } from './fixtures';

const DIR = process.env.PB_SHOTS_DIR ?? 'test-results/screens-branding';
const LOGO = pngBytes(160, 48, '0B3D2E', 'F1C40F');

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1440, height: 900 } });
test.afterEach(async ({ api }) => {
  await api('branding.set', { settings: DEFAULT_BRANDING });
});

/** A computed style of the element (the tests compile without the DOM library). */
type Styles = { getComputedStyle(el: unknown): { backgroundColor: string; borderLeftColor: string } };
const background = (l: Locator) => l.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).backgroundColor);
const leftBorder = (l: Locator) => l.evaluate((el) => (globalThis as unknown as Styles).getComputedStyle(el).borderLeftColor);

async function shots(app: Page, section: Locator, name: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [1280, 800],
  ] as const) {
    await app.setViewportSize({ width, height });
    await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await app.screenshot({ path: join(DIR, `${name}-${width}.png`) });
  }
  await app.setViewportSize({ width: 1440, height: 900 });
}

/** The exported deck's layout (master) names by slide, and what the masters and media hold. */
async function deckOf(path: string) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
  const read = (n: string) => zip.file(n)!.async('string');
  const layoutName = new Map<string, string>();
  let layoutsXml = '';
  for (const n of files.filter((f) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(f))) {
    const xml = await read(n);
    layoutsXml += xml;
    layoutName.set(n.split('/').pop()!, /<p:cSld name="([^"]*)">/.exec(xml)![1]!);
  }
  const slides = files.filter((f) => /^ppt\/slides\/_rels\/slide\d+\.xml\.rels$/.test(f)).sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  const masters = await Promise.all(slides.map(async (r) => layoutName.get(/slideLayouts\/(slideLayout\d+\.xml)/.exec(await read(r))![1]!)!));
  const media = await Promise.all(files.filter((f) => f.startsWith('ppt/media/')).map((f) => zip.file(f)!.async('nodebuffer')));
  return { masters, layoutsXml, media };
}

/** Exports the shown pack as .pptx: in the harness the deck arrives as a browser download; returns where Playwright saved it. */
async function exportDeck(app: Page): Promise<string> {
  const download = app.waitForEvent('download', { timeout: 60_000 });
  await app.getByTestId('qbr-export-pptx').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.pptx$/);
  return (await file.path())!;
}

test('a logo, colours and a font set in Settings are previewed, saved, and carried by the QBR preview and the exported deck; Reset restores', async ({ app, api }) => {
  const files = mkdtempSync(join(tmpdir(), 'pb-logo-'));
  writeFileSync(join(files, 'acme-logo.png'), LOGO);
  writeFileSync(join(files, 'notes.txt'), 'not an image');

  await goto(app, '/settings');
  const section = app.getByTestId('settings-branding');
  await expect(section).toBeVisible();
  const titlePreview = section.getByTestId('branding-preview-title');
  await expect.poll(() => background(titlePreview)).toBe('rgb(23, 50, 79)'); // #17324F, today's look

  // A file that is not an image is refused at once, naming the file.
  await section.getByTestId('branding-logo-file').setInputFiles(join(files, 'notes.txt'));
  await expect(section.getByTestId('branding-logo-problem')).toHaveText('The file notes.txt is not a PNG or JPEG image (text/plain); the logo must be a PNG or JPEG file.');

  await section.getByTestId('branding-logo-file').setInputFiles(join(files, 'acme-logo.png'));
  await expect(section.getByTestId('branding-logo-problem')).toHaveCount(0);
  await expect(section.getByTestId('branding-preview-logo')).toBeVisible();
  await section.getByTestId('branding-company').fill('Acme Software');
  await section.getByTestId('branding-font').selectOption('Calibri');
  await section.getByTestId('branding-accent').fill('#8E2430');

  // A primary colour too light for white title text: the note says so and Save refuses it.
  await section.getByTestId('branding-primary').fill('#F1C40F');
  await expect(section.locator('.bl-note.is-bad')).toContainText(/Title text contrast 1\.\d:1, too low/);
  await section.getByTestId('settings-branding-save').click();
  await expect(section.getByTestId('settings-branding-problems')).toContainText('Primary colour #F1C40F is too light for the white title text on it');
  await expect(section.getByTestId('branding-primary')).toHaveAttribute('aria-invalid', 'true');
  expect(await api<Branding>('branding.get')).toEqual(DEFAULT_BRANDING);

  await section.getByTestId('branding-primary').fill('#0B3D2E');
  // The preview follows the draft before it is saved.
  await expect.poll(() => background(titlePreview)).toBe('rgb(11, 61, 46)');
  await expect(titlePreview).toContainText('Acme Software · Quarterly business review');
  await expect.poll(() => background(section.getByTestId('branding-preview-content').locator('div').first())).toBe('rgb(142, 36, 48)');
  await expect(section.getByTestId('settings-branding-status')).toHaveText('Unsaved changes');
  await shots(app, section, 'deck-look');

  await section.getByTestId('settings-branding-save').click();
  await expect(section.getByTestId('settings-branding-status')).toHaveText('Saved.');
  const saved = await api<Branding>('branding.get');
  expect(saved).toEqual({ companyName: 'Acme Software', logo: { dataUrl: `data:image/png;base64,${LOGO.toString('base64')}`, fileName: 'acme-logo.png' }, primary: '#0B3D2E', accent: '#8E2430', font: 'Calibri' });

  // The QBR page previews in the look, and the exported deck carries it in its masters.
  const partner = (await api<PartnerRow[]>('partners.list', { scope: 'all' })).find((p) => p.status !== 'churned')!;
  await goto(app, `#/qbr?partner=${partner.id}`);
  await expect(app.getByTestId('slide-title')).toContainText('Acme Software · Quarterly business review');
  await expect.poll(() => background(app.getByTestId('slide-title'))).toBe('rgb(11, 61, 46)');
  await expect.poll(() => leftBorder(app.getByTestId('slide-scorecard'))).toBe('rgb(142, 36, 48)');
  await expect(app.getByTestId('qbr-slides')).toHaveClass(/has-logo/);
  mkdirSync(DIR, { recursive: true });
  await app.screenshot({ path: join(DIR, 'qbr-page-branded.png') });
  const branded = await deckOf(await exportDeck(app));
  expect(branded.masters[0]).toBe('Acme Software · Title');
  expect(branded.masters.slice(1).every((m) => m === 'Acme Software · Content')).toBe(true);
  expect(branded.layoutsXml).toContain('val="0B3D2E"');
  expect(branded.layoutsXml).toContain('val="8E2430"');
  expect(branded.layoutsXml).toContain('typeface="Calibri"');
  expect(branded.media.length).toBeGreaterThan(0);
  for (const m of branded.media) expect(m.equals(LOGO)).toBe(true);

  // The print route (Electron's PDF) draws the same look.
  await goto(app, `/qbr/print?partner=${partner.id}`);
  const printed = app.getByTestId('qbr-print');
  await expect(printed).toBeVisible({ timeout: 30_000 });
  await expect(printed.getByTestId('slide-title')).toContainText('Acme Software · Quarterly business review');
  await expect.poll(() => background(printed.getByTestId('slide-title'))).toBe('rgb(11, 61, 46)');
  await expect.poll(() => leftBorder(printed.getByTestId('slide-scorecard'))).toBe('rgb(142, 36, 48)');
  await app.screenshot({ path: join(DIR, 'qbr-print-branded.png') });

  // Reset to defaults (after a confirm) brings back the Partnerbook look, in Settings and in the deck.
  await goto(app, '/settings');
  await section.getByTestId('settings-branding-reset').click();
  await section.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(section.getByTestId('settings-branding-status')).toHaveText('Defaults restored and saved.');
  expect(await api<Branding>('branding.get')).toEqual(DEFAULT_BRANDING);
  await expect.poll(() => background(titlePreview)).toBe('rgb(23, 50, 79)');
  await expect(section.getByTestId('branding-preview-logo')).toHaveCount(0);
  await goto(app, `#/qbr?partner=${partner.id}`);
  await expect(app.getByTestId('slide-title')).toContainText('PB · Partnerbook QBR prep pack');
  const plain = await deckOf(await exportDeck(app));
  expect(plain.masters[0]).toBe('Partnerbook · Title');
  expect(plain.media).toEqual([]);
});

test('a look changed while another page is open shows on the QBR page at once, not after the cache goes stale', async ({ app, api }) => {
  const partner = (await api<PartnerRow[]>('partners.list', { scope: 'all' })).find((p) => p.status !== 'churned')!;
  // The QBR page reads the look, then the CAM goes elsewhere: the look stays cached.
  await goto(app, `#/qbr?partner=${partner.id}`);
  await expect(app.getByTestId('slide-title')).toContainText('PB · Partnerbook QBR prep pack');
  await goto(app, '/portfolio');
  await expect(app.locator('[data-testid=portfolio-row]').first()).toBeVisible();
  // Changed while no open page shows it (another window, a script, a second CAM's setting).
  await api('branding.set', { settings: { ...DEFAULT_BRANDING, companyName: 'Birch Analytics', primary: '#0B3D2E' } });
  try {
    await goto(app, `#/qbr?partner=${partner.id}`);
    // The cached look was kept 15 s before; the page now reads it again as it opens.
    await expect(app.getByTestId('slide-title')).toContainText('Birch Analytics · Quarterly business review', { timeout: 5_000 });
  } finally {
    await api('branding.set', { settings: DEFAULT_BRANDING });
  }
});
