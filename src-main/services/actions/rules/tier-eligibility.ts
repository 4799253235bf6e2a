/**
 * Tier eligibility for the action rules: the health service's `eligibility` (tier
 * requirements: won sourced ARR over the trailing 4 quarters and certified people),
 * fed with the snapshot's figures.
 */
import type { TierEligibility } from '../../../../src-shared/methods/health';
import { eligibility } from '../../health/eligibility';
import { EMPTY_INPUTS, type TierTargets } from '../../health/measures';
import type { SnapPartner, SnapTier, Snapshot } from '../types';

function targets(t: SnapTier): TierTargets {
  return {
    id: t.id,
    name: t.name,
    rank: t.rank,
    revenueTarget: t.revenueTarget,
    pipelineTarget: t.pipelineTarget,
    minSourcedArr: t.minSourcedArr,
    minCertified: t.minCertified,
    currency: t.currency,
  };
}

export interface PartnerEligibility {
  e: TierEligibility;
  current: SnapTier;
  next: SnapTier | null;
}

/** Meets a tier's requirements (the same test as the health service's eligibility). */
export function meets(p: SnapPartner, t: SnapTier): boolean {
  return p.sourcedT4q >= t.minSourcedArr && p.certifiedPeople >= t.minCertified;
}

/** The next tier up, if any. */
export function nextTier(snap: Snapshot, current: SnapTier): SnapTier | null {
  let best: SnapTier | null = null;
  for (const t of snap.tiers.values()) if (t.rank > current.rank && (!best || t.rank < best.rank)) best = t;
  return best;
}

/** Per snapshot and partner, computed once (two rules ask); rules call it only when they fire. */
const cache = new WeakMap<Snapshot, { byPartner: Map<string, PartnerEligibility | null>; targets: Map<string, TierTargets>; all: TierTargets[] }>();

export function tierEligibility(snap: Snapshot, p: SnapPartner): PartnerEligibility | null {
  let bySnap = cache.get(snap);
  if (!bySnap) {
    // The tiers' targets once per snapshot, not once per partner.
    const all = [...snap.tiers.values()].map(targets);
    cache.set(snap, (bySnap = { byPartner: new Map(), targets: new Map(all.map((t) => [t.id, t])), all }));
  }
  const hit = bySnap.byPartner.get(p.id);
  if (hit !== undefined) return hit;
  const current = snap.tiers.get(p.tierId);
  let out: PartnerEligibility | null = null;
  if (current) {
    const e = eligibility({ ...EMPTY_INPUTS, sourcedT4q: p.sourcedT4q, certifiedPeople: p.certifiedPeople }, bySnap.targets.get(current.id)!, bySnap.all);
    out = { e, current, next: e.next ? (snap.tiers.get(e.next.id) ?? null) : null };
  }
  bySnap.byPartner.set(p.id, out);
  return out;
}
