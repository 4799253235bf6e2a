/**
 * The health service: portfolio scores (portfolio.ts), one partner's full health picture
 * (partner.ts), the team roll-up (rollup.ts), the churn model (model.ts) and the editable
 * settings, over one shared context (context.ts): per-date inputs are cached (cache.ts)
 * and scores derive from them and the settings. This file only composes them.
 */
import type {
  ChurnModelInfo,
  HealthPartnerDetail,
  HealthPortfolio,
  HealthProgress,
  HealthRollup,
  HealthScore,
  HealthSettings,
} from '../../../src-shared/methods/health';
import { createHealthContext, previousQuarterEnd, TREND_QUARTERS, trendDates, type HealthServiceDeps } from './context';
import type { PartnerRow } from '../../../src-shared/methods/partners';
import type { PartnerBase } from './inputs';
import { createHealthModel } from './model';
import { partnerHealth } from './partner';
import { arrivingPortfolio, bookScores, healthPortfolio } from './portfolio';
import { teamRollup } from './rollup';

export { HEALTH_SETTING_KEY, TREND_QUARTERS, previousQuarterEnd, trendDates, type HealthServiceDeps } from './context';
export { MODEL_QUARTERS, trainingDates } from './model';

export interface HealthService {
  /**
   * Resolves once the views of `asOf` can answer without gathering inputs, scoring the book
   * or fitting the churn model on this thread: at once when stale inputs exist (recomputed,
   * scored and fitted in the worker meanwhile) or all that is done for the current ones,
   * else when the worker's results have landed. At once without a worker (background.ts).
   */
  ready(asOf?: string): Promise<void>;
  portfolio(asOf?: string): HealthPortfolio;
  /**
   * The portfolio while the book is still arriving, or (`scoring`) while its scores are
   * computed in the background: `records` as they are, nothing scored (HealthPortfolio.arriving).
   */
  arriving(records: PartnerRow[], asOf?: string, scoring?: boolean): HealthPortfolio;
  /** How far the running background scoring has got (its last `health.progress`), or null when none runs. */
  scoring(): HealthProgress | null;
  /** `current`: from current inputs only, never the stale ones served while the worker recomputes (QBR decks). */
  partner(id: string, asOf?: string, opts?: { current?: boolean }): HealthPartnerDetail;
  rollup(asOf?: string, managerId?: string): HealthRollup;
  model(asOf?: string): ChurnModelInfo;
  /** Scores of every partner in the book on `asOf` (for the CLI). */
  scores(asOf?: string): { partner: PartnerBase; score: HealthScore }[];
  getSettings(): HealthSettings;
  setSettings(s: HealthSettings): HealthSettings;
  /** Drops every cached input (memory and disk). */
  invalidate(): void;
  /**
   * The fiscal calendar changed: the trend's and the model's quarter ends move. The inputs
   * cached per date stay valid (they do not depend on quarters); the model is refitted.
   */
  calendarChanged(): void;
  /** Recomputes the inputs of the 8 trend quarters from scratch (benchmark). */
  recompute(asOf?: string): number;
  dispose(): void;
  /** Stops the background recompute (the workspace closes). */
  close(): Promise<void>;
}

export function createHealthService(deps: HealthServiceDeps): HealthService {
  const ctx = createHealthContext(deps);
  const model = createHealthModel(ctx);
  const portfolio = (asOf?: string) => healthPortfolio(ctx, model, asOf);
  return {
    ready(asOf) {
      const d = ctx.resolveAsOf(asOf);
      const cal = ctx.calendar();
      // The dates a view of `asOf` scores: the trend's quarters (the previous quarter end among them).
      const scoreDates = [...new Set([...trendDates(d, TREND_QUARTERS, cal).map((t) => t.date), previousQuarterEnd(d, cal)])];
      // Every date it reads: those and the model's.
      return ctx.prepare(model.withModelDates(d, scoreDates), { asOf: d, scoreDates, warm: () => ctx.scored(scoreDates) && model.fitted(d) });
    },
    portfolio,
    arriving: (records, asOf, scoring) => arrivingPortfolio(ctx, records, asOf, scoring),
    scoring: () => ctx.progress(),
    partner: (id, asOf, opts) => (opts?.current ? ctx.currently(() => partnerHealth(ctx, model, id, asOf)) : partnerHealth(ctx, model, id, asOf)),
    rollup: (asOf, managerId) => teamRollup(ctx, portfolio, asOf, managerId),
    model: (asOf) => model.trained(ctx.resolveAsOf(asOf)).info,
    scores: (asOf) => bookScores(ctx, model, asOf),
    getSettings: () => ctx.settings(),
    setSettings: (s) => ctx.setSettings(s),
    invalidate() {
      ctx.invalidate();
      model.reset();
    },
    calendarChanged() {
      ctx.calendarChanged();
      model.reset();
    },
    recompute: (asOf) => ctx.recompute(asOf),
    dispose: () => ctx.dispose(),
    close: () => ctx.close(),
  };
}
