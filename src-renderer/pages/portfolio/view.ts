/**
 * The portfolio view: search, filters, sort, grouping and hidden columns, as one plain
 * object that saved views store. Pure functions turn rows + view into what the grid shows.
 */
import type { ReactNode } from 'react';
import { PARTNER_STATUSES, PARTNER_TYPES, REGIONS } from '../../../src-shared/domain/entity-lists';
import { HEALTH_BANDS, HEALTH_BAND_LABELS, RISK_LEVELS } from '../../../src-shared/methods/health-labels';
import { nameCollator } from '../../../src-shared/portfolio-order';
import { humanize } from '../../lib/format';
import { RISK_LABELS } from '../health/bits';
import { COLUMNS, COLUMN_BY_ID, type Row } from './columns';

export type FilterKey = 'band' | 'risk' | 'tier' | 'type' | 'region' | 'owner' | 'status';
export const FILTER_KEYS: FilterKey[] = ['band', 'risk', 'tier', 'type', 'region', 'owner', 'status'];
export type GroupBy = '' | 'tier' | 'owner' | 'region';

/** Status filter: '' is the live book (churned left out), 'all' includes churned. */
export const STATUS_ALL = 'all';

export interface PortfolioView {
  search: string;
  filters: Partial<Record<FilterKey, string>>;
  sort: { id: string; desc: boolean };
  groupBy: GroupBy;
  hidden: string[];
}

export const DEFAULT_VIEW: PortfolioView = {
  search: '',
  filters: {},
  // Worst score first: "which of my partners slipped?"
  sort: { id: 'score', desc: false },
  groupBy: '',
  hidden: COLUMNS.filter((c) => c.defaultHidden).map((c) => c.id),
};

export const FILTER_LABELS: Record<FilterKey, string> = {
  band: 'All bands',
  risk: 'Any churn',
  tier: 'All tiers',
  type: 'All types',
  region: 'All regions',
  owner: 'All owners',
  status: 'Live partners',
};

const VIEWS_KEY = 'partnerbook.portfolio.views';
/** Views saved on the former Health page; read once so nobody loses theirs. */
const LEGACY_VIEWS_KEY = 'partnerbook.health.views';

interface LegacyView extends Partial<PortfolioView> {
  showChurned?: boolean;
}

function upgrade(v: LegacyView): PortfolioView {
  const filters = { ...(v.filters ?? {}) };
  if (v.showChurned && !filters.status) filters.status = STATUS_ALL;
  const hidden = (v.hidden ?? DEFAULT_VIEW.hidden).map((h) => (h === 'revenue' ? 'revenue_t4q' : h)).filter((h) => COLUMN_BY_ID.has(h));
  const sortId = v.sort?.id === 'revenue' ? 'revenue_t4q' : v.sort?.id;
  return {
    search: v.search ?? '',
    filters,
    sort: sortId && COLUMN_BY_ID.has(sortId) ? { id: sortId, desc: !!v.sort?.desc } : DEFAULT_VIEW.sort,
    groupBy: v.groupBy ?? '',
    hidden,
  };
}

export function loadViews(): Record<string, PortfolioView> {
  try {
    const raw = window.localStorage.getItem(VIEWS_KEY) ?? window.localStorage.getItem(LEGACY_VIEWS_KEY);
    const parsed = raw ? (JSON.parse(raw) as Record<string, LegacyView>) : {};
    return Object.fromEntries(Object.entries(parsed).map(([name, v]) => [name, upgrade(v)]));
  } catch {
    return {};
  }
}

export function storeViews(v: Record<string, PortfolioView>): void {
  try {
    window.localStorage.setItem(VIEWS_KEY, JSON.stringify(v));
  } catch {
    // Storage full or unavailable: saved views are a convenience.
  }
}

export function isFiltered(view: PortfolioView): boolean {
  return view.search !== '' || FILTER_KEYS.some((k) => !!view.filters[k]);
}

/**
 * What the view waits for while only the first rows are in (they come in the opening order,
 * src-shared/portfolio-order.ts): 'sorting' and 'grouping' (the first rows re-sorted are not
 * the book's first), and, when it filters, 'more matches' (the filter applies to the rows in
 * at once: every row shown matches it, and the rest of the book's matches come with it).
 */
export function beyondOpening(view: PortfolioView): string[] {
  const out: string[] = [];
  if (view.sort.id !== DEFAULT_VIEW.sort.id || view.sort.desc !== DEFAULT_VIEW.sort.desc) out.push('sorting');
  if (view.groupBy !== '') out.push('grouping');
  if (isFiltered(view)) out.push('more matches');
  return out;
}

