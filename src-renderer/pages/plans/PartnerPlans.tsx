/** The partner page's "Joint business plans" section: this partner's plans and a way to start one. */
import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { EmptyState, Panel } from '../../components/ui';
import { NewPlanDialog } from './NewPlanDialog';
import { PlansTable } from './PlansPage';
import './plans.css';

export function PartnerPlans({ partnerId }: { partnerId: string }) {
  const q = useQuery('plans.list', { partnerId }, { refreshOn: ['jbp', 'jbp_objective', 'jbp_initiative', 'outbox'] });
  const [creating, setCreating] = useState(false);
  return (
    <Panel
      title="Joint business plans"
      testId="partner-plans"
      actions={
        <button type="button" className="btn btn-small" onClick={() => setCreating(true)} data-testid="partner-new-plan">
          New plan
        </button>
      }
    >
      {q.data && q.data.length === 0 ? <EmptyState compact title="No plans with this partner yet" /> : null}
      {q.data && q.data.length ? <PlansTable rows={q.data} compact /> : null}
      <NewPlanDialog open={creating} onOpenChange={setCreating} partnerId={partnerId} />
    </Panel>
  );
}
