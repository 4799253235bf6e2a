/**
 * "Who will carry next quarter" on the Team page: the partners with the largest revenue
 * forecast for next quarter (with their 80% ranges and outlook), their share of the book's
 * forecast, and how many partners are taking off or stalling. Follows my book / all partners.
 */
import { formatPercent, plural } from '../../../src-shared/format';
import type { BookScope } from '../../../src-shared/methods/identity';
import { FORECAST_LABEL_TEXT, type ForecastLabel } from '../../../src-shared/methods/forecast';
import { useQuery } from '../../api/hooks';
import { navigate } from '../../app/router';
import { EmptyState, ErrorBanner, Loading, Panel } from '../../components/ui';
import { HEALTH_REFRESH } from './refresh';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { useCalendar } from '../../api/calendar';
import { useMoney } from '../../lib/money';
import { useForecastProgress } from '../../api/forecastProgress';
import { forecastingWords } from '../../lib/forecast-words';

const TONES: Record<ForecastLabel, string> = { taking_off: 'green', steady: 'blue', stalling: 'red', too_new: 'neutral' };
const TOP = 8;
const ARROW = { up: '▲ ', down: '▼ ', none: '' } as const;

export function TeamForecast({ scope }: { scope: BookScope | undefined }) {
  const money = useMoney();
  const calendar = useCalendar();
  const { data, error, loading } = useQuery('forecast.book', { scope }, { refreshOn: HEALTH_REFRESH, enabled: !!scope });
  const progress = useForecastProgress(loading && !data);
  const rows = data ? [...data.rows].sort((a, b) => b.next[0].point - a.next[0].point) : [];
  const total = rows.reduce((a, r) => a + r.next[0].point, 0);
  const top = rows.slice(0, TOP);
  const count = (l: ForecastLabel) => rows.filter((r) => r.label === l).length;
  const cur = rows[0]?.currency ?? 'USD';
  return (
    <Panel title={data ? `Who will carry ${quarterText(data.quarters[0], calendar)}` : 'Who will carry next quarter'} testId="team-forecast">
      {error ? (
        <ErrorBanner error={error} />
      ) : loading && !data ? (
        <Loading label={forecastingWords(progress)} />
      ) : !data || rows.length === 0 ? (
        <EmptyState compact title={data?.message ?? 'No forecast for this book yet.'} />
      ) : (
        <>
          <p className="panel-pad muted hl-risk-note" data-testid="team-forecast-summary">
            Forecast won revenue {money.short(total, cur)} from {plural(rows.length, 'partner')}; the top {top.length} carry{' '}
            {formatPercent(total > 0 ? top.reduce((a, r) => a + r.next[0].point, 0) / total : 0)}. {count('taking_off')} taking off,{' '}
            {count('stalling')} stalling, {count('too_new')} too new to call. {data.backtest?.line ?? ''}
          </p>
          <table className="dtable">
            <thead>
              <tr>
                <th>Partner</th>
                <th>Owner</th>
                <th className="num">{quarterText(data.quarters[0], calendar)}</th>
                <th className="num">80% range</th>
                <th>Outlook</th>
                <th className="hl-mover">Why</th>
              </tr>
            </thead>
            <tbody>
              {top.map((r) => (
                <tr key={r.id} className="selectable" onClick={() => navigate(`/partners/${encodeURIComponent(r.id)}`)} data-testid="team-forecast-row">
                  <td className="strong hl-risk-name" title={`${r.name} · ${r.id}`}>
                    {r.name} <span className="cell-id">{r.id}</span>
                  </td>
                  <td>{r.owner_name}</td>
                  <td className="num strong">{money.short(r.next[0].point, r.currency)}</td>
                  <td className="num muted">
                    {money.short(r.next[0].low, r.currency)}–{money.short(r.next[0].high, r.currency)}
                  </td>
                  <td>
                    <span className={`chip chip-${TONES[r.label]}`}>{FORECAST_LABEL_TEXT[r.label]}</span>
                  </td>
                  <td className="muted hl-mover">{r.drivers[0] ? `${ARROW[r.drivers[0].effect]}${r.drivers[0].text[0]!.toUpperCase()}${r.drivers[0].text.slice(1)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
