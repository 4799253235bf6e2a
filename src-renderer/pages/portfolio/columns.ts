/**
 * The portfolio grid's columns: the partner record (name, tier, owner, type, region,
 * status, revenue) and its health (score, band, trend, components, pipeline, churn risk).
 * A cell is described, not rendered: `view` gives its text and the class and tooltip of
 * the element holding it, and the grid writes those into the row elements it reuses
 * (rows.ts), so a scroll frame changes text and attributes only, never the elements.
 */
import type { MoneyFormat } from '../../../src-shared/format';
import type { HealthPortfolioRow } from '../../../src-shared/methods/health';
import type { PartnerRow } from '../../../src-shared/methods/partners';
import { HEALTH_BAND_LABELS, HEALTH_COMPONENTS, HEALTH_COMPONENT_LABELS, type HealthBand } from '../../../src-shared/methods/health-labels';
import type { PartnerRopi } from '../../../src-shared/methods/ropi';
import { ROPI_COLUMNS } from './ropiColumns';
import type { PartnerForecast } from '../../../src-shared/methods/forecast';
import { FORECAST_LABEL_TEXT, type ForecastLabel } from '../../../src-shared/methods/forecast-labels';
import { tierTone } from '../../components/ui';
import { humanize } from '../../lib/format';
import { BAND_TONES, formatRisk, NO_CHURN_TITLE, NO_SCORE_TITLE, RISK_LABELS, RISK_TONES } from '../health/bits';

/** A scored portfolio row: its health, its revenue forecast when `forecast.book` has one, its ROPI from `ropi.book` (PortfolioPage merges them). */
export type ScoredRow = HealthPortfolioRow & { pending?: undefined; forecast?: PartnerForecast; ropi?: PartnerRopi };
/** A partner of a book still arriving (HealthPortfolio.arriving): its record only, nothing scored yet. */
export type ArrivingRow = PartnerRow & { pending: true; forecast?: undefined; ropi?: undefined };
export type Row = ScoredRow | ArrivingRow;

const LABEL_TONES: Record<ForecastLabel, string> = { taking_off: 'green', steady: 'blue', stalling: 'red', too_new: 'neutral' };
const LABEL_ORDER: Record<ForecastLabel, number> = { stalling: 0, steady: 1, taking_off: 2, too_new: 3 };

export interface ColumnDef {
  id: string;
  label: string;
  /** Header tooltip. */
  title?: string;
  /** Fixed width in px; the name column has none and takes the rest. */
  width?: number;
  /** Width of a money column when tables show full amounts (Settings → Money display). */
  fullWidth?: number;
  numeric?: boolean;
  /** Sort key; strings sort A–Z, numbers low–high. */
  sort: (r: Row) => number | string;
  /** What the cell shows; `money`: the page's money formatters (useMoney). */
  view: (r: Row, money: MoneyFormat) => CellView;
  /** The text sits in a span of its own (a chip, a styled label), not in the cell itself. */
  inner?: boolean;
  /** Extra class on the cell itself (saves a wrapper element per cell); '' for none. */
  cellClass?: (r: Row) => string;
  csv: (r: Row) => string | number;
  /** Label in the column chooser when it differs from the header. */
  menuLabel?: string;
  /** Label of the CSV column when it differs from the header. */
  csvLabel?: string;
  /** Sort descending on first click. */
  descFirst?: boolean;
  defaultHidden?: boolean;
  /** Where the column chooser lists it. */
  section: 'record' | 'health';
}

/** What one cell shows: its text, and the class and tooltip of the element that holds it (`pid`: the name cell's partner id, drawn by CSS). */
export interface CellView {
  text: string;
  cls?: string;
  title?: string;
  pid?: string;
}

/** A column whose figures need the whole book (its health, revenue, forecast, ROPI): written for scored rows. */
export type ScoredColumnDef = Omit<ColumnDef, 'sort' | 'view' | 'csv' | 'cellClass'> & {
  sort: (r: ScoredRow) => number | string;
  view: (r: ScoredRow, money: MoneyFormat) => CellView;
  csv: (r: ScoredRow) => string | number;
  cellClass?: (r: ScoredRow) => string;
};

