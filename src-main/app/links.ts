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
