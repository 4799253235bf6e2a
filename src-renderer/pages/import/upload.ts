/**
 * Sends the chosen files to the open workspace's staged import files: `import.clear`, then
 * each file in chunks of at most STAGE_CHUNK_BYTES raw bytes, base64 in the browser.
 */
import { STAGE_CHUNK_BYTES } from '../../../src-shared/methods/import';
import { invoke } from '../../api/client';

/** Base64 of raw bytes, built in slices so a 2 MB chunk never overflows the call stack. */
export function toBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  }
  return btoa(binary);
}

export interface UploadProgress {
  /** Bytes sent so far, over all files. */
  sent: number;
  total: number;
  /** The file being sent. */
  file: string;
}

/** True when every chosen file is a spreadsheet the import reads (by name). */
export function isSpreadsheetName(name: string): boolean {
  return /\.(csv|tsv|txt|xlsx)$/i.test(name);
}

/** Uploads every file from its first byte; resolves with the names the import knows them by. */
export async function stageFiles(files: readonly File[], onProgress: (p: UploadProgress) => void, signal: AbortSignal): Promise<string[]> {
  const total = files.reduce((a, f) => a + f.size, 0);
  let sent = 0;
  await invoke('import.clear', {});
  for (const file of files) {
    onProgress({ sent, total, file: file.name });
    let offset = 0;
    // An empty file is still staged (one empty chunk), so the import can say it is empty.
    do {
      if (signal.aborted) throw new DOMException('The upload was cancelled.', 'AbortError');
      const end = Math.min(offset + STAGE_CHUNK_BYTES, file.size);
      const bytes = new Uint8Array(await file.slice(offset, end).arrayBuffer());
      await invoke('import.stage', { name: file.name, offset, data: toBase64(bytes) });
      sent += bytes.length;
      offset = end;
      onProgress({ sent, total, file: file.name });
    } while (offset < file.size);
  }
  return files.map((f) => f.name);
}

/** "3.6 MB", "148 KB", "267 bytes". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? '' : 's'}`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
