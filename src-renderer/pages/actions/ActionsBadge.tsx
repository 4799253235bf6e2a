/** The count on the Actions navigation item: open actions due today or overdue, in the book the views show (my book by default). */
import { useEffect, useState } from 'react';
import { useQuery } from '../../api/hooks';
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
  const { data } = useQuery('actions.summary', { scope }, { refreshOn: REFRESH_ON, enabled: ready && !!scope });
  if (!data || data.open === 0) return null;
  const urgent = data.today > 0;
  return (
    <span
      className={`nav-badge${urgent ? ' is-urgent' : ''}`}
      data-testid="actions-badge"
      title={`${data.today} due today or overdue · ${data.week} this week · ${data.later} later`}
    >
      {urgent ? data.today : data.open}
    </span>
  );
}
