/** A live registration that collides with an open vendor-direct opportunity. */

import { humanize } from './words';
import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, formatMoneyShort } from '../../../../src-shared/format';
import { addDays } from '../../../../src-shared/domain/time';
import { link, OPEN_STAGES } from './util';

export const channelConflict: RuleDef = {
  id: 'channel_conflict',
  describe: (t) => `A submitted or approved registration matching an open direct opportunity; resolve within ${t.conflictResolveDays} days of submission.`,
  run(snap, _asOf, t) {
    const out: Candidate[] = [];
    for (const r of snap.registrations) {
      const m = r.matched;
      if (!m || !OPEN_STAGES.has(m.stage)) continue;
      const p = snap.partners.get(r.partnerId);
      if (!p) continue;
      const impact = Math.max(r.amount, m.amount);
      const head = `Resolve the channel conflict on ${r.customer}: `;
      const tail = ` registration vs direct deal ${m.id} (${formatMoneyShort(m.amount, r.currency)})`;
      out.push({
        rule: 'channel_conflict',
        entityId: r.id,
        period: m.id,
        partnerId: p.id,
        suggestion: `${head}${p.name}'s${tail}`,
        suggestionHere: `${head}their${tail}`,
        evidence: () => ({
          facts: [
            { label: 'Registration', value: `${r.id}, ${formatMoney(r.amount, r.currency)}, submitted ${formatDate(r.submittedAt)}${r.status === 'approved' ? ', approved' : ', awaiting a decision'}` },
            { label: 'Direct opportunity', value: `${m.id}, ${humanize(m.stage)}, ${formatMoney(m.amount, r.currency)}, closes ${formatDate(m.closeDate)}` },
            { label: 'Resolve by', value: `${formatDate(addDays(r.submittedAt, t.conflictResolveDays))} (${t.conflictResolveDays} days after submission)` },
          ],
          links: [
            link('deal_registration', r.id, `Registration ${r.id} · ${r.customer}`, p.id),
            link('opportunity', m.id, `Direct opportunity ${m.id} · ${m.customer}`, null),
          ],
        }),
        impact,
        impactText: 'the larger of the registration and the direct deal',
        currency: r.currency,
        dueDate: addDays(r.submittedAt, t.conflictResolveDays),
        confidence: 0.9,
        confidenceText: 'the same customer is named on both sides',
      });
    }
    return out;
  },
};
