/**
 * The partner book as a dense, virtualized grid: sortable headers, a filter bar, row
 * count, keyboard selection (↑/↓, PgUp/PgDn, Home/End, Enter opens). Stays smooth at
 * 5,000+ rows: only the visible rows are rendered.
 */
import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  getFilteredRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnFiltersState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { PARTNER_STATUSES, PARTNER_TYPES, REGIONS } from '../../../src-shared/domain/entities';
import { formatMoneyShort } from '../../../src-shared/domain/money';
import type { PartnerRow } from '../../../src-shared/methods/partners';
import { useQuery } from '../../api/hooks';
import { definePage } from '../../app/page';
import { navigate } from '../../app/router';
import { useSyncNow } from '../../app/StatusBar';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorBanner, Loading, StatusChip, TierChip } from '../../components/ui';
import { formatCount, formatMoneyTotal, humanize } from '../../lib/format';

const ROW_HEIGHT = 34;

/** Kept across navigation so "back" from a partner returns to the same view. */
const viewState: {
  sorting: SortingState;
  filters: ColumnFiltersState;
  selectedId: string | null;
  scrollTop: number;
} = { sorting: [{ id: 'revenue_t4q', desc: true }], filters: [], selectedId: null, scrollTop: 0 };

const col = createColumnHelper<PartnerRow>();

const columns = [
  col.accessor('name', {
    header: 'Partner',
    filterFn: 'includesString',
    sortingFn: 'text',
    cell: (c) => (
      <span className="cell-name">
        <span className="cell-name-text">{c.getValue()}</span>
        <span className="cell-id">{c.row.original.id}</span>
      </span>
    ),
  }),
  col.accessor('tier_rank', {
    id: 'tier',
    header: 'Tier',
    sortDescFirst: true,
    filterFn: (row, _id, value: string) => row.original.tier_id === value,
    cell: (c) => <TierChip name={c.row.original.tier_name} rank={c.row.original.tier_rank} />,
  }),
  col.accessor('type', { header: 'Type', filterFn: 'equals', cell: (c) => humanize(c.getValue()) }),
  col.accessor('region', { header: 'Region', filterFn: 'equals' }),
  col.accessor('owner_name', {
    id: 'owner',
    header: 'Owner',
    sortingFn: 'text',
    filterFn: (row, _id, value: string) => row.original.owner_id === value,
  }),
  col.accessor('status', {
    header: 'Status',
    filterFn: 'equals',
    sortingFn: (a, b) => statusOrder(a.original.status) - statusOrder(b.original.status),
    cell: (c) => <StatusChip status={c.getValue()} />,
  }),
  col.accessor('revenue_t4q', {
    header: 'Revenue T4Q',
    sortDescFirst: true,
    meta: { numeric: true },
    cell: (c) => formatMoneyShort(c.getValue(), c.row.original.currency),
  }),
];

function statusOrder(s: string): number {
  return ['at_risk', 'onboarding', 'active', 'churned'].indexOf(s);
}

const COL_WIDTHS: Record<string, string | undefined> = {
  name: undefined,
  tier: '112px',
  type: '112px',
  region: '96px',
  owner: '180px',
  status: '124px',
  revenue_t4q: '128px',
};

type FilterKey = 'tier' | 'type' | 'region' | 'owner' | 'status';

