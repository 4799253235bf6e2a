/**
 * Electron shell: one window, IPC wiring to the shared router, CSP and permission
 * lockdown. Everything else lives below src-main/ and runs without Electron.
 */
import { app, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES } from '../../src-shared/api';
import { createCore, type Core } from '../core';
import { findDemoPrmCommand } from '../embedded-prm';
import { CSP } from '../web/server';
import { createElectronPdfRenderer } from './pdf';
import { frameFacts, rendererUrls, trustedFrames } from './renderer';
import { isTrustedSender } from './trust';
import { createMainWindow } from './window';

function dataDirFromArgs(): string | null {
  const i = process.argv.indexOf('--data-dir');
  return i >= 0 ? (process.argv[i + 1] ?? null) : null;
}

/** Only the top frame of our own windows, showing our renderer's index.html, may call the API. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender(frameFacts(event.senderFrame), trustedFrames(), rendererUrls());
}

let core: Core | null = null;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  core = createCore({
    dataDir: dataDirFromArgs() ?? app.getPath('userData'),
    version: app.getVersion(),
    demoCommand: findDemoPrmCommand(import.meta.dirname),
    demoEnv: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    pdfRenderer: createElectronPdfRenderer(),
  });
  const c = core;
  ipcMain.handle('pb:invoke', (event, method: unknown, input: unknown, workspace: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'unknown_method', message: 'untrusted sender' } };
    return c.router.handle(String(method), input, typeof workspace === 'string' ? { workspace } : {});
  });

  const win = createMainWindow();
  for (const name of EVENT_NAMES) {
    c.events.on(name, (payload) => {
      if (!win.isDestroyed()) win.webContents.send('pb:event', name, payload);
    });
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { role: 'appMenu' as const },
      {
        label: 'Sync',
        submenu: [{ label: 'Sync now', accelerator: 'CmdOrCtrl+Shift+S', click: () => void c.sync()?.run() }],
      },
      { role: 'editMenu' as const },
      { role: 'viewMenu' as const },
      { role: 'windowMenu' as const },
    ].filter((m) => process.platform === 'darwin' || m.role !== 'appMenu')),
  );
  await c.start();
});

app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
