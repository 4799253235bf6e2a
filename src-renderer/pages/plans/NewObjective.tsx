/** Adds an objective: pick a metric, see its baseline from last period and its live actual, set target, due quarter, weight. */
import { useState } from 'react';
import { JBP_METRICS } from '../../../src-shared/domain/entities';
import { METRICS, validateObjective, type JbpMetric } from '../../../src-shared/domain/plans';
import { quarterChoiceText } from '../../../src-shared/domain/fiscal-text';
import type { PlanDetail } from '../../../src-shared/methods/plans';
import { fieldErrors, invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Field } from './Initiatives';
import { formatMetric, parseMetricInput } from './planFormat';
import { useMoney } from '../../lib/money';
import { useBookLoading } from '../../api/bookLoading';
import { BookPending } from '../../components/BookLoadingNotice';

export function NewObjective({ d, onDone }: { d: PlanDetail; onDone: (created: boolean) => void }) {
  const money = useMoney();
  const [metric, setMetric] = useState<JbpMetric>('sourced_arr');
  const [title, setTitle] = useState('');
  const [unit, setUnit] = useState('');
  const [target, setTarget] = useState('');
  const [due, setDue] = useState(d.period.quarters[d.period.quarters.length - 1]!);
  const remaining = Math.max(0, 100 - d.weights.sum);
  const [weight, setWeight] = useState(String(remaining));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const cur = d.partner.currency;
  const preview = useQuery('objectives.preview', { planId: d.plan.id, metric });
  const linked = metric !== 'custom';
  // A linked objective's baseline is last period's figure, stored with it: not from part of the book.
  const waitForBook = useBookLoading() !== null && linked;

  const submit = async () => {
    const parsed = parseMetricInput(metric, target, cur);
    const next: Record<string, string> = {};
    if ('error' in parsed) next.target = parsed.error;
    const w = Number(weight);
    const draft = {
      title: title.trim() || METRICS[metric].label,
      metric,
      unit: linked ? null : unit,
      baseline: linked ? (preview.data?.baseline ?? 0) : 0,
      target: 'value' in parsed ? parsed.value : NaN,
      due_quarter: due,
      weight: weight.trim() === '' ? NaN : w,
      custom_actual: null,
    };
    for (const i of validateObjective(draft, d.plan.period)) if (!next[i.path]) next[i.path] = i.message;
    setErrors(next);
    if (Object.keys(next).length) return;
    setBusy(true);
    try {
      await invoke('objectives.upsert', {
        planId: d.plan.id,
        fields: { title: draft.title, metric, target: draft.target, due_quarter: due, weight: w, ...(linked ? {} : { unit, baseline: 0 }) },
      });
      onDone(true);
    } catch (err) {
      setErrors(fieldErrors(err, 'title'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="obj-new"
      data-testid="new-objective"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone(false)}
    >
      <Field label="Metric" error={errors.metric}>
        <select className="select" value={metric} autoFocus onChange={(e) => setMetric(e.target.value as JbpMetric)} data-testid="new-obj-metric">
          {JBP_METRICS.map((m) => (
            <option key={m} value={m}>
              {METRICS[m].label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Title" error={errors.title}>
        <input className="input" value={title} placeholder={METRICS[metric].label} onChange={(e) => setTitle(e.target.value)} data-testid="new-obj-title" />
      </Field>
      {linked ? (
        <div className="field obj-new-preview" data-testid="new-obj-preview">
          <span className="field-label">Baseline (last period) · actual so far</span>
          {waitForBook ? (
            <span data-testid="new-obj-wait">
              <BookPending /> <span className="muted">Its baseline is last period’s figure: add it once the whole book is here (a custom objective can be added now).</span>
            </span>
          ) : (
            <span className="num">
              <strong>{preview.data ? formatMetric(money, metric, preview.data.baseline, cur) : '…'}</strong>
              <span className="muted"> · </span>
              {preview.data ? formatMetric(money, metric, preview.data.actual, cur) : '…'}
            </span>
          )}
        </div>
      ) : (
        <Field label="Unit" error={errors.unit}>
          <input className="input" value={unit} placeholder="workshops" onChange={(e) => setUnit(e.target.value)} data-testid="new-obj-unit" />
        </Field>
      )}
      <Field label={METRICS[metric].kind === 'money' ? `Target (${cur})` : METRICS[metric].kind === 'ratio' ? 'Target (%)' : 'Target'} error={errors.target}>
        <input className="input num" value={target} inputMode="decimal" placeholder={METRICS[metric].kind === 'money' ? 'e.g. 250k' : ''} onChange={(e) => setTarget(e.target.value)} data-testid="new-obj-target" />
      </Field>
      <Field label="Due" error={errors.due_quarter}>
        <select className="select" value={due} onChange={(e) => setDue(e.target.value)} data-testid="new-obj-due">
          {d.period.quarters.map((q) => (
            <option key={q} value={q}>
              {quarterChoiceText(q, d.calendar)}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Weight" error={errors.weight}>
        <input className="input num" value={weight} inputMode="numeric" onChange={(e) => setWeight(e.target.value)} data-testid="new-obj-weight" />
      </Field>
      <div className="ini-new-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy || waitForBook} data-testid="new-obj-save">
          Add objective
        </button>
        <button type="button" className="btn btn-small" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