function PortfolioPage() {
  const { data, error, loading, refetch } = useQuery('partners.list', {}, { refreshOn: ['partner', 'opportunity', 'tier', 'user'] });
  const rows = useMemo(() => data ?? [], [data]);
  const syncNow = useSyncNow();

  const [sorting, setSorting] = useState<SortingState>(viewState.sorting);
  const [filters, setFilters] = useState<ColumnFiltersState>(viewState.filters);
  const [selectedId, setSelectedId] = useState<string | null>(viewState.selectedId);

  useEffect(() => {
    viewState.sorting = sorting;
    viewState.filters = filters;
    viewState.selectedId = selectedId;
  }, [sorting, filters, selectedId]);

  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting, columnFilters: filters },
    onSortingChange: setSorting,
    onColumnFiltersChange: setFilters,
    getCoreRowModel: getCoreRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => r.id,
    enableSortingRemoval: false,
  });

  const visible = table.getRowModel().rows;
  const selectedIndex = selectedId ? visible.findIndex((r) => r.id === selectedId) : -1;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 16,
    initialOffset: viewState.scrollTop,
  });

  const filterValue = (id: string) => (filters.find((f) => f.id === id)?.value as string | undefined) ?? '';
  const setFilter = (id: string, value: string) => {
    setFilters((prev) => {
      const rest = prev.filter((f) => f.id !== id);
      return value ? [...rest, { id, value }] : rest;
    });
    scrollRef.current?.scrollTo({ top: 0 });
  };

  const options = useMemo(() => {
    const tiers = new Map<string, { name: string; rank: number }>();
    const owners = new Map<string, string>();
    for (const r of rows) {
      tiers.set(r.tier_id, { name: r.tier_name, rank: r.tier_rank });
      owners.set(r.owner_id, r.owner_name);
    }
    return {
      tier: [...tiers].sort((a, b) => b[1].rank - a[1].rank).map(([value, t]) => ({ value, label: t.name })),
      type: PARTNER_TYPES.map((value) => ({ value, label: humanize(value) })),
      region: REGIONS.map((value) => ({ value, label: value })),
      owner: [...owners].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ value, label })),
      status: PARTNER_STATUSES.map((value) => ({ value, label: humanize(value) })),
    } satisfies Record<FilterKey, { value: string; label: string }[]>;
  }, [rows]);

  const total = useMemo(() => {
    const currencies = new Set(visible.map((r) => r.original.currency));
    if (currencies.size !== 1) return null;
    let sum = 0;
    for (const r of visible) sum += r.original.revenue_t4q;
    return formatMoneyTotal(sum, [...currencies][0]);
  }, [visible]);

  const open = (id: string) => {
    viewState.scrollTop = scrollRef.current?.scrollTop ?? 0;
    setSelectedId(id);
    navigate(`/partners/${encodeURIComponent(id)}`);
  };

  const moveTo = (index: number) => {
    if (visible.length === 0) return;
    const i = Math.max(0, Math.min(visible.length - 1, index));
    setSelectedId(visible[i]!.id);
    virtualizer.scrollToIndex(i, { align: 'auto' });
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const at = selectedIndex;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(at < 0 ? 0 : at + 1);
        break;
      case 'ArrowUp':
        moveTo(at < 0 ? 0 : at - 1);
        break;
      case 'PageDown':
        moveTo(at + page);
        break;
      case 'PageUp':
        moveTo(at - page);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(visible.length - 1);
        break;
      case 'Enter':
        if (at >= 0) open(visible[at]!.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && t?.tagName !== 'INPUT' && t?.tagName !== 'SELECT' && t?.tagName !== 'TEXTAREA') {
        e.preventDefault();
        nameInput.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const anyFilter = filters.length > 0;
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  return (
    <div className="page page-fill" data-testid="page-portfolio">
      <div className="filterbar" role="search">
        <label className="filter-search">
          <Icon name="search" size={14} />
          <input
            ref={nameInput}
            type="search"
            placeholder="Filter by name or id"
            value={filterValue('name')}
            onChange={(e) => setFilter('name', e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                scrollRef.current?.focus();
                if (selectedIndex < 0) moveTo(0);
              } else if (e.key === 'Escape' && e.currentTarget.value) {
                e.preventDefault();
                setFilter('name', '');
              }
            }}
            aria-label="Filter partners by name"
            data-testid="filter-name"
          />
          <kbd className="filter-kbd">/</kbd>
        </label>
        {(['tier', 'type', 'region', 'owner', 'status'] as const).map((key) => (
          <select
            key={key}
            className={`select${filterValue(key) ? ' is-set' : ''}`}
            value={filterValue(key)}
            onChange={(e) => setFilter(key, e.target.value)}
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
        {anyFilter ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setFilters([])} data-testid="filter-clear">
            Clear filters
          </button>
        ) : null}
        <span className="filterbar-spacer" />
        <span className="count" aria-live="polite">
          <span data-testid="portfolio-count">
            {anyFilter ? `${formatCount(visible.length)} of ${formatCount(rows.length)} partners` : `${formatCount(rows.length)} partners`}
          </span>
          {total ? <span className="count-sub"> · {total} revenue T4Q</span> : null}
        </span>
      </div>

      {error && !data ? <ErrorBanner error={error} onRetry={() => void refetch()} /> : null}

      <div
        className="grid-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label="Partners"
        aria-rowcount={visible.length + 1}
        aria-activedescendant={selectedIndex >= 0 ? `prow-${visible[selectedIndex]!.id}` : undefined}
        onKeyDown={onGridKey}
        onFocus={(e) => {
          if (e.target === e.currentTarget && selectedIndex < 0 && visible.length) moveTo(0);
        }}
        data-testid="portfolio-grid"
      >
        <table className="grid" role="presentation">
          <colgroup>
            {table.getVisibleLeafColumns().map((c) => (
              <col key={c.id} style={COL_WIDTHS[c.id] ? { width: COL_WIDTHS[c.id] } : undefined} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id} role="row" aria-rowindex={1}>
                {hg.headers.map((h) => {
                  const sorted = h.column.getIsSorted();
                  const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                  return (
                    <th
                      key={h.id}
                      role="columnheader"
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                      className={numeric ? 'num' : undefined}
                      data-testid={`col-${h.column.id}`}
                    >
                      <button type="button" className="th-btn" onClick={h.column.getToggleSortingHandler()} tabIndex={-1}>
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span className={`sort-ind${sorted ? ' is-on' : ''}`} aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '▼'}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 ? (
              <tr aria-hidden="true" className="pad-row">
                <td colSpan={columns.length} style={{ height: padTop }} />
              </tr>
            ) : null}
            {items.map((vi) => {
              const row = visible[vi.index]!;
              const selected = row.id === selectedId;
              return (
                <tr
                  key={row.id}
                  id={`prow-${row.id}`}
                  role="row"
                  aria-rowindex={vi.index + 2}
                  aria-selected={selected}
                  className={selected ? 'is-selected' : undefined}
                  onClick={() => open(row.id)}
                  data-testid="portfolio-row"
                  data-partner-id={row.id}
                  style={{ height: ROW_HEIGHT }}
                >
                  {row.getVisibleCells().map((cell) => {
                    const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                    return (
                      <td
                        key={cell.id}
                        role="gridcell"
                        className={numeric ? 'num' : undefined}
                        data-col={cell.column.id}
                      >
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {padBottom > 0 ? (
              <tr aria-hidden="true" className="pad-row">
                <td colSpan={columns.length} style={{ height: padBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {!data && loading ? <Loading label="Loading your partner book…" /> : null}
        {data && rows.length === 0 ? (
          <EmptyState icon="sync" title="Your partner book is empty">
            <p>Run a sync to pull your partners from the PRM.</p>
            <button type="button" className="btn btn-primary" onClick={syncNow.run} disabled={syncNow.starting}>
              {syncNow.starting ? 'Syncing…' : 'Sync now'}
            </button>
          </EmptyState>
        ) : null}
        {data && rows.length > 0 && visible.length === 0 ? (
          <EmptyState icon="filter" title="No partners match these filters">
            <button type="button" className="btn btn-small" onClick={() => setFilters([])}>
              Clear filters
            </button>
          </EmptyState>
        ) : null}
      </div>
      <div className="grid-hint" aria-hidden="true">
        <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>/</kbd> filter · click a header to sort
      </div>
    </div>
  );
}

const FILTER_LABELS: Record<FilterKey, string> = {
  tier: 'All tiers',
  type: 'All types',
  region: 'All regions',
  owner: 'All owners',
  status: 'All statuses',
};

export const portfolioPage = definePage({
  id: 'portfolio',
  path: '/portfolio',
  title: 'Portfolio',
  nav: { label: 'Portfolio', icon: 'portfolio' },
  component: PortfolioPage,
});
