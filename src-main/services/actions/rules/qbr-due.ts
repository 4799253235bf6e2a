/** The quarter is ending and no QBR pack has been started for the partner. */
import { quarterEnd, quarterOf } from '../../../../src-shared/domain/time';
import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney } from '../../../../src-shared/format';
import { daysBetween } from '../../../../src-shared/domain/time';
import { quarterText } from '../../../../src-shared/domain/fiscal-text';
import { link } from './util';
import { daysLeft, inDays } from './words';

export const qbrDue: RuleDef = {
  id: 'qbr_due',
  describe: (t) =>
    `Active partners at tier rank ${t.qbrMinTierRank}+ with no QBR pack started this quarter, within ${t.qbrDaysBeforeQuarterEnd} days of the quarter end.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    const q = quarterOf(asOf, snap.calendar);
    const end = quarterEnd(q, snap.calendar);
    const left = daysBetween(asOf, end);
    // As the QBR page and deck name it ("Q4 2026", "Q2 FY27"), not the stored label "2026-Q4".
    const qText = quarterText(q, snap.calendar);
    if (left > t.qbrDaysBeforeQuarterEnd) return out;
    // The same for every partner: worded once.
    const tail = ` ${qText} QBR pack — the quarter ends ${inDays(left)}`;
    const here = `Start the${tail}`;
    for (const p of snap.partners.values()) {
      if (p.status === 'onboarding' || snap.qbrStarted.has(p.id)) continue;
      const tier = snap.tiers.get(p.tierId);
      if (!tier || tier.rank < t.qbrMinTierRank) continue;
      out.push({
        rule: 'qbr_due',
        entityId: p.id,
        period: q,
        partnerId: p.id,
        suggestion: `Start ${p.name}'s${tail}`,
        suggestionHere: here,
        evidence: () => ({
          facts: [
            { label: 'Quarter ends', value: `${formatDate(end)} (${daysLeft(left)}; window ${t.qbrDaysBeforeQuarterEnd})` },
            { label: 'QBR notes this quarter', value: 'none' },
            { label: 'Tier', value: `${tier.name} (rank ${tier.rank}; QBRs from rank ${t.qbrMinTierRank})` },
            { label: 'Won ARR, last 12 months', value: formatMoney(p.wonT4q, p.currency) },
          ],
          links: [link('partner', p.id, p.name, p.id)],
        }),
        impact: p.wonT4q,
        impactText: "the partner's won ARR of the last 12 months, reviewed in the QBR",
        currency: p.currency,
        dueDate: end,
        confidence: 0.5,
        confidenceText: 'a missed QBR weakens the relationship; it does not lose deals by itself',
      });
    }
    return out;
  },
};
