/**
 * The virtualized body of the portfolio grid. Rows are absolutely positioned divs of a
 * fixed height with `contain: strict`, so a scroll frame lays out only the rows entering
 * the window; they are keyed by slot and memoised, so a row entering reuses the elements
 * of the one that left and rows already on screen do not re-render. The virtualizer lives here: scrolling re-renders this, not the toolbar.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, type MouseEvent, type RefObject } from 'react';
import { formatCount } from '../../lib/format';
import { useMoney } from '../../lib/money';
import type { MoneyFormat } from '../../../src-shared/format';
import type { ColumnDef, Row } from './columns';
import type { GroupItem, Item } from './view';

export const ROW_HEIGHT = 34;
export const GROUP_HEIGHT = 38;
export const HEADER_HEIGHT = 34;

export interface GridHandle {
  scrollToIndex: (i: number) => void;
}

export const GridBody = memo(function GridBody({
  items,
  columns,
  selectedId,
  collapsed,
  onOpen,
  onToggleGroup,
  scrollEl,
  handleRef,
  initialOffset,
}: {
  items: Item[];
  columns: ColumnDef[];
  selectedId: string | null;
  collapsed: Set<string>;
  onOpen: (id: string) => void;
  onToggleGroup: (key: string) => void;
  scrollEl: HTMLDivElement | null;
  handleRef: RefObject<GridHandle | null>;
  initialOffset: number;
}) {
  // Read once here for every row (a changed money display renders the body again).
  const money = useMoney();
  // Stable callbacks: the virtualizer recomputes every item's measurement (5,000 of them)
  // whenever these change identity, which on every scroll frame would cost milliseconds.
  const estimateSize = useCallback((i: number) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT), [items]);
  const getItemKey = useCallback(
    (i: number) => {
      const it = items[i]!;
      return it.kind === 'group' ? `g:${it.key}` : it.row.id;
    },
    [items],
  );
  const getScrollElement = useCallback(() => scrollEl, [scrollEl]);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    // Rows drawn beyond each edge of the window: enough for a wheel step (136 px); every
    // one of them is laid out and painted on every scroll frame.
    overscan: 4,
    // The sticky header sits above the body inside the scroll element.
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialOffset,
    // Let React batch scroll updates instead of forcing a synchronous render per event.
    useFlushSync: false,
  });
  useEffect(() => {
    handleRef.current = { scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) };
  }, [handleRef, virtualizer]);

  // One listener for every row: no closure per row.
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-partner-id], [data-group]');
    if (!el) return;
    if (el.dataset.group !== undefined) onToggleGroup(el.dataset.group);
    else if (el.dataset.partnerId) onOpen(el.dataset.partnerId);
  };

  const virtual = virtualizer.getVirtualItems();
  return (
    <div className="pf-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT }} onClick={onClick}>
      {virtual.map((vi) => {
        const item = items[vi.index]!;
        const top = vi.start - HEADER_HEIGHT;
        // Keyed by slot, not by partner: the item at index i takes slot i mod (items on
        // screen), so a row scrolled in takes over the elements of the row that left
        // (React updates their text in place) instead of unmounting one row and mounting
        // another; the rows that stay keep their slot and are not rendered again.
        const key = vi.index % virtual.length;
        return item.kind === 'group' ? (
          <GroupRow key={key} item={item} top={top} collapsed={collapsed.has(item.key)} />
        ) : (
          <GridRow key={key} row={item.row} index={item.index} top={top} columns={columns} money={money} selected={item.row.id === selectedId} />
        );
      })}
    </div>
  );
});

/** One partner row: a fixed-height strip of cells, memoised so scrolling leaves it alone. */
const GridRow = memo(function GridRow({
  row,
  index,
  top,
  columns,
  money,
  selected,
}: {
  row: Row;
  index: number;
  top: number;
  columns: ColumnDef[];
  money: MoneyFormat;
  selected: boolean;
}) {
  return (
    <div
      id={`prow-${row.id}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={selected ? 'pf-row is-selected' : 'pf-row'}
      data-testid="portfolio-row"
      data-partner-id={row.id}
      style={{ transform: `translateY(${top}px)` }}
    >
      {columns.map((c) => (
        <div
          key={c.id}
          role="gridcell"
          className={(c.numeric ? 'pf-cell num' : 'pf-cell') + (c.cellClass ? ` ${c.cellClass(row)}` : '')}
          data-col={c.id}
        >
          {c.cell(row, money)}
        </div>
      ))}
    </div>
  );
});

/** A group header with the group's aggregates; clicking it collapses or expands the group. */
const GroupRow = memo(function GroupRow({ item, top, collapsed }: { item: GroupItem; top: number; collapsed: boolean }) {
  const money = useMoney();
  const agg = useMemo(() => {
    const bands = { healthy: 0, watch: 0, at_risk: 0 };
    let score = 0;
    let revenue = 0;
    let pipeline = 0;
    let high = 0;
    const currencies = new Set<string>();
    for (const r of item.rows) {
      bands[r.band]++;
      score += r.score;
      revenue += r.revenue_t4q;
      pipeline += r.pipeline;
      if (r.risk_level === 'high') high++;
      currencies.add(r.currency);
    }
    const n = item.rows.length;
    const cur = currencies.size === 1 ? [...currencies][0]! : null;
    return {
      bands,
      n,
      avg: n ? Math.round(score / n) : 0,
      revenue: cur ? money.short(revenue, cur) : 'mixed currencies',
      pipeline: cur ? money.short(pipeline, cur) : 'mixed currencies',
      high,
    };
  }, [item.rows, money]);
  return (
    <div
      className="pf-group"
      role="row"
      aria-expanded={!collapsed}
      data-testid="portfolio-group"
      data-group={item.key}
      style={{ transform: `translateY(${top}px)` }}
    >
      <span className={`hl-caret${collapsed ? '' : ' is-open'}`} aria-hidden="true">
        ▸
      </span>
      <strong className="pf-group-name" title={item.label}>
        {item.label}
      </strong>
      <span className="pf-group-stat pf-group-n">{formatCount(agg.n)} partners</span>
      <span className="pf-group-stat">
        avg score <strong>{agg.avg}</strong>
      </span>
      <span className="pf-group-bands" title={`${agg.bands.healthy} healthy · ${agg.bands.watch} watch · ${agg.bands.at_risk} at risk`}>
        <span className="hl-bandbar" aria-hidden="true">
          {(['healthy', 'watch', 'at_risk'] as const).map((b) =>
            agg.bands[b] ? <span key={b} className={`hl-bandbar-seg band-${b}`} style={{ flexGrow: agg.bands[b] }} /> : null,
          )}
        </span>
        <span className="hl-t-healthy">{formatCount(agg.bands.healthy)} healthy</span>
        <span className="hl-t-watch">{formatCount(agg.bands.watch)} watch</span>
        <span className="hl-t-at_risk">{formatCount(agg.bands.at_risk)} at risk</span>
      </span>
      <span className="pf-group-stat">
        <strong>{agg.revenue}</strong> revenue T4Q
      </span>
      <span className="pf-group-stat">
        <strong>{agg.pipeline}</strong> pipeline
      </span>
      <span className="pf-group-stat">
        <strong>{formatCount(agg.high)}</strong> high churn risk
      </span>
    </div>
  );
});
