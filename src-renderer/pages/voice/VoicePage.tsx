/**
 * "Voice of the partner" across the book (issue 16 point 4): what partners said this
 * quarter against the last, theme by theme; the themes by tier over the last four quarters;
 * and this quarter's most negative quotes. Follows my book / all partners. From `voice.book`.
 */
import { useState, type ReactNode } from 'react';
import { VOICE_THEME_LABELS, VOICE_THEMES, type ThemeFigures, type VoiceBook } from '../../../src-shared/methods/voice';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { quarterEnd } from '../../../src-shared/domain/time';
import { useCalendar } from '../../api/calendar';
import { useBookLoading } from '../../api/bookLoading';
import { useQuery } from '../../api/hooks';
import { useBookScope } from '../../api/identity';
import { href } from '../../app/router';
import { BookLoadingPage } from '../../components/BookLoadingNotice';
import { ScopeToggle } from '../../components/ScopeToggle';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorBanner, Kpi, Loading, Panel } from '../../components/ui';
import { formatCount, formatDate, formatDayMonth } from '../../lib/format';
import { Quote, sentimentClass, signed } from './bits';
import './voice.css';

const REFRESH = ['psat_response', 'note', 'partner', 'tier', 'contact', 'setting', 'calendar'];

function Delta({ now, was, lowerIsBetter }: { now: number; was: number; lowerIsBetter?: boolean }) {
  const d = now - was;
  if (d === 0) return <span className="muted">±0</span>;
  const worse = lowerIsBetter ? d > 0 : d < 0;
  return <span className={worse ? 'vo-delta-up' : 'vo-delta-down'}>{d > 0 ? `+${d}` : `−${-d}`}</span>;
}

function sentimentDelta(now: number | null, was: number | null) {
  if (now === null || was === null) return <span className="muted">—</span>;
  const d = Math.round((now - was) * 100) / 100;
  if (d === 0) return <span className="muted">±0.00</span>;
  return <span className={d < 0 ? 'vo-delta-up' : 'vo-delta-down'}>{signed(d)}</span>;
}

/** More or fewer comments than last quarter: neither good nor bad by itself. */
function Change({ now, was }: { now: number; was: number }) {
  const d = now - was;
  return <span className={d === 0 ? 'muted' : undefined}>{d > 0 ? `+${d}` : d < 0 ? `−${-d}` : '±0'}</span>;
}

/** A tier × theme cell: how many quotes, tinted by how many of them were negative. */
function TierCell({ f }: { f: ThemeFigures }) {
  if (f.n === 0) return <span className="vo-cell vo-cell-0">·</span>;
  const share = f.negative / f.n;
  const cls = share >= 0.5 ? 'vo-cell-neg' : share > 0 ? 'vo-cell-mixed' : 'vo-cell-ok';
  return (
    <span className={`vo-cell ${cls}`} title={`${f.n} quote${f.n === 1 ? '' : 's'}, ${f.negative} negative, sentiment ${signed(f.sentiment)}`}>
      {formatCount(f.n)}
    </span>
  );
}

