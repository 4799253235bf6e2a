/**
 * The backtest over rolling origins: for every complete quarter Q with enough history
 * before it, the model is fitted on what was known at Q's end (model.ts: outcomes up to Q
 * only) and forecasts Q+1 and Q+2 for every partner live at Q; the forecasts are scored
 * against what was then won, next to two naive baselines — last quarter repeated, and the
 * trailing 4-quarter average — and the share of outcomes inside the 80% interval.
 *
 * MAPE is over partner-quarters whose actual revenue is not zero (a zero has no percentage
 * error); MAE over all of them.
 */
import { pointsAt } from './features';
import type { History } from './history';
import { fitAt, predict, TRAIN_ORIGINS } from './model';
import type { BacktestSummary, ErrorFigures } from '../../../src-shared/methods/forecast';

/** Origins need this many earlier origins with a known 2-quarter outcome before them. */
export const MIN_TRAIN_ORIGINS = 2;

/** The backtest's figures, as the API returns them without the sentence and the currency (src-shared/methods/forecast.ts). */
export type BacktestResult = Omit<BacktestSummary, 'line' | 'currency'>;
export type { ErrorFigures };

class Acc {
  n = 0;
  abs = { model: 0, last: 0, avg: 0 };
  pct = { model: 0, last: 0, avg: 0 };
  nonZero = 0;
  inside = 0;
  add(actual: number, model: number, last: number, avg: number, inside: boolean) {
    this.n++;
    this.abs.model += Math.abs(actual - model);
    this.abs.last += Math.abs(actual - last);
    this.abs.avg += Math.abs(actual - avg);
    if (inside) this.inside++;
    if (actual !== 0) {
      this.nonZero++;
      this.pct.model += Math.abs(actual - model) / Math.abs(actual);
      this.pct.last += Math.abs(actual - last) / Math.abs(actual);
      this.pct.avg += Math.abs(actual - avg) / Math.abs(actual);
    }
  }
  fig(key: 'model' | 'last' | 'avg'): ErrorFigures {
    return { mae: this.n ? this.abs[key] / this.n : 0, mape: this.nonZero ? this.pct[key] / this.nonZero : null };
  }
}

/** How many origins the backtest of a history whose last complete quarter is at `complete` goes through (`onOrigin` is called once for each). */
export function backtestOrigins(complete: number): number {
  return Math.max(0, complete - (2 + MIN_TRAIN_ORIGINS - 1));
}

/**
 * Runs the backtest on `h`, whose last complete quarter is at index `complete` (the
 * quarter in progress is never scored).
 */
export function backtest(h: History, complete: number, onOrigin?: () => void): BacktestResult {
  const total = new Acc();
  const per = [new Acc(), new Acc()];
  const origins: string[] = [];
  const quarters = new Set<string>();
  // The first origin whose model has MIN_TRAIN_ORIGINS origins with a known 2-quarter outcome.
  const first = 2 + MIN_TRAIN_ORIGINS - 1;
  for (let T = first; T <= complete - 1; T++, onOrigin?.()) {
    const m = fitAt(h, T);
    if (!m) continue;
    origins.push(h.quarters[T]!);
    for (const pt of pointsAt(h, T, m.k)) {
      for (const horizon of [1, 2] as const) {
        if (T + horizon > complete) continue;
        const actual = pt.partner.won[T + horizon]!;
        const p = predict(m, pt, horizon);
        const inside = actual >= p.low && actual <= p.high;
        total.add(actual, p.point, pt.last, pt.avg4, inside);
        per[horizon - 1]!.add(actual, p.point, pt.last, pt.avg4, inside);
        quarters.add(h.quarters[T + horizon]!);
      }
    }
  }
  return {
    origins,
    quarters: [...quarters].sort(),
    n: total.n,
    nonZero: total.nonZero,
    model: total.fig('model'),
    lastQuarter: total.fig('last'),
    trailing4: total.fig('avg'),
    coverage: total.n ? total.inside / total.n : 0,
    byHorizon: per.map((a, i) => ({
      horizon: (i + 1) as 1 | 2,
      n: a.n,
      model: a.fig('model'),
      lastQuarter: a.fig('last'),
      trailing4: a.fig('avg'),
      coverage: a.n ? a.inside / a.n : 0,
    })),
  };
}

export { TRAIN_ORIGINS };
