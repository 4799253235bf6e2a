/** A submitted deal registration still waiting for a decision after N days. */

import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, formatMoneyShort } from '../../../../src-shared/format';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import { link, OPEN_STAGES } from './util';

export const regPending: RuleDef = {
  id: 'reg_pending',
  describe: (t) => `A registration submitted ${t.regPendingDays}+ days ago with no decision; due ${t.regDecisionSlaDays} days after submission.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const r of snap.registrations) {
      if (r.status !== 'submitted') continue;
      // A registration colliding with an open direct deal is a channel conflict (its own rule).
      if (r.matched && OPEN_STAGES.has(r.matched.stage)) continue;
      const p = snap.partners.get(r.partnerId);
      if (!p) continue;
      const age = daysBetween(r.submittedAt, asOf);
      if (age < t.regPendingDays) continue;
      const tail = ` ${formatMoneyShort(r.amount, r.currency)} registration for ${r.customer} — pending ${age} days`;
      out.push({
        rule: 'reg_pending',
        entityId: r.id,
        period: r.submittedAt,
        partnerId: p.id,
        suggestion: `Get a decision on ${p.name}'s${tail}`,
        suggestionHere: `Get a decision on the${tail}`,
        evidence: () => ({
          facts: [
            { label: 'Submitted', value: `${formatDate(r.submittedAt)} (${age} days ago; threshold ${t.regPendingDays})` },
            { label: 'Amount', value: formatMoney(r.amount, r.currency) },
            { label: 'Decision due', value: `${formatDate(addDays(r.submittedAt, t.regDecisionSlaDays))} (SLA ${t.regDecisionSlaDays} days)` },
            { label: 'Registration expires', value: formatDate(r.expiresAt) },
          ],
          links: [link('deal_registration', r.id, `Registration ${r.id} · ${r.customer}`, p.id)],
        }),
        impact: r.amount,
        impactText: 'the registered deal amount',
        currency: r.currency,
        dueDate: addDays(r.submittedAt, t.regDecisionSlaDays),
        confidence: 0.8,
        confidenceText: 'a registered deal with a named customer; an undecided one stalls the partner',
      });
    }
    return out;
  },
};
