/**
 * The forecast service: every partner's next two quarters (forecast.ts's pieces over the
 * book's history), one partner's detail, and the backtest. The whole book is computed at
 * once and kept until the replica changes (the health cache's fingerprint, and the
 * `data.changed` events of a sync that settles), so the Portfolio and the partner page
 * read from memory.
 */
import { formatPercent } from '../../../src-shared/format';
import { NO_DEALS_FOR_FORECAST, type BacktestSummary, type ForecastBook, type ForecastPartnerDetail, type PartnerForecast } from '../../../src-shared/methods/forecast';
import { quarterEnd, quarterOf, shiftQuarter } from '../../../src-shared/domain/time';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import type { Clock } from '../../base/clock';
import type { Db } from '../../db/connection';
import type { EventBus } from '../../events';
import { fingerprint, INPUT_TABLES } from '../health/cache';
import { backtest, type BacktestResult } from './backtest';
import { median } from 'simple-statistics';
import { driversOf, labelOf, pullOf } from './explain';
import { pointsAt } from './features';
import { readHistory, type History } from './history';
import { fitAt, predict } from './model';
import { readCalendar } from '../calendar';
import { absentFacts } from '../import/service';

export interface ForecastServiceDeps {
  db: Db;
  clock: Clock;
  events?: EventBus;
  syncing?: () => boolean;
}

export interface ForecastService {
  book(asOf?: string): ForecastBook;
  partner(id: string, asOf?: string): ForecastPartnerDetail;
  backtest(asOf?: string): BacktestSummary | null;
  /** Fits and forecasts the whole book from scratch, without the backtest; milliseconds (benchmark). */
  fitBook(asOf?: string): number;
  invalidate(): void;
  dispose(): void;
}

/** The index of the last complete quarter on `asOf` (its own quarter when `asOf` is its last day). */
export function completeIndex(h: History, asOf: string): number {
  const q = quarterOf(asOf, h.calendar);
  const last = quarterEnd(q, h.calendar) === asOf ? q : shiftQuarter(q, -1);
  return h.quarters.indexOf(last);
}

/**
 * The model's error against a baseline's, in words: "18% better than …", "40% worse than …",
 * "about as good as …" within half a percent, and past twice the baseline's error "2.5 times
 * the error of …" (not "150% worse").
 */
export function against(model: number, base: number, name: string): string {
  if (!(base > 0)) return `no better than ${name}`;
  const d = 1 - model / base;
  if (Math.round(d * 100) === 0) return `about as good as ${name}`;
  if (d > 0) return `${formatPercent(d)} better than ${name}`;
  const times = model / base;
  if (times < 2) return `${formatPercent(-d)} worse than ${name}`;
  return `${times.toFixed(1)} times the error of ${name}`;
}

function summary(r: BacktestResult, currency: string): BacktestSummary {
  const line =
    r.n === 0
      ? 'Not enough history on this book to measure the forecast yet.'
      : `On this book, last ${r.quarters.length} quarters: ${against(r.model.mae, r.lastQuarter.mae, 'last quarter repeated')} and ${against(r.model.mae, r.trailing4.mae, 'the 4-quarter average')} (mean absolute error); the 80% range held ${formatPercent(r.coverage)} of the time.`;
  return { ...r, line, currency };
}

interface Computed {
  book: ForecastBook;
  history: History;
  complete: number;
}

