/**
 * One partner's health: the score with its "why" breakdown (every measure, its raw value,
 * the rule and the points it contributed, adding up to the score), the 8-quarter trend,
 * the biggest movers, components against the tier median, KPIs with peer percentiles,
 * tier eligibility, the engagement timeline and the churn risk with its top factors.
 */
import { BookGaps } from '../../components/BookGaps';
import { BookLoadingPage } from '../../components/BookLoadingNotice';
import { useBookLoading } from '../../api/bookLoading';
import { lazy, Suspense, type ReactNode } from 'react';
import {
  HEALTH_BAND_LABELS,
  HEALTH_COMPONENTS,
  HEALTH_COMPONENT_LABELS,
  type HealthPartnerDetail,
} from '../../../src-shared/methods/health';
import { ApiCallError } from '../../api/client';
import { useHealthScoring } from '../../api/health-scoring';
import { useQuery } from '../../api/hooks';
import { withShare } from '../../lib/progress-words';
import { usePageCrumbs } from '../../app/crumbs';
import { href, type Params } from '../../app/router';
import { Icon } from '../../components/Icon';
import { Chip, ChartLoading, EmptyState, ErrorBanner, Loading, Panel, TierChip } from '../../components/ui';
import { formatDate } from '../../lib/format';
import { BandChip, Delta, formatRisk, NO_CHURN_TITLE, NO_SCORE_TITLE, ordinal, RISK_LABELS, RISK_TONES, ScoreBar, UpdatingHealth } from './bits';
import { HEALTH_REFRESH } from './refresh';
import './health.css';

const TrendChart = lazy(() => import('./charts').then((m) => ({ default: m.TrendChart })));
const TimelineChart = lazy(() => import('./charts').then((m) => ({ default: m.TimelineChart })));

