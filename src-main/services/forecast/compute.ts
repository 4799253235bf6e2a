/**
 * The whole book's forecast, computed in one go from the replica: every live partner's next
 * two quarters (the model's pieces over the book's quarterly history), the backtest, and
 * each partner's recent won revenue for its detail. Plain data, so it is computed the same
 * on the API's thread (tests, the CLI) and in a book worker (../book-worker/), which sends
 * it back as it is.
 */
import { median } from 'simple-statistics';
import { formatPercent } from '../../../src-shared/format';
import { NO_DEALS_FOR_FORECAST, type BacktestSummary, type ForecastBook, type ForecastPartnerDetail, type ForecastProgress, type PartnerForecast } from '../../../src-shared/methods/forecast';
import { quarterEnd, quarterOf, shiftQuarter } from '../../../src-shared/domain/time';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import type { Db } from '../../db/connection';
import { readCalendar } from '../calendar';
import { absentFacts } from '../import/service';
import { backtest, backtestOrigins, type BacktestResult } from './backtest';
import { driversOf, labelOf, pullOf } from './explain';
import { pointsAt } from './features';
import { readHistory, type History } from './history';
import { fitAt, predict } from './model';

/** How many complete quarters of a partner's own history its detail shows. */
const RECENT_QUARTERS = 8;

export interface ForecastComputed {
  book: ForecastBook;
  /** The quarters of a partner's recent history (the last complete ones, oldest first). */
  recentQuarters: string[];
  /** Won revenue in those quarters of every partner in the book's history (live or not). */
  recentWon: Map<string, number[]>;
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

/**
 * The whole book's forecast as of `asOf`, with the backtest (call inside one read transaction
 * for a consistent book). `progress` hears each step done: the history read, the model
 * fitted, each origin of the backtest.
 */
export function computeForecast(db: Db, asOf: string, progress?: (p: ForecastProgress) => void): ForecastComputed {
  const history = readHistory(db, asOf, readCalendar(db));
  const complete = completeIndex(history, asOf);
  const total = 2 + (complete >= 0 ? backtestOrigins(complete) : 0);
  let done = 1;
  progress?.({ done, total });
  const step = progress ? () => progress({ done: Math.min(++done, total), total }) : undefined;
  const currency = (db.sqlite.prepare('SELECT currency FROM tier ORDER BY rank LIMIT 1').pluck().get() as string | undefined) ?? 'USD';
  // A book without deals (a partner list alone) has nothing to project, nor a history to backtest: say that, not "too little history".
  const all = forecastAll(history, complete, asOf, true, currency, step);
  const book = absentFacts(db).has('opportunity') ? { ...all, rows: [], backtest: null, message: NO_DEALS_FOR_FORECAST } : all;
  const from = Math.max(0, complete - (RECENT_QUARTERS - 1));
  const recentWon = new Map(history.partners.map((p) => [p.id, p.won.slice(from, complete + 1)]));
  return { book, recentQuarters: history.quarters.slice(from, complete + 1), recentWon };
}

/** Each partner's detail from the book's computed forecast (its rows indexed once). */
export function detailReader(c: ForecastComputed): (id: string) => ForecastPartnerDetail {
  const { book } = c;
  const rows = new Map(book.rows.map((r) => [r.id, r]));
  return (id) => {
    const won = c.recentWon.get(id);
    const forecast = rows.get(id) ?? null;
    const history = won ? c.recentQuarters.map((quarter, i) => ({ quarter, won: won[i]! })) : [];
    const message = !won
      ? `There is no partner with the id ${id} in this book.`
      : forecast
        ? null
        : (book.message ?? 'This partner was not in the book at the end of last quarter, so there is no forecast for it.');
    return { asOf: book.asOf, forecast, history, backtest: book.backtest, message };
  };
}

/**
 * Every live partner's forecast from the history `h` whose last complete quarter is at
 * `complete`, with the backtest when asked; `step` is called once the model is fitted and
 * after each origin of the backtest.
 */
export function forecastAll(h: History, complete: number, asOf: string, withBacktest: boolean, currency = 'USD', step?: () => void): ForecastBook {
  const base = h.quarters[Math.max(complete, 0)] ?? quarterOf(asOf, h.calendar);
  const quarters: [string, string] = [shiftQuarter(base, 1), shiftQuarter(base, 2)];
  const origin = complete >= 0 ? h.quarters[complete]! : shiftQuarter(quarterOf(asOf, h.calendar), -1);
  const m = complete >= 0 ? fitAt(h, complete) : null;
  step?.();
  const bt = withBacktest && complete >= 0 ? backtest(h, complete, step) : null;
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