function VoicePage() {
  const book = useBookScope();
  // Its counts and "what changed this quarter" would describe part of a book still arriving.
  const bookLoad = useBookLoading();
  const query = useQuery('voice.book', { scope: book.scope }, { refreshOn: REFRESH, enabled: !!book.scope && !bookLoad });
  const [last, setLast] = useState(query.data);
  if (query.data && query.data !== last) setLast(query.data);
  const data = query.data ?? last;
  if (bookLoad) {
    return <BookLoadingPage load={bookLoad} what="What partners said, its themes and what changed this quarter" testId="page-voice" />;
  }
  if (query.error && !data) {
    return (
      <div className="page page-narrow">
        <ErrorBanner error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  if (!data) return <Loading label={query.loading ? 'Reading what partners said…' : ''} />;
  return <VoiceView v={data} scope={<ScopeToggle state={book} />} />;
}

function VoiceView({ v, scope }: { v: VoiceBook; scope: ReactNode }) {
  const calendar = useCalendar();
  const q = quarterText(v.quarter, calendar);
  const pq = quarterText(v.previousQuarter, calendar);
  const { quarter: now, previous: was } = v.totals;
  const window = `${quarterText(v.window[0]!, calendar)}–${q}`;
  // The last quarter is counted to the same day as this one (api: previousTo): say so wherever it is compared.
  const partial = v.previousTo < quarterEnd(v.previousQuarter, calendar);
  const pqText = partial ? `${pq} to ${formatDayMonth(v.previousTo)}` : pq;
  // Kept on one line in the narrow cards ("Q3 2026 to Aug" / "20" read badly).
  const pqSoFar = <span className="vo-nowrap">{pqText}</span>;
  // A book whose files hold no PSAT answers (an import of order files) hears partners only
  // through the feedback notes written here: without any, its tables would be zeros that say nothing.
  const heard = v.tiers.reduce((n, t) => n + t.quotes, 0);
  if (!v.psatInBook && heard === 0) {
    return (
      <div className="page vo-page" data-testid="page-voice">
        <div className="filterbar">{scope}</div>
        <div data-testid="voice-none-in-book">
          <EmptyState title="No partner comments in this book">
            Its files hold no PSAT responses, and it has no notes marked as partner feedback in {window}. This page reads what partners said
            in PSAT comments: import a PSAT export with the book’s files (the Import page) and their themes and sentiment show here.
          </EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div className="page vo-page" data-testid="page-voice">
      <div className="filterbar">
        {scope}
        <span className="filterbar-spacer" />
        <span className="count muted">
          {q} to {formatDate(v.asOf)} against {pqSoFar}
        </span>
      </div>
      {v.psatInBook ? null : (
        <div className="banner banner-info" role="note" data-testid="voice-no-psat">
          <Icon name="alert" size={14} />
          <span>
            <strong>Not in this book:</strong> PSAT responses. What partners said here comes only from notes marked as partner feedback.
          </span>
        </div>
      )}
      <div className="kpis">
        <Kpi label={`Comments, ${q}`} value={formatCount(now.n)} sub={<>{formatCount(was.n)} in {pqSoFar}</>} testId="voice-kpi-comments" />
        <Kpi
          label="Negative"
          value={<span className={now.negative ? 'vo-s-neg' : undefined}>{formatCount(now.negative)}</span>}
          sub={
            <>
              <Delta now={now.negative} was={was.negative} lowerIsBetter /> against {pqSoFar}
            </>
          }
          testId="voice-kpi-negative"
        />
        <Kpi
          label="Mean sentiment"
          value={<span className={sentimentClass(now.sentiment)}>{signed(now.sentiment)}</span>}
          sub={
            <>
              {sentimentDelta(now.sentiment, was.sentiment)} from {signed(was.sentiment)} in {pqSoFar}
            </>
          }
          testId="voice-kpi-sentiment"
        />
      </div>

      <div className="vo-cols">
        <Panel title={`What changed, ${q} against ${partial ? `the same days of ${pq}` : pq}`} testId="voice-change">
          <table className="dtable vo-change">
            <thead>
              <tr>
                <th>Theme</th>
                <th className="num">{q}</th>
                <th className="num">{pq}</th>
                <th className="num">Change</th>
                <th className="num">Negative</th>
                <th className="num">Sentiment</th>
                <th className="num">Was</th>
              </tr>
            </thead>
            <tbody>
              {v.themes.map((t) => (
                <tr key={t.theme} data-testid="voice-theme-row" title={t.change}>
                  <td>
                    <span className={`vo-theme vo-theme-${t.theme}`}>{t.label}</span>
                  </td>
                  <td className="num strong">{formatCount(t.n)}</td>
                  <td className="num muted">{formatCount(t.previous.n)}</td>
                  <td className="num">
                    <Change now={t.n} was={t.previous.n} />
                  </td>
                  <td className="num">{t.negative ? <span className="vo-s-neg">{formatCount(t.negative)}</span> : <span className="muted">·</span>}</td>
                  <td className={`num ${sentimentClass(t.sentiment)}`}>{signed(t.sentiment)}</td>
                  <td className={`num muted`}>{signed(t.previous.sentiment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>

        <Panel title={`Themes by tier, ${window}`} testId="voice-tiers">
          {v.tiers.length === 0 ? (
            <EmptyState compact title="No partners in this book" />
          ) : (
            <div className="vo-wide">
              <table className="dtable vo-tiers">
                <thead>
                  <tr>
                    <th>Theme</th>
                    {v.tiers.map((t) => (
                      <th key={t.tier_id} className="num" title={`${t.partners} partners, ${t.quotes} quotes, sentiment ${signed(t.sentiment)}`} data-testid="voice-tier-col">
                        {t.tier_name}
                        <span className="vo-tier-sub">{formatCount(t.quotes)} quotes</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {VOICE_THEMES.map((th) => (
                    <tr key={th} data-testid="voice-tier-row">
                      <td>{VOICE_THEME_LABELS[th]}</td>
                      {v.tiers.map((t) => (
                        <td key={t.tier_id} className="num">
                          <TierCell f={t.themes[th]} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="panel-pad muted hl-risk-note">Quotes per theme and tier; red: half or more of them negative, amber: some negative, green: none negative.</p>
        </Panel>
      </div>

      <Panel title={`Most negative, ${q}`} testId="voice-loudest">
        {v.loudest.length === 0 ? (
          <EmptyState compact title={`Nothing negative said in ${q} so far`} />
        ) : (
          <ul className="vo-quotes vo-loudest">
            {v.loudest.map((l) => (
              <Quote key={`${l.source}:${l.id}`} q={l} partner={{ name: l.partner_name, href: href(`/partners/${encodeURIComponent(l.partner_id)}`) }} />
            ))}
          </ul>
        )}
        <p className="forecast-note vo-rule">
          PSAT comments and notes marked as partner feedback. {v.sentimentRule}. The themes and cues are a lexicon you can change in{' '}
          <a href={href('/settings')}>Settings → Voice of the partner</a>.
        </p>
      </Panel>
    </div>
  );
}

export default VoicePage;
