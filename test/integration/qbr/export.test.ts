/**
 * QBR export on the small demo book, pulled through the real sync path: the .pptx opens
 * in LibreOffice with the expected slides, carries the partner's real figures and native
 * charts; the PDF has the pages and the text; a batch with a broken partner finishes the
 * rest and reports the failure; a batch can be cancelled.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QbrPack, ScorecardData, SummaryData } from '../../../src-shared/methods/qbr';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { convertToPdf } from '../../../src-main/export/pdf/libreoffice';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/index';
import { fixedClock } from '../../../src-main/base/clock';
import { createQbrService, type QbrService } from '../../../src-main/services/qbr/service';
import { createSyncService } from '../../../src-main/sync/service';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

const AS_OF = '2026-11-20';
/** The most slides a standard deck has (every section but the onboarding one): a section with no data has none. */
const MAX_SLIDES = 15;

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const runs = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => decode(m[1]!));

async function readDeck(path: string) {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const names = Object.keys(zip.files);
  const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/(\d+)/.exec(a)![1]) - Number(/(\d+)/.exec(b)![1]));
  const text = await Promise.all(slides.map(async (n) => runs(await zip.file(n)!.async('string'))));
  const charts = await Promise.all(names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
  const notes = await Promise.all(names.filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n)).map(async (n) => runs(await zip.file(n)!.async('string')).join(' ')));
  return { slides: text, charts, notes, tables: text.length };
}

const pdfPages = (p: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [p]).toString())![1]);
const pdfText = (p: string) => execFileSync('pdftotext', ['-layout', p, '-']).toString();

