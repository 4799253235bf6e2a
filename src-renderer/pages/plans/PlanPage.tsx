/**
 * The plan editor (`/plans/:id`): header with partner, period, status, revision and the
 * save state; objectives grid with live actuals; initiatives; summary; sign-off; history.
 * Every edit autosaves to the outbox; "pending" means still in the outbox, "synced" on the server.
 */
import { useCallback, useRef, useState } from 'react';
import { useEvent, useQuery } from '../../api/hooks';
import { useIdentity } from '../../api/identity';
import { ApiCallError, describeError, invoke } from '../../api/client';
import { useSyncStatus } from '../../api/syncStatus';
import { usePageCrumbs } from '../../app/crumbs';
import { href, navigate, type Params } from '../../app/router';
import { Icon } from '../../components/Icon';
import { LimitCount } from '../../components/LimitCount';
import { LIMITS } from '../../../src-shared/domain/rules';
import { Chip, EmptyState, ErrorBanner, Loading, Panel } from '../../components/ui';
import { BookLoadingNotice } from '../../components/BookLoadingNotice';
import { useBookLoading } from '../../api/bookLoading';
import type { PlanDetail } from '../../../src-shared/methods/plans';
import { plural } from '../../../src-shared/format';
import { formatDate } from '../../lib/format';
import { Initiatives } from './Initiatives';
import { NewObjective } from './NewObjective';
import { ObjectivesGrid } from './ObjectivesGrid';
import { HistoryPanel, SignoffPanel } from './PlanSide';
import { SummaryEditor } from './Summary';
import { usePlanEditor, type PlanEditor } from './usePlanEditor';
import './plans.css';

export const PLAN_REFRESH = [
  'jbp',
  'jbp_objective',
  'jbp_initiative',
  'outbox',
  'opportunity',
  'deal_registration',
  'certification',
  'contact',
  'engagement_event',
];

