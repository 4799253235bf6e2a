/**
 * A deck exported with the company's look carries it in its slide masters: two layouts
 * named for the company (title and content), holding its colours, font and logo (in
 * ppt/media); every slide is made on one of them, and the brand colours replace the
 * Partnerbook ones everywhere (charts included) while semantic colours stay. Without a
 * look, the deck is today's Partnerbook look: its colours, Arial, no image.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import theme from '../../../resources/deck/theme.json';
import { fixedClock } from '../../../src-main/base/clock';
import type { Db } from '../../../src-main/db/connection';
import { convertToPdf } from '../../../src-main/export/pdf/libreoffice';
import { setBranding } from '../../../src-main/services/branding/service';
import { createQbrService, type QbrService } from '../../../src-main/services/qbr/service';
import { DEFAULT_BRANDING, type Branding } from '../../../src-shared/methods/branding';
import { pngBytes, pngDataUrl } from '../../support/png';
import { qbrBook } from '../../unit/qbr/fixtures';

const ACME: Branding = { companyName: 'Acme & Sons', logo: { dataUrl: pngDataUrl(120, 40, '0B3D2E', 'FFFFFF'), fileName: 'acme.png' }, primary: '#0B3D2E', accent: '#8E2430', font: 'Calibri' };

interface DeckParts {
  /** Layout name by slide number (1-based order). */
  slideLayouts: string[];
  layouts: Map<string, { xml: string; rels: string }>;
  slidesXml: string[];
  charts: string[];
  media: Map<string, Buffer>;
  themeXml: string;
  appXml: string;
}

async function readDeck(path: string): Promise<DeckParts> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(zip.files);
  const text = (n: string) => zip.file(n)!.async('string');
  const num = (n: string) => Number(/(\d+)\.xml/.exec(n)![1]);
  const layouts = new Map<string, { xml: string; rels: string }>();
  const layoutByFile = new Map<string, string>();
  for (const n of names.filter((f) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(f))) {
    const xml = await text(n);
    const name = /<p:cSld name="([^"]*)">/.exec(xml)![1]!;
    layouts.set(name, { xml, rels: await text(n.replace('slideLayouts/', 'slideLayouts/_rels/') + '.rels') });
    layoutByFile.set(n.split('/').pop()!, name);
  }
  const slides = names.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).sort((a, b) => num(a) - num(b));
  const slideLayouts: string[] = [];
  for (const s of slides) {
    const rels = await text(s.replace('slides/', 'slides/_rels/') + '.rels');
    slideLayouts.push(layoutByFile.get(/slideLayouts\/(slideLayout\d+\.xml)/.exec(rels)![1]!)!);
  }
  const media = new Map<string, Buffer>();
  for (const n of names.filter((f) => f.startsWith('ppt/media/') && !zip.files[f]!.dir)) media.set(n, await zip.file(n)!.async('nodebuffer'));
  return {
    slideLayouts,
    layouts,
    slidesXml: await Promise.all(slides.map(text)),
    charts: await Promise.all(names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).map(text)),
    media,
    themeXml: await text('ppt/theme/theme1.xml'),
    appXml: await text('docProps/app.xml'),
  };
}

