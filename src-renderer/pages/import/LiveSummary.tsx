/**
 * Beside the mapping: what the current mapping makes of the files, re-read a moment after
 * each change (records per entity, problems, open date questions).
 */
import { plural } from '../../../src-shared/format';
import type { ImportReport } from '../../../src-shared/methods/import';
import { formatCount } from '../../lib/format';
import { blocking, entityLabel, entityOrder } from './model';
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
                <ul>
                  {problemGroups(report).map((g) => (
                    <li key={g.key}>
                      <span className="strong">{g.where}</span>
                      {g.values.length ? ` — ${g.values.map((v) => `‘${v}’`).join(', ')}${g.more ? ' …' : ''}` : ` — ${g.first}`}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {block ? <p className="muted">{block}</p> : report.errorCount === 0 ? <p className="imp-ok">Ready to review.</p> : null}
          </>
        )}
      </div>
    </aside>
  );
}

/** The listed problems by file and column ("Resellers.csv · BusinessType — ‘Warehouse’, …"): at most 4 groups. */
function problemGroups(report: ImportReport): { key: string; where: string; values: string[]; more: boolean; first: string }[] {
  const groups = new Map<string, { key: string; where: string; values: string[]; more: boolean; first: string }>();
  for (const e of report.errors) {
    const key = `${e.file}\u0000${e.column ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, where: e.column ? `${e.file} · ${e.column}` : e.file, values: [], more: false, first: e.message.replace(/^[^:]*: /, '') };
      groups.set(key, g);
    }
    if (e.value && !g.values.includes(e.value)) {
      if (g.values.length < 3) g.values.push(e.value);
      else g.more = true;
    }
  }
  return [...groups.values()].slice(0, 4);
}