/** The partners in scope before any filter but status: the live book, or all of it. */
export function scopeCount(rows: Row[], view: PortfolioView): number {
  const s = view.filters.status;
  return s && s !== '' ? rows.length : rows.filter((r) => r.status !== 'churned').length;
}

/** The rows the view's search and filters keep, in the order given. */
export function filterRows(rows: Row[], view: PortfolioView): Row[] {
  const q = view.search.trim().toLowerCase();
  const f = view.filters;
  return rows.filter(
    (r) =>
      (f.status === STATUS_ALL ? true : f.status ? r.status === f.status : r.status !== 'churned') &&
      (!q || r.name.toLowerCase().includes(q) || r.id.toLowerCase().includes(q)) &&
      (!f.tier || r.tier_id === f.tier) &&
      (!f.type || r.type === f.type) &&
      (!f.region || r.region === f.region) &&
      (!f.owner || r.owner_id === f.owner) &&
      // A row of a book still arriving has no band or risk yet; one with no churn estimate (nothing it is made of in the book) has no risk level either.
      (!f.band || (!r.pending && r.band === f.band)) &&
      (!f.risk || (!r.pending && !r.churn_no_data && r.risk_level === f.risk)),
  );
}

/** The rows the view keeps, in its order. */
export function applyView(rows: Row[], view: PortfolioView): Row[] {
  const out = filterRows(rows, view);
  const col = COLUMN_BY_ID.get(view.sort.id) ?? COLUMN_BY_ID.get('score')!;
  const dir = view.sort.desc ? -1 : 1;
  // Ties go by name: each row's place in the name order, worked out once per list.
  const byName = nameRanks(rows);
  const keyed = out.map((r) => ({ r, k: col.sort(r), n: byName.get(r) ?? 0 }));
  keyed.sort((a, b) => (a.k < b.k ? -dir : a.k > b.k ? dir : a.n - b.n));
  return keyed.map((x) => x.r);
}

const nameRankCache = new WeakMap<Row[], Map<Row, number>>();

/** Each row's place when the list is ordered by name (src-shared/portfolio-order.ts: the opening order breaks ties the same way). */
function nameRanks(rows: Row[]): Map<Row, number> {
  let ranks = nameRankCache.get(rows);
  if (!ranks) {
    const sorted = [...rows].sort((a, b) => nameCollator.compare(a.name, b.name));
    ranks = new Map(sorted.map((r, i) => [r, i]));
    nameRankCache.set(rows, ranks);
  }
  return ranks;
}

export type GroupItem = { kind: 'group'; key: string; label: string; rows: Row[] };
export type RowItem = { kind: 'row'; row: Row; index: number };
export type Item = GroupItem | RowItem;

function groupKey(r: Row, g: GroupBy): { key: string; label: string; order: number | string } {
  if (g === 'tier') return { key: r.tier_id, label: r.tier_name, order: -r.tier_rank };
  if (g === 'owner') return { key: r.owner_id, label: r.owner_name, order: r.owner_name };
  return { key: r.region, label: humanize(r.region), order: r.region };
}

export function buildItems(filtered: Row[], groupBy: GroupBy, collapsed: Set<string>): Item[] {
  if (!groupBy) return filtered.map((row, index) => ({ kind: 'row', row, index }));
  const groups = new Map<string, { label: string; order: number | string; rows: Row[] }>();
  for (const r of filtered) {
    const g = groupKey(r, groupBy);
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
}

export type FilterOptions = Record<FilterKey, { value: string; label: ReactNode }[]>;

export function filterOptions(rows: Row[]): FilterOptions {
  const tiers = new Map<string, { name: string; rank: number }>();
  const owners = new Map<string, string>();
  for (const r of rows) {
    tiers.set(r.tier_id, { name: r.tier_name, rank: r.tier_rank });
    owners.set(r.owner_id, r.owner_name);
  }
  return {
    band: HEALTH_BANDS.map((value) => ({ value, label: HEALTH_BAND_LABELS[value] })),
    risk: [...RISK_LEVELS].reverse().map((value) => ({ value, label: `${RISK_LABELS[value]} risk` })),
    tier: [...tiers].sort((a, b) => b[1].rank - a[1].rank).map(([value, t]) => ({ value, label: t.name })),
    type: PARTNER_TYPES.map((value) => ({ value, label: humanize(value) })),
    region: REGIONS.map((value) => ({ value, label: value })),
    owner: [...owners].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ value, label })),
    status: [{ value: STATUS_ALL, label: 'All, incl. churned' }, ...PARTNER_STATUSES.map((value) => ({ value, label: `PRM status: ${humanize(value).toLowerCase()}` }))],
  };
}
