/**
 * The manager's roll-up: health distribution per CAM (stacked bars), movement since last
 * quarter (band transitions, per-CAM improved / declined), and the at-risk list across
 * the team. Opens on my book (a CAM's own partners, a manager's team); all teams, or any
 * one manager's, are one click away.
 */
import { lazy, Suspense, useMemo, useState } from 'react';
import { HEALTH_BANDS, HEALTH_BAND_LABELS, type HealthBand, type HealthRollup } from '../../../src-shared/methods/health';
import { useHealthScoring } from '../../api/health-scoring';
import { useQuery } from '../../api/hooks';
import { withShare } from '../../lib/progress-words';
import { useBookLoading } from '../../api/bookLoading';
import { BookLoadingPage } from '../../components/BookLoadingNotice';
import { useBookScope, type BookScopeState } from '../../api/identity';
import { navigate } from '../../app/router';
import { ScopeToggle } from '../../components/ScopeToggle';
import { ChartLoading, EmptyState, ErrorBanner, Kpi, Loading, Panel } from '../../components/ui';
import { plural, possessive } from '../../../src-shared/format';
import { formatCount, formatDate } from '../../lib/format';
import { BandChip, Delta, RiskChip, UpdatingHealth } from './bits';
import { HEALTH_REFRESH } from './refresh';
import { TeamForecast } from './TeamForecast';
import { TeamCredit } from './TeamCredit';
import './health.css';

const BandsByCamChart = lazy(() => import('./charts').then((m) => ({ default: m.BandsByCamChart })));

const teamMemory = { managerId: '' };

