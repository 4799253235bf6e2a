/** The editor's side column: two-sided sign-off (and reopen) and the change history. */
import { useState } from 'react';
import type { HistoryEntry, PlanDetail } from '../../../src-shared/methods/plans';
import { ApiCallError, describeError, invoke } from '../../api/client';
import { useNow, useQuery } from '../../api/hooks';
import { Icon } from '../../components/Icon';
import { EmptyState } from '../../components/ui';
import { formatAgo, formatDate } from '../../lib/format';
import { useMoney } from '../../lib/money';
import type { MoneyFormat } from '../../../src-shared/format';
import { fieldValueText } from './Conflicts';
import { Field } from './Initiatives';
import { FIELD_LABELS } from './planFormat';

export function SignoffPanel({ d, onChanged }: { d: PlanDetail; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [confirmReopen, setConfirmReopen] = useState(false);
  const p = d.plan;
  const reopen = async () => {
    try {
      await invoke('plans.reopen', { id: p.id });
      setConfirmReopen(false);
      onChanged();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <div className="signoff" data-testid="signoff">
      <div className="signoff-sides">
        <Side d={d} side="vendor" label="Our side" name={p.vendor_signoff_name} date={p.vendor_signoff_at} defaultName={d.actor} onChanged={onChanged} />
        <Side d={d} side="partner" label={d.partner.name} name={p.partner_signoff_name} date={p.partner_signoff_at} defaultName="" onChanged={onChanged} />
      </div>
      {d.locked ? (
        <div className="signoff-locked" data-testid="locked-note">
          <Icon name="check" size={15} />
          <span>Signed by both sides — locked. Reopening starts revision {p.revision + 1} and clears both signatures.</span>
          {confirmReopen ? (
            <span className="signoff-confirm">
              <button type="button" className="btn btn-small btn-primary" onClick={() => void reopen()} data-testid="reopen-confirm">
                Reopen as revision {p.revision + 1}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setConfirmReopen(false)}>
                Keep signed
              </button>
            </span>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setConfirmReopen(true)} data-testid="reopen">
              Reopen…
            </button>
          )}
        </div>
      ) : p.vendor_signoff_name || p.partner_signoff_name ? (
        <div className="muted signoff-note">Changing the plan now clears the signature already given.</div>
      ) : null}
      {error ? <div className="danger-text">{error}</div> : null}
    </div>
  );
}

function Side({
  d,
  side,
  label,
  name,
  date,
  defaultName,
  onChanged,
}: {
  d: PlanDetail;
  side: 'vendor' | 'partner';
  label: string;
  name: string | null;
  date: string | null;
  defaultName: string;
  onChanged: () => void;
}) {
  const [signing, setSigning] = useState(false);
  const [who, setWho] = useState(defaultName);
  const [when, setWhen] = useState(d.today);
  const [errors, setErrors] = useState<Record<string, string>>({});
  if (name) {
    return (
      <div className="side-box is-signed" data-testid={`signed-${side}`}>
        <div className="side-label">{label}</div>
        <div className="side-name">{name}</div>
        <div className="muted">signed {formatDate(date)}</div>
      </div>
    );
  }
  if (!signing) {
    return (
      <div className="side-box">
        <div className="side-label">{label}</div>
        <div className="muted">Not signed</div>
        <button type="button" className="btn btn-small" onClick={() => setSigning(true)} data-testid={`sign-${side}`}>
          Record sign-off
        </button>
      </div>
    );
  }
  const submit = async () => {
    try {
      await invoke('plans.signoff', { id: d.plan.id, side, name: who, date: when });
      setSigning(false);
      onChanged();
    } catch (err) {
      const next: Record<string, string> = {};
      if (err instanceof ApiCallError) for (const i of err.issues) next[i.path] = i.message;
      if (!Object.keys(next).length) next.name = describeError(err);
      setErrors(next);
    }
  };
  return (
    <form
      className="side-box is-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="side-label">{label}</div>
      <Field label="Name" error={errors.name}>
        <input className="input" value={who} autoFocus onChange={(e) => setWho(e.target.value)} data-testid={`sign-${side}-name`} />
      </Field>
      <Field label="Date" error={errors.date ?? errors.objectives}>
        <input type="date" className="input" value={when} onChange={(e) => setWhen(e.target.value)} data-testid={`sign-${side}-date`} />
      </Field>
      <span className="field-pair">
        <button type="submit" className="btn btn-small btn-primary" data-testid={`sign-${side}-save`}>
          Sign
        </button>
        <button type="button" className="btn btn-small" onClick={() => setSigning(false)}>
          Cancel
        </button>
      </span>
    </form>
  );
}

