/** The partner no longer meets its current tier's requirements. */
import { quarterEnd, quarterOf } from '../../../../src-shared/domain/time';
import type { Candidate, RuleDef } from '../types';
import { currentTierWords, gapTo, meets } from './tier-eligibility';
import { formatMoney } from '../../../../src-shared/format';
import { link } from './util';

export const tierAtRisk: RuleDef = {
  id: 'tier_at_risk',
  describe: () => "The partner misses its tier's requirements (won sourced ARR, trailing 4 quarters; certified people); due at the quarter's tier review.",
  run(snap, asOf) {
    const out: Candidate[] = [];
    const q = quarterOf(asOf, snap.calendar);
    for (const p of snap.partners.values()) {
      if (p.status === 'onboarding') continue;
      const current = snap.tiers.get(p.tierId);
      if (!current || meets(p, current)) continue;
      const words = currentTierWords(p, current);
      if (words.meets) continue;
      const gap = gapTo(p, current);
      out.push({
        rule: 'tier_at_risk',
        entityId: p.id,
        period: q,
        partnerId: p.id,
        suggestion: `${p.name}: ${words.text}`,
        suggestionHere: words.text,
        evidence: () => ({
          facts: [
            { label: 'Sourced ARR, trailing 4 quarters', value: `${formatMoney(p.sourcedT4q, p.currency)} (${current.name} needs ${formatMoney(current.minSourcedArr, current.currency)})` },
            { label: 'Certified people', value: `${p.certifiedPeople} (${current.name} needs ${current.minCertified})` },
            { label: 'Gap', value: `${formatMoney(gap.arr, current.currency)} sourced ARR, ${gap.certs} certified` },
          ],
          links: [link('partner', p.id, `${p.name} · opportunities`, p.id)],
        }),
        impact: p.wonT4q,
        impactText: `the partner's won ARR of the last 12 months, earned on ${current.name} terms`,
        currency: p.currency,
        dueDate: quarterEnd(q, snap.calendar),
        confidence: 0.7,
        confidenceText: 'requirements are missed today; a tier review may still grant grace',
      });
    }
    return out;
  },
};
