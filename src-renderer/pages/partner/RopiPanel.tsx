/**
 * "Return on investment" on the partner page (issue 16): the ROPI formula with the
 * partner's own numbers over the last four complete quarters, the tier median, the trend
 * quarter by quarter, and the attribution rule and CAM-time formula it was computed with.
 * The lines come from src-shared/ropi-formula.ts over the figures `ropi.partner` returns.
 */
import { formatQuarterRopi, formatRopi, NO_RETURN_FOR_ROPI, ropiFormula } from '../../../src-shared/ropi-formula';
import { useQuery } from '../../api/hooks';
import { Chip, EmptyState, ErrorBanner, Loading, Panel } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { useCalendar } from '../../api/calendar';
import { quarterText } from '../../../src-shared/domain/fiscal-text';

export function RopiPanel({ partnerId }: { partnerId: string }) {
  const money = useMoney();
  const calendar = useCalendar();
  const { data, error, loading } = useQuery('ropi.partner', { id: partnerId }, { refreshOn: ['opportunity', 'mdf_request', 'setting', 'calendar', 'partner'] });
  const row = data?.row;
  const short = (m: number) => money.short(m, row?.currency ?? 'USD');
  // A book without orders or opportunities (a partner list alone) has no return to measure: no formula, no ROPI.
  const lines = row && data.returnKnown ? ropiFormula(row.trailing, short, data.tier?.median ?? null, data.mdfKnown) : null;
  return (
    <Panel
      title="Return on investment"
      className="panel-ropi"
      testId="ropi-panel"
      actions={row && lines ? <span data-testid="ropi-value"><Chip tone="blue">ROPI {formatRopi(row.trailing.ropi)}</Chip></span> : null}
    >
      {error ? (
        <ErrorBanner error={error} />
      ) : loading && !data ? (
        <Loading />
      ) : data && !data.returnKnown ? (
        <EmptyState compact title={NO_RETURN_FOR_ROPI} />
      ) : !row || !lines ? (
        <EmptyState compact title="No ROPI for this partner." />
      ) : (
        <div className="ropi-body">
          <div className="ropi-window">
            Last 4 quarters, {quarterText(data.quarters[0]!, calendar)}–{quarterText(data.quarters[data.quarters.length - 1]!, calendar)}
          </div>
          <ul className="ropi-formula" data-testid="ropi-formula">
            <li>{lines.return}</li>
            <li>{lines.investment}</li>
            <li className="ropi-result">{lines.ropi}</li>
          </ul>
          {lines.note ? (
            <p className="forecast-note" data-testid="ropi-over-credit">
              {lines.note}
            </p>
          ) : null}
          <div className="ropi-trend" data-testid="ropi-trend" aria-label="ROPI by quarter">
            {row.quarters.map((q) => (
              <div key={q.quarter} className={`ropi-trend-q${q.partnerThen ? '' : ' is-before'}`} data-testid="ropi-trend-quarter">
                <div className="ropi-trend-label">{quarterText(q.quarter, calendar)}</div>
                <div className="ropi-trend-value">{formatQuarterRopi(q)}</div>
                {q.partnerThen ? (
                  <div className="ropi-trend-sub">
                    {short(q.attributed)} / {short(q.investment)}
                  </div>
                ) : null}
              </div>
            ))}
          </div>
          {data.mdf.length ? (
            <table className="ropi-mdf" data-testid="ropi-mdf">
              <caption>MDF requests: pipeline the PRM attributes ÷ spend</caption>
              <tbody>
                {data.mdf.slice(0, 4).map((m) => (
                  <tr key={m.id}>
                    <td className="ropi-mdf-activity">{m.activity}</td>
                    <td>{formatDate(m.submitted_at)}</td>
                    <td className="num">
                      {short(m.pipeline)} ÷ {short(m.spend)}
                    </td>
                    <td className="num ropi-mdf-roi">{formatRopi(m.roi)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <p className="forecast-note">
            {data.ruleText}. {data.camFormula} ({row.camHoursPerMonth.toFixed(row.camHoursPerMonth % 1 ? 1 : 0)} h a month here). MDF: approved and claimed requests. Change
            the rule and the cost in Settings → ROPI.
          </p>
        </div>
      )}
    </Panel>
  );
}