function PartnerHealthPage({ params }: { params: Params }) {
  const id = params.id ?? '';
  // Not scored on part of a book still arriving.
  const bookLoad = useBookLoading();
  const { data, error, loading, refetch } = useQuery('health.partner', { id }, { refreshOn: HEALTH_REFRESH, enabled: !bookLoad });
  const fresh = data && data.partner.id === id ? data : undefined;
  // A book whose scores were never computed takes seconds (20,000 partners): how far it has got.
  const scoring = useHealthScoring(loading && !fresh);
  usePageCrumbs([fresh ? fresh.partner.name : null, 'Health']);

  if (bookLoad) {
    return (
      <BookLoadingPage load={bookLoad} what="This partner’s health score and its explanation">
        <a href={href(`/partners/${encodeURIComponent(id)}`)}>Back to the partner</a>
      </BookLoadingPage>
    );
  }

  if (error && !fresh) {
    if (error instanceof ApiCallError && error.code === 'not_found') {
      return (
        <div className="page page-narrow">
          <EmptyState icon="search" title={`No partner with id ${id} in your book`}>
            <a href={href('/portfolio')}>Back to the portfolio</a>
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="page page-narrow">
        <ErrorBanner error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!fresh) return <Loading label={loading ? withShare('Scoring the book…', scoring) : ''} />;
  return <HealthView d={fresh} />;
}

function HealthView({ d }: { d: HealthPartnerDetail }) {
  const s = d.current;
  const unscored = s.band === 'no_data';
  const delta = d.previous && !unscored ? s.score - d.previous.score : null;
  return (
    <div className="page hl-partner" data-testid="page-partner-health">
      <header className="partner-head">
        <div className="partner-title-row">
          <a className="back-link" href={href(`/partners/${encodeURIComponent(d.partner.id)}`)} title="Back to the partner">
            <Icon name="back" size={16} />
            <span className="sr-only">Back to the partner</span>
          </a>
          <h2 className="partner-name" data-testid="partner-name">
            {d.partner.name}
          </h2>
          <TierChip name={d.partner.tier_name} rank={d.partner.tier_rank} />
          <span className="muted">{d.partner.id}</span>
          <span className="muted">· Owner {d.partner.owner_name}</span>
          <span className="filterbar-spacer" />
          <a className="btn btn-small" href={href(`/partners/${encodeURIComponent(d.partner.id)}`)} data-testid="to-partner">
            Partner record
          </a>
        </div>
      </header>

      <BookGaps gaps={d.bookGaps} />
      {d.partner.churned_at && d.partner.churned_at <= d.asOf ? (
        <div className="banner banner-error hl-banner" role="status" data-testid="health-churned">
          <Icon name="alert" />
          <span>
            Churned on {formatDate(d.partner.churned_at)}. Today&apos;s score describes a partner that has left; the trend shows the quarters
            before it went.
          </span>
        </div>
      ) : null}

      <div className="hl-top">
        <section className="panel hl-scorecard" data-testid="health-score-card">
          <div className="hl-scorecard-main">
            <div className={`hl-bigscore band-${s.band}`} data-testid="health-score" title={unscored ? NO_SCORE_TITLE : undefined}>
              {unscored ? '—' : s.score}
            </div>
            <div className="hl-scorecard-side">
              <BandChip band={s.band} />
              <div className="hl-scorecard-delta">
                <Delta value={delta} /> <span className="muted">since {formatDate(d.previousAsOf)}</span>
              </div>
              <div className="muted hl-small">
                as of {formatDate(d.asOf)}
                {d.refreshing ? (
                  <>
                    {' '}
                    · <UpdatingHealth />
                  </>
                ) : null}
              </div>
            </div>
          </div>
          <div className="hl-components">
            {s.components.map((c) => (
              <div key={c.component} className="hl-component">
                <span className="hl-component-label">
                  {c.label} <span className="muted">· {c.weight}%</span>
                </span>
                {c.weight === 0 && s.measures.filter((m) => m.component === c.component).every((m) => m.noData) ? (
                  <span className="muted hl-small" data-testid="component-no-data">
                    no data in this book
                  </span>
                ) : (
                  <ScoreBar value={c.score} median={d.componentsVsTier.find((x) => x.component === c.component)?.tierMedian} />
                )}
              </div>
            ))}
            <div className="hl-legend muted hl-small">
              <span className="hl-median-key" /> tier median ({d.partner.tier_name})
            </div>
          </div>
        </section>

        <Panel title="Health, last 8 quarters" className="hl-trend-panel" testId="health-trend">
          {d.trend.every((t) => t.score === null) ? (
            <p className="panel-pad muted" data-testid="health-trend-empty">
              {unscored ? 'No scores to chart: this book holds none of what health counts.' : 'No quarter to chart yet.'}
            </p>
          ) : (
            <Suspense fallback={<ChartLoading className="hl-chart hl-chart-trend" />}>
              <TrendChart trend={d.trend} settings={d.settings} />
            </Suspense>
          )}
        </Panel>

        <Panel title="Churn risk" className="hl-churn" testId="health-churn">
          <div className="hl-churn-body">
            {d.churn.noData ? (
              <p className="muted" data-testid="churn-no-data">
                {NO_CHURN_TITLE}.
              </p>
            ) : (
              <div className="hl-churn-head">
                <span className={`hl-churn-p tone-${RISK_TONES[d.churn.level]}`} data-testid="churn-probability">
                  {formatRisk(d.churn.probability)}
                </span>
                <div>
                  <Chip tone={RISK_TONES[d.churn.level]}>{RISK_LABELS[d.churn.level]} risk</Chip>
                  <div className="muted hl-small">chance of churning within 2 quarters</div>
                </div>
              </div>
            )}
            {d.churn.factors.length ? (
              <ul className="hl-factors">
                {d.churn.factors.slice(0, 3).map((f) => (
                  <li key={f.feature} className={f.effect > 0.05 ? 'is-up' : f.effect < -0.05 ? 'is-down' : 'is-flat'}>
                    <span className="hl-factor-dir" aria-hidden="true">
                      {f.effect > 0.05 ? '▲' : f.effect < -0.05 ? '▼' : '•'}
                    </span>
                    <span className="hl-factor-label">{f.label}</span>
                    <span className="hl-factor-value">{f.value}</span>
                  </li>
                ))}
              </ul>
            ) : null}
            {d.churn.noData ? null : (
              <div className="hl-model muted hl-small" data-testid="churn-model">
                <Icon name={d.model.kind === 'logistic' ? 'check' : 'alert'} size={12} />{' '}
                {d.model.kind === 'logistic'
                  ? `Fitted model on this book's history · AUC ${d.model.auc?.toFixed(2)} on held-out partners`
                  : 'Rules in use: history too thin for a fitted model'}
              </div>
            )}
          </div>
        </Panel>
      </div>

      <div className="hl-cols">
        <Panel
          title={unscored ? 'No score: nothing in this book for health to count, measure by measure' : `Why ${s.score}? Every point, measure by measure`}
          className="hl-why"
          testId="health-breakdown"
        >
          <table className="dtable hl-why-table">
            <thead>
              <tr>
                <th>Measure</th>
                <th>Value</th>
                <th className="num" title="The measure on its own 0–100 scale">0–100</th>
                <th className="num">Weight</th>
                <th className="num">Points</th>
              </tr>
            </thead>
            <tbody>
              {HEALTH_COMPONENTS.map((c) => {
                const comp = s.components.find((x) => x.component === c)!;
                const ms = s.measures.filter((m) => m.component === c);
                return [
                  <tr key={c} className="hl-why-comp">
                    <td colSpan={2}>
                      <strong>{HEALTH_COMPONENT_LABELS[c]}</strong>{' '}
                      <span className="muted">
                        {comp.weight === 0 && ms.every((m) => m.noData) ? '· no data in this book: not counted' : `· ${comp.weight}% of the score · component ${comp.score}/100`}
                      </span>
                    </td>
                    <td />
                    <td />
                    <td className="num strong">{comp.points}</td>
                  </tr>,
                  ...ms.map((m) => (
                    <tr key={m.key} data-testid="health-measure" data-key={m.key}>
                      <td>
                        <div className="hl-why-label">{m.label}</div>
                        <div className="hl-why-rule" title="The rule that maps the value to 0–100">
                          {m.rule}
                        </div>
                      </td>
                      <td>
                        {m.noData ? <Chip tone="amber">no data</Chip> : null} {m.rawText}
                      </td>
                      <td className="num">{m.measureScore}</td>
                      <td className="num muted">{m.weight}%</td>
                      <td className="num strong" data-testid="measure-points">
                        {m.points}
                      </td>
                    </tr>
                  )),
                ];
              })}
              <tr className="hl-why-total">
                <td colSpan={4}>
                  <strong>Health score</strong> <span className="muted">(sum of the points; {HEALTH_BAND_LABELS[s.band]} band: Healthy ≥ {d.settings.bands.healthy}, Watch ≥ {d.settings.bands.watch})</span>
                </td>
                <td className="num" data-testid="breakdown-total">
                  <strong>{s.score}</strong>
                </td>
              </tr>
            </tbody>
          </table>
        </Panel>

        <div className="hl-side">
          <Panel title={`What moved since ${formatDate(d.previousAsOf)}`} testId="health-movers">
            {d.movers.length ? (
              <ul className="hl-movers">
                {d.movers.map((m) => (
                  <li key={m.key}>
                    <Delta value={m.delta} suffix=" pts" />
                    <div>
                      <div className="hl-mover-label">{m.label}</div>
                      <div className="muted hl-small">
                        now {m.now}
                        {m.was ? `; was ${m.was}` : ''}
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="panel-pad muted">{d.previous ? 'No measure moved since last quarter.' : 'No score last quarter to compare with.'}</p>
            )}
          </Panel>

          <Panel title="Tier eligibility" testId="health-eligibility">
            <div className="panel-pad hl-elig">
              <div className={`hl-elig-line ${d.eligibility.meetsCurrent ? 'is-ok' : 'is-warn'}`} data-testid="elig-current">
                <Icon name={d.eligibility.meetsCurrent ? 'check' : 'alert'} size={14} />
                {d.eligibility.currentText}
              </div>
              {d.eligibility.nextText ? (
                <div className={`hl-elig-line ${d.eligibility.meetsNext ? 'is-ok' : 'is-next'}`} data-testid="elig-next">
                  <Icon name={d.eligibility.meetsNext ? 'check' : 'chevronDown'} size={14} />
                  {d.eligibility.nextText}
                </div>
              ) : (
                <div className="hl-elig-line is-ok">Top tier of the program.</div>
              )}
            </div>
          </Panel>
        </div>
      </div>

      <div className="hl-cols">
        <Panel title={`KPIs against ${d.partner.tier_name} peers`} testId="health-kpis">
          <table className="dtable">
            <thead>
              <tr>
                <th>KPI</th>
                <th className="num">Value</th>
                <th className="num">Tier median</th>
                <th>Peer percentile</th>
              </tr>
            </thead>
            <tbody>
              {d.kpis.map((k) => (
                <tr key={k.key} data-testid="health-kpi" data-key={k.key}>
                  <td>{k.label}</td>
                  <td className="num strong">{k.valueText}</td>
                  <td className="num muted">{k.tierMedianText}</td>
                  <td>
                    {k.percentile === null ? (
                      <span className="muted">—</span>
                    ) : (
                      <Percentile value={k.percentile} peers={k.peers} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Panel>
        <Panel title="Engagement, last 26 weeks" testId="health-timeline">
          <Suspense fallback={<ChartLoading className="hl-chart" />}>
            <TimelineChart timeline={d.timeline} />
          </Suspense>
        </Panel>
      </div>
    </div>
  );
}

function Percentile({ value, peers }: { value: number; peers: number }): ReactNode {
  const tone = value >= 67 ? 'healthy' : value >= 34 ? 'watch' : 'at_risk';
  return (
    <span className="hl-pct" title={`${ordinal(value)} percentile of ${peers} partners in the tier`}>
      <span className="hl-pct-track">
        <span className={`hl-pct-dot band-${tone}`} style={{ left: `${value}%` }} />
      </span>
      <span className="hl-pct-num">{ordinal(value)}</span>
    </span>
  );
}

export default PartnerHealthPage;
