/** An open partner opportunity with no activity for N days. */

import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, formatMoneyShort } from '../../../../src-shared/format';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import { link } from './util';
import { humanize, lowerWord } from './words';

/** How likely a stalled deal is to be saved, by how far it had progressed. */
export const STAGE_CONFIDENCE: Record<string, number> = {
  prospecting: 0.3,
  qualification: 0.45,
  proposal: 0.6,
  negotiation: 0.75,
};

/** Why a stage's confidence, worded once per stage (a book has thousands of stalled deals over a few stages). */
const confidenceTexts = new Map<string, string>();
function stageConfidenceText(stage: string): string {
  let text = confidenceTexts.get(stage);
  if (text === undefined) {
    text = `a ${stage}-stage deal (later stages are likelier to be saved)`;
    if (confidenceTexts.size >= 100) confidenceTexts.clear();
    confidenceTexts.set(stage, text);
  }
  return text;
}

export const stalledOpportunity: RuleDef = {
  id: 'stalled_opportunity',
  describe: (t) => `An open opportunity with no activity for ${t.stalledDays}+ days; due a week after it stalled.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const o of snap.stalled) {
      const p = snap.partners.get(o.partnerId);
      if (!p) continue;
      const idle = daysBetween(o.lastActivityAt, asOf);
      if (idle < t.stalledDays) continue;
      const pastClose = o.closeDate < asOf;
      const stage = lowerWord(humanize(o.stage));
      // The partner's own page leaves out its name: both suggestions end alike.
      const tail = ` on ${o.customer} (${formatMoneyShort(o.amount, o.currency)}, ${stage}) — no activity for ${idle} days`;
      out.push({
        rule: 'stalled_opportunity',
        entityId: o.id,
        period: o.lastActivityAt,
        partnerId: p.id,
        suggestion: `Re-engage ${p.name}${tail}`,
        suggestionHere: `Re-engage them${tail}`,
        evidence: () => ({
          facts: [
            { label: 'Last activity', value: `${formatDate(o.lastActivityAt)} (${idle} days ago; threshold ${t.stalledDays})` },
            { label: 'Stage', value: humanize(o.stage) },
            { label: 'Amount', value: formatMoney(o.amount, o.currency) },
            { label: 'Close date', value: pastClose ? `${formatDate(o.closeDate)} (passed)` : formatDate(o.closeDate) },
          ],
          links: [link('opportunity', o.id, `Opportunity ${o.id} · ${o.customer}`, p.id)],
        }),
        impact: o.amount,
        impactText: 'the opportunity amount',
        currency: o.currency,
        dueDate: addDays(o.lastActivityAt, t.stalledDays + 7),
        confidence: STAGE_CONFIDENCE[o.stage] ?? 0.3,
        confidenceText: stageConfidenceText(stage),
      });
    }
    return out;
  },
};
