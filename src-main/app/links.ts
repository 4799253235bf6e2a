/**
 * Links that leave the app: only https (trust.ts, `externalLink`), and only after the
 * user confirms the host in a dialog; everything else is dropped.
 */
import { dialog, shell, type BrowserWindow } from 'electron';
import { externalLink } from './trust';

export async function openExternalAfterConfirm(win: BrowserWindow, raw: string): Promise<void> {
  const link = externalLink(raw);
  if (!link.open) {
    console.warn(`[app] not opening a link: ${link.reason}`);
    return;
  }
  const { response } = await dialog.showMessageBox(win, {
    type: 'question',
    title: 'Partnerbook',
    message: `Open ${link.host} in your browser?`,
    detail: link.url,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response === 0) await shell.openExternal(link.url);
}

/**
 * Opens Salesforce's sign-in page in the system browser for "Connect Salesforce". The URL
 * comes from the main process itself (the authorize URL of the login host the user chose,
 * checked in sources/salesforce/oauth.ts): https, or http on this computer only (a fake org
 * for development). No dialog: the user just asked to sign in.
 */
export async function openSignInPage(raw: string): Promise<void> {
  const url = new URL(raw);
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.username || url.password || !(url.protocol === 'https:' || (url.protocol === 'http:' && local))) {
    throw new Error('not a sign-in page Partnerbook opens');
  }
  await shell.openExternal(url.toString());
}
