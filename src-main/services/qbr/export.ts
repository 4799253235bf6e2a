/**
 * Writing a pack to disk: .pptx from the deck builder (in a worker thread), .pdf from the
 * injected PdfRenderer (Chromium in the app, LibreOffice headless). Files are written to a
 * temporary name and renamed, so a failed export never leaves a half-written deck behind;
 * a folder that can't be written is named with the reason (destination.ts).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Branding } from '../../../src-shared/methods/branding';
import type { QbrExportResult, QbrFormat, QbrPack } from '../../../src-shared/methods/qbr';
import { ServiceError } from '../../base/errors';
import { PdfEngineMissing } from '../../export/pdf/libreoffice';
import { assertPdf, type PdfRenderer } from '../../export/pdf/renderer';
import { buildDeckOffThread } from '../../export/deck-worker/pool';
import { writeAtomically } from './destination';

export function slug(s: string, max = 60): string {
  const out = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return out || 'partner';
}

export function deckFileName(pack: Pick<QbrPack, 'partner' | 'quarter'>, format: QbrFormat): string {
  return `${slug(pack.partner.name)}_${pack.partner.id}_${pack.quarter}.${format}`;
}

/**
 * Where to write: `path` is a folder (existing, or ending in a separator) or a file whose
 * extension matches the format; without `path`, `defaultDir`.
 */
export function resolveTarget(path: string | undefined, defaultDir: string, fileName: string, format: QbrFormat): string {
  if (!path) return join(defaultDir, fileName);
  const abs = resolve(path);
  const isDir = /[\\/]$/.test(path) || (existsSync(abs) && statSync(abs).isDirectory());
  if (isDir) return join(abs, fileName);
  const ext = extname(abs).toLowerCase();
  if (ext !== `.${format}`) {
    throw new ServiceError('invalid_input', `path: a ${format.toUpperCase()} export needs a .${format} file name or a folder, got '${path}'`, [
      { path: 'path', message: `expected .${format} or a folder` },
    ]);
  }
  return abs;
}

export interface ExportOptions {
  /** The PDF engine (required for format 'pdf'). */
  pdf?: PdfRenderer;
  signal?: AbortSignal;
  /** The company's look (the Partnerbook look when absent). */
  branding?: Branding;
}

/** Renders one pack through `pdf` to `target`, atomically; engine trouble becomes a ServiceError. */
export async function renderPdfAtomic(pdf: PdfRenderer, pack: QbrPack, target: string, signal?: AbortSignal, branding?: Branding): Promise<void> {
  const info = pdf.info();
  if (!info.available) throw new ServiceError('unavailable', info.message);
  try {
    await writeAtomically(target, 'path', async (tmp) => {
      await pdf.render(pack.partner.id, pack.quarter, tmp, { pack, signal, branding });
      assertPdf(tmp, info.engine);
    });
  } catch (err) {
    if (err instanceof PdfEngineMissing) throw new ServiceError('unavailable', err.message);
    throw err;
  }
}

/** Writes `pack` as `format` to `target`; returns what was written. */
export async function exportPack(pack: QbrPack, format: QbrFormat, target: string, o: ExportOptions = {}): Promise<QbrExportResult> {
  const started = performance.now();
  if (format === 'pptx') {
    await writeAtomically(target, 'path', async (tmp) => writeFileSync(tmp, (await buildDeckOffThread(pack, { signal: o.signal, branding: o.branding })).bytes));
  } else {
    if (!o.pdf) throw new ServiceError('unavailable', 'PDF export has no rendering engine configured.');
    await renderPdfAtomic(o.pdf, pack, target, o.signal, o.branding);
  }
  return { path: target, format, bytes: statSync(target).size, slides: pack.sections.length, ms: Math.round(performance.now() - started) };
}
