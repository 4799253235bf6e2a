/**
 * The headless PdfRenderer: builds the .pptx deck (in a deck worker thread) and has
 * LibreOffice convert it (the CLI, the browser harness and tests use it; the Electron shell
 * prints with Chromium instead). Several decks convert in one soffice process, so a batch
 * hands it chunks.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { buildDeckOffThread } from '../deck-worker/pool';
import { convertToPdf, pdfEngine } from './libreoffice';
import { assertPdf, type PdfJob, type PdfRenderer, type PdfRenderOptions } from './renderer';

export interface LibreOfficeRendererDeps {
  /** Builds the pack a job needs when the caller did not pass one. */
  pack(partnerId: string, quarter: string): QbrPack | Promise<QbrPack>;
  timeoutMs?: number;
}

export function createLibreOfficeRenderer(deps: LibreOfficeRendererDeps): PdfRenderer {
  const renderMany = async (jobs: PdfJob[], o: PdfRenderOptions = {}) => {
    if (jobs.length === 0) return;
    const work = mkdtempSync(join(tmpdir(), 'pb-lo-pdf-'));
    try {
      const sources: string[] = [];
      for (const [i, job] of jobs.entries()) {
        const deck = await buildDeckOffThread(job.pack ?? (await deps.pack(job.partnerId, job.quarter)), { signal: o.signal, branding: o.branding });
        const src = join(work, `${i}-${job.partnerId.replace(/[^A-Za-z0-9_-]/g, '_')}.pptx`);
        writeFileSync(src, deck.bytes);
        sources.push(src);
      }
      const outs = await convertToPdf(sources, join(work, 'out'), { signal: o.signal, timeoutMs: deps.timeoutMs });
      jobs.forEach((job, i) => {
        mkdirSync(dirname(job.outPath), { recursive: true });
        copyFileSync(outs[i]!, job.outPath);
        assertPdf(job.outPath, 'LibreOffice');
      });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  };
  return {
    chunk: 6,
    parallel: 2,
    info: pdfEngine,
    render: (partnerId, quarter, outPath, o = {}) => renderMany([{ partnerId, quarter, outPath, pack: o.pack }], o),
    renderMany,
  };
}
