/** Portal and training activity fell sharply against the partner's own recent average. */
import { quarterOf } from '../../../../src-shared/domain/time';
import type { Candidate, RuleDef } from '../types';
import { formatMoney, formatPercent } from '../../../../src-shared/format';
import { addDays } from '../../../../src-shared/domain/time';
import { link } from './util';

export const engagementDrop: RuleDef = {
  id: 'engagement_drop',
  describe: (t) =>
    `Events in the last ${t.engagementWindowDays} days at least ${formatPercent(t.engagementDropShare)} below the average of the 3 windows before (which must be ${t.engagementMinBaseline}+ events).`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const p of snap.partners.values()) {
      const baseline = p.eventsPrior / 3;
      if (baseline < t.engagementMinBaseline) continue;
      const drop = 1 - p.eventsRecent / baseline;
      if (drop < t.engagementDropShare) continue;
      const impact = p.wonT4q > 0 ? p.wonT4q : p.openPipeline;
      const w = t.engagementWindowDays;
      const tail = `: activity down ${formatPercent(drop)} (${p.eventsRecent} events in ${w} days vs ${Math.round(baseline)} usual)`;
      out.push({
        rule: 'engagement_drop',
        entityId: p.id,
        period: quarterOf(asOf, snap.calendar),
        partnerId: p.id,
        suggestion: `Check in with ${p.name}${tail}`,
        suggestionHere: `Check in${tail}`,
        evidence: () => ({
          facts: [
            { label: `Events, last ${w} days`, value: String(p.eventsRecent) },
            { label: `Average per ${w} days, the ${3 * w} before`, value: `${baseline.toFixed(1)} (${p.eventsPrior} events)` },
            { label: 'Drop', value: `${formatPercent(drop)} (threshold ${formatPercent(t.engagementDropShare)})` },
            { label: 'Won ARR, last 12 months', value: formatMoney(p.wonT4q, p.currency) },
          ],
          links: [link('partner', p.id, `${p.name} · recent activity`, p.id)],
        }),
        impact,
        impactText: p.wonT4q > 0 ? "the partner's won ARR of the last 12 months" : "the partner's open pipeline",
        currency: p.currency,
        dueDate: addDays(asOf, 7),
        confidence: Math.min(0.9, 0.4 + drop * 0.5),
        confidenceText: `0.4 + half the ${formatPercent(drop)} drop, capped at 0.9`,
      });
    }
    return out;
  },
};
