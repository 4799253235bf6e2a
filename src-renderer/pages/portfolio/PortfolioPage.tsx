/**
 * The portfolio: my book (or, one click away, every partner) with its record (tier, owner, type, region,
 * status, revenue) and its health (score, band, trend vs last quarter, component scores,
 * pipeline, churn risk). Sort, filter, quick search, group by tier / owner / region with
 * aggregates, column chooser, saved views, CSV export of the current view, keyboard
 * navigation (↑/↓, PgUp/PgDn, Home/End, Enter opens the partner). Virtualized: only the
 * visible rows are in the DOM, so 5,000 rows stay smooth.
 */
import { BookGaps } from '../../components/BookGaps';
import { BookLoadingNotice } from '../../components/BookLoadingNotice';
import { bookLoadingText, useBookLoading } from '../../api/bookLoading';
import { Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { PORTFOLIO_HEAD } from '../../api/boot-requests';
import type { MethodOutput } from '../../../src-shared/api';
import { afterFirstPaint } from '../../api/first-paint';
import { useLatestEvent, useQuery } from '../../api/hooks';
import { useBookScope } from '../../api/identity';
import { lazyComponent } from '../../app/lazy';
import { definePage } from '../../app/page';
import { navigate } from '../../app/router';
import { Icon } from '../../components/Icon';
import { ScopeToggle } from '../../components/ScopeToggle';
import { ErrorBanner, Loading } from '../../components/ui';
import { formatCount } from '../../lib/format';
import { withShare } from '../../lib/progress-words';
import { useMoney } from '../../lib/money';
import { ARRIVING_REFRESH, HEALTH_REFRESH } from '../health/refresh';
import { NO_SCORE_TITLE } from '../health/bits';
import { COLUMNS, csvOf, type ArrivingRow, type ColumnDef, type Row } from './columns';
import { GridBody, ROW_HEIGHT, type GridHandle } from './GridBody';
import { ColumnsMenu, ViewsMenu } from './Menus';
import { FilterBar, GridEmpty, GridHead, GridHint } from './PortfolioParts';
import {
  applyView,
  beyondOpening,
  filterRows,
  buildItems,
  DEFAULT_VIEW,
  filterOptions,
  isFiltered,
  loadViews,
  scopeCount,
  storeViews,
  type FilterKey,
  type GroupBy,
  type PortfolioView,
  type RowItem,
} from './view';
import '../health/health.css';
import './portfolio.css';

// Opened from the toolbar: its form (and the settings' schemas) load when first opened, or once the window is idle.
const WeightsMenu = lazyComponent(() => import('../health/WeightsMenu').then((m) => m.WeightsMenu));

/** Kept across navigation so "back" from a partner returns to the same view. */
const memory: { view: PortfolioView; selectedId: string | null; scrollTop: number; collapsed: string[] } = {
  view: DEFAULT_VIEW,
  selectedId: null,
  scrollTop: 0,
  collapsed: [],
};

function PortfolioPage() {
  const book = useBookScope();
  // When the window opened here, its first rows were asked for at start-up (api/boot.ts):
  // shown as soon as they arrive, never asked for again. The whole book is asked for
  // once they are on screen, so reading it (2.5 MB on 5,000 partners) does not hold them up.
  const head = useQuery('health.portfolio', { scope: book.scope, first: PORTFOLIO_HEAD, early: true }, { enabled: false });
  const [headShown, setHeadShown] = useState(false);
  const waitForHead = !headShown && (head.loading || !!head.data);
  useEffect(() => {
    if (!head.data || headShown) return;
    // Once they are painted: asking re-renders the page, which must not hold that frame up.
    let live = true;
    const frame = requestAnimationFrame(() => {
      void afterFirstPaint().then(() => {
        if (live) setHeadShown(true);
      });
    });
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [head.data, headShown]);
  // Switching between my book and all partners keeps the last rows on screen until the others arrive.
  const [last, setLast] = useState<MethodOutput<'health.portfolio'> | undefined>(undefined);
  // While the book arrives only the records are listed (ARRIVING_REFRESH). While it is
  // scored in the background they are listed too, until data.changed 'health' says the scores are in.
  const shownBefore = last ?? head.data;
  const listsRecords = !!shownBefore?.arriving && !shownBefore.scoring;
  // `early`: a book whose scores take seconds (a first open of 20,000 partners) lists its partners at once.
  const query = useQuery(
    'health.portfolio',
    { scope: book.scope, early: true },
    { refreshOn: listsRecords ? ARRIVING_REFRESH : HEALTH_REFRESH, enabled: !!book.scope && !waitForHead },
  );
  const { error, loading, refetch } = query;
  if (query.data && query.data !== last) setLast(query.data);
  const data = query.data ?? last ?? head.data;
  // Only the first rows so far: counts come from the answer, and nothing is summed from them.
  const partial = !!data?.head;
  const money = useMoney();
  const [view, setView] = useState<PortfolioView>(memory.view);
  const [selectedId, setSelectedId] = useState<string | null>(memory.selectedId);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set(memory.collapsed));
  // Saved views are read when the Views menu first opens: the first read of the browser's
  // storage is a round trip the Portfolio's first render need not wait for.
  const [views, setViews] = useState<Record<string, PortfolioView> | null>(null);
  const [menu, setMenu] = useState<'' | 'columns' | 'views' | 'weights'>('');
  // The revenue forecast and ROPI (their own services) join the health rows for their
  // columns, and are asked for only while one of those columns is shown: fitting the
  // forecast of a large book takes seconds the Portfolio's first render must not wait on.
  const shown = (...ids: string[]) => ids.some((id) => !view.hidden.includes(id));
  // Neither is computed on part of the book while it arrives.
  const bookLoad = useBookLoading();
  const arriving = data?.arriving;
  const scoring = !!data?.scoring;
  const whole = !!book.scope && !bookLoad && !arriving;
  // The book is in and its scores are being computed (the end of a first sync, or an early answer): how far
  // (the answer says where the scoring was when it left; the events, where it got to after).
  const scored = useLatestEvent('health.progress', !!arriving && !bookLoad) ?? data?.scoring ?? null;
  const forecast = useQuery('forecast.book', { scope: book.scope }, { refreshOn: HEALTH_REFRESH, enabled: whole && shown('forecast', 'outlook') });
  const ropi = useQuery('ropi.book', { scope: book.scope }, { refreshOn: [...HEALTH_REFRESH, 'setting', 'mdf_request'], enabled: whole && shown('ropi', 'attributed') });
  // The first sync has finished: the book's scores replace the records shown while it arrived
  // (the sync's last data.changed may have come before it was over).
  // An answer that says the scores are still being computed is asked again when they are in (data.changed 'health').
  useEffect(() => {
    if (arriving && !bookLoad && !scoring) void refetch();
  }, [arriving, bookLoad, scoring, refetch]);
  const rows = useMemo((): Row[] => {
    // A book still arriving: its partners' records, their figures waiting for the rest of it.
    if (arriving) return arriving.records.map((r): ArrivingRow => ({ ...r, pending: true }));
    // Most of the time neither is shown: the health rows as they came, not 5,000 copies.
    if (!forecast.data && !ropi.data) return data?.rows ?? [];
    const byId = new Map((forecast.data?.rows ?? []).map((f) => [f.id, f]));
    // A book without orders or opportunities has no return to measure: its ROPI columns read "—", not 0.0×.
    const ropiById = new Map((ropi.data?.returnKnown ? ropi.data.rows : []).map((f) => [f.id, f]));
    return (data?.rows ?? []).map((r) => ({ ...r, forecast: byId.get(r.id), ropi: ropiById.get(r.id) }));
  }, [data, arriving, forecast.data, ropi.data]);

  useEffect(() => {
    memory.view = view;
    memory.selectedId = selectedId;
    memory.collapsed = [...collapsed];
  }, [view, selectedId, collapsed]);

  const columns = useMemo(() => COLUMNS.filter((c) => c.id === 'name' || !view.hidden.includes(c.id)), [view.hidden]);
  // The first rows alone are shown in the order they came (the opening order): a sort or
  // grouping asked for meanwhile waits for the whole book, rather than ordering those rows as
  // if they were the book (the 80 worst scores re-sorted by revenue are not the top 80). A
  // filter applies to them at once: a row on screen always matches what was typed, so the
  // one clicked is the one meant; the rest of the book's matches come with it.
  const waitsFor = partial ? beyondOpening(view) : [];
  const filtered = useMemo(() => (partial ? filterRows(rows, view) : applyView(rows, view)), [rows, view, partial]);
  const items = useMemo(() => buildItems(filtered, partial ? '' : view.groupBy, collapsed), [filtered, view.groupBy, collapsed, partial]);
  const rowItems = useMemo(() => items.filter((i): i is RowItem => i.kind === 'row'), [items]);
  const options = useMemo(() => filterOptions(partial ? [] : rows), [rows, partial]);
  const selectedRowIndex = useMemo(() => (selectedId ? rowItems.findIndex((i) => i.row.id === selectedId) : -1), [rowItems, selectedId]);

  const summary = useMemo(() => {
    const bands = { healthy: 0, watch: 0, at_risk: 0, no_data: 0 };
    let score = 0;
    let scored = 0;
    let revenueKnown = true;
    let high = 0;
    let revenue = 0;
    const currencies = new Set<string>();
    for (const r of filtered) {
      if (r.pending) continue;
      bands[r.band]++;
      if (r.band !== 'no_data') {
        score += r.score;
        scored++;
      }
      revenue += r.revenue_t4q;
      if (r.revenue_no_data) revenueKnown = false;
      currencies.add(r.currency);
      if (r.risk_level === 'high') high++;
    }
    const cur = currencies.size === 1 ? [...currencies][0]! : null;
    // The average is over the scored partners; a book with nothing health counts has none (avg: null).
    // Revenue the book does not hold (a partner list alone) is left out, not summed as $0.
    return { bands, avg: scored ? Math.round(score / scored) : filtered.length ? null : 0, high, revenue: cur && revenueKnown ? money.short(revenue, cur) : null };
  }, [filtered, money]);

  const scrollRef = useRef<HTMLDivElement | null>(null);
  const gridRef = useRef<GridHandle | null>(null);
  // Remember the scroll position when the page goes away (its layout cleanup runs before
  // the element leaves the document). No scroll listener of our own: the virtualizer
  // already has one, and a second one reading scrollTop every event costs frame time.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    return () => {
      memory.scrollTop = el.scrollTop;
    };
  }, []);

  // Arrow keys work as soon as the page opens: the grid takes the focus once its rows are
  // there (from the page, or the navigation link that opened it), unless the user is
  // already typing somewhere or has a dialog open. It does so once the rows are painted
  // (and, in a new window, once its first screen is): focusing lays the page out on the
  // spot and selects the first row (another render), which before the paint held the
  // rows back from the screen.
  const focusedOnOpen = useRef(false);
  const hasRows = rowItems.length > 0;
  useEffect(() => {
    const el = scrollRef.current;
    if (focusedOnOpen.current || !el || !hasRows) return;
    let live = true;
    const focus = () => {
      if (!live || focusedOnOpen.current) return;
      focusedOnOpen.current = true;
      const active = document.activeElement;
      const busy = active instanceof HTMLElement && (active.matches('input, select, textarea, [contenteditable]') || !!active.closest('[role="dialog"]'));
      if (!busy && el.isConnected) el.focus({ preventScroll: true });
    };
    const frame = requestAnimationFrame(() => void afterFirstPaint().then(() => setTimeout(focus, 0)));
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [hasRows]);

  const patch = (p: Partial<PortfolioView>) => {
    setView((v) => ({ ...v, ...p }));
    if (p.filters || p.search !== undefined || p.groupBy !== undefined) scrollRef.current?.scrollTo({ top: 0 });
  };
  const setFilter = (k: FilterKey, value: string) => patch({ filters: { ...view.filters, [k]: value || undefined } });
  const clearFilters = () => patch({ filters: {}, search: '' });

  const open = useCallback((id: string) => {
    memory.scrollTop = scrollRef.current?.scrollTop ?? 0;
    setSelectedId(id);
    navigate(`/partners/${encodeURIComponent(id)}`);
  }, []);
  const toggleGroup = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const moveTo = (rowIndex: number) => {
    if (rowItems.length === 0) return;
    const target = rowItems[Math.max(0, Math.min(rowItems.length - 1, rowIndex))]!;
    setSelectedId(target.row.id);
    gridRef.current?.scrollToIndex(items.indexOf(target));
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const at = selectedRowIndex;
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
        moveTo(rowItems.length - 1);
        break;
      case 'Enter':
        if (at >= 0) open(rowItems[at]!.row.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const searchRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.key === '/' && !e.ctrlKey && !e.metaKey && t?.tagName !== 'INPUT' && t?.tagName !== 'SELECT' && t?.tagName !== 'TEXTAREA') {
        e.preventDefault();
        searchRef.current?.focus();
      }
      if (e.key === 'Escape') setMenu('');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const exportCsv = () => {
    const blob = new Blob([`\uFEFF${csvOf(filtered, columns)}`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `portfolio-${data?.asOf ?? 'export'}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const saveView = (name: string) => {
    const next = { ...(views ?? loadViews()), [name]: view };
    setViews(next);
    storeViews(next);
    setMenu('');
  };
  const deleteView = (name: string) => {
    const next = Object.fromEntries(Object.entries(views ?? loadViews()).filter(([n]) => n !== name));
    setViews(next);
    storeViews(next);
  };
  const toggleSort = (c: ColumnDef) => patch({ sort: view.sort.id === c.id ? { id: c.id, desc: !view.sort.desc } : { id: c.id, desc: !!c.descFirst } });

  const anyFilter = isFiltered(view);
  const inScope = useMemo(() => (data?.head ? data.head.total : scopeCount(rows, view)), [rows, view, data]);
  const layout = useMemo(() => {
    const full = money.display.tableAmounts === 'full';
    const widthOf = (c: ColumnDef) => (full && c.fullWidth) || c.width;
    const template = columns.map((c) => (widthOf(c) ? `${widthOf(c)}px` : 'minmax(220px, 1fr)')).join(' ');
    return { '--pf-cols': template, minWidth: 220 + columns.reduce((a, c) => a + (widthOf(c) ?? 0), 0) } as CSSProperties;
  }, [columns, money]);
  const toggleMenu = (m: typeof menu) => {
    if (m === 'views' && !views) setViews(loadViews());
    setMenu(menu === m ? '' : m);
  };

  return (
    <div className="page page-fill pf-page" data-testid="page-portfolio">
      <FilterBar
        view={view}
        options={options}
        searchRef={searchRef}
        onSearch={(search) => patch({ search })}
        onFilter={setFilter}
        onClear={clearFilters}
        onLeaveSearch={() => {
          scrollRef.current?.focus();
          if (selectedRowIndex < 0) moveTo(0);
        }}
      />

      <div className="hl-toolbar pf-toolbar">
        <ScopeToggle state={book} />
        <label className="hl-group">
          <span>Group by</span>
          <select className="select" value={view.groupBy} onChange={(e) => patch({ groupBy: e.target.value as GroupBy })} data-testid="portfolio-group-by">
            <option value="">None</option>
            <option value="tier">Tier</option>
            <option value="owner">Owner</option>
            <option value="region">Region</option>
          </select>
        </label>
        <div className="hl-menu-wrap">
          <button type="button" className="btn btn-small" onClick={() => toggleMenu('columns')} aria-expanded={menu === 'columns'} data-testid="portfolio-columns">
            Columns
            <Icon name="chevronDown" size={12} />
          </button>
          {menu === 'columns' ? <ColumnsMenu hidden={view.hidden} onChange={(hidden) => patch({ hidden })} /> : null}
        </div>
        <div className="hl-menu-wrap">
          <button type="button" className="btn btn-small" onClick={() => toggleMenu('views')} aria-expanded={menu === 'views'} data-testid="portfolio-views">
            Views
            <Icon name="chevronDown" size={12} />
          </button>
          {menu === 'views' ? (
            <ViewsMenu
              views={views ?? {}}
              onApply={(v) => {
                setView(v);
                setMenu('');
              }}
              onSave={saveView}
              onDelete={deleteView}
            />
          ) : null}
        </div>
        <div className="hl-menu-wrap">
          <button type="button" className="btn btn-small" onClick={() => toggleMenu('weights')} aria-expanded={menu === 'weights'} disabled={!data} data-testid="portfolio-weights" title="Health score weights and band thresholds">
            Weights
            <Icon name="chevronDown" size={12} />
          </button>
          {menu === 'weights' && data ? (
            <Suspense fallback={null}>
              <WeightsMenu settings={data.settings} onClose={() => setMenu('')} />
            </Suspense>
          ) : null}
        </div>
        <button type="button" className="btn btn-small" onClick={exportCsv} disabled={partial || !filtered.length} data-testid="portfolio-export" title="Export the rows and columns shown as CSV">
          Export CSV
        </button>
        <span className="filterbar-spacer" />
        <span className="count pf-count" aria-live="polite">
          {/* No count before the first answer: "0 partners" read as an empty book while a large one was being read. */}
          <span data-testid="portfolio-count">
            {!data ? null : anyFilter && !partial ? `${formatCount(filtered.length)} of ${formatCount(inScope)} partners` : `${formatCount(inScope)} partners`}
          </span>
          {partial && !scoring ? (
            waitsFor.length ? (
              <span className="count-note" data-testid="portfolio-view-waits">
                {' '}
                · {waitsFor.length > 1 ? `${waitsFor.slice(0, -1).join(', ')} and ${waitsFor.at(-1)}` : waitsFor[0]} when the whole book is in…
              </span>
            ) : null
          ) : data && bookLoad ? (
            <span className="count-note" data-testid="portfolio-loading">
              {' '}
              · {bookLoadingText(bookLoad)}
            </span>
          ) : data && arriving ? (
            // The book is in; its first scoring (seconds on a large book) is under way.
            <span className="count-note" data-testid="portfolio-scoring">
              {' '}
              · {withShare('scoring the whole book…', scored)}
            </span>
          ) : data && filtered.length > 0 ? (
            // Narrow windows keep the average and the at-risk count; the other bands show from 1320px, the revenue from 1500px.
            <span className="count-sub" data-testid="portfolio-summary">
              {summary.revenue ? <span className="count-wider"> · {summary.revenue} revenue T4Q</span> : null}
              {summary.avg === null ? (
                // Nothing health counts is in this book: no average and no bands, rather than "0 · all at risk".
                <span title={NO_SCORE_TITLE}> · no health scores</span>
              ) : (
                <>
                  {' '}
                  · avg score {summary.avg} ·{' '}
                  <span className="count-wide">
                    <span className="hl-t-healthy">{formatCount(summary.bands.healthy)} healthy</span> ·{' '}
                    <span className="hl-t-watch">{formatCount(summary.bands.watch)} watch</span> ·{' '}
                  </span>
                  <span className="hl-t-at_risk">{formatCount(summary.bands.at_risk)} at risk</span>
                </>
              )}
            </span>
          ) : null}
        </span>
      </div>

      {/* A failed scoring is said too: the partners listed meanwhile are no answer. */}
      {error && (!data || partial || scoring) ? <ErrorBanner error={error} onRetry={() => void refetch()} /> : null}
      {data && bookLoad ? <BookLoadingNotice load={bookLoad} what="Health scores, bands and the book’s totals" /> : null}
      {data && !bookLoad ? <BookGaps gaps={data.bookGaps} /> : null}

      <div
        className="grid-scroll pf-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label="Partners"
        aria-rowcount={rowItems.length + 1}
        aria-activedescendant={selectedRowIndex >= 0 ? `prow-${selectedId}` : undefined}
        onKeyDown={onGridKey}
        onFocus={(e) => {
          if (e.target === e.currentTarget && selectedRowIndex < 0 && rowItems.length) moveTo(0);
        }}
        data-testid="portfolio-grid"
      >
        <div className={`pf-table${items.length === 0 ? ' is-empty' : ''}`} style={layout}>
          <GridHead columns={columns} sort={view.sort} onSort={toggleSort} />
          <GridBody
            items={items}
            columns={columns}
            selectedId={selectedId}
            collapsed={collapsed}
            onOpen={open}
            onToggleGroup={toggleGroup}
            handleRef={gridRef}
            initialOffset={memory.scrollTop}
          />
        </div>
        {/* Also while the first rows asked for at start-up are on their way, or the scope is not known yet. */}
        {!data && (loading || head.loading || !book.scope) ? <Loading label="Loading and scoring your partner book…" /> : null}
        {data ? (
          <GridEmpty rows={rows.length} shown={filtered.length} book={book} arriving={!!arriving} partial={partial} onClearFilters={clearFilters} />
        ) : null}
      </div>
      <GridHint data={data && !partial && !bookLoad && !arriving && filtered.length > 0 ? data : null} highRisk={summary.high} />
    </div>
  );
}

export const portfolioPage = definePage({
  id: 'portfolio',
  path: '/portfolio',
  title: 'Portfolio',
  nav: { label: 'Portfolio', icon: 'portfolio' },
  component: PortfolioPage,
});