function valueText(money: MoneyFormat, h: HistoryEntry, v: unknown, d: PlanDetail): string {
  return fieldValueText(money, d, h.entity, h.record_id, h.field ?? '', v);
}

function describeEntry(money: MoneyFormat, h: HistoryEntry, d: PlanDetail): string {
  const what = h.entity === 'jbp' ? 'the plan' : `“${h.label}”`;
  const kind = h.entity === 'jbp_objective' ? 'objective' : h.entity === 'jbp_initiative' ? 'initiative' : 'plan';
  switch (h.action) {
    case 'create':
      return `added ${kind} ${h.entity === 'jbp' ? `“${h.label}”` : what}`;
    case 'delete':
      return `deleted ${kind} ${what}`;
    case 'reopen':
      return h.field === 'revision' ? `reopened the plan as revision ${String(h.new_value)}` : '';
    case 'signoff':
      if (h.field === 'status') return 'completed sign-off — plan locked';
      if (h.field?.endsWith('_name')) {
        const side = h.field.startsWith('vendor') ? 'our side' : 'the partner';
        return h.new_value ? `recorded sign-off for ${side}: ${String(h.new_value)}` : `cleared the sign-off of ${side} (plan changed)`;
      }
      return '';
    default:
      if (h.field === 'summary') return 'edited the summary';
      if (h.field === 'sort_order') return `moved ${what}`;
      return `changed ${FIELD_LABELS[h.field ?? ''] ?? h.field} of ${what} from ${valueText(money, h, h.old_value, d)} to ${valueText(money, h, h.new_value, d)}`;
  }
}

/**
 * What the plan itself records, for a plan whose edits were made elsewhere (a signed plan
 * pulled from the PRM has no local edit history): when it was created and who signed it.
 */
function milestones(d: PlanDetail): { key: string; at: string; who: string; text: string }[] {
  const p = d.plan;
  const out: { key: string; at: string; who: string; text: string }[] = [];
  if (p.partner_signoff_at && p.partner_signoff_name) out.push({ key: 'partner', at: p.partner_signoff_at, who: p.partner_signoff_name, text: `signed for ${d.partner.name}` });
  if (p.vendor_signoff_at && p.vendor_signoff_name) out.push({ key: 'vendor', at: p.vendor_signoff_at, who: p.vendor_signoff_name, text: 'signed for our side' });
  out.sort((a, b) => b.at.localeCompare(a.at));
  out.push({ key: 'created', at: p.created_at, who: '', text: p.revision > 1 ? `Plan created (now revision ${p.revision})` : 'Plan created' });
  return out;
}

export function HistoryPanel({ d }: { d: PlanDetail }) {
  const q = useQuery('plans.history', { id: d.plan.id }, { refreshOn: ['jbp', 'jbp_objective', 'jbp_initiative'] });
  const now = useNow();
  const money = useMoney();
  const rows = (q.data ?? []).map((h) => ({ h, text: describeEntry(money, h, d) })).filter((x) => x.text);
  const marks = milestones(d);
  if (q.data && rows.length === 0 && marks.length === 0) return <EmptyState compact title="No changes recorded here yet" />;
  return (
    <ol className="history" data-testid="history">
      {rows.slice(0, 60).map(({ h, text }) => (
        <li key={h.id} className="history-item">
          <span className="strong">{h.actor}</span> {text}
          <span className="history-meta muted">
            rev {h.revision} · <time dateTime={h.at}>{formatAgo(h.at, now)}</time>
          </span>
        </li>
      ))}
      {marks.map((m) => (
        <li key={m.key} className="history-item" data-testid="history-milestone">
          {m.who ? <span className="strong">{m.who}</span> : null} {m.text}
          <span className="history-meta muted">
            <time dateTime={m.at}>{formatDate(m.at.slice(0, 10))}</time>
          </span>
        </li>
      ))}
    </ol>
  );
}
