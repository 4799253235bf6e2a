/**
 * The portfolio through the health lens: score, band, trend, component scores, revenue,
 * pipeline, churn risk and owner for every partner. Sort, filter (tier, type, region,
 * owner, band, risk), quick search, group by tier / owner / region with aggregates,
 * column chooser, saved views, CSV export of the current view and keyboard navigation.
 * Virtualized: only the visible rows are in the DOM, so 5,000 rows stay smooth.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { PARTNER_TYPES, REGIONS } from '../../../src-shared/domain/entities';
import { formatMoneyShort } from '../../../src-shared/domain/money';
import {
  HEALTH_BANDS,
  HEALTH_BAND_LABELS,
  HEALTH_COMPONENTS,
  HEALTH_COMPONENT_LABELS,
  RISK_LEVELS,
  type HealthBand,
  type HealthPortfolioRow,
} from '../../../src-shared/methods/health';
import { useQuery } from '../../api/hooks';
import { definePage } from '../../app/page';
import { navigate } from '../../app/router';
import { Icon } from '../../components/Icon';
import { EmptyState, ErrorBanner, Loading, StatusChip, TierChip } from '../../components/ui';
import { formatCount, formatMoneyTotal, humanize } from '../../lib/format';
import { BandChip, Delta, RiskChip, RISK_LABELS } from './bits';
import { WeightsMenu } from './WeightsMenu';
import './health.css';

const ROW_HEIGHT = 34;
const GROUP_HEIGHT = 36;

/** What refreshes the view: any health input, and the weights. */
export const HEALTH_REFRESH = [
  'partner',
  'tier',
  'user',
  'contact',
  'opportunity',
  'deal_registration',
  'engagement_event',
  'certification',
  'psat_response',
  'health_settings',
  // Sent by the health service once a sync that changed its inputs has settled.
  'health',
];

type Row = HealthPortfolioRow;
interface ColumnDef {
  id: string;
  label: string;
  /** Header tooltip. */
  title?: string;
  width?: number;
  numeric?: boolean;
  /** Sort key; strings sort A–Z, numbers low–high. */
  sort: (r: Row) => number | string;
  cell: (r: Row) => ReactNode;
  csv: (r: Row) => string | number;
  /** Sort descending on first click. */
  descFirst?: boolean;
  defaultHidden?: boolean;
}

const SHORT_COMPONENT_LABELS: Record<(typeof HEALTH_COMPONENTS)[number], string> = {
  revenue: 'Rev',
  pipeline: 'Pipe',
  engagement: 'Eng',
  enablement: 'Enbl',
  satisfaction: 'Sat',
};

const money = (r: Row, v: number) => formatMoneyShort(v, r.currency);
const BAND_ORDER: Record<HealthBand, number> = { healthy: 2, watch: 1, at_risk: 0 };

