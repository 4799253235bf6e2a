/** A detractor's PSAT comment about channel conflict or deal registration (the voice lexicon's themes). */

import { VOICE_THEME_LABELS } from '../../../../src-shared/methods/voice';
import type { Candidate, RuleDef } from '../types';
import { formatDate, formatMoney, possessive } from '../../../../src-shared/format';
import { addDays, daysBetween } from '../../../../src-shared/domain/time';
import { link } from './util';

export const partnerVoice: RuleDef = {
  id: 'partner_voice',
  describe: (t) =>
    `A PSAT answer of ${t.psatDetractorMax} or lower in the last ${t.psatRecentDays} days whose comment the voice lexicon files under channel conflict or deal registration; take it up within ${t.voiceFollowUpDays} days.`,
  run(snap, asOf, t) {
    const out: Candidate[] = [];
    for (const c of snap.complaints) {
      const p = snap.partners.get(c.partnerId);
      if (!p) continue;
      const who = c.contactName ?? 'a contact';
      const about = c.themes.map((x) => VOICE_THEME_LABELS[x.theme].toLowerCase()).join(' and ');
      const severity = t.psatDetractorMax > 0 ? (t.psatDetractorMax - c.score) / t.psatDetractorMax : 1;
      out.push({
        rule: 'partner_voice',
        entityId: c.id,
        period: c.respondedAt,
        partnerId: p.id,
        suggestion: `Take ${possessive(p.name)} complaint about ${about} to the channel team and answer ${who}: “${c.comment}”`,
        suggestionHere: `Take their complaint about ${about} to the channel team and answer ${who}: “${c.comment}”`,
        evidence: () => ({
          facts: [
            { label: 'What they said', value: `“${c.comment}” — ${who}, PSAT ${c.score}/10 on ${formatDate(c.respondedAt)} (${daysBetween(c.respondedAt, asOf)} days ago)` },
            { label: 'About', value: c.themes.map((x) => `${VOICE_THEME_LABELS[x.theme]} (matched “${x.term}”)`).join('; ') },
            { label: 'Detractor', value: `${c.score}/10, at or below ${t.psatDetractorMax}` },
            { label: 'Won ARR, last 12 months', value: formatMoney(p.wonT4q, p.currency) },
          ],
          links: [...(c.contactId ? [link('contact', c.contactId, who, p.id)] : []), link('psat_response', c.id, `${c.id} · ${c.score}/10 · voice of the partner`, p.id)],
        }),
        impact: p.wonT4q,
        impactText: "the partner's won ARR of the last 12 months",
        currency: p.currency,
        dueDate: addDays(c.respondedAt, t.voiceFollowUpDays),
        confidence: Math.round((0.6 + 0.4 * severity) * 100) / 100,
        confidenceText: `0.6, rising to 1.0 as the score falls from ${t.psatDetractorMax} to 0; the theme is the lexicon's match, not a reading of intent`,
      });
    }
    return out;
  },
};