export function createForecastService(deps: ForecastServiceDeps): ForecastService {
  const { db, clock } = deps;
  let memo: { key: string; value: Computed } | null = null;
  const tables = new Set<string>(INPUT_TABLES);
  const off = deps.events?.on('data.changed', ({ entities }) => {
    if (deps.syncing?.()) return; // the sync's last page (or its settle event) clears it
    if (entities.some((e) => tables.has(e) || e === 'import' || e === 'health' || e === 'calendar')) memo = null;
  });
  const resolve = (asOf?: string) => asOf ?? clock.today();
  const bookCurrency = () => (db.sqlite.prepare("SELECT currency FROM tier ORDER BY rank LIMIT 1").pluck().get() as string | undefined) ?? 'USD';

  function computed(asOf?: string): Computed {
    const d = resolve(asOf);
    const key = `${d}|${fingerprint(db)}|${readCalendar(db).fiscalYearStartMonth}`;
    if (memo && (memo.key === key || deps.syncing?.())) return memo.value;
    const history = readHistory(db, d, readCalendar(db));
    const complete = completeIndex(history, d);
    // A book without deals (a partner list alone) has nothing to project, nor a history to backtest: say that, not "too little history".
    const all = forecastAll(history, complete, d, true, bookCurrency());
    const book = absentFacts(db).has('opportunity') ? { ...all, rows: [], backtest: null, message: NO_DEALS_FOR_FORECAST } : all;
    memo = { key, value: { book, history, complete } };
    return memo.value;
  }

  return {
    book: (asOf) => computed(asOf).book,
    partner(id, asOf) {
      const { book, history, complete } = computed(asOf);
      const p = history.partners.find((x) => x.id === id);
      const forecast = book.rows.find((r) => r.id === id) ?? null;
      const hist = p ? history.quarters.map((quarter, i) => ({ quarter, won: p.won[i]! })).slice(Math.max(0, complete - 7), complete + 1) : [];
      const message = !p
        ? `There is no partner with the id ${id} in this book.`
        : forecast
          ? null
          : (book.message ?? 'This partner was not in the book at the end of last quarter, so there is no forecast for it.');
      return { asOf: book.asOf, forecast, history: hist, backtest: book.backtest, message };
    },
    backtest: (asOf) => computed(asOf).book.backtest,
    fitBook(asOf) {
      const d = resolve(asOf);
      const started = performance.now();
      const h = readHistory(db, d, readCalendar(db));
      forecastAll(h, completeIndex(h, d), d, false);
      return performance.now() - started;
    },
    invalidate() {
      memo = null;
    },
    dispose() {
      off?.();
    },
  };
}

/** Every live partner's forecast from the history `h` whose last complete quarter is at `complete`, with the backtest when asked. */
export function forecastAll(h: History, complete: number, asOf: string, withBacktest: boolean, currency = 'USD'): ForecastBook {
  const base = h.quarters[Math.max(complete, 0)] ?? quarterOf(asOf, h.calendar);
  const quarters: [string, string] = [shiftQuarter(base, 1), shiftQuarter(base, 2)];
  const origin = complete >= 0 ? h.quarters[complete]! : shiftQuarter(quarterOf(asOf, h.calendar), -1);
  const m = complete >= 0 ? fitAt(h, complete) : null;
  const bt = withBacktest && complete >= 0 ? backtest(h, complete) : null;
  if (!m) {
    return { asOf, origin, quarters, rows: [], backtest: bt && summary(bt, currency), message: 'The book has too little history for a forecast: it needs at least three complete quarters of won deals.' };
  }
  const inProgress = complete + 1 < h.quarters.length ? complete + 1 : -1;
  const pts = pointsAt(h, complete, m.k);
  const typical = pts.length ? median(pts.map((pt) => pullOf(m, pt))) : 0;
  const driverQuarters = { origin: quarterText(origin, h.calendar), next: quarterText(quarters[0], h.calendar) };
  const rows: PartnerForecast[] = pts.map((pt) => {
    const p = pt.partner;
    const next: [ReturnType<typeof predict>, ReturnType<typeof predict>] = [predict(m, pt, 1), predict(m, pt, 2)];
    const { label, ratio } = labelOf(m, pt, typical, next);
    return {
      id: p.id,
      name: p.name,
      tier_id: p.tier_id,
      tier_name: p.tier_name,
      owner_id: p.owner_id,
      owner_name: p.owner_name,
      status: p.status,
      currency: p.currency,
      origin,
      lastQuarter: pt.last,
      trailingAverage: pt.avg4,
      wonToDate: inProgress >= 0 ? p.won[inProgress]! : 0,
      next: [
        { quarter: quarters[0], ...round(next[0]) },
        { quarter: quarters[1], ...round(next[1]) },
      ],
      label,
      ratio,
      drivers: driversOf(m, pt, p.currency, p.tier_name, driverQuarters),
    };
  });
  return { asOf, origin, quarters, rows, backtest: bt && summary(bt, currency), message: null };
}

function round(p: { point: number; low: number; high: number }) {
  return { point: Math.round(p.point), low: Math.round(p.low), high: Math.round(p.high) };
}
