/** Peer benchmarks in the in-app preview (the same section data as the deck’s slide). */
import type { BenchmarksData } from '../../../../src-shared/methods/qbr';
import { toneClass } from './parts';

export function Benchmarks({ d }: { d: BenchmarksData }) {
  if (d.tooNew) return <div className="qs-message">{d.tooNewText}</div>;
  return (
    <table className="qs-table">
      <thead>
        <tr>
          <th>KPI</th>
          <th className="num">Partner</th>
          <th className="num">{d.tierName} median</th>
          <th>Among {d.peers} peers</th>
        </tr>
      </thead>
      <tbody>
        {d.items.map((i) => (
          <tr key={i.key}>
            <td>{i.label}</td>
            <td className="num strong">{i.valueText}</td>
            <td className="num qs-muted">{i.medianText}</td>
            <td className={toneClass(i.tone)}>{i.position}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
