/**
 * "Voice of the partner" on the partner page (issue 16 point 4): the sentiment of what the
 * partner said by quarter (with its mean PSAT), the themes of the last four quarters, and
 * the quotes themselves with their dates, newest first. From `voice.partner`.
 */
import { useState } from 'react';
import { VOICE_THEME_LABELS, type VoiceQuarter } from '../../../src-shared/methods/voice';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { useCalendar } from '../../api/calendar';
import { useQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { EmptyState, ErrorBanner, Loading, Panel } from '../../components/ui';
import { Quote, sentimentClass, signed } from './bits';
import './voice.css';

const SHOWN = 4;

function TrendBar({ t, label }: { t: VoiceQuarter; label: string }) {
  const h = t.sentiment === null ? 0 : Math.max(2, Math.round(Math.abs(t.sentiment) * 28));
  return (
    <div className="vo-trend-q" title={`${label}: ${t.n} quote${t.n === 1 ? '' : 's'}, sentiment ${signed(t.sentiment)}${t.psat !== null ? `, mean PSAT ${t.psat}` : ''}`}>
      <div className="vo-trend-bar">
        <div className="vo-trend-half vo-trend-up">{t.sentiment !== null && t.sentiment >= 0 ? <span className={sentimentClass(t.sentiment)} style={{ height: h }} /> : null}</div>
        <div className="vo-trend-half vo-trend-down">{t.sentiment !== null && t.sentiment < 0 ? <span className={sentimentClass(t.sentiment)} style={{ height: h }} /> : null}</div>
      </div>
      <div className={`vo-trend-value ${sentimentClass(t.sentiment)}`}>{signed(t.sentiment)}</div>
      <div className="vo-trend-label">{label}</div>
      <div className="vo-trend-sub">{t.psat !== null ? `PSAT ${t.psat}` : '\u00a0'}</div>
    </div>
  );
}

/** `arriving`: the book's first sync is still bringing it in (its comments may not be here yet). */
export function VoicePanel({ partnerId, arriving = false }: { partnerId: string; arriving?: boolean }) {
  const calendar = useCalendar();
  const [all, setAll] = useState(false);
  const { data, error, loading } = useQuery('voice.partner', { id: partnerId }, { refreshOn: ['psat_response', 'note', 'contact', 'setting', 'calendar'] });
  const quotes = data ? (all ? data.quotes : data.quotes.slice(0, SHOWN)) : [];
  return (
    <Panel
      title="Voice of the partner"
      className="panel-voice"
      testId="voice-panel"
      actions={data && data.quotes.length ? <span className="muted vo-count">{data.quotes.length} quote{data.quotes.length === 1 ? '' : 's'}</span> : null}
    >
      {error ? (
        <ErrorBanner error={error} />
      ) : loading && !data ? (
        <Loading />
      ) : !data || data.quotes.length === 0 ? (
        <EmptyState compact title={arriving ? 'Nothing arrived yet' : 'Nothing said yet'}>
          {data && !data.psatInBook ? 'This book’s files hold no PSAT responses' : `No PSAT comments${arriving ? ' so far' : ''}`}
          {`, and no notes starting “${data?.feedbackPrefix ?? 'Partner feedback:'}”.`}
        </EmptyState>
      ) : (
        <div className="vo-partner">
          <div className="vo-side">
            <div className="vo-subhead">Sentiment by quarter</div>
            <div className="vo-trend" data-testid="voice-trend">
              {data.trend.map((t) => (
                <TrendBar key={t.quarter} t={t} label={quarterText(t.quarter, calendar)} />
              ))}
            </div>
            <div className="vo-subhead">Themes, last 4 quarters</div>
            <ul className="vo-theme-list" data-testid="voice-themes">
              {data.themes.map((t) => (
                <li key={t.theme}>
                  <span className={`vo-theme vo-theme-${t.theme}`}>{VOICE_THEME_LABELS[t.theme]}</span>
                  <span className="num">{t.n}</span>
                  <span className="muted">{t.negative ? `${t.negative} negative` : 'none negative'}</span>
                  <span className={`num ${sentimentClass(t.sentiment)}`}>{signed(t.sentiment)}</span>
                </li>
              ))}
              {data.themes.length === 0 ? <li className="muted">No theme in the last four quarters.</li> : null}
            </ul>
          </div>
          <div className="vo-main">
            <ul className="vo-quotes" data-testid="voice-quotes">
              {quotes.map((q) => (
                <Quote key={`${q.source}:${q.id}`} q={q} />
              ))}
            </ul>
            {data.quotes.length > SHOWN ? (
              <button type="button" className="btn btn-small" onClick={() => setAll(!all)} data-testid="voice-more">
                {all ? 'Show the latest only' : `Show all ${data.quotes.length}`}
              </button>
            ) : null}
            <p className="forecast-note">
              PSAT comments and notes starting “{data.feedbackPrefix}”. {data.sentimentRule}. Themes and cues: Settings → Voice of the partner;{' '}
              <a href={href('/voice')}>across the book</a>.
            </p>
          </div>
        </div>
      )}
    </Panel>
  );
}
