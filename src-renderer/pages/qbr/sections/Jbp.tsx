/** Joint business plan progress in the in-app preview (the same section data as the deck’s slide). */
import type { JbpData } from '../../../../src-shared/methods/qbr';
import { formatPercent } from '../../../../src-shared/format';

export function Jbp({ d }: { d: JbpData }) {
  return (
    <>
      <div className="strong">
        {d.plan.title} — {d.plan.signoffText}
      </div>
      {d.plan.summaryBlocks.map((b, i) => (
        <div key={i} className={b.kind === 'heading' ? 'strong' : 'qs-muted'}>
          {b.kind === 'bullet' ? '• ' : ''}
          {b.runs.map((r, j) => (r.bold ? <strong key={j}>{r.text}</strong> : <span key={j}>{r.text}</span>))}
        </div>
      ))}
      <table className="qs-table">
        <thead>
          <tr>
            <th>Objective</th>
            <th className="num">Baseline</th>
            <th className="num">Target</th>
            <th className="num">Actual</th>
            <th>Status</th>
            <th>Progress</th>
            <th className="num">Due</th>
          </tr>
        </thead>
        <tbody>
          {d.objectives.map((o) => (
            <tr key={o.id}>
              <td>
                {o.title} ({o.weight}%)
              </td>
              <td className="num qs-muted">{o.baselineText}</td>
              <td className="num strong">{o.targetText}</td>
              <td className="num">{o.actualText ?? 'n/a'}</td>
              <td className="strong">{o.statusLabel ?? '—'}</td>
              <td className="qs-small">{o.paceText ?? (o.progress === null ? '—' : `${formatPercent(o.progress)} of the way`)}</td>
              <td className="num qs-muted">{o.dueText}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="qs-table">
        <thead>
          <tr>
            <th>Initiative</th>
            <th>Owner</th>
            <th>Due</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {d.initiatives.map((i) => (
            <tr key={i.id}>
              <td>{i.title}</td>
              <td className="qs-muted">{i.ownerText}</td>
              <td className={i.overdue ? 'tone-bad' : 'qs-muted'}>{i.dueText}</td>
              <td className={i.overdue ? 'strong tone-bad' : 'strong'}>{i.statusLabel}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
