/** The last twelve months and year on year in the in-app preview (the same section data as the deck’s slide). */
import type { TrailingData } from '../../../../src-shared/methods/qbr';
import { useMoney } from '../../../lib/money';
import { useCalendar } from '../../../api/calendar';
import { Bars, q, toneClass } from './parts';

export function Trailing({ d }: { d: TrailingData }) {
  const money = useMoney();
  const calendar = useCalendar();
  const m = (v: number) => money.short(v, d.currency);
  const labels = d.quarters.map((x) => q(x, calendar));
  const top = Math.max(1, ...d.won, ...d.wonYearBefore);
  return (
    <div className="qs-two">
      <div>
        <div className="qs-chart-title">ARR won per quarter</div>
        <Bars values={d.won} labels={labels} format={m} max={top} />
        <div className="qs-chart-title">The same quarters a year before</div>
        {/* As the deck: a year of nothing but zeros is a sentence, not a row of empty bars. */}
        {d.wonYearBefore.some((v) => v !== 0) ? (
          <Bars values={d.wonYearBefore} labels={labels} format={m} max={top} />
        ) : (
          <div className="qs-muted" data-testid="qbr-year-before-none">
            {d.priorInBook ? 'No ARR won in those quarters.' : 'Not in this book: its first won deal is later.'}
          </div>
        )}
        <div className="qs-muted">{d.yoyText}</div>
      </div>
      <div>
        <div className="qs-label">Last twelve months</div>
        <div className="qs-kf-value">{d.t12mText}</div>
        <div className={`strong ${toneClass(d.changeTone)}`}>{d.changeText}</div>
        <div className="qs-muted">
          {d.priorInBook ? `${d.windowText} · ${d.prior12mText} the twelve months before` : d.windowText}
        </div>
        <ul className="qs-list">
          {d.byRole.map((r) => (
            <li key={r.role}>
              {r.label}: {r.amountText}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
