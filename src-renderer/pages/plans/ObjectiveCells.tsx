/** How an objective's cells read: values in the metric's unit, the live actual, progress against the path, the pace chip. */
import type { ReactNode } from 'react';
import { METRICS } from '../../../src-shared/domain/plans';
import type { ObjectiveView, PlanDetail } from '../../../src-shared/methods/plans';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import type { FiscalCalendar } from '../../../src-shared/domain/time';
import { Chip } from '../../components/ui';
import { BookPending } from '../../components/BookLoadingNotice';
import { useMoney } from '../../lib/money';
import type { MoneyFormat } from '../../../src-shared/format';
import { formatDate } from '../../lib/format';
import { formatMetric, PACE_LABELS, PACE_TONES } from './planFormat';

export type ColKey = 'title' | 'metric' | 'baseline' | 'target' | 'due_quarter' | 'weight' | 'actual' | 'pct' | 'status';

export function CellDisplay({ o, col, d, arriving }: { o: ObjectiveView; col: ColKey; d: PlanDetail; arriving: boolean }): ReactNode {
  const cur = d.partner.currency;
  const money = useMoney();
  // A linked objective's actual, progress and pace are the book's figures: not from part of it.
  if (arriving && o.metric !== 'custom' && (col === 'actual' || col === 'pct' || col === 'status')) return <BookPending />;
  switch (col) {
    case 'title':
      return <span className="obj-title">{o.title}</span>;
    case 'metric':
      return (
        <span className="obj-metric" title={METRICS[o.metric].definition}>
          {METRICS[o.metric].label}
          {o.metric === 'custom' && o.unit ? <span className="muted"> · {o.unit}</span> : null}
        </span>
      );
    case 'baseline':
      return formatMetric(money, o.metric, o.baseline, cur, o.unit);
    case 'target':
      return <strong>{formatMetric(money, o.metric, o.target, cur, o.unit)}</strong>;
    case 'due_quarter':
      return quarterText(o.due_quarter, d.calendar);
    case 'weight':
      return o.weight;
    case 'actual':
      return (
        <span data-testid="obj-actual" title={o.metric === 'custom' ? 'Typed by you' : `Computed as of ${d.as_of}: ${METRICS[o.metric].definition}`}>
          {formatMetric(money, o.metric, o.actual, cur, o.unit)}
          {o.metric !== 'custom' ? <span className="live-mark" aria-hidden="true" /> : null}
        </span>
      );
    case 'pct':
      return <ProgressBar o={o} />;
    case 'status':
      return (
        <span title={paceTitle(money, o, cur, d.as_of, d.calendar)}>
          <Chip tone={PACE_TONES[o.pace.status]}>
            <span className="chip-dot" aria-hidden="true" />
            {PACE_LABELS[o.pace.status]}
          </Chip>
        </span>
      );
  }
}

function ProgressBar({ o }: { o: ObjectiveView }) {
const pct = o.pace.pctToTarget;
if (pct == null) return <span className="muted">—</span>;
const expectedPct = o.target > 0 ? Math.min(100, (o.pace.expected / o.target) * 100) : 0;
return (
  <span className="pbar" title={`${Math.round(pct)}% of target; the linear path expects ${Math.round(expectedPct)}% by now`}>
    <span className="pbar-track">
      <span className={`pbar-fill tone-${PACE_TONES[o.pace.status]}`} style={{ width: `${Math.min(100, Math.max(0, pct))}%` }} />
      <span className="pbar-mark" style={{ left: `${Math.max(0, expectedPct)}%` }} />
    </span>
    <span className="pbar-num num" data-testid="obj-pct">
      {Math.round(pct)}%
    </span>
  </span>
);
}

function paceTitle(money: MoneyFormat, o: ObjectiveView, cur: string, asOf: string, cal: FiscalCalendar): string {
  if (o.pace.status === 'not_started') return 'The plan period has not started yet.';
  if (o.pace.status === 'no_data') return 'Nothing to measure yet (e.g. no deals closed in the period).';
  const path = METRICS[o.metric].shape === 'flow' ? 'from zero' : 'from the baseline';
  return `Expected by ${formatDate(asOf)}: ${formatMetric(money, o.metric, o.pace.expected, cur, o.unit)} on a straight line ${path} to the target by the end of ${quarterText(o.due_quarter, cal)}. Actual: ${formatMetric(money, o.metric, o.actual, cur, o.unit)}.`;
}
