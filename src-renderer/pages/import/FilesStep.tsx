/**
 * Step 1: pick or drop the export's files (CSV, TSV, TXT, .xlsx), send them in chunks with
 * a progress bar, then let the import read them and propose a mapping.
 */
import { useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import type { ImportInspection, ImportStatusView } from '../../../src-shared/methods/import';
import { describeError, invoke } from '../../api/client';
import { Icon } from '../../components/Icon';
import { formatDateTime } from '../../lib/format';
import { plural } from '../../../src-shared/format';
import { formatBytes, isSpreadsheetName, stageFiles, type UploadProgress } from './upload';

export function FilesStep({
  status,
  onRead,
}: {
  status: ImportStatusView | undefined;
  onRead: (files: string[], inspection: ImportInspection) => void;
}) {
  const id = useId();
  const [chosen, setChosen] = useState<File[]>([]);
  const [refused, setRefused] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [phase, setPhase] = useState<'idle' | 'sending' | 'reading'>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const add = (list: FileList | null) => {
    if (!list) return;
    const files = [...list];
    setRefused(files.filter((f) => !isSpreadsheetName(f.name)).map((f) => f.name));
    const good = files.filter((f) => isSpreadsheetName(f.name));
    setChosen((prev) => [...prev.filter((p) => !good.some((g) => g.name.toLowerCase() === p.name.toLowerCase())), ...good]);
    setError(null);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (phase === 'idle') add(e.dataTransfer.files);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (chosen.length === 0 || phase !== 'idle') return;
    const ctrl = new AbortController();
    abort.current = ctrl;
    setError(null);
    setPhase('sending');
    // The file being sent, so a refusal while sending says which file it was about.
    let sending: string | null = null;
    stageFiles(
      chosen,
      (p) => {
        sending = p.file;
        setProgress(p);
      },
      ctrl.signal,
    )
      .then(async (names) => {
        sending = null;
        setPhase('reading');
        const inspection = await invoke('import.inspect', { files: names });
        if (!ctrl.signal.aborted) onRead(names, inspection);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setPhase('idle');
        setError(sending === null ? describeError(err) : `${sending} was not sent. ${describeError(err)}`);
      });
  };

  const busy = phase !== 'idle';
  /** Stops sending (the files staged so far are sent again from the start next time). */
  const cancel = () => {
    abort.current?.abort();
    abort.current = null;
    setPhase('idle');
    setProgress(null);
    setError('Stopped: nothing was imported. Choose the files again or read them when ready.');
  };
  const total = chosen.reduce((a, f) => a + f.size, 0);
  const percent = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;

  return (
    <form className="imp-step" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="import-files-step">
      <h2 className="imp-step-title" id={`${id}-title`} tabIndex={-1}>
        Choose the files of your export
      </h2>
      <p className="imp-lede">
        One file per kind of record — partners, orders or opportunities, and optionally the people who own them. CSV, TSV or TXT (any
        delimiter, UTF-8, UTF-16 or Windows-1252) and Excel .xlsx, every sheet.
      </p>
      {status?.last ? (
        <p className="imp-note" data-testid="import-last">
          Last import {formatDateTime(status.last.importedAt)}: {status.last.files.join(', ')} with the mapping “{status.last.mapping}”. Importing
          again updates this book; rows the new files no longer hold are removed only after you confirm.
        </p>
      ) : null}

      <div
        className={`imp-drop${dragging ? ' is-over' : ''}${busy ? ' is-busy' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="import-drop"
      >
        <Icon name="upload" size={22} />
        <div>
          <label htmlFor={`${id}-input`} className="imp-drop-label">
            <span className="imp-drop-link">Choose files</span> or drop them here
          </label>
          <div className="muted">.csv · .tsv · .txt · .xlsx</div>
        </div>
        <input
          id={`${id}-input`}
          className="imp-file-input"
          type="file"
          multiple
          accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          onChange={(e) => {
            add(e.target.files);
            e.target.value = '';
          }}
          data-testid="import-file-input"
        />
      </div>

      {refused.length > 0 ? (
        <p className="imp-warn" role="alert">
          Left out (not a CSV, TSV, TXT or .xlsx file): {refused.join(', ')}.
        </p>
      ) : null}

      {chosen.length > 0 ? (
        <ul className="imp-files" aria-label="Chosen files" data-testid="import-file-list">
          {chosen.map((f) => (
            <li key={f.name} className="imp-file">
              <span className="imp-file-name">{f.name}</span>
              <span className="imp-file-size num">{formatBytes(f.size)}</span>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                disabled={busy}
                onClick={() => setChosen((prev) => prev.filter((p) => p !== f))}
                aria-label={`Remove ${f.name}`}
              >
                <Icon name="x" size={13} />
              </button>
            </li>
          ))}
        </ul>
      ) : null}

      {busy ? (
        <div className="imp-progress" data-testid="import-progress">
          <div className="imp-progress-text" aria-live="polite">
            {phase === 'sending' && progress
              ? `Sending ${progress.file} · ${formatBytes(progress.sent)} of ${formatBytes(progress.total)}`
              : 'Reading the files and proposing a mapping…'}
          </div>
          <div
            className="bar imp-bar"
            role="progressbar"
            aria-label="Upload"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={phase === 'sending' ? percent : 100}
          >
            <div className={`bar-fill${phase === 'reading' ? ' is-indeterminate' : ''}`} style={{ width: phase === 'reading' ? undefined : `${percent}%` }} />
          </div>
        </div>
      ) : null}

      {error ? (
        <p className="imp-error" role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}

      <div className="imp-actions">
        <span className="muted">{chosen.length ? `${plural(chosen.length, 'file')} · ${formatBytes(total)}` : 'No file chosen yet'}</span>
        {busy ? (
          <button type="button" className="btn" onClick={cancel} data-testid="import-cancel">
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={chosen.length === 0 || busy} data-testid="import-read">
          {phase === 'sending' ? 'Sending…' : phase === 'reading' ? 'Reading…' : 'Read the files'}
        </button>
      </div>
    </form>
  );
}
