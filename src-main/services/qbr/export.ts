/**
 * Writing a pack to disk: .pptx from the deck builder, .pdf by converting that deck with
 * LibreOffice. Files are written to a temporary name and renamed, so a failed export
 * never leaves a half-written deck behind.
 */
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import type { QbrExportResult, QbrFormat, QbrPack } from '../../../src-shared/methods/qbr';
import { ServiceError } from '../../api/router';
import { convertToPdf, PdfEngineMissing } from '../../export/pdf/libreoffice';
import { buildDeck } from '../../export/pptx/deck';

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

function writeAtomic(target: string, bytes: Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.partial-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, target);
}

export interface ExportOptions {
  signal?: AbortSignal;
}

/** Writes `pack` as `format` to `target`; returns what was written. */
export async function exportPack(pack: QbrPack, format: QbrFormat, target: string, o: ExportOptions = {}): Promise<QbrExportResult> {
  const started = performance.now();
  const deck = await buildDeck(pack);
  if (format === 'pptx') {
    writeAtomic(target, deck.bytes);
  } else {
    const work = mkdtempSync(join(tmpdir(), 'pb-qbr-'));
    try {
      const src = join(work, `${pack.partner.id}.pptx`);
      writeFileSync(src, deck.bytes);
      let pdf: string;
      try {
        [pdf] = (await convertToPdf([src], join(work, 'out'), { signal: o.signal })) as [string];
      } catch (err) {
        if (err instanceof PdfEngineMissing) throw new ServiceError('unavailable', err.message);
        throw err;
      }
      mkdirSync(dirname(target), { recursive: true });
      const tmp = `${target}.partial-${process.pid}`;
      copyFileSync(pdf, tmp);
      renameSync(tmp, target);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return { path: target, format, bytes: statSync(target).size, slides: deck.slides, ms: Math.round(performance.now() - started) };
}
