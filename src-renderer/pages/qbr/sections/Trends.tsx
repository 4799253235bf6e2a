/** Revenue, pipeline and MDF over six quarters in the in-app preview (the same section data as the deck’s slide). */
import { CLOSED_DEALS_ONLY, type TrendsData } from '../../../../src-shared/methods/qbr';
import { useMoney } from '../../../lib/money';
import { useCalendar } from '../../../api/calendar';
import { Bars, q } from './parts';

export function Trends({ d }: { d: TrendsData }) {
  const money = useMoney();
  const calendar = useCalendar();
  const m = (v: number) => money.short(v, d.currency);
  const labels = d.quarters.map((x) => q(x, calendar));
  return (
    <div className="qs-two">
      <div>
        <div className="qs-chart-title">ARR won per quarter (every partner role)</div>
        <Bars values={d.sourcedWon.map((v, i) => v + d.influencedWon[i]! + d.otherWon[i]!)} labels={labels} format={m} />
      </div>
      <div>
        <div className="qs-chart-title">Pipeline created per quarter</div>
        {d.pipelineCreated.length > 0 ? (
          <Bars values={d.pipelineCreated} labels={labels} format={m} />
        ) : (
          <div className="qs-muted">{CLOSED_DEALS_ONLY}: no pipeline to chart.</div>
        )}
        <div className="qs-chart-title">Market development funds {d.mdf ? d.mdf.period : ''}</div>
        {d.mdf ? (
          <div className="qs-muted">
            {d.mdf.claimedText} claimed of {d.mdf.allocatedText} allocated · {d.mdf.approvedText} approved · {d.mdf.attributedText} attributed pipeline · {d.mdf.returnText}
          </div>
        ) : (
          <div className="qs-muted">No MDF allocation covers this quarter.</div>
        )}
      </div>
    </div>
  );
}
