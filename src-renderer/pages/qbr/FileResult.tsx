/**
 * What the user can do with a file an export wrote: "Open" and "Show in folder" where the
 * app can open local files (the desktop app; `QbrFileLink.actions`), nothing where it
 * cannot (the browser harness). Also the harness's download of one deck.
 */
import { useState } from 'react';
import type { QbrDownload, QbrFileLink } from '../../../src-shared/methods/qbr';
import { describeError, invoke } from '../../api/client';

const LABEL = { open: 'Open', show: 'Show in folder' } as const;

/** "Open · Show in folder" for `file`, with a one-line error when the system cannot do it. */
export function FileActions({ file, openLabel = 'Open', testId }: { file: QbrFileLink; openLabel?: string; testId?: string }) {
  const [error, setError] = useState<string | null>(null);
  if (!file.actions.length) return null;
  return (
    <span className="qbr-file-actions" data-testid={testId}>
      {file.actions.map((a) => (
        <button
          key={a}
          type="button"
          className="btn btn-small"
          onClick={() => {
            setError(null);
            invoke('qbr.openFile', { ref: file.ref, action: a }).catch((err: unknown) => setError(describeError(err)));
          }}
        >
          {a === 'open' ? openLabel : LABEL[a]}
        </button>
      ))}
      {error ? (
        <span className="qbr-file-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Hands a deck to the browser as a download (the harness): a blob URL clicked through a download link. */
export function saveDownload(d: QbrDownload): void {
  const raw = atob(d.base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: d.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = d.fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