const colours = (xml: string) => new Set([...xml.matchAll(/srgbClr val="([0-9A-Fa-f]{6})"/g)].map((m) => m[1]!.toUpperCase()));
const fonts = (xml: string) => new Set([...xml.matchAll(/<a:latin typeface="([^"]+)"/g)].map((m) => m[1]!));

describe('the company look in an exported deck', () => {
  let db: Db;
  let dir: string;
  let qbr: QbrService;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pb-brand-'));
    db = qbrBook();
    qbr = createQbrService({ db, clock: fixedClock('2026-11-20'), dataDir: dir });
  });
  afterAll(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('without a look, is the Partnerbook look of today', async () => {
    const deck = await readDeck((await qbr.exportOne('P-1', '2026-Q3', 'pptx', join(dir, 'default.pptx'))).path);
    expect(deck.slideLayouts[0]).toBe('Partnerbook · Title');
    expect(deck.slideLayouts.slice(1).every((n) => n === 'Partnerbook · Content')).toBe(true);
    expect(deck.media.size).toBe(0);
    const title = deck.layouts.get('Partnerbook · Title')!.xml;
    const content = deck.layouts.get('Partnerbook · Content')!.xml;
    expect(colours(title)).toEqual(new Set([theme.colors.titleBg, theme.colors.white, theme.colors.titleMuted]));
    expect(colours(content)).toEqual(new Set([theme.colors.white, theme.colors.accent, theme.colors.line]));
    expect(title).toContain('<a:t>PB</a:t>');
    expect(title).toContain('Partnerbook · QBR prep pack');
    const all = deck.slidesXml.join('') + deck.charts.join('');
    // Every colour drawn is one of the theme's (the health chart's tier median grey included),
    // or one pptxgenjs writes into every chart (plot area defaults).
    const known = new Set([...Object.values(theme.colors), ...theme.chart, 'C9D3DE', 'F9F9F9', '000000']);
    expect([...colours(all)].filter((c) => !known.has(c))).toEqual([]);
    expect(colours(all).has(theme.colors.accent)).toBe(true);
    expect([...fonts(all)]).toEqual(['Arial']);
    expect(deck.themeXml).toContain('typeface="Arial"');
  });

  it('with a look, every slide uses the company masters, which carry its colours, font and logo', async () => {
    setBranding(db, ACME);
    const exported = await qbr.exportOne('P-1', '2026-Q3', 'pptx', join(dir, 'acme.pptx'));
    const deck = await readDeck(exported.path);
    // Named for the company ("&" is left out of the name: PowerPoint's XML would not take it).
    expect(deck.slideLayouts[0]).toBe('Acme Sons · Title');
    expect(deck.slideLayouts.length).toBeGreaterThan(5);
    expect(deck.slideLayouts.slice(1).every((n) => n === 'Acme Sons · Content')).toBe(true);

    const title = deck.layouts.get('Acme Sons · Title')!;
    const content = deck.layouts.get('Acme Sons · Content')!;
    expect(title.xml).toContain('<a:srgbClr val="0B3D2E"/>'); // the background
    expect(content.xml).toContain('<a:srgbClr val="8E2430"/>'); // the accent bar
    expect(fonts(title.xml)).toEqual(new Set(['Calibri']));
    expect(title.xml).toContain('Acme &amp; Sons · Quarterly business review');
    expect(deck.themeXml).toContain('typeface="Calibri"');
    // The logo: the very PNG given, in ppt/media once for each master.
    expect(deck.media.size).toBe(2);
    for (const bytes of deck.media.values()) expect(bytes.equals(pngBytes(120, 40, '0B3D2E', 'FFFFFF'))).toBe(true);
    const [m1, m2] = [...deck.media.keys()].map((k) => k.split('/').pop()!);
    expect([title.rels, content.rels].map((r) => (r.includes(m1!) ? m1 : r.includes(m2!) ? m2 : null)).sort()).toEqual([m1, m2].sort());
    expect(content.xml).toContain('<p:pic>');

    const all = deck.slidesXml.join('') + deck.charts.join('');
    expect([...fonts(deck.slidesXml.join(''))]).toEqual(['Calibri']);
    // Chart titles, axes and legends too (pptxgenjs writes its own Arial into doughnut point labels).
    expect(deck.charts.every((c) => fonts(c).has('Calibri'))).toBe(true);
    expect(colours(all).has('8E2430')).toBe(true);
    expect(deck.charts.some((c) => c.includes('8E2430'))).toBe(true);
    // No Partnerbook brand colour is left, in slides, charts or masters; semantic colours stay.
    const everything = all + title.xml + content.xml;
    for (const brand of [theme.colors.accent, theme.colors.accentSoft, theme.colors.titleBg, theme.chart[1]!]) expect(colours(everything).has(brand)).toBe(false);
    expect(colours(all).has(theme.colors.good) || colours(all).has(theme.colors.bad)).toBe(true);

    // The company's name is written escaped everywhere, so PowerPoint and LibreOffice open the file.
    expect(deck.appXml).toContain('<Company>Acme &amp; Sons</Company>');
    const [pdf] = await convertToPdf([exported.path], join(dir, 'pdf'));
    expect(Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf!]).toString())![1])).toBe(deck.slideLayouts.length);
  }, 180_000);

  it('back to the defaults, the deck is the Partnerbook look again', async () => {
    setBranding(db, DEFAULT_BRANDING);
    const deck = await readDeck((await qbr.exportOne('P-1', '2026-Q3', 'pptx', join(dir, 'again.pptx'))).path);
    expect(deck.slideLayouts[0]).toBe('Partnerbook · Title');
    expect(deck.media.size).toBe(0);
  });
});
