/** The scorecard in the in-app preview (the same section data as the deck’s slide). */
import type { QbrPack, ScorecardData } from '../../../../src-shared/methods/qbr';
import { q, toneClass } from './parts';

export function Scorecard({ d, pack }: { d: ScorecardData; pack: QbrPack }) {
  return (
    <>
      <table className="qs-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th className="num">
              {q(pack.quarter, pack.calendar)}
              {pack.period.complete ? '' : ' QTD'}
            </th>
            <th className="num">{q(pack.previousQuarter, pack.calendar)}</th>
            <th className="num">a year before</th>
            <th className="num">Change</th>
            <th className="num">Target</th>
            <th>vs target</th>
            <th>Behind the number</th>
          </tr>
        </thead>
        <tbody>
          {d.metrics
            .filter((m) => m.current !== null || m.previous !== null || m.lastYear !== null)
            .map((m) => (
            <tr key={m.key}>
              <td>{m.label}</td>
              <td className="num strong">{m.currentText}</td>
              <td className="num qs-muted">{m.previousText}</td>
              <td className="num qs-muted">{m.lastYearText}</td>
              <td className={`num ${toneClass(m.changeTone)}`}>{m.changeText}</td>
              <td className="num" title={m.targetBasis ?? undefined}>
                {m.targetText}
              </td>
              <td>{m.targetStatus === 'none' ? '—' : <span className={`qs-pill ${m.targetStatus}`}>{m.targetStatus === 'met' ? 'On target' : 'Below'}</span>}</td>
              {/* One line, as the slide's preview has room for: the whole text on hover (the deck wraps it). */}
              <td className="qs-muted qs-small" title={m.detail ?? undefined}>
                {m.detail}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="qs-foot">{d.footnote}</div>
    </>
  );
}
