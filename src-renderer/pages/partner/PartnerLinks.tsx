/**
 * The partner page's way to everything about this partner: its health score (band and
 * points, to the explained score), its latest joint business plan and its QBR pack.
 */
import { HEALTH_BAND_LABELS } from '../../../src-shared/methods/health';
import { bookLoadingText, type BookLoading } from '../../api/bookLoading';
import { useQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { BAND_TONES, NO_SCORE_TITLE, UpdatingHealth } from '../health/bits';
import { HEALTH_REFRESH } from '../health/refresh';
import './partner.css';

export function PartnerLinks({ partnerId, bookLoad }: { partnerId: string; bookLoad: BookLoading | null }) {
  // The health views' own refresh list: a recompute landing ('health') replaces a score shown as updating.
  // Not scored on part of a book still arriving.
  const health = useQuery('health.partner', { id: partnerId }, { refreshOn: HEALTH_REFRESH, enabled: !bookLoad });
  const plans = useQuery('plans.list', { partnerId }, { refreshOn: ['jbp'] });
  const score = !bookLoad && health.data?.partner.id === partnerId ? health.data.current : null;
  const latest = [...(plans.data ?? [])].sort((a, b) => b.period.localeCompare(a.period))[0];
  const id = encodeURIComponent(partnerId);
  return (
    <nav className="partner-links" aria-label="About this partner">
      <a className="partner-link" href={href(`/partners/${id}/health`)} data-testid="to-health">
        {score?.band === 'no_data' ? (
          // Nothing health counts is in this book: no score to show or explain.
          <span className="chip chip-neutral" data-testid="partner-health-score" title={NO_SCORE_TITLE}>
            Health: no score in this book
          </span>
        ) : score ? (
          <>
            <span className={`chip chip-${BAND_TONES[score.band]}`} data-testid="partner-health-score">
              Health {score.score} · {HEALTH_BAND_LABELS[score.band]}
            </span>
            {health.data?.refreshing ? <UpdatingHealth /> : null}
            <span className="partner-link-more">Why {score.score}? →</span>
          </>
        ) : bookLoad ? (
          <span className="partner-link-more" data-testid="partner-health-loading">
            Health: {bookLoadingText(bookLoad)}
          </span>
        ) : (
          <span className="partner-link-more">{health.error ? 'Health score →' : 'Health score…'}</span>
        )}
      </a>
      {latest ? (
        <a className="partner-link" href={href(`/plans/${encodeURIComponent(latest.id)}`)} data-testid="to-plan" title={latest.title}>
          <span className="partner-link-more">Plan {latest.period} →</span>
        </a>
      ) : null}
      <a className="partner-link" href={href(`/qbr?partner=${id}`)} data-testid="to-qbr">
        <span className="partner-link-more">QBR pack →</span>
      </a>
    </nav>
  );
}
