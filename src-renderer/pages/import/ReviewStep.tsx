/**
 * Step 3: what the import will do (the preview: nothing written yet) and the import itself.
 * Bad rows are only left out when the user says so ("Import without the N bad rows"), and
 * rows the files no longer hold are only removed after "Remove N rows and import".
 */
import { useId, useState, type FormEvent } from 'react';
import type { ImportMapping } from '../../../src-shared/domain/import-mapping';
import { plural } from '../../../src-shared/format';
import type { ImportReport } from '../../../src-shared/methods/import';
import { describeError, invoke } from '../../api/client';
import { Loading } from '../../components/ui';
import { formatCount } from '../../lib/format';
import { blocking } from './model';
import { CountsTable, ErrorsTable, Notes, Removals, SamplePartners } from './ReportParts';
import type { PreviewState } from './usePreview';
import { progressWords, useImportProgress } from './useImportProgress';

export function ReviewStep({
  files,
  mapping,
  preview,
  onBack,
  onDone,
}: {
  files: readonly string[];
  mapping: ImportMapping;
  preview: PreviewState;
  onBack: () => void;
  onDone: (report: ImportReport) => void;
}) {
  const id = useId();
  const [running, setRunning] = useState(false);
  const [refused, setRefused] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const report = preview.reportFor === mapping ? preview.report : null;
  const block = report ? blocking(report) : null;
  const skipBadRows = (report?.errorCount ?? 0) > 0;

  const run = (confirmRemovals: boolean) => {
    setRunning(true);
    setError(null);
    invoke('import.run', { files: [...files], mapping, skipBadRows, confirmRemovals }).then(
      (r) => {
        setRunning(false);
        if (r.applied) onDone(r);
        else setRefused(r);
      },
      (err: unknown) => {
        setRunning(false);
        setError(describeError(err));
      },
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!report || block || running) return;
    run(false);
  };
  const toRemove = refused?.removals.length ? refused : null;
  const progress = useImportProgress(running || (!report && !preview.error));

  return (
    <form className="imp-step" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="import-review-step">
      <h2 className="imp-step-title" id={`${id}-title`} tabIndex={-1}>
        Review what the import does
      </h2>
      {preview.error ? (
        <p className="imp-error" role="alert">
          {preview.error}
        </p>
      ) : !report ? (
        <Loading label={progress ? progressWords(progress) : 'Reading the files with this mapping…'} />
      ) : (
        <>
          <p className="imp-lede" data-testid="import-preview-message">
            {report.message}
          </p>
          <div className="imp-review-grid">
            <CountsTable report={report} />
            <Notes report={report} />
          </div>
          {report.errorCount > 0 ? <ErrorsTable report={report} /> : null}
          {report.removals.length > 0 && !toRemove ? <Removals report={report} /> : null}
          <SamplePartners report={report} />
        </>
      )}

      {toRemove ? (
        <div className="imp-confirm" role="alertdialog" aria-labelledby={`${id}-remove`} data-testid="import-confirm-removals">
          <p id={`${id}-remove`} className="strong">
            {toRemove.message}
          </p>
          <Removals report={toRemove} />
          <div className="imp-actions">
            <button type="button" className="btn" onClick={() => setRefused(null)} disabled={running}>
              Keep them — don’t import
            </button>
            <button type="button" className="btn btn-primary imp-danger" onClick={() => run(true)} disabled={running} data-testid="import-confirm-remove">
              {running ? 'Importing…' : `Remove ${plural(toRemove.totals?.removed ?? toRemove.removals.length, 'row')} and import`}
            </button>
          </div>
        </div>
      ) : refused ? (
        <p className="imp-error" role="alert" data-testid="import-refused">
          {refused.message}
        </p>
      ) : null}
      {running && progress ? (
        <p className="imp-progress muted" role="status" data-testid="import-progress">
          {progressWords(progress)} You can go on reading the book meanwhile; changes to it can be made once this is done.
        </p>
      ) : null}
      {error ? (
        <p className="imp-error" role="alert" data-testid="import-error">
          {error}
        </p>
      ) : null}

      <div className="imp-actions imp-actions-bar">
        {block ? <span className="imp-warn">{block}</span> : skipBadRows && report ? <span className="muted">
            {plural(report.badRows, 'row')} with problems will be left out and listed
            {report.orderLinesLeftOut > 0 ? `, with the ${plural(report.orderLinesLeftOut, 'other line')} of their orders (an order is left out whole)` : ''}.
          </span> : null}
        <button type="button" className="btn" onClick={onBack} disabled={running}>
          Back to the mapping
        </button>
        <button type="submit" className="btn btn-primary" disabled={!report || !!block || running || !!toRemove} data-testid="import-run">
          {running && !toRemove
            ? 'Importing…'
            : skipBadRows && report
              ? `Import without the ${formatCount(report.badRows)} bad row${report.badRows === 1 ? '' : 's'}`
              : 'Import'}
        </button>
      </div>
    </form>
  );
}
