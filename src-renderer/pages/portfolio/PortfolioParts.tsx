/**
 * The Portfolio page's fixed parts around its grid: the filter bar (search and one
 * drop-down per filter), the sortable column headers, and the hint line under the grid
 * with the health model it was scored by, and what the grid says when it has no rows.
 */
import type { RefObject } from 'react';
import type { HealthPortfolio } from '../../../src-shared/methods/health';
import type { BookScopeState } from '../../api/identity';
import { useSyncNow } from '../../app/StatusBar';
import { Icon } from '../../components/Icon';
import { EmptyState } from '../../components/ui';
import { UpdatingHealth } from '../health/bits';
import { formatCount, formatDate } from '../../lib/format';
import type { ColumnDef } from './columns';
import { FILTER_KEYS, FILTER_LABELS, isFiltered, type FilterKey, type FilterOptions, type PortfolioView } from './view';

export function FilterBar(props: {
  view: PortfolioView;
  options: FilterOptions;
  searchRef: RefObject<HTMLInputElement | null>;
  onSearch: (search: string) => void;
  onFilter: (key: FilterKey, value: string) => void;
  onClear: () => void;
  /** ↓ or Enter in the search box: on to the grid. */
  onLeaveSearch: () => void;
}) {
  const { view, options, searchRef, onSearch, onFilter, onClear, onLeaveSearch } = props;
  return (
    <div className="filterbar pf-filterbar" role="search">
      <label className="filter-search">
        <Icon name="search" size={14} />
        <input
          ref={searchRef}
          type="search"
          placeholder="Name or id"
          value={view.search}
          onChange={(e) => onSearch(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              onLeaveSearch();
            } else if (e.key === 'Escape' && e.currentTarget.value) {
              e.preventDefault();
              onSearch('');
            }
          }}
          aria-label="Search partners by name or id"
          data-testid="filter-name"
        />
        <kbd className="filter-kbd">/</kbd>
      </label>
      {FILTER_KEYS.map((key) => (
        <select
          key={key}
          className={`select pf-filter-${key}${view.filters[key] ? ' is-set' : ''}`}
          value={view.filters[key] ?? ''}
          onChange={(e) => onFilter(key, e.target.value)}
          aria-label={`Filter by ${key}`}
          data-testid={`filter-${key}`}
        >
          <option value="">{FILTER_LABELS[key]}</option>
          {options[key].map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ))}
      {isFiltered(view) ? (
        <button type="button" className="btn btn-ghost btn-small" onClick={onClear} data-testid="filter-clear">
          Clear
        </button>
      ) : null}
    </div>
  );
}

export function GridHead({ columns, sort, onSort }: { columns: ColumnDef[]; sort: PortfolioView['sort']; onSort: (c: ColumnDef) => void }) {
  return (
    <div className="pf-head" role="row" aria-rowindex={1}>
      {columns.map((c) => {
        const sorted = sort.id === c.id ? (sort.desc ? 'desc' : 'asc') : null;
        return (
          <div
            key={c.id}
            role="columnheader"
            aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
            className={c.numeric ? 'pf-th num' : 'pf-th'}
            title={c.title}
            data-testid={`col-${c.id}`}
          >
            <button type="button" className="th-btn" onClick={() => onSort(c)} tabIndex={-1}>
              {c.label}
              <span className={`sort-ind${sorted ? ' is-on' : ''}`} aria-hidden="true">
                {sorted === 'asc' ? '▲' : '▼'}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
}

/** The keys to use, and (once the whole book's scores are in: `data`) what they were scored by. */
export function GridHint({ data, highRisk }: { data: HealthPortfolio | null; highRisk: number }) {
  return (
    <div className="grid-hint">
      <span aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>/</kbd> search · click a header to sort
      </span>
      <span className="filterbar-spacer" />
      {data ? (
        <span title={data.model.reason} data-testid="portfolio-model">
          {data.refreshing ? (
            // The scores shown are the last ones while the book's health is recomputed (fresh ones follow on their own).
            <>
              <UpdatingHealth testId="portfolio-refreshing" />{' '}
              ·{' '}
            </>
          ) : null}
          Health as of {formatDate(data.asOf)} · trend vs {formatDate(data.previousAsOf)} · {formatCount(highRisk)} high churn risk · churn risk from{' '}
          {data.model.kind === 'logistic' ? `a fitted model (AUC ${data.model.auc?.toFixed(2)})` : 'rules (history too thin for a model)'}
        </span>
      ) : null}
    </div>
  );
}

/** What the grid says when it has no rows: nobody's partners are mine, the book is empty, or the filters match none. */
export function GridEmpty({
  rows,
  shown,
  book,
  arriving,
  partial,
  onClearFilters,
}: {
  rows: number;
  shown: number;
  book: BookScopeState;
  /** The workspace's first sync is still bringing the book in. */
  arriving: boolean;
  /** Only the book's first rows are in (`rows` of them): the whole book is on its way. */
  partial: boolean;
  onClearFilters: () => void;
}) {
  const syncNow = useSyncNow();
  if (rows === 0 && arriving) {
    return (
      <EmptyState icon="sync" title="Your partners are on their way">
        <p>The first sync is bringing your book in; partners appear here as they arrive.</p>
      </EmptyState>
    );
  }
  if (rows === 0 && book.scope === 'mine' && book.scoped) {
    return (
      <EmptyState icon="filter" title="You own no partners in this book">
        <button type="button" className="btn btn-small" onClick={() => book.setScope('all')}>
          Show all partners
        </button>
      </EmptyState>
    );
  }
  if (rows === 0) {
    return (
      <EmptyState icon="sync" title="Your partner book is empty">
        <p>Run a sync to pull your partners from the PRM.</p>
        <button type="button" className="btn btn-primary" onClick={syncNow.run} disabled={syncNow.starting}>
          {syncNow.starting ? 'Syncing…' : 'Sync now'}
        </button>
      </EmptyState>
    );
  }
  if (shown === 0 && partial) {
    // None of the first rows matches: the rest of the book may.
    return (
      <EmptyState icon="filter" title="Looking through the whole book…">
        <p data-testid="portfolio-no-match-yet">No match in the first {rows} partners; the rest are on their way.</p>
      </EmptyState>
    );
  }
  if (shown === 0) {
    return (
      <EmptyState icon="filter" title="No partners match">
        <button type="button" className="btn btn-small" onClick={onClearFilters} data-testid="portfolio-clear-filters">
          Clear filters
        </button>
      </EmptyState>
    );
  }
  return null;
}
