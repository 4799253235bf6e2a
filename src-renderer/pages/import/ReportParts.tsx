/** The pieces of an import report, for the review and the summary after the import. */
import { plural } from '../../../src-shared/format';
import { NO_ORDERS_MISSING, type ImportProblemGroupView, type ImportReport } from '../../../src-shared/methods/import';
import { formatCount, formatDate, humanize } from '../../lib/format';
import { entityLabel, entityOrder } from './model';

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '—');

export function CountsTable({ report, caption = 'Records per kind' }: { report: ImportReport; caption?: string }) {
  const names = entityOrder(new Set([...Object.keys(report.records), ...Object.keys(report.byEntity)]));
  return (
    <section className="panel imp-counts" aria-label={caption} data-testid="import-counts">
      <header className="panel-head">
        <h3 className="panel-title">{caption}</h3>
      </header>
      <table className="dtable">
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              In the files
            </th>
            <th scope="col" className="num">
              Added
            </th>
            <th scope="col" className="num">
              Changed
            </th>
            <th scope="col" className="num">
              Removed
            </th>
            <th scope="col" className="num">
              Unchanged
            </th>
          </tr>
        </thead>
        <tbody>
          {names.map((e) => {
            const c = report.byEntity[e];
            return (
              <tr key={e} data-testid={`import-count-${e}`}>
                <td className="strong">{entityLabel(e)}</td>
                <td className="num" data-testid={`import-records-${e}`}>
                  {formatCount(report.records[e] ?? 0)}
                </td>
                <td className="num">{c ? formatCount(c.added) : '—'}</td>
                <td className="num">{c ? formatCount(c.changed) : '—'}</td>
                <td className={`num${c?.removed ? ' danger-text' : ''}`}>{c ? formatCount(c.removed) : '—'}</td>
                <td className="num">{c ? formatCount(c.unchanged) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** What the files do not hold, and the date the book ends on. */
export function Notes({ report }: { report: ImportReport }) {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section className="panel imp-notes" aria-label="Good to know" data-testid="import-notes">
      <header className="panel-head">
        <h3 className="panel-title">Good to know</h3>
      </header>
      <ul className="imp-notes-list">
        {report.missing.length > 0 ? (
          <li data-testid="import-missing">
            {/* With bad rows left out, what is missing is missing from the rows taken: the files may hold it in rows with problems. */}
            {report.badRows > 0 ? `Without the ${plural(report.badRows, 'row')} with problems, the files hold no` : 'The files hold no'} {joinWords(report.missing)}. Health will
            show “no data” for {report.missing.length === 1 ? 'it' : 'them'} rather than count it as zero.
            {report.missing.includes(NO_ORDERS_MISSING)
              ? ' Without orders or opportunities, health has no revenue to score (every partner reads 0 unless the files hold engagement, contacts or the like), and forecasts, ROPI and QBR packs have nothing to show: import them with the partner list if you can.'
              : ''}
          </li>
        ) : (
          <li>The files hold every kind of record health uses.</li>
        )}
        {report.unassignedPartners > 0 ? (
          <li data-testid="import-unassigned">
            {plural(report.unassignedPartners, 'partner has', 'partners have')} no owner in the files: {report.unassignedPartners === 1 ? 'it is' : 'they are'} listed under
            “Unassigned” (one of the users counted above, not a CAM). Map an owner column to give {report.unassignedPartners === 1 ? 'it' : 'them'} one.
          </li>
        ) : null}
        {report.lastDate ? (
          <li data-testid="import-last-date">
            The book’s last date is {formatDate(report.lastDate)}.
            {report.lastDate < today ? ' Health, actions and plans are computed as of that day, not today.' : ''}
          </li>
        ) : null}
      </ul>
    </section>
  );
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]!}`;
}

/** The problems counted by kind ("sales_pipeline.csv · close_date — close / order date is empty · 2,089 rows"), the largest first. */
export function ProblemKinds({ problems, max, className }: { problems: readonly ImportProblemGroupView[]; max?: number; className?: string }) {
  return (
    <ul className={className} data-testid="import-problem-kinds">
      {problems.slice(0, max).map((g) => (
        <li key={`${g.file}\u0000${g.column ?? ''}\u0000${g.problem}`} data-testid="import-problem-kind">
          <span className="strong">{g.column !== null ? `${g.file} · ${g.column}` : g.file}</span>
          {` — ${g.problem.replace(/\.$/, '')}`}
          <span className="muted">
            {g.rows > 1 ? ` · ${plural(g.rows, 'row')}` : g.lines.length ? ` · line ${formatCount(g.lines[0]!)}` : ''}
            {g.values.length ? ` · ${g.values.map((v) => `‘${v}’`).join(', ')}${g.moreValues ? ' …' : ''}` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ErrorsTable({ report }: { report: ImportReport }) {
  return (
    <section className="panel imp-errors" aria-label="Problems in the files" data-testid="import-errors">
      <header className="panel-head">
        <h3 className="panel-title">
          {plural(report.errorCount, 'problem')} in the files
          {report.errorCount > report.errors.length ? <span className="muted"> · the first {formatCount(report.errors.length)}</span> : null}
        </h3>
      </header>
      {report.problems.length > 1 ? <ProblemKinds problems={report.problems} className="imp-problem-kinds" /> : null}
      <div className="imp-table-scroll">
        <table className="dtable">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Column</th>
              <th scope="col">Value</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td>{e.file}</td>
                <td className="num">{e.line === null ? '—' : formatCount(e.line)}</td>
                <td>{e.column ?? '—'}</td>
                <td className="imp-cell-value">{e.value === null ? '—' : e.value === '' ? <span className="muted">empty</span> : e.value}</td>
                <td className="imp-cell-wrap">{e.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Removals({ report }: { report: ImportReport }) {
  const shown = report.removals.slice(0, 50);
  const total = report.totals?.removed ?? report.removals.length;
  return (
    <section className="panel imp-removals" aria-label="Rows the import removes" data-testid="import-removals">
      <header className="panel-head">
        <h3 className="panel-title">{plural(total, 'row')} the new files no longer hold — removed by this import</h3>
      </header>
      {report.alsoRemoved ? (
        <p className="imp-also-removed danger-text" data-testid="import-also-removed">
          Also removed with these partners: {report.alsoRemoved} made here.
        </p>
      ) : null}
      <ul className="imp-removal-list">
        {shown.map((r) => (
          <li key={`${r.entity}:${r.id}`}>
            <span className="muted">{entityLabel(r.entity)}</span> {r.name ?? r.id}
          </li>
        ))}
        {total > shown.length ? <li className="muted">and {formatCount(total - shown.length)} more</li> : null}
      </ul>
    </section>
  );
}

export function SamplePartners({ report }: { report: ImportReport }) {
  const rows = (report.samples.partner ?? []).slice(0, 8);
  if (rows.length === 0) return null;
  return (
    <section className="panel imp-samples" aria-label="The first partners" data-testid="import-sample-partners">
      <header className="panel-head">
        <h3 className="panel-title">The first partners, as they will be stored</h3>
      </header>
      <div className="imp-table-scroll">
        <table className="dtable">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Country</th>
              <th scope="col">Region</th>
              <th scope="col">Owner key</th>
              <th scope="col">Status</th>
              <th scope="col">Partner since</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={text(p.id) + String(i)}>
                <td>{text(p.id)}</td>
                <td className="strong">{text(p.name)}</td>
                <td>{typeof p.type === 'string' ? humanize(p.type) : '—'}</td>
                <td>{text(p.country)}</td>
                <td>{text(p.region)}</td>
                <td>{text(p.owner_id)}</td>
                <td>{typeof p.status === 'string' ? humanize(p.status) : '—'}</td>
                <td>{typeof p.agreement_signed_at === 'string' ? formatDate(p.agreement_signed_at) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

