/**
 * One partner's health page: the explained score now and last quarter end, the biggest
 * movers, the 8-quarter trend, components and KPIs against the tier's peers, tier
 * eligibility, churn risk and the 26-week engagement timeline.
 */
import { addDays } from '../../../src-shared/domain/time';
import {
  HEALTH_COMPONENTS,
  HEALTH_COMPONENT_LABELS,
  type HealthPartnerDetail,
} from '../../../src-shared/methods/health';
import { ServiceError } from '../../base/errors';
import { benchmark, median, peerDistributions, type PeerEntry } from './benchmarks';
import { previousQuarterEnd, trendDates, type HealthContext } from './context';
import { eligibility } from './eligibility';
import { aliveOn } from './inputs';
import { EMPTY_INPUTS } from './measures';
import type { HealthModel } from './model';
import { biggestMovers } from './scoring';
import type { BookScore } from './derive';

export function partnerHealth(ctx: HealthContext, model: HealthModel, id: string, asOf?: string): HealthPartnerDetail {
  const d = ctx.resolveAsOf(asOf);
  const prevDate = previousQuarterEnd(d, ctx.calendar());
  const trend = trendDates(d, undefined, ctx.calendar());
  ctx.inputs(model.withModelDates(d, [...trend.map((t) => t.date), prevDate]));
  const { snapshots, partners, tiers } = ctx.load([...trend.map((t) => t.date), prevDate]);
  const p = partners.find((x) => x.id === id);
  if (!p) throw new ServiceError('not_found', `No partner with id '${id}' in this book.`);
  const tier = ctx.tierOf(tiers, p.tier_id);
  const now = snapshots.get(d)!;
  const prev = snapshots.get(prevDate)!;
  const current = ctx.explained(p, d, now, tiers);
  const previous = aliveOn(p, prevDate) ? ctx.explained(p, prevDate, prev, tiers) : null;
  const inp = now.inputs.get(id) ?? EMPTY_INPUTS;
  const trained = model.trained(d);
  const { risk } = model.riskFor(p, d, inp, prev.inputs.get(id) ?? null, trained);

  const peers: PeerEntry[] = [];
  const peerScores: BookScore[] = [];
  for (const q of partners) {
    if (q.tier_id !== p.tier_id || !aliveOn(q, d)) continue;
    const s = now.scores.get(q.id)!;
    peers.push({ inputs: now.inputs.get(q.id) ?? EMPTY_INPUTS, score: s.score });
    peerScores.push(s);
  }
  const kpis = benchmark({ inputs: inp, score: current.score }, peerDistributions(peers), p.currency);
  const componentsVsTier = HEALTH_COMPONENTS.map((c) => {
    const vals = peerScores.map((s) => s.components[c]).sort((a, b) => a - b);
    return {
      component: c,
      label: HEALTH_COMPONENT_LABELS[c],
      score: current.components.find((x) => x.component === c)!.score,
      tierMedian: Math.round(median(vals) ?? 0),
    };
  });

  const out: HealthPartnerDetail = {
    bookGaps: ctx.gaps(),
    partner: {
      id: p.id,
      name: p.name,
      tier_id: p.tier_id,
      tier_name: tier.name,
      tier_rank: tier.rank,
      owner_name: p.owner_name,
      status: p.status,
      currency: p.currency,
      churned_at: p.churned_at,
    },
    asOf: d,
    previousAsOf: prevDate,
    current,
    previous,
    movers: biggestMovers(current, previous),
    trend: trend.map((t) => {
      const s = snapshots.get(t.date)!.scores.get(id)!;
      // A quarter with no score (before it signed, or nothing health counts in the book) is a gap, not a 0.
      const alive = aliveOn(p, t.date) && s.band !== 'no_data';
      return {
        quarter: t.quarter,
        asOf: t.date,
        score: alive ? s.score : null,
        band: alive ? s.band : null,
        components: alive ? { ...s.components } : null,
      };
    }),
    componentsVsTier,
    kpis,
    eligibility: eligibility(inp, tier, [...tiers.values()]),
    churn: risk,
    model: trained.info,
    timeline: engagementTimeline(ctx, id, d),
    settings: ctx.settings(),
  };
  // Stale inputs were served: fresh ones land soon (data.changed 'health').
  if (ctx.refreshing()) out.refreshing = true;
  return out;
}

/** Engagement events per week and kind, 26 weeks ending on the as-of date. */
function engagementTimeline(ctx: HealthContext, id: string, d: string): HealthPartnerDetail['timeline'] {
  const from = addDays(d, -181);
  const rows = ctx.db.sqlite
    .prepare(
      `SELECT kind, CAST((julianday(?) - julianday(substr(occurred_at, 1, 10))) / 7 AS INTEGER) AS w, count(*) AS n
         FROM engagement_event
        WHERE partner_id = ? AND occurred_at >= ? AND occurred_at < ?
        GROUP BY kind, w`,
    )
    .all(d, id, from, addDays(d, 1)) as { kind: string; w: number; n: number }[];
  const timeline = Array.from({ length: 26 }, (_, i) => ({
    week: addDays(d, -(25 - i) * 7 - 6),
    counts: {} as Record<string, number>,
    total: 0,
  }));
  for (const r of rows) {
    const slot = timeline[25 - r.w];
    if (!slot) continue;
    slot.counts[r.kind] = (slot.counts[r.kind] ?? 0) + r.n;
    slot.total += r.n;
  }
  return timeline;
}
