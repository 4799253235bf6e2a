/**
 * The churn model's glue: the fitted model memoised until its inputs change, taken as it
 * landed from the health worker when one fitted it on these very inputs (context.ts
 * `landedModel`), and one partner's risk under it. Which dates it trains on and the fit
 * itself are derive.ts and churn.ts.
 */
import type { ChurnRisk, RiskLevel } from '../../../src-shared/methods/health';
import { churnEstimable, churnRisk, features, predictLogistic, predictRules, riskLevel, type FeatureValues, type TrainedChurn } from './churn';
import type { HealthContext } from './context';
import { fitChurn, modelDates } from './derive';
import type { InputsByDate, PartnerBase } from './inputs';
import type { RawInputs } from './measures';

export { MODEL_QUARTERS, trainingDates } from './derive';

export interface HealthModel {
  /** The model trained on the history before `asOf` (memoised while its inputs are unchanged). */
  trained(asOf: string): TrainedChurn;
  /** True when `trained(asOf)` would answer without fitting on this thread. */
  fitted(asOf: string): boolean;
  /** The dates the model of `asOf` trains on. */
  dates(asOf: string): string[];
  /** `dates` plus every date the model needs, so a cold view gathers them all in one pass. */
  withModelDates(asOf: string, dates: readonly string[]): string[];
  /** One partner's churn risk (certain once churned) and its features. */
  riskFor(p: PartnerBase, asOf: string, now: RawInputs, prev: RawInputs | null, model: TrainedChurn): { risk: ChurnRisk; x: FeatureValues };
  /** The same risk's probability and level only (the grid's rows): no factors explained. */
  levelFor(p: PartnerBase, asOf: string, now: RawInputs, prev: RawInputs | null, model: TrainedChurn): { probability: number; level: RiskLevel; noData: boolean };
  /** Forgets the fitted model. */
  reset(): void;
}

export function createHealthModel(ctx: HealthContext): HealthModel {
  let memo: { key: string; trained: TrainedChurn } | null = null;

  // Identity of the cached input maps: a new map object means recomputed inputs.
  const identities = new WeakMap<object, number>();
  let nextIdentity = 1;
  function cacheIdentity(inputs: InputsByDate): string {
    return [...inputs.values()]
      .map((m) => {
        let id = identities.get(m);
        if (!id) identities.set(m, (id = nextIdentity++));
        return id;
      })
      .join('.');
  }

  const datesOf = (asOf: string) => modelDates(asOf, ctx.book().historyStart, ctx.calendar());

  /** The memo's key for the inputs `asOf` reads now, and those inputs. */
  function current(asOf: string): { all: string[]; inputs: InputsByDate; key: string } {
    const all = datesOf(asOf);
    const inputs = ctx.inputs(all);
    return { all, inputs, key: `${all.join(',')}|${cacheIdentity(inputs)}` };
  }

  return {
    trained(asOf) {
      const { all, inputs, key } = current(asOf);
      if (memo?.key === key) return memo.trained;
      const t = ctx.landedModel(asOf, all, inputs) ?? fitChurn(ctx.book().partners, inputs, all, ctx.calendar(), ctx.absent());
      memo = { key, trained: t };
      return t;
    },
    fitted(asOf) {
      const { all, inputs, key } = current(asOf);
      return memo?.key === key || ctx.landedModel(asOf, all, inputs) !== null;
    },
    dates: datesOf,
    withModelDates(asOf, dates) {
      return [...new Set([...dates, ...datesOf(asOf)])];
    },
    riskFor(p, asOf, now, prev, model) {
      const x = features(now, prev, asOf, p.agreement_signed_at, ctx.absent());
      if (p.churned_at !== null && p.churned_at <= asOf) {
        return { risk: { probability: 1, level: 'high', factors: [], model: model.model.kind }, x };
      }
      return { risk: churnRisk(model.model, x, ctx.settings()), x };
    },
    levelFor(p, asOf, now, prev, model) {
      if (p.churned_at !== null && p.churned_at <= asOf) return { probability: 1, level: 'high', noData: false };
      const x = features(now, prev, asOf, p.agreement_signed_at, ctx.absent());
      const probability = model.model.kind === 'logistic' ? predictLogistic(model.model, x) : predictRules(x);
      return { probability, level: riskLevel(probability, ctx.settings()), noData: !churnEstimable(x) };
    },
    reset() {
      memo = null;
    },
  };
}
