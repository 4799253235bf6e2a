/** The Actions page: the book's next-best actions, grouped by when they are due, worked through with the keyboard. */
import { useState, type ChangeEvent } from 'react';
import type { ActionRuleId } from '../../../src-shared/methods/actions';
import { useLatestEvent, useQuery } from '../../api/hooks';
import { withShare } from '../../lib/progress-words';
import { useBookLoading } from '../../api/bookLoading';
import { BookLoadingPage } from '../../components/BookLoadingNotice';
import { useBookScope } from '../../api/identity';
import { ScopeToggle } from '../../components/ScopeToggle';
import { EmptyState, ErrorBanner, Loading } from '../../components/ui';
import { formatCount, formatDate } from '../../lib/format';
import { ActionList } from './ActionList';
import { Digest } from './Digest';
import { NO_FILTERS, REFRESH_ON, type Filters } from './model';
import { CapacityControl, WeekView } from './WeekView';
import './actions.css';

const PAGE = 100;
/** The list or the week plan, kept while the app runs. */
const actionsMemory: { view: 'list' | 'week' } = { view: 'list' };

function ActionsPage() {
  const [showHidden, setShowHidden] = useState(false);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [perBucket, setPerBucket] = useState(PAGE);
  const [view, setView] = useState<'list' | 'week'>(actionsMemory.view);
  const pickView = (v: 'list' | 'week') => {
    actionsMemory.view = v;
    setView(v);
  };
  const book = useBookScope();
  // Filters and paging run in the main process: a manager's whole book can hold many thousands of actions.
  const input = {
    ...(filters.rule ? { rule: filters.rule as ActionRuleId } : {}),
    ...(filters.partner ? { partnerId: filters.partner } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
    ...(showHidden ? { includeHidden: true } : {}),
    scope: book.scope,
    perBucket,
  };
  const bookLoad = useBookLoading();
  const query = useQuery('actions.list', input, { refreshOn: REFRESH_ON, enabled: !!book.scope && !bookLoad });
  const { error, loading, refetch } = query;
  // Keep showing the last list while a new filter's list loads (no flash, focus stays in the filter).
  const [last, setLast] = useState(query.data);
  if (query.data && query.data !== last) setLast(query.data);
  const data = query.data ?? last;
  // A large book's first ranking takes seconds (in the actions worker): how far it has got.
  const progress = useLatestEvent('actions.progress', loading && !data);
  const facets = data?.facets;
  const set = (k: keyof Filters) => (e: ChangeEvent<HTMLSelectElement>) => {
    setPerBucket(PAGE);
    setFilters((f) => ({ ...f, [k]: e.target.value }));
  };
  const filtered = filters.rule || filters.partner || filters.tier || filters.owner;

  if (bookLoad) {
    // Actions ranked on part of the book would put the wrong things in Today.
    return <BookLoadingPage load={bookLoad} what="Today’s actions, the week and the backlog" testId="page-actions" />;
  }
  if (error && !data) {
    return (
      <div className="page page-narrow">
        <ErrorBanner error={error} onRetry={() => void refetch()} />
      </div>
    );
  }
  if (!data) return <Loading label={loading ? withShare('Working out today’s actions…', progress) : ''} />;

  return (
    <div className="page act-page" data-testid="page-actions">
      <div className="filterbar act-filters" role="search">
        <ScopeToggle state={book} />
        {/* The week plan covers the whole book in view: the list's filters do not apply to it. */}
        {view === 'list' ? (
          <>
            <select className={`select${filters.rule ? ' is-set' : ''}`} value={filters.rule} onChange={set('rule')} aria-label="Rule" data-testid="filter-rule">
              <option value="">All rules</option>
              {facets?.rules.map((r) => (
                <option key={r.id} value={r.id} disabled={r.n === 0 && filters.rule !== r.id}>
                  {r.label} ({r.n})
                </option>
              ))}
            </select>
            <select className={`select${filters.partner ? ' is-set' : ''}`} value={filters.partner} onChange={set('partner')} aria-label="Partner" data-testid="filter-partner">
              <option value="">All partners</option>
              {facets?.partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label} ({p.n})
                </option>
              ))}
            </select>
            <select className={`select${filters.tier ? ' is-set' : ''}`} value={filters.tier} onChange={set('tier')} aria-label="Tier" data-testid="filter-tier">
              <option value="">All tiers</option>
              {facets?.tiers.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label} ({t.n})
                </option>
              ))}
            </select>
            {/* A CAM's own book has one owner: nothing to filter by. */}
            {(facets?.owners.length ?? 0) > 1 || filters.owner ? (
              <select className={`select${filters.owner ? ' is-set' : ''}`} value={filters.owner} onChange={set('owner')} aria-label="Owner" data-testid="filter-owner">
                <option value="">All owners</option>
                {facets?.owners.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label} ({o.n})
                  </option>
                ))}
              </select>
            ) : null}
            {filtered ? (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setFilters(NO_FILTERS)} data-testid="filter-clear">
                Clear
              </button>
            ) : null}
            <label className="act-toggle">
              <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} data-testid="show-hidden" />
              Show snoozed, done &amp; dismissed{data.hiddenCount ? ` (${formatCount(data.hiddenCount)})` : ''}
            </label>
          </>
        ) : null}
        <span className="filterbar-spacer" />
        <span className="count" data-testid="action-count">
          {formatCount(data.openCount)} open
          <span className="count-sub"> · as of {formatDate(data.asOf)}</span>
        </span>
      </div>
      <Digest />
      <div className="act-planbar">
        <div className="scope-toggle" role="radiogroup" aria-label="View" data-testid="actions-view">
          <button type="button" role="radio" aria-checked={view === 'list'} className={`scope-opt${view === 'list' ? ' is-on' : ''}`} onClick={() => pickView('list')} data-testid="view-list">
            Today &amp; backlog
          </button>
          <button type="button" role="radio" aria-checked={view === 'week'} className={`scope-opt${view === 'week' ? ' is-on' : ''}`} onClick={() => pickView('week')} data-testid="view-week">
            Plan my week
          </button>
        </div>
        <CapacityControl capacity={data.capacity} />
        <span className="filterbar-spacer" />
        {view === 'list' ? (
          <p className="act-keys muted" aria-hidden="true">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>Enter</kbd> evidence · <kbd>e</kbd> done · <kbd>s</kbd> snooze · <kbd>x</kbd> dismiss · <kbd>u</kbd> undo
          </p>
        ) : null}
      </div>
      {view === 'week' && book.scope ? (
        <WeekView scope={book.scope} />
      ) : data.actions.length === 0 ? (
        <EmptyState
          icon="check"
          title={
            filtered
              ? 'No actions match these filters'
              : data.hiddenCount > 0
                ? 'Nothing to do — every action is handled'
                : // None were ever raised (a partner list alone has nothing the rules read): not "handled".
                  'Nothing in this book calls for an action today'
          }
        >
          {filtered ? 'Clear a filter to see more.' : 'New actions appear as the book changes.'}
        </EmptyState>
      ) : (
        <ActionList
          actions={data.actions}
          asOf={data.asOf}
          keyboard
          buckets={data.buckets}
          capacity={data.capacity}
          onMore={() => setPerBucket((n) => n + PAGE)}
        />
      )}
    </div>
  );
}

export default ActionsPage;
