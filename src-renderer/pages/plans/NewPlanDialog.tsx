/** Start a plan for a partner: from the template, or as a clone of the last period (initiatives optional). */
import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { ApiCallError, describeError, invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useCalendar } from '../../api/calendar';
import { periodChoiceText } from '../../../src-shared/domain/fiscal-text';
import { navigate } from '../../app/router';
import { PartnerPicker } from '../../components/PartnerPicker';
import { Field } from './Initiatives';
import { useBookLoading } from '../../api/bookLoading';

export function NewPlanDialog({ open, onOpenChange, partnerId: fixedPartner }: { open: boolean; onOpenChange: (o: boolean) => void; partnerId?: string }) {
  const partners = useQuery('partners.list', {}, { enabled: open && !fixedPartner });
  const [chosen, setPartnerId] = useState('');
  const partnerId = fixedPartner ?? chosen;
  const options = useQuery('plans.newOptions', { partnerId }, { enabled: open && !!partnerId, refreshOn: ['jbp'] });
  const [periodChoice, setPeriod] = useState('');
  const [fromChoice, setFrom] = useState<'template' | 'clone' | null>(null);
  const [carry, setCarry] = useState(true);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const o = options.data;
  // A new plan's baselines and targets are last period's figures: not from part of the book.
  const load = useBookLoading();
  const calendar = useCalendar();
  const period = o && o.periods.some((p) => p.period === periodChoice && !p.taken) ? periodChoice : (o?.suggested ?? '');
  const from = fromChoice === 'clone' && !o?.last ? 'template' : (fromChoice ?? (o?.last ? 'clone' : 'template'));

  const submit = async () => {
    if (!partnerId) return setErrors({ partnerId: 'Choose a partner.' });
    setBusy(true);
    try {
      const res = await invoke('plans.create', { partnerId, period, from, carryInitiatives: carry });
      onOpenChange(false);
      navigate(`/plans/${encodeURIComponent(res.id)}`);
    } catch (err) {
      const next: Record<string, string> = {};
      if (err instanceof ApiCallError) for (const i of err.issues) next[i.path] = i.message;
      if (!Object.keys(next).length) next.period = describeError(err);
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog new-plan" aria-describedby={undefined} data-testid="new-plan-dialog">
          <Dialog.Title className="dialog-title">New joint business plan</Dialog.Title>
          <form
            className="new-plan-form"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            {!fixedPartner ? (
              <Field label="Partner" error={errors.partnerId}>
                <PartnerPicker partners={partners.data ?? []} value={partnerId} onChange={setPartnerId} testId="new-plan-partner" />
              </Field>
            ) : null}
            <Field label="Period" error={errors.period}>
              <select className="select" value={period} onChange={(e) => setPeriod(e.target.value)} disabled={!o} data-testid="new-plan-period">
                {(o?.periods ?? []).map((p) => (
                  <option key={p.period} value={p.period} disabled={p.taken}>
                    {periodChoiceText(p.period, calendar)}
                    {p.taken ? ' — has a plan' : ''}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset className="new-plan-from">
              <legend className="field-label">Start from</legend>
              <label className="radio">
                <input type="radio" name="from" checked={from === 'clone'} disabled={!o?.last} onChange={() => setFrom('clone')} data-testid="new-plan-clone" />
                <span>
                  <strong>Last period’s plan</strong>
                  {o?.last ? (
                    <span className="muted">
                      {' '}
                      — {o.last.title} ({o.last.period}): {o.last.objectives} objectives carried over, baselines re-set from their actuals
                    </span>
                  ) : (
                    <span className="muted"> — no earlier plan</span>
                  )}
                </span>
              </label>
              {from === 'clone' && o?.last ? (
                <label className="checkbox">
                  <input type="checkbox" checked={carry} onChange={(e) => setCarry(e.target.checked)} data-testid="new-plan-carry" />
                  Carry over its {o.last.initiatives} initiatives that aren't done or cancelled
                </label>
              ) : null}
              <label className="radio">
                <input type="radio" name="from" checked={from === 'template'} onChange={() => setFrom('template')} data-testid="new-plan-template" />
                <span>
                  <strong>Template</strong>
                  <span className="muted"> — sourced ARR, pipeline, deal registrations, certified people, active contacts; baselines from last period</span>
                </span>
              </label>
              {errors.from ? <span className="field-error">{errors.from}</span> : null}
            </fieldset>
            {load ? (
              <p className="muted" data-testid="new-plan-wait">
                The partner book is still arriving ({load.percent != null ? `${load.percent}% so far` : 'its first sync has not finished'}). A new plan’s baselines are last period’s figures: start it once the whole book is here.
              </p>
            ) : null}
            <div className="dialog-actions">
              <button type="button" className="btn" onClick={() => onOpenChange(false)}>
                Cancel
              </button>
              <button type="submit" className="btn btn-primary" disabled={busy || !o || !period || !!load} data-testid="new-plan-create">
                Create plan
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
