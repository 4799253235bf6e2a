/** Plans across my book (or every partner's): filter by status, period and owner; open one; start a new one. */
import { useMemo, useState } from 'react';
import type { PlanListRow } from '../../../src-shared/methods/plans';
import { useQuery } from '../../api/hooks';
import { useBookScope } from '../../api/identity';
import { useCalendar } from '../../api/calendar';
import { periodChoiceText } from '../../../src-shared/domain/fiscal-text';
import { href, navigate } from '../../app/router';
import { ScopeToggle } from '../../components/ScopeToggle';
import { Chip, EmptyState, ErrorBanner, Loading } from '../../components/ui';
import { BookLoadingNotice, BookPending } from '../../components/BookLoadingNotice';
import { useBookLoading } from '../../api/bookLoading';
import { plural } from '../../../src-shared/format';
import { formatCount, formatDate } from '../../lib/format';
import { NewPlanDialog } from './NewPlanDialog';
import { PACE_LABELS, PACE_TONES } from './planFormat';
import './plans.css';

const view = { status: '', period: '', owner: '' };
const PACE_SHORT = { off_track: 'off track', at_risk: 'at risk', on_track: 'on track', done: 'done' } as const;

function PlansPage() {
  const [status, setStatusState] = useState(view.status);
  const [period, setPeriodState] = useState(view.period);
  const [owner, setOwnerState] = useState(view.owner);
  const [creating, setCreating] = useState(false);
  const setStatus = (v: string) => setStatusState((view.status = v));
  const setPeriod = (v: string) => setPeriodState((view.period = v));
  const setOwner = (v: string) => setOwnerState((view.owner = v));
  const book = useBookScope();
  const calendar = useCalendar();
  const all = useQuery('plans.list', { scope: book.scope }, { refreshOn: ['jbp', 'jbp_objective', 'jbp_initiative', 'outbox', 'opportunity'], enabled: !!book.scope });
  const rows = useMemo(() => all.data ?? [], [all.data]);
  const periods = useMemo(() => [...new Set(rows.map((r) => r.period))].sort().reverse(), [rows]);
  const owners = useMemo(() => [...new Map(rows.map((r) => [r.owner_id, r.owner_name])).entries()].sort((a, b) => a[1].localeCompare(b[1])), [rows]);
  const shown = rows.filter((r) => (!status || r.status === status) && (!period || r.period === period) && (!owner || r.owner_id === owner));
  const load = useBookLoading();

  return (
    <div className="page page-fill plans-page" data-testid="page-plans">
      <div className="filterbar">
        <ScopeToggle state={book} />
        <select className={`select${status ? ' is-set' : ''}`} value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Status" data-testid="filter-status">
          <option value="">Any status</option>
          <option value="draft">Draft</option>
          <option value="signed">Signed</option>
        </select>
        <select className={`select${period ? ' is-set' : ''}`} value={period} onChange={(e) => setPeriod(e.target.value)} aria-label="Period" data-testid="filter-period">
          <option value="">Any period</option>
          {periods.map((p) => (
            <option key={p} value={p}>
              {periodChoiceText(p, calendar)}
            </option>
          ))}
        </select>
        <select className={`select${owner ? ' is-set' : ''}`} value={owner} onChange={(e) => setOwner(e.target.value)} aria-label="Owner" data-testid="filter-owner">
          <option value="">Any owner</option>
          {owners.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <span className="count" data-testid="plans-count">
          {plural(shown.length, 'plan')}
          {shown.length !== rows.length ? <span className="count-sub"> of {formatCount(rows.length)}</span> : null}
        </span>
        <span className="filterbar-spacer" />
        <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-plan">
          New plan
        </button>
      </div>
      {load ? <BookLoadingNotice load={load} what="Progress, pace and new plans" /> : null}
      {all.error && !all.data ? <ErrorBanner error={all.error} onRetry={() => void all.refetch()} /> : null}
      {!all.data && !all.error ? <Loading label="Loading plans…" /> : null}
      {all.data && shown.length === 0 ? (
        load && !rows.length ? (
          // Plans come late in a first sync: none here yet is not "no plans".
          <EmptyState title="Your plans are on their way">They arrive with the rest of the book.</EmptyState>
        ) : (
          <EmptyState title={rows.length ? 'No plans match these filters' : 'No joint business plans yet'}>Start one with “New plan”.</EmptyState>
        )
      ) : null}
      {shown.length ? (
        <div className="panel plans-table-wrap">
          <PlansTable rows={shown} />
        </div>
      ) : null}
      <NewPlanDialog open={creating} onOpenChange={setCreating} />
    </div>
  );
}

export function PlansTable({ rows, compact }: { rows: PlanListRow[]; compact?: boolean }) {
  // Progress and pace are measured on the book: not from part of it.
  const arriving = useBookLoading() !== null;
  return (
    <table className="dtable plans-table" data-testid="plans-table">
      <thead>
        <tr>
          <th>{compact ? 'Plan' : 'Partner · plan'}</th>
          <th>Period</th>
          <th>Status</th>
          <th className="num">Progress</th>
          <th>Objectives</th>
          <th className="num">Initiatives</th>
          {!compact ? <th>Owner</th> : null}
          <th>Sync</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.id}
            data-testid="plan-row"
            data-id={r.id}
            tabIndex={0}
            className="is-link"
            onClick={() => navigate(`/plans/${encodeURIComponent(r.id)}`)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') navigate(`/plans/${encodeURIComponent(r.id)}`);
              if (e.key === 'ArrowDown') (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
              if (e.key === 'ArrowUp') (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
            }}
          >
            <td className="plan-cell">
              <a href={href(`/plans/${encodeURIComponent(r.id)}`)} onClick={(e) => e.stopPropagation()} className="plan-link" title={compact ? r.title : r.partner_name}>
                {compact ? r.title : r.partner_name}
              </a>
              {!compact ? <span className="plan-sub" title={r.title}>{r.title}</span> : null}
            </td>
            <td>{r.period}</td>
            <td title={signedTitle(r)}>
              <Chip tone={r.status === 'signed' ? 'green' : 'amber'}>{r.status === 'signed' ? 'Signed' : r.vendor_signoff_at || r.partner_signoff_at ? '1 of 2 signed' : 'Draft'}</Chip>
              <span className="muted rev"> r{r.revision}</span>
            </td>
            <td className="num">
              {arriving ? (
                <BookPending />
              ) : r.progress == null ? (
                <span className="muted">—</span>
              ) : (
                <span className="mini-progress" title="Weighted % to target (each objective capped at 100%)">
                  <span className="mini-track">
                    <span className="mini-fill" style={{ width: `${Math.min(100, r.progress)}%` }} />
                  </span>
                  {Math.round(r.progress)}%
                </span>
              )}
            </td>
            <td>
              <span className="pace-counts">
                {arriving && r.objectives ? <BookPending /> : null}
                {(['off_track', 'at_risk', 'on_track', 'done'] as const).map((s) =>
                  r.pace[s] && !arriving ? (
                    <Chip key={s} tone={PACE_TONES[s]} title={`${r.pace[s]} ${PACE_LABELS[s].toLowerCase()}`}>
                      {r.pace[s]} {PACE_SHORT[s]}
                    </Chip>
                  ) : null,
                )}
                {r.objectives === 0 ? <span className="muted">none</span> : null}
                {r.weight_sum !== 100 && r.objectives ? (
                  // In words: a bare "Σ90" beside the chips meant nothing to a reader.
                  <span className="warn-text weight-flag" title={`The objectives' weights add up to ${r.weight_sum}, not 100`} data-testid="plan-weight-flag">
                    weights {r.weight_sum}/100
                  </span>
                ) : null}
              </span>
            </td>
            <td className="num">
              {r.open_initiatives}
              <span className="muted"> / {r.initiatives}</span>
            </td>
            {!compact ? <td>{r.owner_name}</td> : null}
            <td>
              {r.conflicts ? <span className="marker marker-danger">Conflict</span> : r.pending ? <span className="marker marker-warn">{r.pending} pending</span> : <span className="muted">Synced</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function signedTitle(r: PlanListRow): string {
  const parts = [
    r.vendor_signoff_at ? `we signed ${formatDate(r.vendor_signoff_at)}` : null,
    r.partner_signoff_at ? `partner signed ${formatDate(r.partner_signoff_at)}` : null,
  ].filter(Boolean);
  return parts.length ? `Revision ${r.revision}: ${parts.join(', ')}` : `Revision ${r.revision}, not signed`;
}

export default PlansPage;