export const HEALTH_COLUMNS: ColumnDef[] = [
  {
    id: 'name',
    label: 'Partner',
    sort: (r) => r.name.toLowerCase(),
    cell: (r) => (
      <span className="cell-name">
        <span className="cell-name-text">{r.name}</span>
        <span className="cell-id">{r.id}</span>
      </span>
    ),
    csv: (r) => r.name,
  },
  { id: 'score', label: 'Score', width: 58, numeric: true, descFirst: true, sort: (r) => r.score, cell: (r) => <strong className="hl-score">{r.score}</strong>, csv: (r) => r.score },
  { id: 'band', label: 'Band', width: 90, sort: (r) => BAND_ORDER[r.band], cell: (r) => <BandChip band={r.band} />, csv: (r) => HEALTH_BAND_LABELS[r.band] },
  { id: 'delta', label: 'Trend', width: 62, numeric: true, descFirst: true, sort: (r) => r.delta ?? -999, cell: (r) => <Delta value={r.delta} />, csv: (r) => r.delta ?? '' },
  ...HEALTH_COMPONENTS.map<ColumnDef>((c) => ({
    id: `c_${c}`,
    label: SHORT_COMPONENT_LABELS[c],
    title: `${HEALTH_COMPONENT_LABELS[c]} component score (0–100)`,
    width: 62,
    numeric: true,
    descFirst: true,
    sort: (r) => r.components[c],
    cell: (r) =>
      c === 'satisfaction' && r.psat_no_data ? (
        <span className="hl-nodata" title="No survey yet: counted as a neutral 50">
          n/a
        </span>
      ) : (
        <span className={`hl-comp band-${r.components[c] >= 70 ? 'healthy' : r.components[c] >= 40 ? 'watch' : 'at_risk'}`}>{r.components[c]}</span>
      ),
    csv: (r) => r.components[c],
  })),
  { id: 'revenue', label: 'Won T4Q', width: 84, title: 'Won sourced + influenced ARR, trailing 4 quarters', numeric: true, descFirst: true, sort: (r) => r.revenue_t4q, cell: (r) => money(r, r.revenue_t4q), csv: (r) => r.revenue_t4q / 100 },
  { id: 'pipeline', label: 'Open pipe', width: 84, title: 'Open sourced pipeline closing in the next 2 quarters', numeric: true, descFirst: true, sort: (r) => r.pipeline, cell: (r) => money(r, r.pipeline), csv: (r) => r.pipeline / 100 },
  { id: 'risk', label: 'Churn', width: 70, title: 'Churn risk: probability of churning within 2 quarters', numeric: true, descFirst: true, sort: (r) => r.churn_risk, cell: (r) => <RiskChip level={r.risk_level} probability={r.churn_risk} />, csv: (r) => Math.round(r.churn_risk * 1000) / 10 },
  { id: 'tier', label: 'Tier', width: 108, descFirst: true, sort: (r) => r.tier_rank, cell: (r) => <TierChip name={r.tier_name} rank={r.tier_rank} />, csv: (r) => r.tier_name },
  { id: 'owner', label: 'Owner', width: 124, sort: (r) => r.owner_name.toLowerCase(), cell: (r) => r.owner_name, csv: (r) => r.owner_name },
  { id: 'type', label: 'Type', width: 92, sort: (r) => r.type, cell: (r) => humanize(r.type), csv: (r) => humanize(r.type), defaultHidden: true },
  { id: 'region', label: 'Region', width: 80, sort: (r) => r.region, cell: (r) => r.region, csv: (r) => r.region, defaultHidden: true },
  { id: 'status', label: 'Status', width: 112, sort: (r) => r.status, cell: (r) => <StatusChip status={r.status} />, csv: (r) => humanize(r.status), defaultHidden: true },
];

type FilterKey = 'tier' | 'type' | 'region' | 'owner' | 'band' | 'risk';
type GroupBy = '' | 'tier' | 'owner' | 'region';
export interface HealthView {
  search: string;
  filters: Partial<Record<FilterKey, string>>;
  sort: { id: string; desc: boolean };
  groupBy: GroupBy;
  hidden: string[];
  /** Churned partners are left out unless asked for. */
  showChurned?: boolean;
}

const DEFAULT_VIEW: HealthView = {
  search: '',
  filters: {},
  sort: { id: 'score', desc: false },
  groupBy: '',
  hidden: HEALTH_COLUMNS.filter((c) => c.defaultHidden).map((c) => c.id),
};
const VIEWS_KEY = 'partnerbook.health.views';

/** Kept across navigation so "back" from a partner returns to the same view. */
const memory: { view: HealthView; selectedId: string | null; scrollTop: number; collapsed: string[] } = {
  view: DEFAULT_VIEW,
  selectedId: null,
  scrollTop: 0,
  collapsed: [],
};

function loadViews(): Record<string, HealthView> {
  try {
    const raw = window.localStorage.getItem(VIEWS_KEY);
    return raw ? (JSON.parse(raw) as Record<string, HealthView>) : {};
  } catch {
    return {};
  }
}
function storeViews(v: Record<string, HealthView>): void {
  try {
    window.localStorage.setItem(VIEWS_KEY, JSON.stringify(v));
  } catch {
    // Storage full or unavailable: saved views are a convenience.
  }
}

type Item = { kind: 'group'; key: string; label: ReactNode; rows: Row[] } | { kind: 'row'; row: Row; index: number };

function groupKey(r: Row, g: GroupBy): { key: string; label: string; order: number | string } {
  if (g === 'tier') return { key: r.tier_id, label: r.tier_name, order: -r.tier_rank };
  if (g === 'owner') return { key: r.owner_id, label: r.owner_name, order: r.owner_name };
  return { key: r.region, label: humanize(r.region), order: r.region };
}

