/**
 * The churn model's glue: which quarter ends it trains on, the labelled samples drawn from
 * the cached inputs, the fitted model memoised until those inputs change, and one
 * partner's risk under it. The fitting itself is churn.ts.
 */
import { addDays, CALENDAR_YEAR, daysBetween, quarterEnd, quarterOf, quartersEnding, shiftQuarter, type FiscalCalendar } from '../../../src-shared/domain/time';
import type { ChurnRisk } from '../../../src-shared/methods/health';
import { churnRisk, features, trainChurn, type FeatureValues, type Sample, type TrainedChurn } from './churn';
import { previousQuarterEnd, type HealthContext } from './context';
import { aliveOn, type InputsByDate, type PartnerBase } from './inputs';
import { EMPTY_INPUTS, type RawInputs } from './measures';

/** Quarters of history the churn model looks back over. */
export const MODEL_QUARTERS = 12;

/**
 * Quarter ends whose 2-quarter label window has fully elapsed by `asOf`, oldest first,
 * and (given when the replica's history starts) with 180 days of history behind them.
 */
export function trainingDates(asOf: string, historyStart: string | null = null, quarters = MODEL_QUARTERS, cal: FiscalCalendar = CALENDAR_YEAR): string[] {
  return quartersEnding(shiftQuarter(quarterOf(asOf, cal), -1), quarters)
    .map((q) => ({ q, end: quarterEnd(q, cal) }))
    .filter(({ q, end }) => quarterEnd(shiftQuarter(q, 2), cal) <= asOf && (historyStart === null || addDays(historyStart, 180) <= end))
    .map(({ end }) => end);
}

export interface HealthModel {
  /** The model trained on the history before `asOf` (memoised while its inputs are unchanged). */
  trained(asOf: string): TrainedChurn;
  /** `dates` plus every date the model needs, so a cold view gathers them all in one pass. */
  withModelDates(asOf: string, dates: readonly string[]): string[];
  /** One partner's churn risk (certain once churned) and its features. */
  riskFor(p: PartnerBase, asOf: string, now: RawInputs, prev: RawInputs | null, model: TrainedChurn): { risk: ChurnRisk; x: FeatureValues };
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

  /** The previous quarter end of the first training date (for the deltas), then the training dates. */
  function modelDates(asOf: string): string[] {
    const cal = ctx.calendar();
    const dates = trainingDates(asOf, ctx.book().historyStart, MODEL_QUARTERS, cal);
    return dates.length > 0 ? [previousQuarterEnd(dates[0]!, cal), ...dates] : [];
  }

  return {
    trained(asOf) {
      const all = modelDates(asOf);
      const inputs = ctx.inputs(all);
      const key = `${all.join(',')}|${cacheIdentity(inputs)}`;
      if (memo?.key === key) return memo.trained;
      const { partners } = ctx.book();
      const cal = ctx.calendar();
      const samples: Sample[] = [];
      for (let i = 1; i < all.length; i++) {
        const d = all[i]!;
        const prev = inputs.get(all[i - 1]!)!;
        const now = inputs.get(d)!;
        const labelEnd = quarterEnd(shiftQuarter(quarterOf(d, cal), 2), cal);
        for (const p of partners) {
          // Only partners with two quarters of history behind them.
          if (!aliveOn(p, d) || daysBetween(p.agreement_signed_at, d) < 180) continue;
          const x = features(now.get(p.id) ?? EMPTY_INPUTS, prev.get(p.id) ?? null, d, p.agreement_signed_at, ctx.absent());
          const y = p.churned_at !== null && p.churned_at > d && p.churned_at <= labelEnd ? 1 : 0;
          samples.push({ partnerId: p.id, x, y });
        }
      }
      const t = trainChurn(samples);
      memo = { key, trained: t };
      return t;
    },
    withModelDates(asOf, dates) {
      return [...new Set([...dates, ...modelDates(asOf)])];
    },
    riskFor(p, asOf, now, prev, model) {
      const x = features(now, prev, asOf, p.agreement_signed_at, ctx.absent());
      if (p.churned_at !== null && p.churned_at <= asOf) {
        return { risk: { probability: 1, level: 'high', factors: [], model: model.model.kind }, x };
      }
      return { risk: churnRisk(model.model, x, ctx.settings()), x };
    },
    reset() {
      memo = null;
    },
  };
}
