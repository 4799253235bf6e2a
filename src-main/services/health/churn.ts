/**
 * Churn risk. A logistic regression fitted on snapshots of the replica's own history:
 * at each past quarter end, every partner then in the book is one sample, labelled 1 if
 * it churned within the following two quarters. Five explainable features. Validated on
 * held-out partners (AUC); when history is too thin to fit or validate, stated rules
 * are the fallback and the output says so.
 */
import { formatPercent, formatPercentChange, plural } from '../../../src-shared/format';
import { daysBetween } from '../../../src-shared/domain/time';
import type { ChurnFactor, ChurnModelInfo, ChurnRisk, HealthSettings, RiskLevel } from '../../../src-shared/methods/health';
import type { BookFact, RawInputs } from './measures';

const NONE: ReadonlySet<BookFact> = new Set();

export const FEATURES = [
  { key: 'engagement_change', label: 'Engagement change (90 days vs prior 90)' },
  { key: 'pipeline_change', label: 'Pipeline change since last quarter' },
  { key: 'psat', label: 'Latest PSAT' },
  { key: 'months_since_win', label: 'Months since last win' },
  { key: 'cert_coverage', label: 'Certification coverage' },
] as const;
export type FeatureKey = (typeof FEATURES)[number]['key'];

/** Raw feature values; psat is null when there is no survey. */
export interface FeatureValues {
  engagementChange: number;
  pipelineChange: number;
  psat: number | null;
  monthsSinceWin: number;
  certCoverage: number;
  /** Features the book has no facts for (an import without engagement data …): neutral, never a driver. */
  absent?: readonly FeatureKey[];
}

/** Which book fact each feature is made of. */
const FEATURE_FACT: Record<FeatureKey, BookFact> = {
  engagement_change: 'engagement_event',
  pipeline_change: 'open_pipeline',
  psat: 'psat_response',
  months_since_win: 'opportunity',
  cert_coverage: 'certification',
};

const MONTH_DAYS = 30.44;
const MAX_MONTHS = 36;

export function features(now: RawInputs, previous: RawInputs | null, asOf: string, since: string, missing: ReadonlySet<BookFact> = NONE): FeatureValues {
  const prevPipe = previous?.pipeline ?? now.pipeline;
  const lastWinFrom = now.lastWin ?? since;
  if (missing.size > 0) {
    const absent = FEATURES.map((f) => f.key).filter((k) => missing.has(FEATURE_FACT[k]));
    // Neutral values: no change, no survey, full coverage — and left out of the drivers.
    return {
      engagementChange: absent.includes('engagement_change') ? 0 : Math.log((now.eventsRecent + 1) / (now.eventsPrior + 1)),
      pipelineChange: absent.includes('pipeline_change') ? 0 : Math.log((now.pipeline + 100_000) / (prevPipe + 100_000)),
      psat: absent.includes('psat') ? null : now.psat,
      monthsSinceWin: Math.min(MAX_MONTHS, Math.max(0, daysBetween(lastWinFrom, asOf) / MONTH_DAYS)),
      certCoverage: absent.includes('cert_coverage') ? 1 : now.contacts > 0 ? Math.min(1, now.certifiedPeople / now.contacts) : 0,
      absent,
    };
  }
  return {
    engagementChange: Math.log((now.eventsRecent + 1) / (now.eventsPrior + 1)),
    // $1k (100,000 minor units) of smoothing so tiny pipelines do not swing wildly.
    pipelineChange: Math.log((now.pipeline + 100_000) / (prevPipe + 100_000)),
    psat: now.psat,
    monthsSinceWin: Math.min(MAX_MONTHS, Math.max(0, daysBetween(lastWinFrom, asOf) / MONTH_DAYS)),
    certCoverage: now.contacts > 0 ? Math.min(1, now.certifiedPeople / now.contacts) : 0,
  };
}

const NEUTRAL_PSAT = 7;
function vector(f: FeatureValues, psatFill = NEUTRAL_PSAT): number[] {
  return [f.engagementChange, f.pipelineChange, f.psat ?? psatFill, f.monthsSinceWin, f.certCoverage];
}

export function describeFeature(key: FeatureKey, f: FeatureValues): string {
  switch (key) {
    case 'engagement_change': {
      const ratio = Math.exp(f.engagementChange) - 1;
      return `${formatPercentChange(ratio)} activity vs prior 90 days`;
    }
    case 'pipeline_change': {
      const ratio = Math.exp(f.pipelineChange) - 1;
      // The health score's pipeline (measures.ts): sourced, closing in the next 2 quarters, not the page's every open deal.
      return `${formatPercentChange(ratio)} open sourced pipeline (closing in the next 2 quarters) vs last quarter`;
    }
    case 'psat':
      return f.psat === null ? 'no survey' : `${f.psat}/10`;
    case 'months_since_win':
      return f.monthsSinceWin >= MAX_MONTHS ? `no win in ${MAX_MONTHS}+ months` : `${plural(Math.round(f.monthsSinceWin), 'month')} since last win`;
    case 'cert_coverage':
      return `${formatPercent(f.certCoverage)} of contacts certified`;
  }
}

