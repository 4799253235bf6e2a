/** Market-development funds still largely uncommitted as their period runs out. */

import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, formatMoneyShort, formatPercent } from '../../../../src-shared/format';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import { link } from './util';
import { inDays } from './words';

/** Requests take about three weeks to be approved and spent: act that long before the end. */
export const MDF_LEAD_DAYS = 21;

export const mdfUnspent: RuleDef = {
  id: 'mdf_unspent',
  describe: (t) =>
    `An MDF allocation ending within ${t.mdfDaysBeforeEnd} days with ${formatPercent(t.mdfUnspentShare)}+ not committed (approved or claimed); due ${MDF_LEAD_DAYS} days before the period ends.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const a of snap.mdf) {
      if (a.amount <= 0) continue;
      const p = snap.partners.get(a.partnerId);
      if (!p) continue;
      const unspent = Math.max(0, a.amount - a.committed);
      const share = unspent / a.amount;
      if (share < t.mdfUnspentShare) continue;
      const own = a.historyClaimed > 0;
      const multiple = own ? a.historyPipeline / a.historyClaimed : t.mdfDefaultPipelineMultiple;
      const left = daysBetween(asOf, a.periodEnd);
      const money = formatMoneyShort(unspent, a.currency);
      const tail = ` unspent MDF: ${money} (${formatPercent(share)}) of ${a.period} lapses ${inDays(left)}`;
      out.push({
        rule: 'mdf_unspent',
        entityId: a.allocationId,
        period: a.period,
        partnerId: p.id,
        suggestion: `Plan ${p.name}'s${tail}`,
        suggestionHere: `Plan the${tail}`,
        evidence: () => ({
          facts: [
            { label: 'Allocation', value: `${formatMoney(a.amount, a.currency)} for ${a.period}, ends ${formatDate(a.periodEnd)}` },
            { label: 'Committed (approved + claimed)', value: formatMoney(a.committed, a.currency) },
            { label: 'Awaiting approval', value: formatMoney(a.pending, a.currency) },
            { label: 'Unspent', value: `${formatMoney(unspent, a.currency)} = ${formatPercent(share)} (threshold ${formatPercent(t.mdfUnspentShare)})` },
            { label: 'Pipeline per MDF dollar', value: `${multiple.toFixed(1)} (${own ? "the partner's own claim history" : 'default, no claim history'})` },
          ],
          links: [link('mdf_allocation', a.allocationId, `MDF ${a.period} · ${a.allocationId}`, p.id)],
        }),
        impact: Math.round(unspent * multiple),
        impactText: `the pipeline the unspent MDF would source (${money} × ${multiple.toFixed(1)})`,
        currency: a.currency,
        dueDate: addDays(a.periodEnd, -MDF_LEAD_DAYS),
        confidence: 0.4,
        confidenceText: 'MDF-sourced pipeline is indirect and still has to be won',
      });
    }
    return out;
  },
};
