/** The partner page's panel of that partner's open actions (same rows and commands as the Actions page). */
import { useQuery } from '../../api/hooks';
import { href } from '../../app/router';
import { Panel } from '../../components/ui';
import { ActionList } from './ActionList';
import { REFRESH_ON } from './model';
import './actions.css';

export function PartnerActions({ partnerId }: { partnerId: string }) {
  const { data } = useQuery('actions.list', { partnerId }, { refreshOn: REFRESH_ON });
  if (!data || data.actions.length === 0) return null;
  return (
    <Panel
      title={`Next-best actions · ${data.actions.length}`}
      actions={
        <a className="btn btn-small btn-ghost" href={href('/actions')}>
          All actions
        </a>
      }
      className="act-panel"
      testId="partner-actions"
    >
      <ActionList actions={data.actions} asOf={data.asOf} grouped={false} showPartner={false} pageSize={5} />
    </Panel>
  );
}
