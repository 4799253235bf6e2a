/** The partner's latest engagement, newest first, in words ("Ana Ruiz completed a training"). */
import type { PartnerDetail } from '../../../src-shared/methods/partners';
import { EmptyState } from '../../components/ui';
import { formatDate, humanize } from '../../lib/format';

const KIND_LABELS: Record<string, string> = {
  portal_login: 'logged in to the portal',
  content_download: 'downloaded content',
  training_started: 'started a training',
  training_completed: 'completed a training',
  webinar: 'attended a webinar',
};

/** For a book whose files hold no engagement events (an import of order files): not "no activity", which would read as a fact. */
export function NoEventsInBook() {
  return (
    <EmptyState compact title="Not in this book">
      Its files hold no engagement events.
    </EmptyState>
  );
}

/** `arriving`: the book's first sync is still bringing it in (its events may not be here yet). */
export function RecentActivity({ d, arriving }: { d: PartnerDetail; arriving: boolean }) {
  if (d.notInBook.includes('engagement_event')) return <NoEventsInBook />;
  if (!d.recent_activity.length) return <EmptyState compact title={arriving ? 'No activity arrived yet' : 'No recent activity'} />;
  return (
    <ol className="activity-list" data-testid="recent-activity">
      {d.recent_activity.slice(0, 30).map((e) => (
        <li key={e.id} className="activity-item">
          <span className={`activity-dot kind-${e.kind}`} aria-hidden="true" />
          <span className="activity-text">
            <span className="strong">{e.contact_name ?? 'Someone'}</span> {KIND_LABELS[e.kind] ?? humanize(e.kind)}
            {e.detail ? <span className="muted"> · {e.detail}</span> : null}
          </span>
          <time className="activity-time num" dateTime={e.occurred_at}>
            {formatDate(e.occurred_at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
