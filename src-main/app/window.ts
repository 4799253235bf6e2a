/** The one window, locked down: isolated, sandboxed, no Node, no navigation, no popups. */
import { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { openExternalAfterConfirm } from './links';
import { loadRenderer, trustWindow } from './renderer';

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: 'Partnerbook',
    show: false,
    backgroundColor: '#f6f7f9',
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
      spellcheck: true,
      // Middle-click would open links in a new window, past the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());

  // The window itself never navigates or opens popups; an https link opens in the system
  // browser once the user has confirmed its host (links.ts); any other link is dropped.
  win.webContents.setWindowOpenHandler(({ url }) => {
    void openExternalAfterConfirm(win, url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (url === win.webContents.getURL()) return;
    event.preventDefault();
    void openExternalAfterConfirm(win, url);
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  trustWindow(win);
  void loadRenderer(win);
  return win;
}
