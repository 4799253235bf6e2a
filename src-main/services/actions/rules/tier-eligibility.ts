/**
 * Tier eligibility for the action rules, in the health service's words (health/eligibility.ts:
 * won sourced ARR over the trailing 4 quarters and certified people), fed with the snapshot's
 * figures. Each rule asks only for the sentence it shows, so a partner's whole eligibility
 * (every tier's gap) is never built here.
 */
import { currentTierText, nextTierText, tierGap } from '../../health/eligibility';
import type { SnapPartner, SnapTier, Snapshot } from '../types';

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

/** "At risk of losing Silver: +$12k sourced ARR, +1 certified person" (or "Meets Silver requirements"). */
export function currentTierWords(p: SnapPartner, current: SnapTier): { meets: boolean; text: string } {
  return currentTierText(p.sourcedT4q, p.certifiedPeople, current);
}

/** "To reach Gold: +$42k sourced ARR, +2 certified people" (or "Meets Gold requirements"). */
export function nextTierWords(p: SnapPartner, next: SnapTier): { meets: boolean; text: string } {
  return nextTierText(p.sourcedT4q, p.certifiedPeople, next);
}

/** What the partner lacks of a tier's requirements. */
export function gapTo(p: SnapPartner, t: SnapTier): { arr: number; certs: number } {
  return tierGap(p.sourcedT4q, p.certifiedPeople, t);
}
