/**
 * The forecast model, one per horizon (1 and 2 quarters ahead): a ridge regression of the
 * log-ratio target on the standardised features (features.ts), fitted across every partner
 * and the last few origins. Coefficients come from coordinate descent, each step a
 * one-variable weighted least-squares slope on the partial residual, shrunk by
 * 1 / (1 + RIDGE) (simple-statistics has no weighted regression; its mean, standard
 * deviation, median and quantiles do the rest).
 *
 * The 80% interval comes from held-out residuals: the partners are split into five folds,
 * each fold's residuals measured by a model fitted on the other four; their 10th and 90th
 * percentiles (per history class: new, no recent revenue, selling) are added to the
 * prediction in log space, so the interval scales with the partner's own size. The point
 * forecast blends the model's median (its 50th percentile) with last quarter and the
 * 4-quarter average, weights chosen on the same held-out rows (chooseBlend).
 */
import { mean, quantile, standardDeviation } from 'simple-statistics';
import { FEATURES, MIN_HISTORY, pointsAt, smoothing, target, type Point } from './features';
import type { History } from './history';

export const RIDGE = 0.1;
/** Origins per fit (the most recent ones whose outcome is known). */
export const TRAIN_ORIGINS = 8;
const SWEEPS = 8;
const FOLDS = 5;
const MIN_CLASS = 30;

export type HistoryClass = 'new' | 'dormant' | 'selling';
export const historyClass = (pt: Point): HistoryClass => (pt.age < MIN_HISTORY ? 'new' : pt.avg4 <= 0 ? 'dormant' : 'selling');

export interface Fitted {
  intercept: number;
  /** Per feature, on the standardised scale. */
  coef: number[];
  mu: number[];
  sd: number[];
  /** The point forecast's weights on the model's median, last quarter and the 4-quarter average (chooseBlend). */
  blend: [number, number, number];
  /** Held-out residual quantiles (10th, 50th, 90th), per history class. */
  residuals: Record<HistoryClass, [number, number, number]>;
  rows: number;
}

export interface HorizonModels {
  k: number;
  models: [Fitted, Fitted];
  origin: number;
}

interface Row {
  pt: Point;
  z: number;
}

/**
 * Least-squares slope of y on x with weights. Each partner-quarter weighs √(its trailing
 * revenue): dollar errors are what the forecast is judged on, so large partners count more,
 * but not so much that a handful of them decide the fit.
 */
function weightedSlope(pairs: number[][], w: number[]): number {
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < pairs.length; i++) {
    sw += w[i]!;
    sx += w[i]! * pairs[i]![0]!;
    sy += w[i]! * pairs[i]![1]!;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < pairs.length; i++) {
    const dx = pairs[i]![0]! - mx;
    sxy += w[i]! * dx * (pairs[i]![1]! - my);
    sxx += w[i]! * dx * dx;
  }
  return sxx > 1e-12 ? sxy / sxx : 0;
}

type Linear = Pick<Fitted, 'intercept' | 'coef' | 'mu' | 'sd'>;

function fitRidge(rows: Row[]): Linear {
  const m = FEATURES.length;
  const n = rows.length;
  const mu = FEATURES.map((_, j) => mean(rows.map((r) => r.pt.x[j]!)));
  const sd = FEATURES.map((_, j) => {
    const s = n > 1 ? standardDeviation(rows.map((r) => r.pt.x[j]!)) : 0;
    return s > 1e-9 ? s : 1;
  });
  const s = rows.map((r) => r.pt.x.map((v, j) => (v - mu[j]!) / sd[j]!));
  const w = rows.map((r) => Math.sqrt(r.pt.base));
  let sw = 0;
  let swz = 0;
  rows.forEach((r, i) => {
    sw += w[i]!;
    swz += w[i]! * r.z;
  });
  let intercept = swz / sw;
  const coef = new Array<number>(m).fill(0);
  const fit = rows.map(() => intercept);
  const pairs = rows.map(() => [0, 0]);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let j = 0; j < m; j++) {
      for (let i = 0; i < n; i++) {
        const partial = rows[i]!.z - fit[i]! + coef[j]! * s[i]![j]!;
        pairs[i]![0] = s[i]![j]!;
        pairs[i]![1] = partial;
      }
      const next = weightedSlope(pairs, w) / (1 + RIDGE);
      const d = next - coef[j]!;
      if (d !== 0) for (let i = 0; i < n; i++) fit[i]! += d * s[i]![j]!;
      coef[j] = next;
    }
    // Re-centre: the weighted mean residual moves into the intercept.
    let shift = 0;
    for (let i = 0; i < n; i++) shift += w[i]! * (rows[i]!.z - fit[i]!);
    shift /= sw;
    intercept += shift;
    for (let i = 0; i < n; i++) fit[i]! += shift;
  }
  return { intercept, coef, mu, sd };
}

/**
 * A standardised feature is held within ±Z_MAX standard deviations of the rows the model
 * was fitted on before its coefficient applies: a line fitted there says nothing about a
 * value far beyond them. Without it a feature that barely varied in the training rows
 * (the peers feature at a book's first quarters, when every partner's last quarter is
 * nearly its whole average: sd 0.005 on the large demo book) turns a modest value at the
 * origin into tens of standard deviations, and the forecast into hundreds of times the
 * partner's revenue. 4 is the usual winsorising bound, not tuned on the backtest.
 */