export interface Sample {
  partnerId: string;
  x: FeatureValues;
  y: 0 | 1;
}

export interface LogisticModel {
  kind: 'logistic';
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  psatFill: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** L2-regularised logistic regression by Newton's method on standardised features. */
export function fitLogistic(samples: readonly Sample[], lambda = 1): LogisticModel {
  const psats = samples.map((s) => s.x.psat).filter((p): p is number => p !== null);
  const psatFill = psats.length ? psats.reduce((a, b) => a + b, 0) / psats.length : NEUTRAL_PSAT;
  const X = samples.map((s) => vector(s.x, psatFill));
  const k = FEATURES.length;
  const n = X.length;
  const mean = Array.from({ length: k }, (_, j) => X.reduce((a, r) => a + r[j]!, 0) / n);
  const std = Array.from({ length: k }, (_, j) => {
    const v = X.reduce((a, r) => a + (r[j]! - mean[j]!) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  const Z = X.map((r) => [1, ...r.map((v, j) => (v - mean[j]!) / std[j]!)]);
  const y = samples.map((s) => s.y);
  const d = k + 1;
  let beta = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 30; iter++) {
    const grad = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      let s = 0;
      for (let j = 0; j < d; j++) s += beta[j]! * z[j]!;
      const p = sigmoid(s);
      const w = Math.max(p * (1 - p), 1e-9);
      const r = y[i]! - p;
      for (let a = 0; a < d; a++) {
        grad[a]! += r * z[a]!;
        for (let b = a; b < d; b++) H[a]![b]! += w * z[a]! * z[b]!;
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < a; b++) H[a]![b] = H[b]![a]!;
      if (a > 0) {
        grad[a]! -= lambda * beta[a]!;
        H[a]![a]! += lambda;
      }
    }
    const step = solve(H, grad);
    let change = 0;
    beta = beta.map((b, j) => {
      change = Math.max(change, Math.abs(step[j]!));
      return b + step[j]!;
    });
    if (change < 1e-8) break;
  }
  return { kind: 'logistic', mean, std, weights: beta.slice(1), bias: beta[0]!, psatFill };
}

/** Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const piv = M[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  return M.map((row, i) => row[n]! / (M[i]![i]! || 1e-12));
}

export function standardised(model: LogisticModel, f: FeatureValues): number[] {
  return vector(f, model.psatFill).map((v, j) => (f.absent?.includes(FEATURES[j]!.key) ? 0 : (v - model.mean[j]!) / model.std[j]!));
}

export function predictLogistic(model: LogisticModel, f: FeatureValues): number {
  const z = standardised(model, f);
  return sigmoid(model.bias + z.reduce((a, v, j) => a + v * model.weights[j]!, 0));
}

/** Area under the ROC curve (probability a random positive outranks a random negative). */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number | null {
  const idx = scores.map((s, i) => ({ s, y: labels[i]! })).sort((a, b) => a.s - b.s);
  let pos = 0;
  let neg = 0;
  let rankSum = 0;
  // Average ranks for ties.
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && idx[j]!.s === idx[i]!.s) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (idx[k]!.y === 1) {
        pos++;
        rankSum += avgRank;
      } else neg++;
    }
    i = j;
  }
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Stable pseudo-random split of partners: about `share` of partners are held out. */
export function heldOut(partnerId: string, share = 0.3): boolean {
  let h = 2166136261;
  for (let i = 0; i < partnerId.length; i++) h = Math.imul(h ^ partnerId.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1000) / 1000 < share;
}

// ---- rules fallback ----

interface Rule {
  feature: FeatureKey;
  add: number;
  when(f: FeatureValues): boolean;
}
const BASE_RISK = 0.03;
export const CHURN_RULES: readonly Rule[] = [
  { feature: 'engagement_change', add: 0.25, when: (f) => f.engagementChange < Math.log(0.7) },
  { feature: 'pipeline_change', add: 0.15, when: (f) => f.pipelineChange < Math.log(0.7) },
  { feature: 'psat', add: 0.2, when: (f) => f.psat !== null && f.psat <= 6 },
  { feature: 'months_since_win', add: 0.15, when: (f) => f.monthsSinceWin > 9 },
  { feature: 'cert_coverage', add: 0.1, when: (f) => f.certCoverage < 0.1 },
];
export const RULES_TEXT =
  '3% base; +25% if activity fell over 30%, +15% if pipeline fell over 30%, +20% if PSAT ≤ 6, +15% if no win in 9 months, +10% if under 10% of contacts certified';

