/**
 * The PDF engine behind QBR exports, injected by the composition root: the Electron shell
 * prints the renderer's print route with Chromium (src-main/app/pdf.ts); the browser
 * harness, the CLI and tests convert the .pptx with LibreOffice (./libreoffice-renderer.ts).
 * The export service and the batch only see this interface.
 */
import { existsSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import type { Branding } from '../../../src-shared/methods/branding';
import type { QbrPack } from '../../../src-shared/methods/qbr';

export interface PdfEngineInfo {
  available: boolean;
  /** Which engine, in words ("Chromium (Electron printToPDF)", "LibreOffice (/usr/bin/soffice)"). */
  engine: string;
  message: string;
}

export interface PdfJob {
  partnerId: string;
  quarter: string;
  outPath: string;
  /** The pack, when the caller has already built it; engines that render from the model may reuse it. */
  pack?: QbrPack;
}

export interface PdfRenderOptions {
  signal?: AbortSignal;
  /** The company's look, for engines that build the deck themselves (the print route reads it from the API). */
  branding?: Branding;
}

export interface PdfRenderer {
  info(): PdfEngineInfo;
  /** Writes the partner's QBR pack for `quarter` as a PDF at `outPath` (overwriting it), or throws. */
  render(partnerId: string, quarter: string, outPath: string, o?: PdfRenderOptions & { pack?: QbrPack }): Promise<void>;
  /**
   * Several packs in one go, when the engine is cheaper that way (LibreOffice converts several
   * decks per process). Throws if any job fails; the batch then retries them one by one.
   */
  renderMany?(jobs: PdfJob[], o?: PdfRenderOptions): Promise<void>;
  /** How many jobs the batch hands to one renderMany call (1 without renderMany). */
  readonly chunk: number;
  /** How many render calls a batch may run at the same time. */
  readonly parallel: number;
}

/** Throws unless `path` is a non-empty file that starts like a PDF. */
export function assertPdf(path: string, engine: string): void {
  if (!existsSync(path) || statSync(path).size === 0) throw new Error(`${engine} wrote no PDF to ${path}.`);
  const head = Buffer.alloc(5);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== '%PDF-') throw new Error(`${engine} wrote a file that is not a PDF: ${path}.`);
}
