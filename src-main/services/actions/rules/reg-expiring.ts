/** An approved registration that has not become an opportunity and expires soon. */

import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, formatMoneyShort } from '../../../../src-shared/format';
import { daysBetween } from '../../../../src-shared/domain/time';
import { link } from './util';
import { daysLeft, inDays } from './words';

export const regExpiring: RuleDef = {
  id: 'reg_expiring',
  describe: (t) => `An approved registration with no opportunity yet, expiring within ${t.regExpiringDays} days.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const r of snap.registrations) {
      if (r.status !== 'approved' || r.opportunityId) continue;
      const left = daysBetween(asOf, r.expiresAt);
      if (left < 0 || left > t.regExpiringDays) continue;
      const p = snap.partners.get(r.partnerId);
      if (!p) continue;
      out.push({
        rule: 'reg_expiring',
        entityId: r.id,
        period: r.expiresAt,
        partnerId: p.id,
        suggestion: `Help ${p.name} convert the ${formatMoneyShort(r.amount, r.currency)} ${r.customer} registration before it expires ${inDays(left)}`,
        suggestionHere: `Help convert the ${formatMoneyShort(r.amount, r.currency)} ${r.customer} registration before it expires ${inDays(left)}`,
        evidence: () => ({
          facts: [
            { label: 'Expires', value: `${formatDate(r.expiresAt)} (${daysLeft(left)}; threshold ${t.regExpiringDays})` },
            { label: 'Amount', value: formatMoney(r.amount, r.currency) },
            { label: 'Submitted', value: formatDate(r.submittedAt) },
            { label: 'Opportunity', value: 'none yet' },
          ],
          links: [link('deal_registration', r.id, `Registration ${r.id} · ${r.customer}`, p.id)],
        }),
        impact: r.amount,
        impactText: 'the registered deal amount',
        currency: r.currency,
        dueDate: r.expiresAt,
        confidence: 0.7,
        confidenceText: 'approved and protected, but no opportunity opened yet',
      });
    }
    return out;
  },
};