function TeamPage() {
  const [managerId, setManagerId] = useState(teamMemory.managerId);
  const book = useBookScope();
  // My book is the signed-in person's own team; a team picked by hand applies to all partners.
  const input = book.scope === 'all' && managerId ? { managerId } : { scope: book.scope };
  const bookLoad = useBookLoading();
  const query = useQuery('health.rollup', input, { refreshOn: HEALTH_REFRESH, enabled: !!book.scope && !bookLoad });
  const { error, loading, refetch } = query;
  // Keep the last roll-up on screen while another scope's loads.
  const [last, setLast] = useState(query.data);
  if (query.data && query.data !== last) setLast(query.data);
  const data = query.data ?? last;
  // A book whose scores were never computed takes seconds (20,000 partners): how far it has got.
  const scoring = useHealthScoring(loading && !data);
  const pick = (id: string) => {
    teamMemory.managerId = id;
    setManagerId(id);
  };
  if (bookLoad) {
    // A roll-up of part of the book would state half-computed counts as facts.
    return <BookLoadingPage load={bookLoad} what="The team’s health bands, movement and at-risk list" testId="page-team" />;
  }
  if (error && !data) {
    return (
      <div className="page page-narrow">
        <ErrorBanner error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!data) return <Loading label={loading ? withShare('Rolling up the team…', scoring) : ''} />;
  return <TeamView r={data} managerId={managerId} onManager={pick} book={book} />;
}

function TeamView({ r, managerId, onManager, book }: { r: HealthRollup; managerId: string; onManager: (id: string) => void; book: BookScopeState }) {
  const [riskLimit, setRiskLimit] = useState(50);
  const moved = useMemo(() => {
    // (Moves are between scored bands: a partner without a score neither rises nor falls.)
    const rank = (b: HealthBand) => (HEALTH_BANDS as readonly HealthBand[]).indexOf(b);
    let down = 0;
    let up = 0;
    for (const m of r.movement) {
      if (rank(m.to) > rank(m.from)) down += m.count;
      if (rank(m.to) < rank(m.from)) up += m.count;
    }
    return { down, up };
  }, [r.movement]);
  const cell = (from: HealthBand, to: HealthBand) => r.movement.find((m) => m.from === from && m.to === to)?.count ?? 0;
  const bandDelta = (b: HealthBand) => r.totals.bands[b] - r.totals.previousBands[b];
  // A book with none of what health counts (a partner list alone): every partner "no data".
  const noScores = r.totals.partners > 0 && r.totals.bands.no_data === r.totals.partners;

  return (
    <div className="page hl-team" data-testid="page-team">
      <div className="filterbar">
        <ScopeToggle state={book} />
        {book.scope === 'all' ? (
          <select className="select" value={managerId} onChange={(e) => onManager(e.target.value)} aria-label="Team" data-testid="team-manager">
            <option value="">All teams</option>
            {r.managers.map((m) => (
              <option key={m.id} value={m.id}>
                {possessive(m.name, '’')} team
              </option>
            ))}
          </select>
        ) : null}
        <span className="filterbar-spacer" />
        <span className="count muted">
          {r.refreshing ? (
            <>
              <UpdatingHealth /> ·{' '}
            </>
          ) : null}
          As of {formatDate(r.asOf)} · movement since {formatDate(r.previousAsOf)}
        </span>
      </div>

      {noScores ? (
        // No bands to count, rather than all "at risk".
        <div className="banner banner-info" role="note" data-testid="team-no-scores">
          No health scores: this book holds none of what health counts (revenue, pipeline, engagement, certifications, PSAT). The bands below
          stay empty until it does.
        </div>
      ) : null}
      <div className="kpis hl-team-kpis">
        <Kpi label="Partners" value={formatCount(r.totals.partners)} sub={camCount(r)} testId="team-partners" />
        {HEALTH_BANDS.map((b) => (
          <Kpi
            key={b}
            label={HEALTH_BAND_LABELS[b]}
            value={
              <span className={`hl-t-${b}`} data-testid={`team-band-${b}`}>
                {formatCount(r.totals.bands[b])}
              </span>
            }
            sub={
              <>
                <Delta value={bandDelta(b)} good={b === 'healthy' ? 'up' : b === 'at_risk' ? 'down' : 'none'} /> since last quarter
              </>
            }
          />
        ))}
        <Kpi
          label="Band moves"
          value={
            <span>
              <span className="hl-t-at_risk">{formatCount(moved.down)}↓</span> <span className="hl-t-healthy">{formatCount(moved.up)}↑</span>
            </span>
          }
          sub="worse / better band than last quarter"
        />
      </div>

      <div className="hl-cols">
        <Panel title="Health by CAM" testId="team-bands">
          <div className="hl-team-chart">
            {!r.cams.length ? (
              <EmptyState compact title="No partners in this team" />
            ) : noScores ? (
              // Not an empty chart with a 0–1 axis: there is nothing to count per CAM.
              <EmptyState compact title="No health scores to chart">
                Each CAM’s partners show here by band once the book holds what health counts.
              </EmptyState>
            ) : (
              <Suspense fallback={<ChartLoading className="hl-chart" />}>
                <BandsByCamChart cams={r.cams} />
              </Suspense>
            )}
          </div>
        </Panel>
        <div className="hl-side">
          <Panel title="Movement since last quarter" testId="team-movement">
            <table className="dtable hl-matrix">
              <thead>
                <tr>
                  <th>Was \ Now</th>
                  {HEALTH_BANDS.map((b) => (
                    <th key={b} className="num">
                      {HEALTH_BAND_LABELS[b]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {HEALTH_BANDS.map((from) => (
                  <tr key={from}>
                    <td>
                      <BandChip band={from} />
                    </td>
                    {HEALTH_BANDS.map((to) => {
                      const n = cell(from, to);
                      const cls = from === to ? 'is-same' : HEALTH_BANDS.indexOf(to) > HEALTH_BANDS.indexOf(from) ? 'is-worse' : 'is-better';
                      return (
                        <td key={to} className={`num hl-matrix-cell ${n ? cls : ''}`}>
                          {n ? formatCount(n) : '·'}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <MovementLeftOut r={r} />
          </Panel>
          <Panel title="Per CAM" testId="team-cams">
            <div className="hl-cam-scroll">
              <table className="dtable">
                <thead>
                  <tr>
                    <th>CAM</th>
                    <th className="num">Partners</th>
                    <th className="num">Avg</th>
                    <th className="num">Better</th>
                    <th className="num">Worse</th>
                    <th className="num" title="Partners at high churn risk">High churn</th>
                  </tr>
                </thead>
                <tbody>
                  {r.cams.map((c) => (
                    <tr key={c.owner_id} className={c.unassigned ? 'muted' : undefined}>
                      <td title={c.unassigned ? 'Partners the imported files give no owner' : undefined}>{c.unassigned ? 'No owner' : c.owner_name}</td>
                      <td className="num">{c.partners}</td>
                      <td className="num strong">{c.averageScore ?? '—'}</td>
                      <td className="num hl-t-healthy">{c.upgraded || '·'}</td>
                      <td className="num hl-t-at_risk">{c.downgraded || '·'}</td>
                      <td className="num">{c.highRisk || '·'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
        </div>
      </div>

      <TeamForecast scope={book.scope} />

      <TeamCredit scope={book.scope} />

      <Panel title={`At risk across the team · ${formatCount(r.atRisk.length)}`} testId="team-at-risk">
        <p className="panel-pad muted hl-risk-note">Partners whose health score is in the At risk band (below {r.atRiskBelow}), churned ones left out; highest churn risk first.</p>
        {r.atRisk.length === 0 ? (
          <EmptyState compact title="Nobody is at risk">No partner's health score is in the At risk band.</EmptyState>
        ) : (
          <table className="dtable">
            <thead>
              <tr>
                <th>Partner</th>
                <th>Owner</th>
                <th>Tier</th>
                <th className="num">Score</th>
                <th className="num">Trend</th>
                <th className="num">Churn risk</th>
                <th className="hl-mover">Biggest mover since last quarter</th>
              </tr>
            </thead>
            <tbody>
              {r.atRisk.slice(0, riskLimit).map((a) => (
                <tr key={a.id} className="selectable" onClick={() => navigate(`/partners/${encodeURIComponent(a.id)}/health`)} data-testid="team-risk-row">
                  <td className="strong hl-risk-name" title={`${a.name} · ${a.id}`}>
                    {a.name} <span className="cell-id">{a.id}</span>
                  </td>
                  <td>{a.owner_name}</td>
                  <td>{a.tier_name}</td>
                  <td className="num strong">{a.score}</td>
                  <td className="num">
                    <Delta value={a.delta} />
                  </td>
                  <td className="num">
                    <RiskChip level={a.risk_level} probability={a.churn_risk} />
                  </td>
                  <td className="muted hl-mover">
                    {a.topMover ?? '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {r.atRisk.length > riskLimit ? (
          <div className="panel-pad">
            <button type="button" className="btn btn-small" onClick={() => setRiskLimit((n) => n + 100)}>
              Show more ({formatCount(r.atRisk.length - riskLimit)} left)
            </button>
          </div>
        ) : null}
      </Panel>
    </div>
  );
}

export default TeamPage;

/** Why the matrix adds up to fewer partners than the team has: who it cannot place, and why. */
function MovementLeftOut({ r }: { r: HealthRollup }) {
  const { joined, noScore } = r.movementLeftOut;
  if (joined + noScore === 0) return null;
  const parts = [
    joined ? `${plural(joined, 'partner')} new since ${formatDate(r.previousAsOf)}` : null,
    noScore ? `${plural(noScore, 'partner')} without a score then or now` : null,
  ].filter(Boolean);
  const placed = r.totals.partners - joined - noScore;
  return (
    <p className="hl-matrix-note muted" data-testid="team-movement-left-out">
      {formatCount(placed)} of {formatCount(r.totals.partners)} partners; not counted: {parts.join(' and ')}.
    </p>
  );
}

/** "12 CAMs", and the partners with no owner apart ("12 CAMs · 40 with no owner"): the placeholder owner is not a CAM. */
function camCount(r: HealthRollup): string {
  const cams = r.cams.filter((c) => !c.unassigned).length;
  const nobody = r.cams.find((c) => c.unassigned)?.partners ?? 0;
  return nobody ? `${plural(cams, 'CAM')} · ${formatCount(nobody)} with no owner` : plural(cams, 'CAM');
}
