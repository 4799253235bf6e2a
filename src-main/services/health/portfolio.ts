/**
 * The portfolio: every partner's score, band, movement since last quarter end and churn
 * risk on one date (the Portfolio grid), and the plain scores with explanations (the CLI).
 */
import type { HealthPortfolio, HealthPortfolioRow, HealthScore } from '../../../src-shared/methods/health';
import type { PartnerRow } from '../../../src-shared/methods/partners';
import type { HealthContext, Snapshot } from './context';
import { previousQuarterEnd } from './context';
import { aliveOn, type PartnerBase } from './inputs';
import { EMPTY_INPUTS, type TierTargets } from './measures';
import type { TrainedChurn } from './churn';
import type { HealthModel } from './model';
import { shareUnchanged } from '../../base/unchanged-json';

/**
 * The rows last built from a snapshot, and what else they were built from. A warm
 * portfolio (nothing changed since the last call) returns them as they are: building them
 * again (churn features and risk for every partner) was 90% of a warm call on the large
 * book. The rows take the risk's probability and level only (`levelFor`): explaining
 * every partner's factors in words only to drop them cost most of a rebuild. A new snapshot (new inputs, settings or partner list), a
 * refitted model, other tiers or another book coverage build them again.
 */
interface BuiltRows {
  prev: Snapshot;
  trained: object;
  tiers: object;
  absent: object;
  prevDate: string;
  rows: HealthPortfolioRow[];
}
const built = new WeakMap<Snapshot, BuiltRows>();

export function healthPortfolio(ctx: HealthContext, model: HealthModel, asOf?: string): HealthPortfolio {
  const d = ctx.resolveAsOf(asOf);
  const prevDate = previousQuarterEnd(d, ctx.calendar());
  ctx.inputs(model.withModelDates(d, [d, prevDate]));
  const { snapshots, partners, tiers } = ctx.load([d, prevDate]);
  const trained = model.trained(d);
  const now = snapshots.get(d)!;
  const prev = snapshots.get(prevDate)!;
  const absent = ctx.absent();
  const memo = built.get(now);
  const rows =
    memo && memo.prev === prev && memo.trained === trained && memo.tiers === tiers && memo.absent === absent && memo.prevDate === prevDate
      ? memo.rows
      : // Frozen and shared: the harness encodes these rows once, not on every call.
        shareUnchanged(buildRows(ctx, model, d, prevDate, now, prev, partners, tiers, trained));
  if (rows !== memo?.rows) built.set(now, { prev, trained, tiers, absent, prevDate, rows });
  const out: HealthPortfolio = { bookGaps: ctx.gaps(), asOf: d, previousAsOf: prevDate, rows, model: trained.info, settings: ctx.settings() };
  // Stale inputs were served: fresh ones land soon (data.changed 'health').
  if (ctx.refreshing()) out.refreshing = true;
  return out;
}

/**
 * The portfolio while the workspace's first sync is still bringing the book in, or (with
 * `scoring`) while the whole book's scores are computed in the background
 * (HealthPortfolio.arriving, .scoring): the partners' records, nothing scored, no input gathered.
 */
export function arrivingPortfolio(ctx: HealthContext, records: PartnerRow[], asOf?: string, scoring = false): HealthPortfolio {
  const d = ctx.resolveAsOf(asOf);
  return {
    bookGaps: ctx.gaps(),
    asOf: d,
    previousAsOf: previousQuarterEnd(d, ctx.calendar()),
    rows: [],
    // Fitted on nothing until the whole book is here.
    model: {
      kind: 'rules',
      reason: scoring
        ? 'The churn model is being fitted with the book’s scores.'
        : 'The book is still arriving: the churn model is fitted once the whole book is here.',
      auc: null,
      trainedOn: null,
      coefficients: [],
    },
    settings: ctx.settings(),
    arriving: { records },
    ...(scoring ? { scoring: ctx.progress() ?? { done: 0, total: 100 } } : {}),
  };
}

function buildRows(
  ctx: HealthContext,
  model: HealthModel,
  d: string,
  prevDate: string,
  now: Snapshot,
  prev: Snapshot,
  partners: PartnerBase[],
  tiers: Map<string, TierTargets>,
  trained: TrainedChurn,
): HealthPortfolioRow[] {
  const noPipeline = ctx.absent().has('open_pipeline');
  const noRevenue = ctx.absent().has('opportunity');
  return partners.map((p) => {
    const s = now.scores.get(p.id)!;
    const ps = prev.scores.get(p.id)!;
    const inp = now.inputs.get(p.id) ?? EMPTY_INPUTS;
    const tier = ctx.tierOf(tiers, p.tier_id);
    const risk = model.levelFor(p, d, inp, prev.inputs.get(p.id) ?? null, trained);
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
      // No score (nothing health counts in the book) has no movement either.
      delta: aliveOn(p, prevDate) && s.band !== 'no_data' ? s.score - ps.score : null,
      components: { ...s.components },
      pipeline: inp.pipeline,
      sourced_t4q: inp.sourcedT4q,
      churn_risk: risk.probability,
      risk_level: risk.level,
      psat_no_data: inp.psat === null,
      churn_no_data: risk.noData,
      pipeline_no_data: noPipeline,
      revenue_no_data: noRevenue,
      live: aliveOn(p, d),
    };
  });
}

/** Scores, with their explanations, of every partner in the book on `asOf`. */
export function bookScores(ctx: HealthContext, model: HealthModel, asOf?: string): { partner: PartnerBase; score: HealthScore }[] {
  const d = ctx.resolveAsOf(asOf);
  ctx.inputs(model.withModelDates(d, [d]));
  const { snapshots, partners, tiers } = ctx.load([d]);
  const snap = snapshots.get(d)!;
  return partners.map((p) => ({ partner: p, score: ctx.explained(p, d, snap, tiers) }));
}
