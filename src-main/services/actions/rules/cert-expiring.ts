/** Certifications expiring soon would take the partner below its tier's certified headcount. */
import type { Candidate, RuleDef, SnapExpiringHolder } from '../types';
import { formatDate, formatMoney, plural, possessive } from '../../../../src-shared/format';
import { link } from './util';

export const certExpiring: RuleDef = {
  id: 'cert_expiring',
  describe: (t) =>
    `The partner meets its tier's certified-people requirement today but would not once certifications expiring within ${t.certExpiringDays} days lapse.`,
  run(snap, _asOf, t) {
    const byPartner = new Map<string, SnapExpiringHolder[]>();
    for (const h of snap.expiringHolders) {
      let list = byPartner.get(h.partnerId);
      if (!list) byPartner.set(h.partnerId, (list = []));
      list.push(h);
    }
    const out: Candidate[] = [];
    for (const [pid, holders] of byPartner) {
      const p = snap.partners.get(pid);
      const tier = p ? snap.tiers.get(p.tierId) : undefined;
      if (!p || !tier || tier.minCertified <= 0) continue;
      // Below the requirement already: that is "tier at risk", not an expiry to prevent.
      if (p.certifiedPeople < tier.minCertified) continue;
      const after = p.certifiedPeople - holders.length;
      if (after >= tier.minCertified) continue;
      holders.sort((a, b) => a.validUntil.localeCompare(b.validUntil) || a.contactId.localeCompare(b.contactId));
      const renewals = tier.minCertified - after;
      const first = holders[0]!;
      out.push({
        rule: 'cert_expiring',
        entityId: p.id,
        period: first.validUntil.slice(0, 7),
        partnerId: p.id,
        suggestion: `Get ${plural(renewals, 'certification')} at ${p.name} renewed by ${formatDate(first.validUntil)} to keep ${possessive(tier.name)} ${tier.minCertified} certified people`,
        suggestionHere: `Get ${plural(renewals, 'certification')} renewed by ${formatDate(first.validUntil)} to keep ${possessive(tier.name)} ${tier.minCertified} certified people`,
        evidence: () => ({
          facts: [
            { label: 'Certified people today', value: `${p.certifiedPeople} (${tier.name} needs ${tier.minCertified})` },
            { label: `Expiring within ${t.certExpiringDays} days`, value: holders.map((h) => `${h.contactName} (${formatDate(h.validUntil)})`).join(', ') },
            { label: 'Certified after they lapse', value: String(after) },
            { label: 'Won ARR, last 12 months', value: formatMoney(p.wonT4q, p.currency) },
          ],
          links: holders.flatMap((h) => [
            link('contact', h.contactId, h.contactName, p.id),
            link('certification', h.certificationId, `${h.certificationName} · expires ${formatDate(h.validUntil)}`, p.id),
          ]),
        }),
        impact: p.wonT4q,
        impactText: `the partner's won ARR of the last 12 months (its ${tier.name} standing needs the certifications)`,
        currency: p.currency,
        dueDate: first.validUntil,
        confidence: 0.6,
        confidenceText: 'losing the tier is likely but not certain (reviews can grant grace)',
      });
    }
    return out;
  },
};
