/** Partner health in the in-app preview (the same section data as the deck’s slide). */
import type { HealthData } from '../../../../src-shared/methods/qbr';
import { useCalendar } from '../../../api/calendar';
import { HBars, q } from './parts';

export function Health({ d }: { d: HealthData }) {
  const calendar = useCalendar();
  return (
    <div className="qs-two">
      <div>
        <div className="qs-chart-title">
          Components · overall {d.score} ({d.bandLabel}) vs tier median
        </div>
        <HBars rows={d.components.map((c) => ({ label: `${c.label} (median ${c.tierMedian})`, value: c.score }))} max={100} format={String} />
        <div className="qs-chart-title">Trend</div>
        <div className="qs-muted">{d.trend.map((t) => `${q(t.quarter, calendar)} ${t.score ?? '—'}`).join(' · ')}</div>
      </div>
      <ul className="qs-list">
        <li className="strong">{d.eligibility.current}</li>
        {d.eligibility.next ? <li>{d.eligibility.next}</li> : null}
      </ul>
    </div>
  );
}
