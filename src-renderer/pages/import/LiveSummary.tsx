/**
 * Beside the mapping: what the current mapping makes of the files, re-read a moment after
 * each change (records per entity, problems, open date questions).
 */
import { plural } from '../../../src-shared/format';
import { formatCount } from '../../lib/format';
import { blocking, entityLabel, entityOrder } from './model';
import { ProblemKinds } from './ReportParts';
import type { PreviewState } from './usePreview';

export function LiveSummary({ preview }: { preview: PreviewState }) {
  const { report, error, pending } = preview;
  const block = report ? blocking(report) : null;
  return (
    <aside className="panel imp-live" aria-label="What this mapping imports" data-testid="import-live" data-state={pending ? 'checking' : 'ready'}>
      <header className="panel-head">
        <h3 className="panel-title">What this mapping imports</h3>
        {pending ? (
          <span className="imp-live-state muted" role="status">
            <span className="spinner" aria-hidden="true" /> Checking…
          </span>
        ) : null}
      </header>
      <div className="imp-live-body" aria-live="polite">
        {error ? (
          <p className="imp-error" role="alert">
            {error}
          </p>
        ) : !report ? (
          <p className="muted">Reading the files with this mapping…</p>
        ) : (
          <>
            <dl className="imp-live-counts">
              {entityOrder(Object.keys(report.records)).map((e) => (
                <div key={e} data-testid={`import-live-${e}`}>
                  <dt>{entityLabel(e)}</dt>
                  <dd className="num">{formatCount(report.records[e] ?? 0)}</dd>
                </div>
              ))}
            </dl>
            {report.questions.length > 0 ? (
              <p className="imp-warn">{plural(report.questions.length, 'date column')} to settle: choose day/month or month/day where marked.</p>
            ) : null}
            {report.errorCount > 0 ? (
              <div className="imp-live-errors">
                <p className="imp-warn">{plural(report.errorCount, 'problem')} in the files</p>
                <ProblemKinds problems={report.problems} max={4} />
              </div>
            ) : null}
            {block ? <p className="muted">{block}</p> : report.errorCount === 0 ? <p className="imp-ok">Ready to review.</p> : null}
          </>
        )}
      </div>
    </aside>
  );
}
