/** Pipeline and top wins in the in-app preview (the same section data as the deck’s slide). */
import { OPEN_DEALS_UNKNOWN, OPEN_PIPELINE_UNKNOWN, type PipelineData } from '../../../../src-shared/methods/qbr';
import { useMoney } from '../../../lib/money';
import { HBars } from './parts';

export function Pipeline({ d, currency }: { d: PipelineData; currency: string }) {
  const money = useMoney();
  return (
    <div className="qs-two">
      <div>
        {d.openKnown ? (
          <>
            <div className="qs-chart-title">Open pipeline by stage · {d.openText}</div>
            <HBars rows={d.byStage.map((s) => ({ label: s.label, value: s.amount }))} max={Math.max(1, ...d.byStage.map((s) => s.amount))} format={(v) => money.short(v, currency)} />
          </>
        ) : (
          <>
            <div className="qs-chart-title">Open pipeline</div>
            <div className="qs-muted" data-testid="qbr-open-unknown">
              {OPEN_PIPELINE_UNKNOWN}
            </div>
          </>
        )}
      </div>
      <div>
        <div className="qs-chart-title">
          Top wins · {d.wonCount} won, {d.wonText}
        </div>
        <table className="qs-table">
          <tbody>
            {d.topWins.map((w) => (
              <tr key={w.id}>
                <td>{w.customer}</td>
                <td className="num strong">{w.amountText}</td>
                <td className="qs-muted">{w.roleText}</td>
                <td className="num qs-muted">{w.dateText}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="qs-chart-title">{d.openKnown ? `Largest open deals · ${d.openCount} open · ${d.closingNextQuarterText} expected by ${d.closingByText}` : 'Largest open deals'}</div>
        {d.openKnown ? null : <div className="qs-muted">{OPEN_DEALS_UNKNOWN}</div>}
        <table className="qs-table">
          <tbody>
            {d.topOpen.map((w) => (
              <tr key={w.id}>
                <td>{w.customer}</td>
                <td className="num strong">{w.amountText}</td>
                <td className="qs-muted">{w.stageText}</td>
                <td className="num qs-muted">{w.dateText}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
