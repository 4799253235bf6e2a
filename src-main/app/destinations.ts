/**
 * The desktop app's answer to "where should this export go": a save dialog for one deck,
 * a folder dialog for a batch, both in the main process, opening in the folder the user
 * saved in last (else Documents; `dialogDefaultPath`, tested without Electron). The
 * renderer only ever gets an id for the choice (api/areas/qbr-destinations.ts).
 */
import { app, dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { extname } from 'node:path';
import type { DestinationChooser } from '../api/areas/qbr-destinations';
import { dialogDefaultPath } from '../api/areas/qbr-files';

export function electronDestinationChooser(parent: () => BrowserWindow | null): DestinationChooser {
  return async (req) => {
    const { kind, format, suggestedName } = req;
    const defaultPath = dialogDefaultPath(req, app.getPath('documents'));
    const win = parent();
    const owner = win && !win.isDestroyed() ? win : null;
    if (kind === 'file') {
      const options: SaveDialogOptions = {
        title: 'Save the QBR deck',
        defaultPath,
        filters: [format === 'pdf' ? { name: 'PDF', extensions: ['pdf'] } : { name: 'PowerPoint', extensions: ['pptx'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const r = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      return extname(r.filePath).toLowerCase() === `.${format}` ? r.filePath : `${r.filePath}.${format}`;
    }
    const options: OpenDialogOptions = {
      title: 'Choose a folder for the QBR decks',
      message: `The decks go into a new folder inside it (${suggestedName}).`,
      buttonLabel: 'Export here',
      defaultPath,
      properties: ['openDirectory', 'createDirectory'],
    };
    const r = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  };
}
