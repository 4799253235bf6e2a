/**
 * The QBR export service and batch render PDFs through the PdfRenderer they are given (the
 * Electron shell gives Chromium's printToPDF; tests here give a small real renderer that
 * writes a text PDF, one page per slide) and never fall back to LibreOffice behind its back.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import type { PdfRenderer } from '../../../src-main/export/pdf/renderer';
import { fixedClock } from '../../../src-main/base/clock';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import { createQbrService } from '../../../src-main/services/qbr/service';
import type { QbrSources } from '../../../src-main/services/qbr/sources';
import { qbrBook } from './fixtures';

const clock = fixedClock('2026-11-20');
const NONE: QbrSources = { health: null, jbpActuals: null, actions: null };
const QUARTER = '2026-Q3';

/** A minimal, valid PDF: one page per entry, each with its lines of Helvetica text. */
function textPdf(pages: string[][]): Buffer {
  const ascii = (t: string) => t.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, '\\$&');
  const objects: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids: string[] = [];
  for (const lines of pages) {
    const stream = `BT /F1 18 Tf 40 480 Td 22 TL ${lines.map((l) => `(${ascii(l)}) Tj T*`).join(' ')} ET`;
    objects.push(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`);
    kids.push(`${objects.length} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

interface TextRenderer extends PdfRenderer {
  rendered: { partnerId: string; quarter: string; hadPack: boolean }[];
}

function textRenderer(build: (partnerId: string, quarter: string) => QbrPack, opts: { failFor?: string; garbageFor?: string; available?: boolean } = {}): TextRenderer {
  const rendered: TextRenderer['rendered'] = [];
  return {
    rendered,
    chunk: 1,
    parallel: 1,
    info: () =>
      opts.available === false
        ? { available: false, engine: 'none', message: 'The test engine is switched off.' }
        : { available: true, engine: 'Test text PDF', message: 'PDFs are plain text pages.' },
    async render(partnerId, quarter, outPath, o = {}) {
      await new Promise((r) => setImmediate(r));
      if (partnerId === opts.failFor) throw new Error(`cannot draw ${partnerId}`);
      if (partnerId === opts.garbageFor) {
        writeFileSync(outPath, 'not a pdf');
        return;
      }
      const pack = o.pack ?? build(partnerId, quarter);
      rendered.push({ partnerId, quarter, hadPack: !!o.pack });
      writeFileSync(outPath, textPdf(pack.sections.map((s, i) => [pack.partner.name, `${i + 1}. ${s.title}`])));
    },
  };
}

const pages = (path: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path]).toString())![1]);
const text = (path: string) => execFileSync('pdftotext', [path, '-']).toString();

describe('QBR PDF export through an injected PdfRenderer', () => {
  const savedSoffice = process.env.PARTNERBOOK_SOFFICE;
  let dir: string;
  beforeAll(() => {
    // LibreOffice is "not installed": any PDF must come from the injected renderer.
    process.env.PARTNERBOOK_SOFFICE = '';
  });
  afterAll(() => {
    if (savedSoffice === undefined) delete process.env.PARTNERBOOK_SOFFICE;
    else process.env.PARTNERBOOK_SOFFICE = savedSoffice;
  });
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function setup(opts: Parameters<typeof textRenderer>[1] = {}) {
    const db = qbrBook();
    dir = mkdtempSync(join(tmpdir(), 'pb-qbr-pdf-'));
    const build = (id: string, q: string) => createQbrBuilder({ db, clock, sources: NONE }).pack(id, q);
    const pdf = textRenderer(build, opts);
    const qbr = createQbrService({ db, clock, dataDir: dir, sources: NONE, pdf });
    return { db, qbr, pdf };
  }

  it('writes the PDF the renderer draws, one page per slide, and reports its engine', async () => {
    const { qbr, pdf } = setup();
    expect(qbr.capabilities().pdf).toEqual({ available: true, engine: 'Test text PDF', message: 'PDFs are plain text pages.' });
    const r = await qbr.exportOne('P-1', QUARTER, 'pdf', join(dir, 'out', 'kestrel.pdf'));
    const pack = qbr.pack('P-1', QUARTER);
    expect(r).toMatchObject({ path: join(dir, 'out', 'kestrel.pdf'), format: 'pdf', slides: pack.sections.length });
    expect(r.bytes).toBe(readFileSync(r.path).length);
    expect(pages(r.path)).toBe(pack.sections.length);
    expect(text(r.path)).toContain('Kestrel Technologies GmbH');
    expect(text(r.path)).toContain(`3. ${pack.sections[2]!.title}`);
    expect(pdf.rendered).toEqual([{ partnerId: 'P-1', quarter: QUARTER, hadPack: true }]);
    expect(readdirSync(join(dir, 'out'))).toEqual(['kestrel.pdf']);
  });

  it('a renderer that fails or writes something that is not a PDF leaves no file behind', async () => {
    const { qbr } = setup({ failFor: 'P-1', garbageFor: 'P-2' });
    await expect(qbr.exportOne('P-1', QUARTER, 'pdf', join(dir, 'a.pdf'))).rejects.toThrow('cannot draw P-1');
    await expect(qbr.exportOne('P-2', QUARTER, 'pdf', join(dir, 'b.pdf'))).rejects.toThrow(/not a PDF/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.pdf') || f.includes('.partial'))).toEqual([]);
  });

  it('an unavailable engine is a clear "unavailable" error, and without an injected one LibreOffice is the default', async () => {
    const { qbr } = setup({ available: false });
    await expect(qbr.exportOne('P-1', QUARTER, 'pdf', join(dir, 'a.pdf'))).rejects.toMatchObject({ code: 'unavailable', message: 'The test engine is switched off.' });
    expect(() => qbr.startBatch({}, QUARTER, 'pdf', join(dir, 'batch'))).toThrow('The test engine is switched off.');
    expect(existsSync(join(dir, 'a.pdf'))).toBe(false);
    const fallback = createQbrService({ db: qbrBook(), clock, dataDir: dir, sources: NONE });
    expect(fallback.capabilities().pdf).toMatchObject({ available: false, engine: 'none' });
    expect(fallback.capabilities().pdf.message).toMatch(/LibreOffice/);
  });

  it('a batch renders every partner through the renderer and reports the one that fails', async () => {
    const { qbr, pdf } = setup({ failFor: 'P-3' });
    const started = qbr.startBatch({}, QUARTER, 'pdf', join(dir, 'batch'));
    const s = await qbr.batches.wait(started.id);
    expect(s).toMatchObject({ state: 'done', total: 4, done: 3, failed: 1 });
    const bad = s.items.find((i) => i.partnerId === 'P-3')!;
    expect(bad).toMatchObject({ status: 'failed', file: null });
    expect(bad.error).toContain('cannot draw P-3');
    for (const item of s.items.filter((i) => i.status === 'done')) {
      expect(pages(item.file!)).toBe(qbr.pack(item.partnerId, QUARTER).sections.length);
      expect(text(item.file!)).toContain(item.partnerName);
    }
    expect(pdf.rendered.map((r) => r.partnerId).sort()).toEqual(['P-1', 'P-2', 'P-4']);
    expect(readdirSync(s.dir).filter((f) => f.includes('.partial'))).toEqual([]);
    expect(readFileSync(join(s.dir, 'index.csv'), 'utf8')).toMatch(/P-3,Peer Three,.*,failed,,PDF rendering failed: cannot draw P-3/);
  });
});