describe('QBR export on the small demo book', () => {
  let prm: DemoPrm;
  let db: Db;
  let dir: string;
  let qbr: QbrService;
  let partnerId: string;
  let pack: QbrPack;

  beforeAll(async () => {
    prm = await startDemoPrm({ scale: 'small', seed: 42, asOf: AS_OF });
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-'));
    db = openDb(join(dir, 'replica.sqlite'));
    const sync = createSyncService({ db, clock: fixedClock(AS_OF), events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const summary = await sync.run();
    expect(summary.ok, summary.error ?? '').toBe(true);
    qbr = createQbrService({ db, clock: fixedClock(AS_OF), dataDir: dir });
    // A Gold partner with wins this quarter, so the deck has real figures to carry.
    partnerId = db.sqlite
      .prepare(
        `SELECT p.id FROM partner p JOIN opportunity o ON o.partner_id = p.id
          WHERE p.tier_id = 'gold' AND p.status != 'churned' AND o.stage = 'closed_won' AND o.close_date >= '2026-10-01'
          GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1`,
      )
      .pluck()
      .get() as string;
    pack = qbr.pack(partnerId);
  }, 180_000);
  afterAll(async () => {
    db?.close();
    await prm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes an editable .pptx with the real figures, native charts and speaker notes', async () => {
    const r = await qbr.exportOne(partnerId, undefined, 'pptx');
    expect(r.path.startsWith(join(dir, 'exports'))).toBe(true);
    // One slide per section with data (a section without data is left out of the deck).
    const SLIDES = pack.sections.length;
    expect(SLIDES).toBeLessThanOrEqual(MAX_SLIDES);
    expect(r.slides).toBe(SLIDES);
    const deck = await readDeck(r.path);
    expect(deck.slides).toHaveLength(SLIDES);
    const all = deck.slides.map((s) => s.join(' '));
    expect(all[0]).toContain(pack.partner.name);
    // Every scorecard figure on the scorecard slide, as the service computed it.
    const score = pack.sections.find((s) => s.key === 'scorecard')!.data as ScorecardData;
    const at = (k: string) => pack.sections.findIndex((s) => s.key === k);
    const scoreSlide = deck.slides[at('scorecard')]!;
    for (const m of score.metrics) {
      expect(scoreSlide).toContain(m.currentText);
      expect(scoreSlide).toContain(m.previousText);
    }
    const sourced = score.metrics.find((m) => m.key === 'sourced_arr')!;
    expect(sourced.current).toBeGreaterThan(0);
    const summary = pack.sections.find((s) => s.key === 'summary')!.data as SummaryData;
    for (const h of summary.headlines) expect(all[at('summary')]).toContain(h.text);
    expect(all[at('summary')]).toContain(String(summary.health!.score));
    // Native charts: chart parts with real chart XML.
    expect(deck.charts.length).toBeGreaterThanOrEqual(7);
    expect(deck.charts.some((c) => c.includes('<c:barChart>'))).toBe(true);
    expect(deck.charts.some((c) => c.includes('<c:lineChart>'))).toBe(true);
    expect(deck.charts.some((c) => c.includes('<c:doughnutChart>'))).toBe(true);
    // Speaker notes carry the talking points.
    expect(deck.notes.join(' ')).toContain(summary.headlines[0]!.text);

    // LibreOffice opens it: converting gives one page per slide, with the figures in the text.
    const [pdf] = await convertToPdf([r.path], join(dir, 'lo'));
    expect(pdfPages(pdf!)).toBe(SLIDES);
    const text = pdfText(pdf!);
    expect(text).toContain(pack.partner.name.split(' ')[0]!);
    expect(text).toContain(sourced.currentText);
    expect(text).toContain('Scorecard');
  }, 120_000);

  it('exports a PDF of the same deck, with the expected pages and text', async () => {
    const target = join(dir, 'out', 'pack.pdf');
    const r = await qbr.exportOne(partnerId, '2026-Q3', 'pdf', target);
    expect(r.path).toBe(target);
    const q3 = qbr.pack(partnerId, '2026-Q3');
    expect(pdfPages(target)).toBe(q3.sections.length);
    const text = pdfText(target);
    expect(text).toContain('Q3 2026');
    const wr = (q3.sections.find((s) => s.key === 'scorecard')!.data as ScorecardData).metrics.find((m) => m.key === 'win_rate')!;
    expect(text).toContain(wr.currentText);
    for (const title of ['Executive summary', 'Pipeline and top wins', 'Partner health', 'Peer benchmarks', 'Next steps and asks']) expect(text).toContain(title);
  }, 120_000);

  it('refuses a path whose extension does not match the format', async () => {
    await expect(qbr.exportOne(partnerId, undefined, 'pdf', join(dir, 'x.pptx'))).rejects.toThrow(/^A PDF export is saved to a file ending in .pdf or to a folder; '.*x.pptx' is neither\.$/);
  });

  it('finishes a batch around a broken partner and reports it', async () => {
    const owner = db.sqlite.prepare('SELECT owner_id FROM partner WHERE id = ?').pluck().get(partnerId) as string;
    const ids = db.sqlite.prepare("SELECT id FROM partner WHERE owner_id = ? AND status != 'churned' ORDER BY name LIMIT 5").pluck().all(owner) as string[];
    const broken = ids.find((id) => id !== partnerId)!;
    db.sqlite.pragma('foreign_keys = OFF');
    db.sqlite.prepare("UPDATE partner SET tier_id = 'ghost' WHERE id = ?").run(broken);
    db.sqlite.pragma('foreign_keys = ON');
    try {
      for (const format of ['pptx', 'pdf'] as const) {
        const started = qbr.startBatch({ ownerId: owner, partnerIds: ids }, undefined, format, join(dir, `batch-${format}`));
        expect(started.total).toBe(ids.length);
        const out = started.dir;
        const s = await qbr.batches.wait(started.id);
        expect(s.state).toBe('done');
        expect(s.failed).toBe(1);
        expect(s.done).toBe(ids.length - 1);
        const bad = s.items.find((i) => i.partnerId === broken)!;
        expect(bad.status).toBe('failed');
        expect(bad.error).toMatch(/tier 'ghost'/);
        const files = readdirSync(out).filter((f) => f.endsWith(`.${format}`));
        expect(files).toHaveLength(ids.length - 1);
        if (format === 'pdf') for (const f of files) {
          const pages = pdfPages(join(out, f));
          expect(pages).toBeGreaterThanOrEqual(6);
          expect(pages).toBeLessThanOrEqual(MAX_SLIDES);
        }
        const csv = readFileSync(join(out, 'index.csv'), 'utf8').trim().split('\n');
        expect(csv).toHaveLength(ids.length + 1);
        expect(csv.find((l) => l.startsWith(broken))).toMatch(/,failed,,.*ghost/);
        expect(readFileSync(s.indexPath!, 'utf8')).toContain('1 failed');
      }
    } finally {
      db.sqlite.pragma('foreign_keys = OFF');
      db.sqlite.prepare("UPDATE partner SET tier_id = (SELECT tier_id FROM partner WHERE id = ?) WHERE id = ?").run(partnerId, broken);
      db.sqlite.pragma('foreign_keys = ON');
    }
  }, 180_000);

  it('cancels a running batch: the rest is marked cancelled and the index is written', async () => {
    const started = qbr.startBatch({}, undefined, 'pptx', join(dir, 'batch-cancel'));
    const out = started.dir;
    expect(started.total).toBeGreaterThan(20);
    await new Promise((r) => setTimeout(r, 300));
    qbr.batches.cancel(started.id);
    const s = await qbr.batches.wait(started.id);
    expect(s.state).toBe('cancelled');
    expect(s.done).toBeLessThan(s.total);
    expect(s.items.filter((i) => i.status === 'cancelled').length).toBe(s.total - s.done - s.failed);
    expect(existsSync(join(out, 'index.csv'))).toBe(true);
    expect(readdirSync(out).filter((f) => f.endsWith('.pptx'))).toHaveLength(s.done);
  }, 120_000);

  it('two batches in the same minute get folders of their own inside the chosen one: nothing is overwritten', async () => {
    const parent = join(dir, 'same-minute');
    const ids = [partnerId];
    const first = await qbr.batches.wait(qbr.startBatch({ partnerIds: ids }, undefined, 'pptx', parent).id);
    const second = await qbr.batches.wait(qbr.startBatch({ partnerIds: ids }, undefined, 'pptx', parent).id);
    expect(first.dir).not.toBe(second.dir);
    expect(second.dir).toBe(`${first.dir} (2)`);
    expect(readdirSync(parent).sort()).toEqual([basename(first.dir), basename(second.dir)]);
    for (const s of [first, second]) expect(existsSync(join(s.dir, 'index.html'))).toBe(true);
  }, 60_000);

  it('every partner’s deck holds its slides’ text whole: nothing is shortened to fit (no speaker note says so)', async () => {
    const ids = db.sqlite.prepare('SELECT id FROM partner ORDER BY id').pluck().all() as string[];
    const done = await qbr.batches.wait(qbr.startBatch({ partnerIds: ids }, undefined, 'pptx', join(dir, 'all')).id);
    const decks = readdirSync(done.dir).filter((f) => f.endsWith('.pptx'));
    expect(decks.length).toBeGreaterThan(100);
    const shortened: string[] = [];
    for (const f of decks) {
      const { notes } = await readDeck(join(done.dir, f));
      notes.forEach((n, i) => {
        const at = n.indexOf('IN FULL');
        if (at >= 0) shortened.push(`${f}, notes ${i + 1}: ${n.slice(at, at + 160)}`);
      });
    }
    expect(shortened).toEqual([]);
  }, 120_000);
});
