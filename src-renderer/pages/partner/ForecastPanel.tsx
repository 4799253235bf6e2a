/**
 * "Next two quarters" on the partner page: the forecast of won revenue (sourced +
 * influenced) with its 80% range for each quarter, the label and its drivers in words,
 * and the backtest line that says how the forecast did on this book's own history.
 */
import { FORECAST_LABEL_TEXT, type ForecastLabel } from '../../../src-shared/methods/forecast';
import { useQuery } from '../../api/hooks';
import { Chip, EmptyState, ErrorBanner, Loading, Panel, type Tone } from '../../components/ui';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { useCalendar } from '../../api/calendar';
import { useMoney } from '../../lib/money';
import { useForecastProgress } from '../../api/forecastProgress';
import { forecastingWords } from '../../lib/forecast-words';

const TONE: Record<ForecastLabel, Tone> = { taking_off: 'green', steady: 'blue', stalling: 'red', too_new: 'neutral' };

export function ForecastPanel({ partnerId }: { partnerId: string }) {
  const money = useMoney();
  const calendar = useCalendar();
  const { data, error, loading } = useQuery('forecast.partner', { id: partnerId }, { refreshOn: ['health', 'opportunity', 'calendar'] });
  const f = data?.forecast;
  const progress = useForecastProgress(loading && !data);
  return (
    <Panel
      title="Next two quarters"
      className="panel-forecast"
      testId="forecast-panel"
      actions={f ? <span data-testid="forecast-label"><Chip tone={TONE[f.label]}>{FORECAST_LABEL_TEXT[f.label]}</Chip></span> : null}
    >
      {error ? (
        <ErrorBanner error={error} />
      ) : loading && !data ? (
        <Loading label={forecastingWords(progress)} />
      ) : !f ? (
        <EmptyState compact title={data?.message ?? 'No forecast for this partner.'} />
      ) : (
        <div className="forecast-body">
          <div className="forecast-figures">
            {f.next.map((q) => (
              <div key={q.quarter} className="forecast-figure" data-testid="forecast-quarter">
                <div className="forecast-q">{quarterText(q.quarter, calendar)}</div>
                <div className="forecast-point">{money.short(q.point, f.currency)}</div>
                <div className="forecast-range">
                  80% range {money.short(q.low, f.currency)}–{money.short(q.high, f.currency)}
                </div>
              </div>
            ))}
            <div className="forecast-figure forecast-past">
              <div className="forecast-q" data-testid="forecast-past-quarter">
                {quarterText(f.origin, calendar)} (won)
              </div>
              <div className="forecast-point">{money.short(f.lastQuarter, f.currency)}</div>
              <div className="forecast-range">4-quarter average {money.short(f.trailingAverage, f.currency)}</div>
            </div>
          </div>
          {f.drivers.length ? (
            <ul className="forecast-drivers" data-testid="forecast-drivers">
              {f.drivers.map((d) => (
                <li key={d.text} className={`forecast-driver-${d.effect}`}>
                  <span className="forecast-effect" aria-hidden="true">
                    {d.effect === 'up' ? '▲' : d.effect === 'down' ? '▼' : '•'}
                  </span>
                  {d.text[0]!.toUpperCase() + d.text.slice(1)}
                  {d.effect === 'none' ? null : <span className="sr-only">{d.effect === 'up' ? ' (pulls the forecast up)' : ' (pulls the forecast down)'}</span>}
                </li>
              ))}
            </ul>
          ) : null}
          <p className="forecast-note">
            ▲ / ▼: pulls its forecast up or down against a typical partner of the book. Won revenue, sourced + influenced{f.wonToDate > 0 ? `; ${money.short(f.wonToDate, f.currency)} already won in ${quarterText(f.next[0].quarter, calendar)}` : ''}.{' '}
            {data.backtest ? <span data-testid="forecast-backtest">{data.backtest.line}</span> : null}
          </p>
        </div>
      )}
    </Panel>
  );
}
