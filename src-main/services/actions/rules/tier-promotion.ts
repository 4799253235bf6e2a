/** The partner meets its tier and is close to the next one's requirements. */
import { quarterEnd, quarterOf } from '../../../../src-shared/domain/time';
import type { Candidate, RuleDef } from '../types';
import { meets, nextTier, nextTierWords } from './tier-eligibility';
import { formatMoney, formatPercent } from '../../../../src-shared/format';
import { link } from './util';

export const tierPromotion: RuleDef = {
  id: 'tier_promotion',
  describe: (t) =>
    `Meets its tier; the next tier's sourced-ARR gap is at most ${formatPercent(t.promotionArrGapShare)} of its requirement and at most ${t.promotionMaxCertGap} certified people short.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    const q = quarterOf(asOf, snap.calendar);
    for (const p of snap.partners.values()) {
      const current = snap.tiers.get(p.tierId);
      const next = current && meets(p, current) ? nextTier(snap, current) : null;
      if (!next || !current) continue;
      const arrGap = Math.max(0, next.minSourcedArr - p.sourcedT4q);
      const certGap = Math.max(0, next.minCertified - p.certifiedPeople);
      if (arrGap > t.promotionArrGapShare * next.minSourcedArr || certGap > t.promotionMaxCertGap) continue;
      const words = nextTierWords(p, next);
      const uplift = Math.max(0, next.revenueTarget - current.revenueTarget);
      out.push({
        rule: 'tier_promotion',
        entityId: p.id,
        period: q,
        partnerId: p.id,
        suggestion: words.meets ? `${p.name} meets ${next.name} requirements: put it up for promotion` : `${p.name} is close to ${next.name}: ${words.text.replace(/^To reach [^:]+: /, '')} to go`,
        suggestionHere: words.meets ? `Meets ${next.name} requirements: put it up for promotion` : `Close to ${next.name}: ${words.text.replace(/^To reach [^:]+: /, '')} to go`,
        evidence: () => ({
          facts: [
            { label: 'Sourced ARR, trailing 4 quarters', value: `${formatMoney(p.sourcedT4q, p.currency)} (${next.name} needs ${formatMoney(next.minSourcedArr, next.currency)})` },
            { label: 'Certified people', value: `${p.certifiedPeople} (${next.name} needs ${next.minCertified})` },
            { label: 'Gap', value: `${formatMoney(arrGap, next.currency)} sourced ARR (limit ${formatPercent(t.promotionArrGapShare)} = ${formatMoney(Math.round(t.promotionArrGapShare * next.minSourcedArr), next.currency)}), ${certGap} certified (limit ${t.promotionMaxCertGap})` },
          ],
          links: [link('partner', p.id, `${p.name} · opportunities`, p.id)],
        }),
        impact: uplift,
        impactText: `the revenue-target step from ${current.name} to ${next.name}`,
        currency: next.currency,
        dueDate: quarterEnd(q, snap.calendar),
        confidence: words.meets ? 0.8 : 0.5,
        confidenceText: words.meets ? 'requirements met; promotion is a formality' : 'a gap remains to close this quarter',
      });
    }
    return out;
  },
};