export function csvOf(rows: Row[], cols: ColumnDef[]): string {
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
  };
  const header = ['Id', ...cols.map((c) => (c.id === 'revenue' || c.id === 'pipeline' ? `${c.label} (major units)` : c.id === 'risk' ? 'Churn risk %' : c.label))];
  return [header.map(esc).join(','), ...rows.map((r) => [r.id, ...cols.map((c) => c.csv(r))].map(esc).join(','))].join('\r\n');
}

function HealthPortfolioPage() {
  const { data, error, loading, refetch } = useQuery('health.portfolio', {}, { refreshOn: HEALTH_REFRESH });
  const rows = useMemo(() => data?.rows ?? [], [data]);
  const [view, setView] = useState<HealthView>(memory.view);
  const [selectedId, setSelectedId] = useState<string | null>(memory.selectedId);
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set(memory.collapsed));
  const [views, setViews] = useState<Record<string, HealthView>>(loadViews);
  const [menu, setMenu] = useState<'' | 'columns' | 'views' | 'weights'>('');
  const [viewName, setViewName] = useState('');

  useEffect(() => {
    memory.view = view;
    memory.selectedId = selectedId;
    memory.collapsed = [...collapsed];
  }, [view, selectedId, collapsed]);

  const columns = useMemo(() => HEALTH_COLUMNS.filter((c) => c.id === 'name' || !view.hidden.includes(c.id)), [view.hidden]);

  const filtered = useMemo(() => {
    const q = view.search.trim().toLowerCase();
    const f = view.filters;
    const out = rows.filter(
      (r) =>
        (view.showChurned || r.status !== 'churned') &&
        (!q || r.name.toLowerCase().includes(q) || r.id.toLowerCase().includes(q)) &&
        (!f.tier || r.tier_id === f.tier) &&
        (!f.type || r.type === f.type) &&
        (!f.region || r.region === f.region) &&
        (!f.owner || r.owner_id === f.owner) &&
        (!f.band || r.band === f.band) &&
        (!f.risk || r.risk_level === f.risk),
    );
    const col = HEALTH_COLUMNS.find((c) => c.id === view.sort.id) ?? HEALTH_COLUMNS[1]!;
    const dir = view.sort.desc ? -1 : 1;
    const keyed = out.map((r) => ({ r, k: col.sort(r) }));
    keyed.sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.r.name.localeCompare(b.r.name)));
    return keyed.map((x) => x.r);
  }, [rows, view.search, view.filters, view.sort, view.showChurned]);

  const items = useMemo<Item[]>(() => {
    if (!view.groupBy) return filtered.map((row, index) => ({ kind: 'row', row, index }));
    const groups = new Map<string, { label: string; order: number | string; rows: Row[] }>();
    for (const r of filtered) {
      const g = groupKey(r, view.groupBy);
      let e = groups.get(g.key);
      if (!e) groups.set(g.key, (e = { label: g.label, order: g.order, rows: [] }));
      e.rows.push(r);
    }
    const out: Item[] = [];
    let index = 0;
    for (const [key, g] of [...groups].sort((a, b) => (a[1].order < b[1].order ? -1 : a[1].order > b[1].order ? 1 : 0))) {
      out.push({ kind: 'group', key, label: g.label, rows: g.rows });
      if (!collapsed.has(key)) for (const row of g.rows) out.push({ kind: 'row', row, index: index++ });
    }
    return out;
  }, [filtered, view.groupBy, collapsed]);

  const rowItems = useMemo(() => items.filter((i): i is Extract<Item, { kind: 'row' }> => i.kind === 'row'), [items]);
  const selectedItem = selectedId ? items.findIndex((i) => i.kind === 'row' && i.row.id === selectedId) : -1;

  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer lives in GridBody so that scrolling re-renders only the rows, not the toolbar.
  const virtRef = useRef<{ scrollToIndex: (i: number) => void } | null>(null);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => (memory.scrollTop = el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const patch = (p: Partial<HealthView>) => {
    setView((v) => ({ ...v, ...p }));
    if (p.filters || p.search !== undefined || p.groupBy !== undefined) scrollRef.current?.scrollTo({ top: 0 });
  };
  const setFilter = (k: FilterKey, value: string) => patch({ filters: { ...view.filters, [k]: value || undefined } });

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
      band: HEALTH_BANDS.map((value) => ({ value, label: HEALTH_BAND_LABELS[value] })),
      risk: [...RISK_LEVELS].reverse().map((value) => ({ value, label: `${RISK_LABELS[value]} risk` })),
    } satisfies Record<FilterKey, { value: string; label: string }[]>;
  }, [rows]);

  const summary = useMemo(() => {
    const bands = { healthy: 0, watch: 0, at_risk: 0 };
    let score = 0;
    let high = 0;
    for (const r of filtered) {
      bands[r.band]++;
      score += r.score;
      if (r.risk_level === 'high') high++;
    }
    return { bands, avg: filtered.length ? Math.round(score / filtered.length) : 0, high };
  }, [filtered]);

  const open = useCallback((id: string) => {
    memory.scrollTop = scrollRef.current?.scrollTop ?? 0;
    setSelectedId(id);
    navigate(`/partners/${encodeURIComponent(id)}/health`);
  }, []);

  const moveTo = (rowIndex: number) => {
    if (rowItems.length === 0) return;
    const i = Math.max(0, Math.min(rowItems.length - 1, rowIndex));
    const target = rowItems[i]!;
    setSelectedId(target.row.id);
    virtRef.current?.scrollToIndex(items.indexOf(target));
  };
  const selectedRowIndex = selectedId ? rowItems.findIndex((i) => i.row.id === selectedId) : -1;

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
    a.download = `partner-health-${data?.asOf ?? 'export'}.csv`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const saveView = () => {
    const name = viewName.trim();
    if (!name) return;
    const next = { ...views, [name]: view };
    setViews(next);
    storeViews(next);
    setViewName('');
    setMenu('');
  };
  const deleteView = (name: string) => {
    const next = Object.fromEntries(Object.entries(views).filter(([n]) => n !== name));
    setViews(next);
    storeViews(next);
  };

  const anyFilter = Object.values(view.filters).some(Boolean) || view.search !== '';
  const liveCount = useMemo(() => (view.showChurned ? rows.length : rows.filter((r) => r.status !== 'churned').length), [rows, view.showChurned]);
  const toggleGroup = useCallback((key: string) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const toggleSort = (c: ColumnDef) =>
    patch({ sort: view.sort.id === c.id ? { id: c.id, desc: !view.sort.desc } : { id: c.id, desc: !!c.descFirst } });

  return (
    <div className="page page-fill hl-portfolio" data-testid="page-health">
      <div className="filterbar" role="search">
        <label className="filter-search">
          <Icon name="search" size={14} />
          <input
            ref={searchRef}
            type="search"
            placeholder="Search name or id"
            value={view.search}
            onChange={(e) => patch({ search: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                scrollRef.current?.focus();
                if (selectedRowIndex < 0) moveTo(0);
              } else if (e.key === 'Escape' && e.currentTarget.value) {
                e.preventDefault();
                patch({ search: '' });
              }
            }}
            aria-label="Search partners"
            data-testid="health-search"
          />
          <kbd className="filter-kbd">/</kbd>
        </label>
        {(['band', 'risk', 'tier', 'type', 'region', 'owner'] as const).map((key) => (
          <select
            key={key}
            className={`select${view.filters[key] ? ' is-set' : ''}`}
            value={view.filters[key] ?? ''}
            onChange={(e) => setFilter(key, e.target.value)}
            aria-label={`Filter by ${key}`}
            data-testid={`health-filter-${key}`}
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
          <button type="button" className="btn btn-ghost btn-small" onClick={() => patch({ filters: {}, search: '' })} data-testid="health-filter-clear">
            Clear
          </button>
        ) : null}
      </div>

      <div className="hl-toolbar">
        <label className="hl-group">
          <span>Group by</span>
          <select className="select" value={view.groupBy} onChange={(e) => patch({ groupBy: e.target.value as GroupBy })} data-testid="health-group-by">
            <option value="">None</option>
            <option value="tier">Tier</option>
            <option value="owner">Owner</option>
            <option value="region">Region</option>
          </select>
        </label>
        <div className="hl-menu-wrap">
          <button type="button" className="btn btn-small" onClick={() => setMenu(menu === 'columns' ? '' : 'columns')} aria-expanded={menu === 'columns'} data-testid="health-columns">
            Columns
            <Icon name="chevronDown" size={12} />
          </button>
          {menu === 'columns' ? (
            <div className="hl-menu" role="menu" data-testid="health-columns-menu">
              {HEALTH_COLUMNS.filter((c) => c.id !== 'name').map((c) => (
                <label key={c.id} className="hl-menu-check">
                  <input
                    type="checkbox"
                    checked={!view.hidden.includes(c.id)}
                    onChange={(e) => patch({ hidden: e.target.checked ? view.hidden.filter((h) => h !== c.id) : [...view.hidden, c.id] })}
                  />
                  {c.label}
                </label>
              ))}
              <button type="button" className="btn btn-ghost btn-small" onClick={() => patch({ hidden: DEFAULT_VIEW.hidden })}>
                Reset columns
              </button>
            </div>
          ) : null}
        </div>
        <div className="hl-menu-wrap">
          <button type="button" className="btn btn-small" onClick={() => setMenu(menu === 'views' ? '' : 'views')} aria-expanded={menu === 'views'} data-testid="health-views">
            Views
            <Icon name="chevronDown" size={12} />
          </button>
          {menu === 'views' ? (
            <div className="hl-menu hl-menu-views" role="menu" data-testid="health-views-menu">
              {Object.keys(views).length === 0 ? <div className="hl-menu-empty">No saved views yet.</div> : null}
              {Object.keys(views)
                .sort()
                .map((name) => (
                  <div key={name} className="hl-menu-view">
                    <button
                      type="button"
                      className="hl-menu-item"
                      onClick={() => {
                        setView({ ...DEFAULT_VIEW, ...views[name]! });
                        setMenu('');
                      }}
                    >
                      {name}
                    </button>
                    <button type="button" className="hl-menu-x" onClick={() => deleteView(name)} aria-label={`Delete view ${name}`}>
                      <Icon name="x" size={12} />
                    </button>
                  </div>
                ))}
              <form
                className="hl-menu-save"
                onSubmit={(e) => {
                  e.preventDefault();
                  saveView();
                }}
              >
                <input className="hl-input" placeholder="Save this view as…" value={viewName} onChange={(e) => setViewName(e.target.value)} aria-label="View name" data-testid="health-view-name" />
                <button type="submit" className="btn btn-small btn-primary" disabled={!viewName.trim()}>
                  Save
                </button>
              </form>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => { setView(DEFAULT_VIEW); setMenu(''); }}>
                Reset to default
              </button>
            </div>
          ) : null}
        </div>
        <div className="hl-menu-wrap">
          <button type="button" className="btn btn-small" onClick={() => setMenu(menu === 'weights' ? '' : 'weights')} aria-expanded={menu === 'weights'} disabled={!data} data-testid="health-weights">
            Weights
            <Icon name="chevronDown" size={12} />
          </button>
          {menu === 'weights' && data ? <WeightsMenu settings={data.settings} onClose={() => setMenu('')} /> : null}
        </div>
        <label className="hl-group" title="Churned partners are left out of the view unless shown">
          <input type="checkbox" checked={!!view.showChurned} onChange={(e) => patch({ showChurned: e.target.checked })} data-testid="health-show-churned" />
          Show churned
        </label>
        <button type="button" className="btn btn-small" onClick={exportCsv} disabled={!filtered.length} data-testid="health-export">
          Export CSV
        </button>
        <span className="filterbar-spacer" />
        <span className="count" aria-live="polite">
          <span data-testid="health-count">
            {anyFilter ? `${formatCount(filtered.length)} of ${formatCount(liveCount)} partners` : `${formatCount(liveCount)} partners`}
          </span>
          <span className="count-sub">
            {' '}
            · avg {summary.avg} · <span className="hl-t-healthy">{formatCount(summary.bands.healthy)} healthy</span> ·{' '}
            <span className="hl-t-watch">{formatCount(summary.bands.watch)} watch</span> ·{' '}
            <span className="hl-t-at_risk">{formatCount(summary.bands.at_risk)} at risk</span> · {formatCount(summary.high)} high churn risk
          </span>
        </span>
      </div>

      {error && !data ? <ErrorBanner error={error} onRetry={() => void refetch()} /> : null}

      <div
        className="grid-scroll"
        ref={scrollRef}
        tabIndex={0}
        role="grid"
        aria-label="Partner health"
        aria-rowcount={rowItems.length + 1}
        aria-activedescendant={selectedItem >= 0 ? `hrow-${selectedId}` : undefined}
        onKeyDown={onGridKey}
        onFocus={(e) => {
          if (e.target === e.currentTarget && selectedRowIndex < 0 && rowItems.length) moveTo(0);
        }}
        data-testid="health-grid"
      >
        <table className="grid hl-grid" role="presentation" style={{ minWidth: 200 + columns.reduce((a, c) => a + (c.width ?? 0), 0) }}>
          <colgroup>
            {columns.map((c) => (
              <col key={c.id} style={c.width ? { width: c.width } : undefined} />
            ))}
          </colgroup>
          <thead>
            <tr role="row" aria-rowindex={1}>
              {columns.map((c) => {
                const sorted = view.sort.id === c.id ? (view.sort.desc ? 'desc' : 'asc') : null;
                return (
                  <th
                    key={c.id}
                    role="columnheader"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                    className={c.numeric ? 'num' : undefined}
                    title={c.title}
                    data-testid={`hcol-${c.id}`}
                  >
                    <button type="button" className="th-btn" onClick={() => toggleSort(c)} tabIndex={-1}>
                      {c.label}
                      <span className={`sort-ind${sorted ? ' is-on' : ''}`} aria-hidden="true">
                        {sorted === 'asc' ? '▲' : '▼'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <GridBody
            items={items}
            columns={columns}
            selectedId={selectedId}
            collapsed={collapsed}
            onOpen={open}
            onToggleGroup={toggleGroup}
            scrollRef={scrollRef}
            virtRef={virtRef}
          />
        </table>
        {!data && loading ? <Loading label="Scoring your partner book…" /> : null}
        {data && rows.length === 0 ? <EmptyState icon="sync" title="Your partner book is empty">Run a sync to pull your partners from the PRM.</EmptyState> : null}
        {data && rows.length > 0 && filtered.length === 0 ? (
          <EmptyState icon="filter" title="No partners match these filters">
            <button type="button" className="btn btn-small" onClick={() => patch({ filters: {}, search: '' })}>
              Clear filters
            </button>
          </EmptyState>
        ) : null}
      </div>
      <div className="grid-hint">
        <span aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>/</kbd> search · click a header to sort
        </span>
        <span className="filterbar-spacer" />
        {data ? (
          <span title={data.model.reason} data-testid="health-model">
            As of {data.asOf} · trend vs {data.previousAsOf} · churn risk: {data.model.kind === 'logistic' ? `fitted model (AUC ${data.model.auc?.toFixed(2)})` : 'rules (history too thin for a model)'}
          </span>
        ) : null}
      </div>
    </div>
  );
}

/** The virtualized body: owns the virtualizer, so a scroll frame renders only this. */
const GridBody = memo(function GridBody({
  items,
  columns,
  selectedId,
  collapsed,
  onOpen,
  onToggleGroup,
  scrollRef,
  virtRef,
}: {
  items: Item[];
  columns: ColumnDef[];
  selectedId: string | null;
  collapsed: Set<string>;
  onOpen: (id: string) => void;
  onToggleGroup: (key: string) => void;
  scrollRef: RefObject<HTMLDivElement | null>;
  virtRef: RefObject<{ scrollToIndex: (i: number) => void } | null>;
}) {
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    overscan: 6,
    initialOffset: memory.scrollTop,
  });
  useEffect(() => {
    virtRef.current = { scrollToIndex: (i) => virtualizer.scrollToIndex(i, { align: 'auto' }) };
  }, [virtRef, virtualizer]);
  const vitems = virtualizer.getVirtualItems();
  const padTop = vitems[0]?.start ?? 0;
  const padBottom = vitems.length ? virtualizer.getTotalSize() - vitems[vitems.length - 1]!.end : 0;
  return (
    <tbody>
      {padTop > 0 ? (
        <tr aria-hidden="true" className="pad-row">
          <td colSpan={columns.length} style={{ height: padTop }} />
        </tr>
      ) : null}
      {vitems.map((vi) => {
        const item = items[vi.index]!;
        if (item.kind === 'group') {
          return (
            <GroupRow key={`g-${item.key}`} item={item} span={columns.length} collapsed={collapsed.has(item.key)} onToggle={onToggleGroup} />
          );
        }
        return (
          <HealthRowView
            key={item.row.id}
            row={item.row}
            index={item.index}
            columns={columns}
            selected={item.row.id === selectedId}
            onOpen={onOpen}
          />
        );
      })}
      {padBottom > 0 ? (
        <tr aria-hidden="true" className="pad-row">
          <td colSpan={columns.length} style={{ height: padBottom }} />
        </tr>
      ) : null}
    </tbody>
  );
});

/** One grid row; memoised so scrolling renders only the rows that enter the window. */
const HealthRowView = memo(function HealthRowView({
  row,
  index,
  columns,
  selected,
  onOpen,
}: {
  row: Row;
  index: number;
  columns: ColumnDef[];
  selected: boolean;
  onOpen: (id: string) => void;
}) {
  return (
    <tr
      id={`hrow-${row.id}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={selected ? 'is-selected' : undefined}
      onClick={() => onOpen(row.id)}
      data-testid="health-row"
      data-partner-id={row.id}
      style={{ height: ROW_HEIGHT }}
    >
      {columns.map((c) => (
        <td key={c.id} role="gridcell" className={c.numeric ? 'num' : undefined} data-col={c.id}>
          {c.cell(row)}
        </td>
      ))}
    </tr>
  );
});

const GroupRow = memo(function GroupRow({
  item,
  span,
  collapsed,
  onToggle,
}: {
  item: Extract<Item, { kind: 'group' }>;
  span: number;
  collapsed: boolean;
  onToggle: (key: string) => void;
}) {
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
    return { bands, n, avg: n ? Math.round(score / n) : 0, revenue: cur ? formatMoneyTotal(revenue, cur) : '—', pipeline: cur ? formatMoneyTotal(pipeline, cur) : '—', high };
  }, [item.rows]);
  return (
    <tr className="hl-group-row" onClick={() => onToggle(item.key)} data-testid="health-group" data-group={item.key} style={{ height: GROUP_HEIGHT }}>
      <td colSpan={span}>
        <span className="hl-group-line">
          <span className={`hl-caret${collapsed ? '' : ' is-open'}`} aria-hidden="true">
            ▸
          </span>
          <strong className="hl-group-name">{item.label}</strong>
          <span className="hl-group-stat">{formatCount(agg.n)} partners</span>
          <span className="hl-group-stat">
            avg score <strong>{agg.avg}</strong>
          </span>
          <span className="hl-bandbar" title={`${agg.bands.healthy} healthy · ${agg.bands.watch} watch · ${agg.bands.at_risk} at risk`}>
            {(['healthy', 'watch', 'at_risk'] as const).map((b) =>
              agg.bands[b] ? <span key={b} className={`hl-bandbar-seg band-${b}`} style={{ flexGrow: agg.bands[b] }} /> : null,
            )}
          </span>
          <span className="hl-group-stat">
            <span className="hl-t-healthy">{agg.bands.healthy}</span> / <span className="hl-t-watch">{agg.bands.watch}</span> / <span className="hl-t-at_risk">{agg.bands.at_risk}</span>
          </span>
          <span className="hl-group-stat">{agg.revenue} revenue</span>
          <span className="hl-group-stat">{agg.pipeline} pipeline</span>
          <span className="hl-group-stat">{formatCount(agg.high)} high risk</span>
        </span>
      </td>
    </tr>
  );
});

const FILTER_LABELS: Record<FilterKey, string> = {
  tier: 'All tiers',
  type: 'All types',
  region: 'All regions',
  owner: 'All owners',
  band: 'All bands',
  risk: 'Any churn risk',
};

export const healthPortfolioPage = definePage({
  id: 'health',
  path: '/health',
  title: 'Health',
  nav: { label: 'Health', icon: 'health' },
  component: HealthPortfolioPage,
});