function PlanPage({ params }: { params: Params }) {
  const id = params.id ?? '';
  const q = useQuery('plans.get', { id }, { refreshOn: PLAN_REFRESH });
  const refetch = q.refetch;
  const onSaved = useCallback(() => void refetch(), [refetch]);
  const editor = usePlanEditor(id, onSaved);
  // a push that lands (or fails) changes what is pending: refresh the saved/pending marks
  const lastPending = useRef<number | null>(null);
  useEvent('sync.status', (s) => {
    const n = s.pendingEdits + s.conflicts;
    if (lastPending.current !== null && lastPending.current !== n) void refetch();
    lastPending.current = n;
  });
  const d = q.data && q.data.plan.id === id ? q.data : undefined;
  usePageCrumbs([d?.partner.name, d?.plan.period]);

  if (q.error && !d) {
    if (q.error instanceof ApiCallError && q.error.code === 'not_found') {
      return (
        <div className="page page-narrow">
          <EmptyState icon="search" title="This plan isn't in your book">
            It may have been deleted. <a href={href('/plans')}>All plans</a>
          </EmptyState>
        </div>
      );
    }
    return (
      <div className="page page-narrow">
        <ErrorBanner error={q.error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!d) return <Loading label="Loading plan…" />;
  return <PlanEditorView d={d} editor={editor} refetch={onSaved} />;
}

function SaveState({ d, editor }: { d: PlanDetail; editor: PlanEditor }) {
  const { status } = useSyncStatus();
  const offline = status?.state === 'offline' || status?.state === 'error';
  let tone = 'ok';
  let text = 'All changes synced';
  if (editor.saving > 0) {
    tone = 'busy';
    text = 'Saving…';
  } else if (d.conflicts.length) {
    tone = 'warn';
    text = `${plural(d.conflicts.length, 'field needs', 'fields need')} a decision`;
  } else if (d.pending > 0) {
    tone = 'pending';
    text = offline
      ? `${plural(d.pending, 'edit')} saved here — will sync when back online`
      : `${plural(d.pending, 'edit')} saved here, waiting to sync`;
  }
  return (
    <span className={`save-state save-${tone}`} data-testid="save-state" data-state={tone} role="status" aria-live="polite">
      <span className="save-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

function PlanEditorView({ d, editor, refetch }: { d: PlanDetail; editor: PlanEditor; refetch: () => void }) {
  const [addingObjective, setAddingObjective] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [titleDraft, setTitleDraft] = useState<string | null>(null);
  const p = d.plan;
  const titleConflict = d.conflicts.find((c) => c.record_id === p.id && c.field === 'title');
  const load = useBookLoading();

  const rename = async (title: string) => {
    if (title.trim() === p.title) return;
    const res = await editor.save({ entity: 'jbp', id: p.id, field: 'title', before: p.title, after: title.trim(), label: 'the title' });
    if (!res.ok) setDeleteError(res.error ?? null);
  };

  return (
    <div className={`page plan-page${d.locked ? ' is-locked' : ''}`} data-testid="page-plan">
      <header className="plan-head">
        <div className="plan-title-row">
          <a className="back-link" href={href('/plans')} title="All plans">
            <Icon name="back" size={16} />
            <span className="sr-only">All plans</span>
          </a>
          {d.locked ? (
            <h2 className="plan-title" data-testid="plan-title">
              {p.title}
            </h2>
          ) : (
            <span className="plan-title-wrap">
              <input
                key={p.title}
                className={`plan-title plan-title-input${titleConflict ? ' has-conflict' : ''}`}
                defaultValue={p.title}
                aria-label="Plan title"
                data-testid="plan-title"
                onChange={(e) => setTitleDraft(e.target.value)}
                onBlur={(e) => void rename(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                }}
              />
              <LimitCount value={titleDraft ?? p.title} max={LIMITS.planTitle} className="is-pinned" testId="plan-title-count" />
            </span>
          )}
          <Chip tone={p.status === 'signed' ? 'green' : 'amber'}>
            <span className="chip-dot" aria-hidden="true" />
            <span data-testid="plan-status">{p.status === 'signed' ? 'Signed' : 'Draft'}</span>
          </Chip>
          <span className="plan-rev" data-testid="plan-revision">
            Revision {p.revision}
          </span>
          <span className="filterbar-spacer" />
          <SaveState d={d} editor={editor} />
          {/* A signed plan is read-only: nothing to undo or redo. */}
          {p.status === 'signed' ? null : (
            <span className="undo-btns">
              <button type="button" className="btn btn-small" disabled={!editor.canUndo} onClick={() => void editor.undo()} title={editor.nextUndo ? `Undo ${editor.nextUndo.label} (Ctrl/⌘+Z)` : 'Nothing to undo'} data-testid="undo">
                Undo
              </button>
              <button type="button" className="btn btn-small" disabled={!editor.canRedo} onClick={() => void editor.redo()} title="Redo (Shift+Ctrl/⌘+Z)" data-testid="redo">
                Redo
              </button>
            </span>
          )}
          <a className="btn btn-small" href={href(`/plans/${encodeURIComponent(p.id)}/print`)} data-testid="print-link">
            Print view
          </a>
        </div>
        <dl className="facts">
          <div className="fact">
            <dt>Partner</dt>
            <dd>
              <a href={href(`/partners/${encodeURIComponent(d.partner.id)}`)}>{d.partner.name}</a> · {d.partner.tier_name}
            </dd>
          </div>
          <div className="fact">
            <dt>Period</dt>
            <dd data-testid="plan-period">
              {p.period} · {formatDate(d.period.start)} – {formatDate(d.period.end)}
            </dd>
          </div>
          <div className="fact">
            <dt>Actuals as of</dt>
            <dd>{formatDate(d.as_of)}</dd>
          </div>
          <div className="fact">
            <dt>Owner</dt>
            <dd>{d.partner.owner_name}</dd>
          </div>
          <div className="fact">
            <dt>Edits recorded as</dt>
            <dd>
              <ActorName name={d.actor} onChanged={refetch} />
            </dd>
          </div>
        </dl>
      </header>

      {load ? <BookLoadingNotice load={load} what="Live actuals, progress, pace and the baselines of new linked objectives" /> : null}
      {editor.lastError || deleteError ? (
        <div className="banner banner-error" role="alert">
          <Icon name="alert" />
          <span>{editor.lastError ?? deleteError}</span>
          <button type="button" className="btn btn-small" onClick={() => { editor.clearError(); setDeleteError(null); }}>
            Dismiss
          </button>
        </div>
      ) : null}

      <Panel
        title="Objectives"
        className="plan-objectives"
        actions={
          !d.locked && !addingObjective ? (
            <button type="button" className="btn btn-small" onClick={() => setAddingObjective(true)} data-testid="add-objective">
              + Add objective
            </button>
          ) : null
        }
      >
        {addingObjective ? (
          <NewObjective
            d={d}
            onDone={(created) => {
              setAddingObjective(false);
              if (created) refetch();
            }}
          />
        ) : null}
        {d.objectives.length ? (
          <ObjectivesGrid d={d} editor={editor} onChanged={refetch} arriving={!!load} />
        ) : (
          <EmptyState compact title="No objectives yet">Add what this plan should achieve, linked to live numbers.</EmptyState>
        )}
      </Panel>

      <div className="plan-cols">
        <Panel title="Initiatives" className="plan-initiatives">
          <Initiatives d={d} editor={editor} onChanged={refetch} />
        </Panel>
        <div className="plan-side">
          <Panel title="Sign-off">
            <SignoffPanel d={d} onChanged={refetch} />
          </Panel>
          <Panel title="Summary" className="plan-summary">
            <SummaryEditor d={d} editor={editor} />
          </Panel>
          <Panel title="History">
            <HistoryPanel d={d} />
          </Panel>
          {!d.locked ? (
            <button
              type="button"
              className="btn btn-small btn-ghost danger-text plan-delete"
              onClick={() => {
                if (!window.confirm(`Delete “${p.title}”? Its objectives and initiatives go with it.`)) return;
                void invoke('plans.delete', { id: p.id }).then(
                  () => navigate('/plans'),
                  (err: unknown) => setDeleteError(describeError(err)),
                );
              }}
            >
              Delete this draft plan
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The name edits are recorded under: the person signed in to the source, else "your name" (click to change; empty = the partner's owner). */
function ActorName({ name, onChanged }: { name: string; onChanged: () => void }) {
  const [editing, setEditing] = useState(false);
  const { identity } = useIdentity();
  if (identity?.user && (identity.status === 'confirmed' || identity.status === 'unconfirmed')) {
    return (
      <span title={`Signed in to ${identity.source ?? 'the source'}`} data-testid="actor-name">
        {name}
      </span>
    );
  }
  if (!editing) {
    return (
      <button type="button" className="link-btn" onClick={() => setEditing(true)} title="Change the name your edits are recorded under" data-testid="actor-name">
        {name}
      </button>
    );
  }
  const save = (value: string) => {
    setEditing(false);
    void invoke('plans.actor.set', { name: value }).then(onChanged);
  };
  return (
    <input
      className="input actor-input"
      defaultValue={name}
      autoFocus
      aria-label="Your name"
      placeholder="Your name (empty: the partner's owner)"
      onBlur={(e) => save(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') save((e.target as HTMLInputElement).value);
        if (e.key === 'Escape') setEditing(false);
      }}
    />
  );
}

export default PlanPage;
