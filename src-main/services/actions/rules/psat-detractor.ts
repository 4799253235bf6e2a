/**
 * The partner's latest satisfaction survey is a detractor score. An answer whose comment the
 * partner_voice rule takes up (channel conflict or deal registration) raises that action
 * only: one answer, one action, the one that carries the quote and says whom to take it to.
 */

import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney } from '../../../../src-shared/format';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import { link } from './util';

export const psatDetractor: RuleDef = {
  id: 'psat_detractor',
  describe: (t) => `The latest PSAT is ${t.psatDetractorMax} or lower, answered within ${t.psatRecentDays} days; follow up within 14 days. A comment about channel conflict or deal registration raises the partner-voice action instead.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    const voiced = new Set(snap.complaints.map((c) => c.id));
    for (const s of snap.psat.values()) {
      if (s.score > t.psatDetractorMax || voiced.has(s.id)) continue;
      const age = daysBetween(s.respondedAt, asOf);
      if (age > t.psatRecentDays) continue;
      const p = snap.partners.get(s.partnerId);
      if (!p) continue;
      const who = s.contactName ?? 'a contact';
      const severity = t.psatDetractorMax > 0 ? (t.psatDetractorMax - s.score) / t.psatDetractorMax : 1;
      const tail = `: PSAT ${s.score}/10 on ${formatDate(s.respondedAt)}${s.comment ? ` — “${s.comment}”` : ''}`;
      out.push({
        rule: 'psat_detractor',
        entityId: s.id,
        period: s.respondedAt,
        partnerId: p.id,
        suggestion: `Call ${who} at ${p.name}${tail}`,
        suggestionHere: `Call ${who}${tail}`,
        evidence: () => ({
          facts: [
            { label: 'Latest PSAT', value: `${s.score}/10 (detractor at ${t.psatDetractorMax} or lower)` },
            { label: 'Answered', value: `${formatDate(s.respondedAt)} (${age} days ago) by ${who}` },
            ...(s.comment ? [{ label: 'Comment', value: s.comment }] : []),
            { label: 'Won ARR, last 12 months', value: formatMoney(p.wonT4q, p.currency) },
          ],
          links: [
            ...(s.contactId ? [link('contact', s.contactId, who, p.id)] : []),
            link('psat_response', s.id, `${s.id} · ${s.score}/10 · partner health`, p.id),
          ],
        }),
        impact: p.wonT4q,
        impactText: "the partner's won ARR of the last 12 months",
        currency: p.currency,
        dueDate: addDays(s.respondedAt, 14),
        confidence: Math.round((0.5 + 0.5 * severity) * 100) / 100,
        confidenceText: `0.5, rising to 1.0 as the score falls from ${t.psatDetractorMax} to 0`,
      });
    }
    return out;
  },
};
