/** The count on the Actions navigation item: open actions due today or overdue. */
import { useQuery } from '../../api/hooks';
import { REFRESH_ON } from './model';

export function ActionsBadge() {
  const { data } = useQuery('actions.summary', {}, { refreshOn: REFRESH_ON });
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
