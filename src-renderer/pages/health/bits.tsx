/** Small health-specific UI pieces: band and risk chips, score deltas, percentile bars. */
import { formatPercent } from '../../../src-shared/format';
import { HEALTH_BAND_LABELS, type HealthBand, type RiskLevel } from '../../../src-shared/methods/health-labels';
import { Chip, type Tone } from '../../components/ui';

export const BAND_TONES: Record<HealthBand, Tone> = { healthy: 'green', watch: 'amber', at_risk: 'red', no_data: 'neutral' };
export const RISK_TONES: Record<RiskLevel, Tone> = { low: 'neutral', medium: 'amber', high: 'red' };
export const RISK_LABELS: Record<RiskLevel, string> = { low: 'Low', medium: 'Medium', high: 'High' };
/** Band colours for charts (match the chip tones). */
export const BAND_COLORS: Record<HealthBand, string> = { healthy: '#2f9e6a', watch: '#e0a526', at_risk: '#d6453a', no_data: '#9aa3ad' };
/** Why a partner has no churn estimate (ChurnRisk.noData): its book holds none of the model's features. */
export const NO_CHURN_TITLE = 'No churn estimate: this book holds none of what it is made of (engagement, pipeline, PSAT, wins, certifications)';
/** Why a partner has no score (band `no_data`): its book holds none of what health counts. */
export const NO_SCORE_TITLE = 'No score: this book holds none of what health counts (revenue, pipeline, engagement, certifications, PSAT)';

export function BandChip({ band }: { band: HealthBand }) {
  return (
    <Chip tone={BAND_TONES[band]}>
      <span className="chip-dot" aria-hidden="true" />
      {HEALTH_BAND_LABELS[band]}
    </Chip>
  );
}

export function RiskChip({ level, probability }: { level: RiskLevel; probability: number }) {
  return (
    <Chip tone={RISK_TONES[level]} title={`${RISK_LABELS[level]} churn risk`}>
      {formatRisk(probability)}
    </Chip>
  );
}

export function formatRisk(p: number): string {
  if (p >= 0.995) return '100%';
  if (p < 0.01) return '<1%';
  return formatPercent(p);
}

/** A signed change. `good` says which direction reads as good (colour); the arrow always shows the sign. */
export function Delta({ value, suffix = '', good = 'up' }: { value: number | null; suffix?: string; good?: 'up' | 'down' | 'none' }) {
  if (value === null) return <span className="hl-delta is-none">—</span>;
  const better = good === 'none' ? null : good === 'up' ? value > 0 : value < 0;
  const cls = value === 0 || better === null ? 'is-flat' : better ? 'is-good' : 'is-bad';
  const arrow = value > 0 ? '▲' : value < 0 ? '▼' : '';
  return (
    <span className={`hl-delta ${cls}`} title="Change since the end of last quarter">
      {arrow ? <span className="hl-arrow">{arrow}</span> : null}
      {value > 0 ? '+' : value < 0 ? '−' : '±'}
      {Math.abs(value)}
      {suffix}
    </span>
  );
}

/** A 0..100 score as a thin bar with the number. */
export function ScoreBar({ value, median }: { value: number; median?: number }) {
  const tone = value >= 70 ? 'healthy' : value >= 40 ? 'watch' : 'at_risk';
  return (
    <span className="hl-scorebar">
      <span className="hl-scorebar-track">
        <span className={`hl-scorebar-fill band-${tone}`} style={{ width: `${Math.max(2, value)}%` }} />
        {median !== undefined ? <span className="hl-scorebar-median" style={{ left: `${median}%` }} title={`Tier median ${median}`} /> : null}
      </span>
      <span className="hl-scorebar-num num">{value}</span>
    </span>
  );
}

export function ordinal(n: number): string {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
}

/**
 * "Updating health…": the figures beside it are the last ones computed while the book's
 * health is recomputed in the background; fresh ones replace them on their own.
 */
export function UpdatingHealth({ testId = 'health-refreshing' }: { testId?: string }) {
  return (
    <em className="hl-refreshing" data-testid={testId} title="These are the last figures computed; they update on their own.">
      Updating health…
    </em>
  );
}
