/**
 * Our renderer and our windows: the one index.html every window loads (the dev server's
 * URL under `npm run dev`), and the windows whose top frame may call the API over IPC.
 */
import { app, type BrowserWindow, type WebFrameMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FrameFacts } from './trust';

const INDEX_HTML = join(import.meta.dirname, '../renderer/index.html');

function devUrl(): string | null {
  const url = process.env.ELECTRON_RENDERER_URL;
  return url && !app.isPackaged ? url : null;
}

/** Loads the renderer (at `route`, e.g. '/qbr/print?…') into a window. */
export async function loadRenderer(win: BrowserWindow, route?: string): Promise<void> {
  const dev = devUrl();
  if (dev) await win.loadURL(route ? `${dev}#${route}` : dev);
  else await win.loadFile(INDEX_HTML, route ? { hash: route } : undefined);
}

/** The URLs of the document a trusted frame shows. */
export function rendererUrls(): string[] {
  const dev = devUrl();
  return [pathToFileURL(INDEX_HTML).href, ...(dev ? [dev] : [])];
}

const trusted = new Set<BrowserWindow>();

/** Lets this window's top frame call the API (the main window, a print window) until it closes. */
export function trustWindow(win: BrowserWindow): void {
  trusted.add(win);
  win.once('closed', () => trusted.delete(win));
}

export function frameFacts(frame: WebFrameMain | null | undefined): FrameFacts | null {
  if (!frame) return null;
  return { url: frame.url, processId: frame.processId, routingId: frame.routingId, hasParent: frame.parent !== null };
}

/** The top frames of the trusted windows, as they are now. */
export function trustedFrames(): FrameFacts[] {
  const out: FrameFacts[] = [];
  for (const win of trusted) {
    if (win.isDestroyed()) continue;
    const f = frameFacts(win.webContents.mainFrame);
    if (f) out.push(f);
  }
  return out;
}