const PENDING: CellView = { text: '…', cls: 'pf-pending', title: 'Appears once the whole book is in and scored' };

/** A column of figures that wait, on a row of a book still arriving, until the whole book is here. */
export function scored(c: ScoredColumnDef): ColumnDef {
  const { sort, view, csv, cellClass } = c;
  return {
    ...c,
    sort: (r) => (r.pending ? 0 : sort(r)),
    view: (r, money) => (r.pending ? PENDING : view(r, money)),
    csv: (r) => (r.pending ? '' : csv(r)),
    cellClass: cellClass ? (r) => (r.pending ? 'pf-pending' : cellClass(r)) : (r) => (r.pending ? 'pf-pending' : ''),
  };
}

const SHORT_COMPONENT_LABELS: Record<(typeof HEALTH_COMPONENTS)[number], string> = {
  revenue: 'Rev',
  pipeline: 'Pipe',
  engagement: 'Eng',
  enablement: 'Enbl',
  satisfaction: 'Sat',
};

export const BAND_ORDER: Record<HealthBand, number> = { healthy: 2, watch: 1, at_risk: 0, no_data: -1 };
const STATUS_TONES: Record<string, string> = { active: 'green', onboarding: 'blue', at_risk: 'amber', churned: 'neutral' };
const STATUS_ORDER: Record<string, number> = { at_risk: 0, onboarding: 1, active: 2, churned: 3 };

const bandOf = (v: number) => (v >= 70 ? 'healthy' : v >= 40 ? 'watch' : 'at_risk');

const deltaText = (v: number | null) => (v === null ? '—' : v > 0 ? `▲ +${v}` : v < 0 ? `▼ −${-v}` : '±0');
const deltaClass = (v: number | null) => (v === null ? 'hl-delta is-none' : v > 0 ? 'hl-delta is-good' : v < 0 ? 'hl-delta is-bad' : 'hl-delta is-flat');

const NO_ORDERS_TITLE = 'Not in this book: its files hold no orders or opportunities';

