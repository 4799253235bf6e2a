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
import { fieldError, ServiceError } from '../../base/errors';
import { PdfEngineMissing } from '../../export/pdf/libreoffice';
import { assertPdf, type PdfRenderer } from '../../export/pdf/renderer';
import { buildDeckOffThread } from '../../export/deck-worker/pool';
import { writeAtomically } from '../../base/write-files';
import { quarterText } from '../../../src-shared/domain/fiscal-text';

/**
 * A partner's name as part of a file name that every system accepts: no \\ / : * ? " < > |
 * or control characters, no leading dots or spaces, at most `max` characters
 * (cut at a word where it can be).
 */
export function fileSafe(name: string, max = 80): string {
  let s = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (s.length > max) {
    const cut = s.slice(0, max);
    const space = cut.lastIndexOf(' ');
    s = space > max / 2 ? cut.slice(0, space) : cut;
  }
  // No leading dot (a hidden file); a trailing one ("Pte. Ltd.") is fine, " — QBR …" follows it.
  s = s.replace(/^[.\s]+/, '').trimEnd();
  // Names Windows reserves for devices.
  if (/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(s)) s = `${s} partner`;
  return s || 'Partner';
}

/** The deck's file name: "Beacon Distribution GmbH — QBR Q4 2026.pptx". */
export function deckFileName(pack: Pick<QbrPack, 'partner' | 'quarter' | 'calendar'>, format: QbrFormat): string {
  return `${fileSafe(pack.partner.name)} — QBR ${quarterText(pack.quarter, pack.calendar)}.${format}`;
}

/**
 * `name`, or "name (2).ext", "name (3).ext"… when a file of the batch already has it (two
 * partners with the same name; compared without case, as Windows and macOS do); adds the
 * one it returns to `used`.
 */
export function uniqueFileName(name: string, used: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${stem} (${n})${ext}`;
    if (!used.has(candidate.toLowerCase())) {
      used.add(candidate.toLowerCase());
      return candidate;
    }
  }
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
    throw fieldError('invalid_input', 'path', `A ${format.toUpperCase()} export is saved to a file ending in .${format} or to a folder; '${path}' is neither.`);
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

/** What an export wrote (the API adds the file's link for "Open" / "Show in folder"). */
export type WrittenExport = Omit<QbrExportResult, 'file'>;

/** Writes `pack` as `format` to `target`; returns what was written. */
export async function exportPack(pack: QbrPack, format: QbrFormat, target: string, o: ExportOptions = {}): Promise<WrittenExport> {
  const started = performance.now();
  let slides = pack.sections.length;
  if (format === 'pptx') {
    await writeAtomically(target, 'path', async (tmp) => {
      const deck = await buildDeckOffThread(pack, { signal: o.signal, branding: o.branding });
      slides = deck.slides; // with the internal appendix when the pack asks for it
      writeFileSync(tmp, deck.bytes);
    });
  } else {
    if (!o.pdf) throw new ServiceError('unavailable', 'PDF export has no rendering engine configured.');
    await renderPdfAtomic(o.pdf, pack, target, o.signal, o.branding);
  }
  return { path: target, format, bytes: statSync(target).size, slides, ms: Math.round(performance.now() - started) };
}
