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
function weightedSlope(x: Float64Array, y: Float64Array, w: Float64Array): number {
  const n = x.length;
  let sw = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    sx += w[i]! * x[i]!;
    sy += w[i]! * y[i]!;
  }
  const mx = sx / sw;
  const my = sy / sw;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    sxy += w[i]! * dx * (y[i]! - my);
    sxx += w[i]! * dx * dx;
  }
  return sxx > 1e-12 ? sxy / sxx : 0;
}

type Linear = Pick<Fitted, 'intercept' | 'coef' | 'mu' | 'sd'>;

/** Rows laid out for fitting: each feature's values as one array, the targets and the weights. */
interface Design {
  x: number[][];
  z: number[];
  w: number[];
}

function designOf(rows: Row[]): Design {
  return { x: FEATURES.map((_, j) => rows.map((r) => r.pt.x[j]!)), z: rows.map((r) => r.z), w: rows.map((r) => Math.sqrt(r.pt.base)) };
}

/** The rows of `d` whose `keep` is true, in order. */
function subset(d: Design, keep: boolean[]): Design {
  const at: number[] = [];
  for (let i = 0; i < keep.length; i++) if (keep[i]) at.push(i);
  const pick = (xs: number[]) => {
    const out: number[] = [];
    for (const i of at) out.push(xs[i]!);
    return out;
  };
  return { x: d.x.map(pick), z: pick(d.z), w: pick(d.w) };
}

/** Coordinate descent over the standardised features, one typed column per feature (the fit runs hundreds of times per book). */
function fitRidge(d: Design): Linear {
  const m = FEATURES.length;
  const n = d.z.length;
  const mu = d.x.map((col) => mean(col));
  const sd = d.x.map((col) => {
    const s = n > 1 ? standardDeviation(col) : 0;
    return s > 1e-9 ? s : 1;
  });
  const cols = d.x.map((xs, j) => {
    const c = new Float64Array(n);
    for (let i = 0; i < n; i++) c[i] = (xs[i]! - mu[j]!) / sd[j]!;
    return c;
  });
  const z = Float64Array.from(d.z);
  const w = Float64Array.from(d.w);
  let sw = 0;
  let swz = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    swz += w[i]! * z[i]!;
  }
  let intercept = swz / sw;
  const coef = new Array<number>(m).fill(0);
  const fit = new Float64Array(n).fill(intercept);
  const partial = new Float64Array(n);
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    for (let j = 0; j < m; j++) {
      const col = cols[j]!;
      const cj = coef[j]!;
      for (let i = 0; i < n; i++) partial[i] = z[i]! - fit[i]! + cj * col[i]!;
      const next = weightedSlope(col, partial, w) / (1 + RIDGE);
      const delta = next - cj;
      if (delta !== 0) for (let i = 0; i < n; i++) fit[i]! += delta * col[i]!;
      coef[j] = next;
    }
    // Re-centre: the weighted mean residual moves into the intercept.
    let shift = 0;
    for (let i = 0; i < n; i++) shift += w[i]! * (z[i]! - fit[i]!);
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

const folds = new WeakMap<Point['partner'], number>();

/** The partner's fold (a hash of its id), worked out once per partner. */
function fold(p: Point['partner']): number {
  let f = folds.get(p);
  if (f === undefined) {
    let h = 0;
    for (let i = 0; i < p.id.length; i++) h = (h * 31 + p.id.charCodeAt(i)) | 0;
    folds.set(p, (f = Math.abs(h) % FOLDS));
  }
  return f;
}

function fitHorizon(rows: Row[], k: number): Fitted {
  const byClass: Record<HistoryClass, number[]> = { new: [], dormant: [], selling: [] };
  const all: number[] = [];
  const heldOut: { r: Row; z: number }[] = [];
  const rowFold = rows.map((r) => fold(r.pt.partner));
  const design = designOf(rows);
  for (let f = 0; f < FOLDS; f++) {
    const inTrain = rowFold.map((x) => x !== f);
    const test = rows.filter((_, i) => !inTrain[i]);
    if (rows.length - test.length < 2 || test.length === 0) continue;
    const m = fitRidge(subset(design, inTrain));
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
  return { ...fitRidge(design), residuals, blend: chooseBlend(heldOut, residuals, k), rows: rows.length };
}

/**
 * The point forecast's blend of the model's median with last quarter and the 4-quarter
 * average: the weights (steps of 0.1, summing to 1) with the least absolute error on the
 * held-out rows of the training window — chosen at each origin from what was known then.
 */
function chooseBlend(heldOut: { r: Row; z: number }[], residuals: Fitted['residuals'], k: number): [number, number, number] {
  const n = heldOut.length;
  const actual = new Float64Array(n);
  const model = new Float64Array(n);
  const last = new Float64Array(n);
  const avg4 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const { r, z } = heldOut[i]!;
    actual[i] = r.pt.base * Math.exp(r.z) - k;
    model[i] = Math.max(0, r.pt.base * Math.exp(z + residuals[historyClass(r.pt)][1]) - k);
    last[i] = r.pt.last;
    avg4[i] = r.pt.avg4;
  }
  let best: [number, number, number] = [1, 0, 0];
  let bestErr = Infinity;
  for (let a = 0; a <= 10; a++) {
    for (let b = 0; a + b <= 10; b++) {
      const w: [number, number, number] = [a / 10, b / 10, (10 - a - b) / 10];
      const [w0, w1, w2] = w;
      let err = 0;
      for (let i = 0; i < n; i++) err += Math.abs(actual[i]! - (w0 * model[i]! + w1 * last[i]! + w2 * avg4[i]!));
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
