/**
 * A sync conflict shown on the field it concerns, resolved right there: for each
 * conflicting field of the edit, keep mine or take theirs (`sync.resolve`).
 */
import { useEffect, useRef, useState } from 'react';
import type { PlanConflict, PlanDetail } from '../../../src-shared/methods/plans';
import { describeError, invoke } from '../../api/client';
import type { MoneyFormat } from '../../../src-shared/format';
import { truncateText } from '../../../src-shared/text';
import { METRICS, type JbpMetric } from '../../../src-shared/domain/plans';
import { formatDate, humanize } from '../../lib/format';
import { useMoney } from '../../lib/money';
import { FIELD_LABELS, formatMetric } from './planFormat';

export function formatConflictValue(v: unknown): string {
  if (v == null || v === '') return '(empty)';
  if (typeof v === 'string') return truncateText(v, 60);
  return JSON.stringify(v);
}

/** A stored value in the words of its field: money and win rates formatted, metrics named, dates readable. */
export function fieldValueText(money: MoneyFormat, d: PlanDetail, entity: string, recordId: string, field: string, v: unknown): string {
  if (v == null || v === '') return '(empty)';
  if (entity === 'jbp_objective' && (field === 'baseline' || field === 'target' || field === 'custom_actual') && typeof v === 'number') {
    const o = d.objectives.find((x) => x.id === recordId);
    if (o) return formatMetric(money, o.metric, v, d.partner.currency, o.unit, false);
  }
  if (field === 'metric' && typeof v === 'string' && v in METRICS) return METRICS[v as JbpMetric].label;
  if (field === 'mdf_investment' && typeof v === 'number') return money.full(v, d.partner.currency);
  if ((field === 'due_date' || field.endsWith('_at')) && typeof v === 'string') return formatDate(v);
  if ((field === 'status' || field === 'owner_side') && typeof v === 'string') return humanize(v);
  if (field === 'objective_id' && typeof v === 'string') return `“${d.objectives.find((x) => x.id === v)?.title ?? 'an objective'}”`;
  return formatConflictValue(v);
}

export function ConflictBadge({ conflict, d, onResolved }: { conflict: PlanConflict; d: PlanDetail; onResolved: () => void }) {
  const [open, setOpen] = useState<{ top: number; left: number } | null>(null);
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDoc = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) setOpen(null);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);
  return (
    <span className="conflict-anchor" ref={ref}>
      <button
        type="button"
        className="conflict-badge"
        title="Changed on the server too — choose which value to keep"
        aria-label={`Resolve the conflict on ${FIELD_LABELS[conflict.field] ?? conflict.field}`}
        data-testid={`conflict-${conflict.field}`}
        onClick={(e) => {
          e.stopPropagation();
          // fixed to the viewport so no scrolling container clips it
          const r = e.currentTarget.getBoundingClientRect();
          setOpen((o) => (o ? null : { top: r.bottom + 6, left: Math.max(8, Math.min(r.right - 320, window.innerWidth - 336)) }));
        }}
        onKeyDown={(e) => e.stopPropagation()}
      >
        !
      </button>
      {open ? (
        <ConflictResolver
          d={d}
          at={open}
          mutationId={conflict.mutation_id}
          conflicts={d.conflicts.filter((c) => c.mutation_id === conflict.mutation_id)}
          onDone={() => {
            setOpen(null);
            onResolved();
          }}
        />
      ) : null}
    </span>
  );
}

function ConflictResolver({
  d,
  at,
  mutationId,
  conflicts,
  onDone,
}: {
  d: PlanDetail;
  at: { top: number; left: number };
  mutationId: number;
  conflicts: PlanConflict[];
  onDone: () => void;
}) {
  const money = useMoney();
  const text = (c: PlanConflict, v: unknown) => fieldValueText(money, d, c.entity, c.record_id, c.field, v);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async (next: Record<string, 'mine' | 'theirs'>) => {
    setChoices(next);
    if (!conflicts.every((c) => next[c.field])) return;
    setBusy(true);
    try {
      await invoke('sync.resolve', {
        mutation_id: mutationId,
        resolutions: conflicts.map((c) => ({ field: c.field, choice: next[c.field]! })),
      });
      onDone();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="conflict-pop" style={{ top: at.top, left: at.left }} role="dialog" aria-label="Resolve conflict" onKeyDown={(e) => e.stopPropagation()} onClick={(e) => e.stopPropagation()}>
      <div className="conflict-pop-title">Changed here and on the server</div>
      {conflicts.map((c) => (
        <div key={c.field} className="conflict-field">
          <div className="conflict-field-name">{FIELD_LABELS[c.field] ?? c.field}</div>
          <div className="conflict-was muted">was {text(c, c.base)}</div>
          <div className="conflict-choices">
            <button
              type="button"
              className={`btn btn-small${choices[c.field] === 'mine' ? ' is-chosen' : ''}`}
              disabled={busy}
              onClick={() => void apply({ ...choices, [c.field]: 'mine' })}
              data-testid={`keep-mine-${c.field}`}
            >
              Keep mine: <strong>{text(c, c.mine)}</strong>
            </button>
            <button
              type="button"
              className={`btn btn-small${choices[c.field] === 'theirs' ? ' is-chosen' : ''}`}
              disabled={busy}
              onClick={() => void apply({ ...choices, [c.field]: 'theirs' })}
              data-testid={`take-theirs-${c.field}`}
            >
              Take theirs: <strong>{text(c, c.theirs)}</strong>
            </button>
          </div>
        </div>
      ))}
      {conflicts.length > 1 ? <div className="muted conflict-note">Choose for each field; they were one edit and resolve together.</div> : null}
      {error ? <div className="danger-text">{error}</div> : null}
    </div>
  );
}
