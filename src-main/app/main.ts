/**
 * Electron shell: one window, IPC wiring to the shared router, CSP and permission
 * lockdown. Everything else lives below src-main/ and runs without Electron.
 */
import { app, dialog, ipcMain, Menu, session, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_NAMES } from '../../src-shared/api';
import { createCore, type Core } from '../core';
import { ReplicaDamagedError } from '../db/connection';
import { findDemoPrmCommand } from '../embedded-prm';
import { CSP } from '../web/server';
import { electronDestinationChooser } from './destinations';
import { electronFileOpener } from './files';
import { openSignInPage } from './links';
import { createElectronPdfRenderer } from './pdf';
import { frameFacts, rendererUrls, trustedFrames } from './renderer';
import { electronOpenReplica } from './replica-dialog';
import { electronSecrets } from './secrets';
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

/** Says why the app cannot go on, then quits (a failure before any window exists must still be seen). */
function fatal(title: string, err: unknown): void {
  dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
  app.quit();
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

  const secrets = electronSecrets();
  let win: BrowserWindow | null = null;
  try {
    core = createCore({
      dataDir: dataDirFromArgs() ?? app.getPath('userData'),
      version: app.getVersion(),
      // `npm start` (a checkout) opens straight on the demo book; an installed app, or
      // `--welcome`, greets a first start with the welcome instead.
      firstRun: app.isPackaged || process.argv.includes('--welcome') ? 'welcome' : 'demo',
      secretCipher: secrets.cipher,
      secretWarning: secrets.warning,
      demoCommand: findDemoPrmCommand(import.meta.dirname),
      demoEnv: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      pdfRenderer: createElectronPdfRenderer(),
      // A damaged replica: a dialog offers to keep it aside and rebuild from the PRM, or quit.
      openReplica: electronOpenReplica,
      // Exports go where the user chooses in a save / folder dialog; the renderer never sends a path.
      chooseDestination: electronDestinationChooser(() => win),
      // After an export: "Open" and "Show in folder" for the file written.
      openFile: electronFileOpener,
      // "Connect Salesforce": the sign-in page opens in the system browser.
      salesforce: { openBrowser: openSignInPage },
    });
  } catch (err) {
    fatal('Partnerbook could not start', err);
    return;
  }
  const c = core;
  ipcMain.handle('pb:invoke', (event, method: unknown, input: unknown, workspace: unknown) => {
    if (!trustedSender(event)) return { ok: false, error: { code: 'unknown_method', message: 'untrusted sender' } };
    return c.router.handle(String(method), input, typeof workspace === 'string' ? { workspace } : {});
  });

  const main = createMainWindow();
  win = main;
  for (const name of EVENT_NAMES) {
    c.events.on(name, (payload) => {
      if (!main.isDestroyed()) main.webContents.send('pb:event', name, payload);
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
  try {
    await c.start();
  } catch (err) {
    // "Quit" in the damaged-replica dialog: already quitting. Anything else is said, not swallowed.
    if (err instanceof ReplicaDamagedError) app.quit();
    else fatal('Partnerbook could not open your book', err);
  }
});

app.on('window-all-closed', () => {
  void core?.close().finally(() => app.quit());
});
