/**
 * QBR PDFs from Chromium: a hidden, locked-down window loads the renderer's print route
 * (`#/qbr/print?partner=…&quarter=…`, one 13.333in × 7.5in page per slide), waits until
 * it reports `document.body.dataset.printReady`, and prints it with printToPDF.
 */
import { BrowserWindow } from 'electron';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PdfRenderer } from '../export/pdf/renderer';
import { loadRenderer, trustWindow } from './renderer';

const READY_TIMEOUT_MS = 60_000;

function printWindow(): BrowserWindow {
  // The same webPreferences as the main window (window.ts): isolated, sandboxed, no Node.
  // Spelled out literally at each BrowserWindow so the static security audit can verify them.
  const win = new BrowserWindow({
    show: false,
    width: 1280,
    height: 720,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  // Its print page builds the pack through the API.
  trustWindow(win);
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  return win;
}

/** Resolves once the print route says it is ready; rejects on its error, a timeout or abort. */
async function waitReady(win: BrowserWindow, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (signal?.aborted) throw new Error('cancelled');
    if (win.isDestroyed()) throw new Error('the print window closed before the pack was ready');
    const state = (await win.webContents.executeJavaScript(
      '[document.body.dataset.printReady || "", document.body.dataset.printError || ""]',
      false,
    )) as [string, string];
    if (state[0] === '1') return;
    if (state[0] === 'error') throw new Error(state[1] || 'the print page could not build the pack');
    if (Date.now() > deadline) throw new Error(`the print page was not ready after ${READY_TIMEOUT_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function createElectronPdfRenderer(): PdfRenderer {
  return {
    chunk: 1,
    parallel: 2,
    info: () => ({
      available: true,
      engine: 'Chromium (Electron printToPDF)',
      message: 'PDFs are printed by the app’s built-in Chromium from the same slides as the preview.',
    }),
    async render(partnerId, quarter, outPath, o = {}) {
      const route = `/qbr/print?${new URLSearchParams({ partner: partnerId, quarter }).toString()}`;
      const win = printWindow();
      const onAbort = () => {
        if (!win.isDestroyed()) win.destroy();
      };
      o.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await loadRenderer(win, route);
        await waitReady(win, o.signal);
        const bytes = await win.webContents.printToPDF({
          pageSize: { width: 13.333, height: 7.5 },
          printBackground: true,
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
          preferCSSPageSize: false,
        });
        if (o.signal?.aborted) throw new Error('cancelled');
        await writeFile(outPath, bytes);
      } finally {
        o.signal?.removeEventListener('abort', onAbort);
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