export function predictRules(f: FeatureValues): number {
  return Math.min(0.95, CHURN_RULES.reduce((a, r) => a + (r.when(f) && !f.absent?.includes(r.feature) ? r.add : 0), BASE_RISK));
}

export type ChurnModel = LogisticModel | { kind: 'rules' };

export interface TrainedChurn {
  model: ChurnModel;
  info: ChurnModelInfo;
}

export const MIN_POSITIVES = 20;
export const MIN_SAMPLES = 300;
export const MIN_AUC = 0.6;

/** Fits on the training partners, validates on the held-out ones, then refits on all. */
export function trainChurn(samples: readonly Sample[]): TrainedChurn {
  const positives = samples.filter((s) => s.y === 1).length;
  const partners = new Set(samples.map((s) => s.partnerId)).size;
  const trainedOn = { snapshots: samples.length, churned: positives, partners };
  const rules = (reason: string): TrainedChurn => ({
    model: { kind: 'rules' },
    info: { kind: 'rules', reason, auc: null, trainedOn, coefficients: [] },
  });
  if (samples.length < MIN_SAMPLES || positives < MIN_POSITIVES) {
    return rules(
      `History too thin for a fitted model (${samples.length} snapshots, ${positives} churn events; needs ${MIN_SAMPLES} and ${MIN_POSITIVES}). Using rules: ${RULES_TEXT}.`,
    );
  }
  const train = samples.filter((s) => !heldOut(s.partnerId));
  const test = samples.filter((s) => heldOut(s.partnerId));
  if (train.filter((s) => s.y === 1).length < MIN_POSITIVES / 2 || test.every((s) => s.y === 0)) {
    return rules(`Not enough churn events to validate a fitted model. Using rules: ${RULES_TEXT}.`);
  }
  const fitted = fitLogistic(train);
  const a = auc(
    test.map((s) => predictLogistic(fitted, s.x)),
    test.map((s) => s.y),
  );
  if (a === null || a < MIN_AUC) {
    return rules(
      `The fitted model did not validate (AUC ${a === null ? 'n/a' : a.toFixed(2)} on held-out partners). Using rules: ${RULES_TEXT}.`,
    );
  }
  const model = fitLogistic(samples);
  return {
    model,
    info: {
      kind: 'logistic',
      reason: `Logistic regression fitted on ${plural(samples.length, 'quarterly snapshot')} of ${plural(partners, 'partner')} (${positives} churned within 2 quarters); AUC ${a.toFixed(2)} on held-out partners.`,
      auc: a,
      trainedOn,
      coefficients: FEATURES.map((f, j) => ({ feature: f.key, label: f.label, weight: model.weights[j]! })),
    },
  };
}

export function riskLevel(p: number, settings: HealthSettings): RiskLevel {
  if (p >= settings.risk.high) return 'high';
  if (p >= settings.risk.medium) return 'medium';
  return 'low';
}

export function churnRisk(model: ChurnModel, f: FeatureValues, settings: HealthSettings): ChurnRisk {
  let probability: number;
  let factors: ChurnFactor[];
  if (model.kind === 'logistic') {
    probability = predictLogistic(model, f);
    const z = standardised(model, f);
    factors = FEATURES.map((feat, j) => ({
      feature: feat.key,
      label: feat.label,
      value: describeFeature(feat.key, f),
      effect: model.weights[j]! * z[j]!,
    }));
  } else {
    probability = predictRules(f);
    factors = CHURN_RULES.map((r) => {
      const feat = FEATURES.find((x) => x.key === r.feature)!;
      return { feature: r.feature, label: feat.label, value: describeFeature(r.feature, f), effect: r.when(f) ? r.add : 0 };
    });
  }
  if (f.absent?.length) factors = factors.filter((x) => !f.absent!.includes(x.feature as FeatureKey));
  factors.sort((a, b) => b.effect - a.effect);
  const risk: ChurnRisk = { probability, level: riskLevel(probability, settings), factors, model: model.kind };
  if (!churnEstimable(f)) risk.noData = true;
  return risk;
}

/** Whether any feature churn risk is estimated from is in the book (not, for a partner list alone). */
export function churnEstimable(f: Pick<FeatureValues, 'absent'>): boolean {
  return (f.absent?.length ?? 0) < FEATURES.length;
}
