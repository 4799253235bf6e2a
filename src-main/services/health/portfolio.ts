/**
 * The portfolio: every partner's score, band, movement since last quarter end and churn
 * risk on one date (the Portfolio grid), and the plain scores with explanations (the CLI).
 */
import type { HealthPortfolio, HealthPortfolioRow, HealthScore } from '../../../src-shared/methods/health';
import type { HealthContext } from './context';
import { previousQuarterEnd } from './context';
import { aliveOn, type PartnerBase } from './inputs';
import { EMPTY_INPUTS } from './measures';
import type { HealthModel } from './model';
import { componentMap } from './scoring';

export function healthPortfolio(ctx: HealthContext, model: HealthModel, asOf?: string): HealthPortfolio {
  const d = ctx.resolveAsOf(asOf);
  const prevDate = previousQuarterEnd(d, ctx.calendar());
  ctx.inputs(model.withModelDates(d, [d, prevDate]));
  const { snapshots, partners, tiers } = ctx.load([d, prevDate]);
  const trained = model.trained(d);
  const now = snapshots.get(d)!;
  const prev = snapshots.get(prevDate)!;
  const rows: HealthPortfolioRow[] = partners.map((p) => {
    const s = now.scores.get(p.id)!;
    const ps = prev.scores.get(p.id)!;
    const inp = now.inputs.get(p.id) ?? EMPTY_INPUTS;
    const tier = ctx.tierOf(tiers, p.tier_id);
    const { risk } = model.riskFor(p, d, inp, prev.inputs.get(p.id) ?? null, trained);
    return {
      id: p.id,
      name: p.name,
      type: p.type as HealthPortfolioRow['type'],
      tier_id: p.tier_id,
      tier_name: tier.name,
      tier_rank: tier.rank,
      region: p.region as HealthPortfolioRow['region'],
      owner_id: p.owner_id,
      owner_name: p.owner_name,
      status: p.status as HealthPortfolioRow['status'],
      revenue_t4q: inp.wonT4q,
      currency: p.currency,
      score: s.score,
      band: s.band,
      delta: aliveOn(p, prevDate) ? s.score - ps.score : null,
      components: componentMap(s),
      pipeline: inp.pipeline,
      sourced_t4q: inp.sourcedT4q,
      churn_risk: risk.probability,
      risk_level: risk.level,
      psat_no_data: inp.psat === null,
      live: aliveOn(p, d),
    };
  });
  return { bookGaps: ctx.gaps(), asOf: d, previousAsOf: prevDate, rows, model: trained.info, settings: ctx.settings() };
}

/** Scores, with their explanations, of every partner in the book on `asOf`. */
export function bookScores(ctx: HealthContext, model: HealthModel, asOf?: string): { partner: PartnerBase; score: HealthScore }[] {
  const d = ctx.resolveAsOf(asOf);
  ctx.inputs(model.withModelDates(d, [d]));
  const { snapshots, partners, tiers } = ctx.load([d]);
  const snap = snapshots.get(d)!;
  return partners.map((p) => ({ partner: p, score: ctx.explained(p, d, snap, tiers) }));
}