export const COLUMNS: ColumnDef[] = [
  {
    id: 'name',
    label: 'Partner',
    section: 'record',
    sort: (r) => r.name.toLowerCase(),
    inner: true,
    // The id is drawn by CSS from data-pid (one element per name cell instead of two), and
    // not at all when it is the name (a book whose files name partners only by their ids).
    // The full name on hover when a long one is shortened.
    view: (r) => ({ text: r.name, cls: 'pf-name', title: r.name, pid: r.id === r.name ? undefined : r.id }),
    csv: (r) => r.name,
  },
  {
    id: 'tier',
    label: 'Tier',
    width: 112,
    section: 'record',
    descFirst: true,
    sort: (r) => r.tier_rank,
    inner: true,
    view: (r) => ({ text: r.tier_name, cls: `chip chip-${tierTone(r.tier_rank, r.tier_name)}` }),
    csv: (r) => r.tier_name,
  },
  scored({
    id: 'score',
    label: 'Score',
    width: 64,
    numeric: true,
    descFirst: true,
    section: 'health',
    // No score (a book with nothing health counts) is not a score of 0: a dash, sorted below every score.
    sort: (r) => (r.band === 'no_data' ? -1 : r.score),
    view: (r) => (r.band === 'no_data' ? { text: '—', title: NO_SCORE_TITLE } : { text: String(r.score) }),
    cellClass: (r) => (r.band === 'no_data' ? 'hl-nodata' : ''),
    csv: (r) => (r.band === 'no_data' ? '' : r.score),
  }),
  scored({
    id: 'band',
    label: 'Band',
    width: 100,
    section: 'health',
    sort: (r) => BAND_ORDER[r.band],
    inner: true,
    // The dot is a ::before pseudo-element, not an element.
    view: (r) =>
      r.band === 'no_data'
        ? { text: HEALTH_BAND_LABELS[r.band], cls: `chip chip-${BAND_TONES[r.band]} pf-dot`, title: NO_SCORE_TITLE }
        : { text: HEALTH_BAND_LABELS[r.band], cls: `chip chip-${BAND_TONES[r.band]} pf-dot` },
    csv: (r) => HEALTH_BAND_LABELS[r.band],
  }),
  scored({
    id: 'delta',
    label: 'Trend',
    title: 'Score change since the end of last quarter',
    width: 70,
    numeric: true,
    descFirst: true,
    section: 'health',
    sort: (r) => r.delta ?? -999,
    view: (r) => ({ text: deltaText(r.delta) }),
    cellClass: (r) => deltaClass(r.delta),
    csv: (r) => r.delta ?? '',
    csvLabel: 'Trend vs last quarter',
  }),
  ...HEALTH_COMPONENTS.map((c) =>
    scored({
    id: `c_${c}`,
    label: SHORT_COMPONENT_LABELS[c],
    title: `${HEALTH_COMPONENT_LABELS[c]} component score (0–100)`,
    width: 60,
    numeric: true,
    descFirst: true,
    // In the column chooser; hidden by default so the grid fits 1280 px without scrolling sideways.
    defaultHidden: true,
    menuLabel: `${HEALTH_COMPONENT_LABELS[c]} score`,
    section: 'health',
    sort: (r) => r.components[c],
    inner: true,
    view: (r) =>
      r.band === 'no_data'
        ? { text: '—', cls: 'hl-nodata', title: NO_SCORE_TITLE }
        : c === 'satisfaction' && r.psat_no_data
        ? { text: 'n/a', cls: 'hl-nodata', title: 'No survey yet: counted as a neutral 50' }
        : { text: String(r.components[c]), cls: `hl-comp band-${bandOf(r.components[c])}` },
    csv: (r) => r.components[c],
    csvLabel: `${HEALTH_COMPONENT_LABELS[c]} score`,
    }),
  ),
  scored({
    id: 'revenue_t4q',
    label: 'Revenue T4Q',
    title: 'Won sourced + influenced ARR, trailing 4 quarters',
    width: 118,
    fullWidth: 150,
    numeric: true,
    descFirst: true,
    section: 'record',
    sort: (r) => r.revenue_t4q,
    // A partner list without orders: its revenue is not known, which is not $0.
    view: (r, money) => (r.revenue_no_data ? { text: 'no data', title: NO_ORDERS_TITLE } : { text: money.short(r.revenue_t4q, r.currency) }),
    cellClass: (r) => (r.revenue_no_data ? 'hl-nodata' : ''),
    csv: (r) => (r.revenue_no_data ? '' : r.revenue_t4q / 100),
    csvLabel: 'Revenue T4Q (major units)',
  }),
  scored({
    id: 'pipeline',
    label: 'Pipeline',
    menuLabel: 'Open pipeline',
    title: 'Open sourced pipeline closing in the next 2 quarters',
    width: 92,
    fullWidth: 140,
    numeric: true,
    descFirst: true,
    section: 'health',
    sort: (r) => r.pipeline,
    // A book whose files hold closed deals only: its pipeline is not known, which is not $0.
    view: (r, money) =>
      r.pipeline_no_data
        ? { text: 'no data', title: r.revenue_no_data ? NO_ORDERS_TITLE : 'Not in this book: its files hold closed deals only' }
        : { text: money.short(r.pipeline, r.currency) },
    cellClass: (r) => (r.pipeline_no_data ? 'hl-nodata' : ''),
    csv: (r) => (r.pipeline_no_data ? '' : r.pipeline / 100),
    csvLabel: 'Pipeline (major units)',
  }),
  scored({
    id: 'risk',
    label: 'Churn',
    menuLabel: 'Churn risk',
    title: 'Churn risk: probability of churning within 2 quarters',
    width: 76,
    numeric: true,
    descFirst: true,
    section: 'health',
    sort: (r) => (r.churn_no_data ? -1 : r.churn_risk),
    inner: true,
    // No estimate (nothing churn risk is made of is in the book) is "no data", not the model's base rate.
    view: (r) =>
      r.churn_no_data
        ? { text: 'no data', cls: 'hl-nodata', title: NO_CHURN_TITLE }
        : { text: formatRisk(r.churn_risk), cls: `chip chip-${RISK_TONES[r.risk_level]}`, title: `${RISK_LABELS[r.risk_level]} churn risk` },
    csv: (r) => (r.churn_no_data ? '' : Math.round(r.churn_risk * 1000) / 10),
    csvLabel: 'Churn risk %',
  }),
  scored({
    id: 'forecast',
    label: 'Next Q',
    menuLabel: 'Forecast, next quarter',
    title: 'Forecast won revenue (sourced + influenced) next quarter, with its 80% range in the tooltip',
    width: 92,
    numeric: true,
    descFirst: true,
    defaultHidden: true,
    section: 'health',
    sort: (r) => r.forecast?.next[0].point ?? -1,
    inner: true,
    view: (r, money) =>
      r.forecast
        ? {
            text: money.short(r.forecast.next[0].point, r.currency),
            title: `Next quarter: 80% range ${money.short(r.forecast.next[0].low, r.currency)}–${money.short(r.forecast.next[0].high, r.currency)}`,
          }
        : { text: '—' },
    csv: (r) => (r.forecast ? r.forecast.next[0].point / 100 : ''),
    csvLabel: 'Forecast next quarter (major units)',
  }),
  scored({
    id: 'outlook',
    label: 'Outlook',
    menuLabel: 'Outlook (taking off / stalling)',
    title: 'Taking off, steady, stalling or too new to call, from the revenue forecast (its drivers are on the partner page)',
    width: 128,
    defaultHidden: true,
    section: 'health',
    sort: (r) => (r.forecast ? LABEL_ORDER[r.forecast.label] : 9),
    inner: true,
    view: (r) =>
      r.forecast
        ? {
            text: FORECAST_LABEL_TEXT[r.forecast.label],
            cls: `chip chip-${LABEL_TONES[r.forecast.label]}`,
            title: r.forecast.drivers.map((d) => `${d.effect === 'up' ? '↑ ' : d.effect === 'down' ? '↓ ' : ''}${d.text}`).join('\n'),
          }
        : { text: '—' },
    csv: (r) => (r.forecast ? FORECAST_LABEL_TEXT[r.forecast.label] : ''),
  }),
  ...ROPI_COLUMNS.map(scored),
  { id: 'owner', label: 'Owner', width: 132, section: 'record', sort: (r) => r.owner_name.toLowerCase(), view: (r) => ({ text: r.owner_name }), csv: (r) => r.owner_name },
  { id: 'type', label: 'Type', width: 104, section: 'record', sort: (r) => r.type, view: (r) => ({ text: humanize(r.type) }), csv: (r) => humanize(r.type), defaultHidden: true },
  { id: 'region', label: 'Region', width: 76, section: 'record', sort: (r) => r.region, view: (r) => ({ text: r.region }), csv: (r) => r.region, defaultHidden: true },
  {
    id: 'status',
    label: 'PRM status',
    width: 112,
    section: 'record',
    sort: (r) => STATUS_ORDER[r.status] ?? 9,
    inner: true,
    view: (r) => ({ text: humanize(r.status), cls: `chip chip-${STATUS_TONES[r.status] ?? 'neutral'} pf-dot` }),
    csv: (r) => humanize(r.status),
    defaultHidden: true,
  },
];

export const COLUMN_BY_ID = new Map(COLUMNS.map((c) => [c.id, c]));

/** CSV of the rows shown, with the columns shown; formula-looking text is neutralised. */
export function csvOf(rows: Row[], cols: ColumnDef[]): string {
  const esc = (v: string | number) => {
    const s = String(v);
    const risky = typeof v === 'string' && /^[=+\-@]/.test(s);
    return /[",\n\r]/.test(s) || risky ? `"${(risky ? `'${s}` : s).replace(/"/g, '""')}"` : s;
  };
  const header = ['Id', ...cols.map((c) => c.csvLabel ?? c.label)];
  return [header.map(esc).join(','), ...rows.map((r) => [r.id, ...cols.map((c) => c.csv(r))].map(esc).join(','))].join('\r\n');
}