export const Z_MAX = 4;

/** Feature `j` of `pt`, standardised and held within ±Z_MAX. */
function scaled(f: Linear, pt: Point, j: number): number {
  const z = (pt.x[j]! - f.mu[j]!) / f.sd[j]!;
  return Math.min(Z_MAX, Math.max(-Z_MAX, z));
}

/** The model's log-ratio for `pt` (before the residual median is added). */
export function linear(f: Linear, pt: Point): number {
  let z = f.intercept;
  for (let j = 0; j < f.coef.length; j++) z += f.coef[j]! * scaled(f, pt, j);
  return z;
}

/** Each feature's pull on the log-ratio for `pt`, relative to the typical partner. */
export function contributions(f: Fitted, pt: Point): number[] {
  return f.coef.map((c, j) => c * scaled(f, pt, j));
}

function fold(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(h) % FOLDS;
}

function fitHorizon(rows: Row[], k: number): Fitted {
  const byClass: Record<HistoryClass, number[]> = { new: [], dormant: [], selling: [] };
  const all: number[] = [];
  const heldOut: { r: Row; z: number }[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = rows.filter((r) => fold(r.pt.partner.id) !== f);
    const test = rows.filter((r) => fold(r.pt.partner.id) === f);
    if (train.length < 2 || test.length === 0) continue;
    const m = fitRidge(train);
    for (const r of test) {
      const zhat = linear(m, r.pt);
      const e = r.z - zhat;
      heldOut.push({ r, z: zhat });
      byClass[historyClass(r.pt)].push(e);
      all.push(e);
    }
  }
  const q = (xs: number[]): [number, number, number] => (xs.length ? (quantile(xs, [0.1, 0.5, 0.9]) as [number, number, number]) : [0, 0, 0]);
  const pooled = q(all);
  const residuals = {
    new: byClass.new.length >= MIN_CLASS ? q(byClass.new) : pooled,
    dormant: byClass.dormant.length >= MIN_CLASS ? q(byClass.dormant) : pooled,
    selling: byClass.selling.length >= MIN_CLASS ? q(byClass.selling) : pooled,
  };
  return { ...fitRidge(rows), residuals, blend: chooseBlend(heldOut, residuals, k), rows: rows.length };
}

/**
 * The point forecast's blend of the model's median with last quarter and the 4-quarter
 * average: the weights (steps of 0.1, summing to 1) with the least absolute error on the
 * held-out rows of the training window — chosen at each origin from what was known then.
 */
function chooseBlend(heldOut: { r: Row; z: number }[], residuals: Fitted['residuals'], k: number): [number, number, number] {
  const cases = heldOut.map(({ r, z }) => {
    const actual = r.pt.base * Math.exp(r.z) - k;
    const model = Math.max(0, r.pt.base * Math.exp(z + residuals[historyClass(r.pt)][1]) - k);
    return [actual, model, r.pt.last, r.pt.avg4] as const;
  });
  let best: [number, number, number] = [1, 0, 0];
  let bestErr = Infinity;
  for (let a = 0; a <= 10; a++) {
    for (let b = 0; a + b <= 10; b++) {
      const w: [number, number, number] = [a / 10, b / 10, (10 - a - b) / 10];
      let err = 0;
      for (const [y, m, l, v] of cases) err += Math.abs(y - (w[0] * m + w[1] * l + w[2] * v));
      if (err < bestErr - 1e-9) {
        bestErr = err;
        best = w;
      }
    }
  }
  return best;
}

/**
 * Fits both horizons for forecasts made at origin `T`, from the `TRAIN_ORIGINS` latest
 * origins whose outcome is known by `T`. Null when there is not enough history.
 */
export function fitAt(h: History, T: number): HorizonModels | null {
  const k = smoothing(h, T);
  const models: Fitted[] = [];
  for (const horizon of [1, 2]) {
    const rows: Row[] = [];
    for (let t = Math.max(0, T - horizon - TRAIN_ORIGINS + 1); t <= T - horizon; t++) {
      for (const pt of pointsAt(h, t, k)) rows.push({ pt, z: target(pt, horizon, k) });
    }
    if (rows.length < 10) return null;
    models.push(fitHorizon(rows, k));
  }
  return { k, models: [models[0]!, models[1]!], origin: T };
}

export interface Prediction {
  point: number;
  low: number;
  high: number;
}

/** The forecast for `pt` `horizon` quarters ahead (minor units), with its 80% interval. */
export function predict(m: HorizonModels, pt: Point, horizon: 1 | 2): Prediction {
  const f = m.models[horizon - 1]!;
  const z = linear(f, pt);
  const [lo, mid, hi] = f.residuals[historyClass(pt)];
  const money = (e: number) => Math.max(0, pt.base * Math.exp(z + e) - m.k);
  const [a, b, c] = f.blend;
  const low = money(lo);
  const high = money(hi);
  const point = Math.min(high, Math.max(low, a * money(mid) + b * pt.last + c * pt.avg4));
  return { point, low, high };
}
