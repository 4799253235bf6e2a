/** An onboarding partner with no won deal N days after signing. */

import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, possessive } from '../../../../src-shared/format';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import { link } from './util';

export const onboardingStuck: RuleDef = {
  id: 'onboarding_stuck',
  describe: (t) => `Status onboarding and no won deal ${t.onboardingStuckDays}+ days after the agreement was signed; due two weeks after that.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const p of snap.partners.values()) {
      if (p.status !== 'onboarding' || p.firstWinAt) continue;
      const since = daysBetween(p.agreementSignedAt, asOf);
      if (since < t.onboardingStuckDays) continue;
      const tier = snap.tiers.get(p.tierId);
      const expected = tier ? Math.round(tier.revenueTarget / 4) : 0;
      const impact = p.openPipeline > 0 ? p.openPipeline : expected;
      out.push({
        rule: 'onboarding_stuck',
        entityId: p.id,
        period: p.agreementSignedAt,
        partnerId: p.id,
        suggestion: `Unblock ${possessive(p.name)} onboarding: no won deal ${since} days after signing`,
        suggestionHere: `Unblock onboarding: no won deal ${since} days after signing`,
        evidence: () => ({
          facts: [
            { label: 'Agreement signed', value: `${formatDate(p.agreementSignedAt)} (${since} days ago; threshold ${t.onboardingStuckDays})` },
            { label: 'Won deals', value: 'none yet' },
            { label: 'Open pipeline', value: formatMoney(p.openPipeline, p.currency) },
          ],
          links: [link('partner', p.id, `${p.name} · opportunities`, p.id)],
        }),
        impact,
        impactText: p.openPipeline > 0 ? 'the open pipeline waiting for a first win' : `a quarter of the ${tier?.name ?? ''} revenue target`,
        currency: p.currency,
        dueDate: addDays(p.agreementSignedAt, t.onboardingStuckDays + 14),
        confidence: 0.5,
        confidenceText: 'a slow start predicts churn, but some partners start late',
      });
    }
    return out;
  },
};
