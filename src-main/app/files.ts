/**
 * "Open" and "Show in folder" for an exported deck or a batch's index: Electron's `shell`.
 * What is offered and which file is meant is decided below the shell (api/areas/qbr-files.ts).
 */
import { shell } from 'electron';
import type { FileOpener } from '../api/areas/qbr-files';

export const electronFileOpener: FileOpener = {
  async open(path) {
    // `openPath` resolves with an error message, or '' when the file was opened.
    const failure = await shell.openPath(path);
    if (failure) throw new Error(failure);
  },
  showInFolder(path) {
    shell.showItemInFolder(path);
  },
};
