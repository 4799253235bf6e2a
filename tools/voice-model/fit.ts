/**
 * Fitting the tone model (ARCHITECTURE §11): multinomial logistic regression with an L2
 * penalty, by full-batch gradient descent (Adam, a fixed number of steps: deterministic),
 * and k-fold cross-validation. Developer tool: product code reads only the weights.
 */
import { SENTIMENT_TONES, type SentimentTone } from '../../src-shared/methods/voice';
import { WORD_FEATURE } from '../../src-main/services/voice/tone-features';

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
  const keep = (k: string) => !WORD_FEATURE.test(k) || (counts.get(k) ?? 0) >= o.minCount;
  const names = [...counts.keys()].filter(keep).sort();
  const index = new Map(names.map((k, i) => [k, i]));
  // The comments' features as flat typed arrays (comment r's are at starts[r]..starts[r+1]):
  // the loop below runs 400 times over every comment, and arrays of pairs made it allocate.
  const kept = data.map((e) => [...e.x].filter(([k]) => index.has(k)));
  const n = data.length;
  const starts = new Int32Array(n + 1);
  kept.forEach((f, r) => (starts[r + 1] = starts[r]! + f.length));
  const idx = new Int32Array(starts[n]!);
  const val = new Float64Array(starts[n]!);
  kept.forEach((f, r) => f.forEach(([k, x], j) => ((idx[starts[r]! + j] = index.get(k)!), (val[starts[r]! + j] = x))));
  const ys = Int32Array.from(data, (e) => SENTIMENT_TONES.indexOf(e.y));
  const dim = names.length + 1; // the last is the bias
  const b = (dim - 1) * 3;
  const w = new Float64Array(dim * 3);
  const m = new Float64Array(dim * 3);
  const v = new Float64Array(dim * 3);
  const g = new Float64Array(dim * 3);
  const steps = o.steps ?? 400;
  const lr = 0.05;
  for (let t = 1; t <= steps; t++) {
    g.fill(0);
    for (let r = 0; r < n; r++) {
      const from = starts[r]!;
      const to = starts[r + 1]!;
      let z0 = w[b]!;
      let z1 = w[b + 1]!;
      let z2 = w[b + 2]!;
      for (let k = from; k < to; k++) {
        const i = idx[k]! * 3;
        const x = val[k]!;
        z0 += w[i]! * x;
        z1 += w[i + 1]! * x;
        z2 += w[i + 2]! * x;
      }
      // softmax (tone-model.ts), written out: the same operations in the same order.
      const max = Math.max(z0, z1, z2);
      const e0 = Math.exp(z0 - max);
      const e1 = Math.exp(z1 - max);
      const e2 = Math.exp(z2 - max);
      const sum = 0 + e0 + e1 + e2;
      const y = ys[r]!;
      const ps = [e0 / sum, e1 / sum, e2 / sum] as const;
      for (let j = 0; j < 3; j++) {
        const d = (ps[j]! - (y === j ? 1 : 0)) / n;
        g[b + j]! += d;
        for (let k = from; k < to; k++) g[idx[k]! * 3 + j]! += d * val[k]!;
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
