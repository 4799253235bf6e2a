/**
 * Stride or stall (issue 16): each partner's won revenue for the next two quarters with an
 * 80% interval, a label and its drivers in words, and the backtest that measures the model
 * on the book's own history against two naive baselines.
 */
import { z } from 'zod';
import { method } from './define';
import { bookScopeSchema } from './identity';
import { isoDateSchema } from '../domain/date-schemas';
import { FILES_HOLD_NO_DEALS } from '../domain/no-deals';
import type { ForecastLabel } from './forecast-labels';

export { FORECAST_LABEL_TEXT, FORECAST_LABELS } from './forecast-labels';
export type { ForecastLabel } from './forecast-labels';

export interface QuarterForecast {
  quarter: string;
  /** Won revenue (sourced + influenced), minor units: the point forecast and the 80% interval. */
  point: number;
  low: number;
  high: number;
}

export interface ForecastDriver {
  /** "open pipeline $1.2M, 3.0× its quarterly average". */
  text: string;
  /** Which way it pulls the forecast, against the typical partner ('none': a fact, not a pull). */
  effect: 'up' | 'down' | 'none';
}

export interface PartnerForecast {
  id: string;
  name: string;
  tier_id: string;
  tier_name: string;
  owner_id: string;
  owner_name: string;
  status: string;
  currency: string;
  /** The last complete quarter the forecast is made from. */
  origin: string;
  /** Won in the origin quarter, and the trailing 4-quarter average (minor units). */
  lastQuarter: number;
  trailingAverage: number;
  /** Won so far in the quarter in progress (not a model input: the model looks at complete quarters). */
  wonToDate: number;
  next: [QuarterForecast, QuarterForecast];
  label: ForecastLabel;
  /** How far its signals pull its forecast from the typical partner's path (1 = typical; services/forecast/explain.ts). */
  ratio: number;
  /** Why, most important first. */
  drivers: ForecastDriver[];
}

export interface ErrorFigures {
  mae: number;
  mape: number | null;
}

export interface BacktestSummary {
  origins: string[];
  quarters: string[];
  n: number;
  nonZero: number;
  model: ErrorFigures;
  lastQuarter: ErrorFigures;
  trailing4: ErrorFigures;
  coverage: number;
  byHorizon: { horizon: 1 | 2; n: number; model: ErrorFigures; lastQuarter: ErrorFigures; trailing4: ErrorFigures; coverage: number }[];
  /** "On this book, last 6 quarters: 18% better than last quarter repeated, …; the 80% range held 82% of the time." */
  line: string;
  currency: string;
}

/** Why a book whose files hold no deals (a partner list alone) has no forecast: the forecast projects won deals. */
export const NO_DEALS_FOR_FORECAST = `No forecast: it projects each partner’s won deals, and ${FILES_HOLD_NO_DEALS}. Import an order or opportunity export into this workspace to forecast.`;

export interface ForecastBook {
  asOf: string;
  origin: string;
  quarters: [string, string];
  rows: PartnerForecast[];
  backtest: BacktestSummary | null;
  /** Why there is no forecast: the book's history is too short, or its files hold no deals. */
  message: string | null;
}

/**
 * How far the book's forecast computed in the background has got (the `forecast.progress`
 * event): `done` of `total` steps (reading the history, fitting the model, then each origin
 * of the backtest). Seconds on a large book; the forecast panels show it while they wait.
 */
export interface ForecastProgress {
  done: number;
  total: number;
}

export interface ForecastPartnerDetail {
  asOf: string;
  forecast: PartnerForecast | null;
  /** The partner's won revenue, the last 8 complete quarters, oldest first. */
  history: { quarter: string; won: number }[];
  backtest: BacktestSummary | null;
  message: string | null;
}

const asOf = isoDateSchema.optional();
export const forecastMethods = {
  'forecast.book': method<ForecastBook>()(z.object({ asOf, scope: bookScopeSchema.optional() }).strict()),
  'forecast.partner': method<ForecastPartnerDetail>()(z.object({ id: z.string().min(1, 'partner id is required').max(64), asOf }).strict()),
  'forecast.backtest': method<BacktestSummary | null>()(z.object({ asOf }).strict()),
};
