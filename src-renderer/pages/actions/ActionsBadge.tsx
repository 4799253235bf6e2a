/** The count on the Actions navigation item: the actions in Today (at most the capacity) of my book, whatever the views show. */
import { useEffect, useState } from 'react';
import { useQuery } from '../../api/hooks';
import { useBookLoading } from '../../api/bookLoading';
import { useBookScope } from '../../api/identity';
import { REFRESH_ON } from './model';

/**
 * Computing the actions of a whole book takes the main process a few hundred
 * milliseconds; the badge asks only once the page the user opened has had its turn.
 */
const BADGE_DELAY_MS = 1500;

export function ActionsBadge() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setReady(true), BADGE_DELAY_MS);
    return () => clearTimeout(t);
  }, []);
  const { scope } = useBookScope();
  // My book only: the badge is what I have to do today, not the whole team's list.
  // Not while the book is still arriving: a count over part of it is not what I have to do.
  const loadingBook = useBookLoading() !== null;
  const { data } = useQuery('actions.summary', { scope: 'mine' }, { refreshOn: REFRESH_ON, enabled: ready && !!scope && !loadingBook });
  if (loadingBook) return null;
  if (!data || data.today === 0) return null;
  return (
    <span
      className="nav-badge is-urgent"
      data-testid="actions-badge"
      title={`My book: ${data.today} for today (at most ${data.capacity}) · ${data.week} more this week · ${data.later} in the backlog`}
    >
      {data.today}
    </span>
  );
}
