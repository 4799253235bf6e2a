/**
 * Fitting the tone model (ARCHITECTURE §11): multinomial logistic regression with an L2
 * penalty, by full-batch gradient descent (Adam, a fixed number of steps: deterministic),
 * and k-fold cross-validation. Developer tool: product code reads only the weights.
 */
import { SENTIMENT_TONES, type SentimentTone } from '../../src-shared/methods/voice';
import { softmax } from '../../src-main/services/voice/tone-model';

export interface Example {
  x: Map<string, number>;
  y: SentimentTone;
}

export interface Fitted {
  bias: [number, number, number];
  weights: Map<string, [number, number, number]>;
}

export interface FitOptions {
  l2: number;
  /** A word feature is kept when it occurs in at least this many training comments. */
  minCount: number;
  steps?: number;
}

export function fit(data: readonly Example[], o: FitOptions): Fitted {
  const counts = new Map<string, number>();
  for (const e of data) for (const k of e.x.keys()) counts.set(k, (counts.get(k) ?? 0) + 1);
  const keep = (k: string) => !/^[wbs]:/.test(k) || (counts.get(k) ?? 0) >= o.minCount;
  const names = [...counts.keys()].filter(keep).sort();
  const index = new Map(names.map((k, i) => [k, i]));
  const rows = data.map((e) => ({ f: [...e.x].filter(([k]) => index.has(k)).map(([k, v]) => [index.get(k)!, v] as const), y: SENTIMENT_TONES.indexOf(e.y) }));
  const dim = names.length + 1; // the last is the bias
  const w = new Float64Array(dim * 3);
  const m = new Float64Array(dim * 3);
  const v = new Float64Array(dim * 3);
  const g = new Float64Array(dim * 3);
  const steps = o.steps ?? 400;
  const lr = 0.05;
  const n = rows.length;
  for (let t = 1; t <= steps; t++) {
    g.fill(0);
    for (const r of rows) {
      const z = [w[(dim - 1) * 3]!, w[(dim - 1) * 3 + 1]!, w[(dim - 1) * 3 + 2]!];
      for (const [i, x] of r.f) {
        z[0]! += w[i * 3]! * x;
        z[1]! += w[i * 3 + 1]! * x;
        z[2]! += w[i * 3 + 2]! * x;
      }
      const p = softmax(z);
      for (let j = 0; j < 3; j++) {
        const d = (p[j]! - (r.y === j ? 1 : 0)) / n;
        g[(dim - 1) * 3 + j]! += d;
        for (const [i, x] of r.f) g[i * 3 + j]! += d * x;
      }
    }
    for (let i = 0; i < (dim - 1) * 3; i++) g[i]! += (o.l2 / n) * w[i]!;
    for (let i = 0; i < dim * 3; i++) {
      m[i] = 0.9 * m[i]! + 0.1 * g[i]!;
      v[i] = 0.999 * v[i]! + 0.001 * g[i]! * g[i]!;
      const mh = m[i]! / (1 - 0.9 ** t);
      const vh = v[i]! / (1 - 0.999 ** t);
      w[i]! -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const weights = new Map<string, [number, number, number]>();
  names.forEach((k, i) => weights.set(k, [w[i * 3]!, w[i * 3 + 1]!, w[i * 3 + 2]!]));
  return { bias: [w[(dim - 1) * 3]!, w[(dim - 1) * 3 + 1]!, w[(dim - 1) * 3 + 2]!], weights };
}

export function predict(model: Fitted, x: Map<string, number>): SentimentTone {
  const z = [...model.bias];
  for (const [k, val] of x) {
    const w = model.weights.get(k);
    if (w) for (let j = 0; j < 3; j++) z[j]! += w[j]! * val;
  }
  return SENTIMENT_TONES[z.indexOf(Math.max(...z))]!;
}

/** A deterministic shuffle (mulberry32). */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Stratified k-fold cross-validation: how many held-out comments got their tone right. */
export function crossValidate(data: readonly Example[], o: FitOptions, k = 10, seed = 16): { right: number; total: number } {
  const folds: Example[][] = Array.from({ length: k }, () => []);
  let i = 0;
  for (const tone of SENTIMENT_TONES) for (const e of shuffled(data.filter((d) => d.y === tone), seed)) folds[i++ % k]!.push(e);
  let right = 0;
  for (let f = 0; f < k; f++) {
    const model = fit(folds.filter((_, j) => j !== f).flat(), o);
    for (const e of folds[f]!) if (predict(model, e.x) === e.y) right++;
  }
  return { right, total: data.length };
}

/** Trained on `train`, judged on `test`. */
export function holdOut(train: readonly Example[], test: readonly Example[], o: FitOptions): { right: number; total: number } {
  const model = fit(train, o);
  return { right: test.filter((e) => predict(model, e.x) === e.y).length, total: test.length };
}
