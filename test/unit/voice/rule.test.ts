/**
 * The partner_voice action rule: a detractor whose comment the lexicon files under channel
 * conflict or deal registration raises an action with the quote as evidence; a detractor
 * about something else, a passive about conflict, or an old answer does not. Through the
 * real snapshot loader (SQL) and computeActions, on a crafted :memory: book.
 */
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../src-shared/format';
import { computeActions } from '../../../src-main/services/actions/service';
import { updateActionSettings } from '../../../src-main/services/actions/settings';
import { writeVoiceSettings } from '../../../src-main/services/voice/settings';
import { addDays } from '../../../src-shared/domain/time';
import { DEFAULT_VOICE_SETTINGS } from '../../../src-shared/methods/voice';
import { AS_OF, book } from '../actions/fixture';

const ago = (d: number) => addDays(AS_OF, -d);

function crafted() {
  const b = book();
  for (const id of ['P-CONFLICT', 'P-MDF', 'P-PASSIVE', 'P-OLD']) b.partner(id);
  b.partner('P-REG', { name: 'Northwind Services' });
  b.contact('C-1', 'P-CONFLICT', { name: 'Rita Moss' });
  const psat = (id: string, pid: string, score: number, at: string, comment: string, contact: string | null = null) =>
    b.insert('psat_response', { id, partner_id: pid, contact_id: contact, score, comment, responded_at: at, version: 1 });
  psat('S-1', 'P-CONFLICT', 3, ago(10), 'We lost two deals to your direct team this quarter.', 'C-1');
  psat('S-2', 'P-REG', 5, ago(30), 'Deal registration approvals take far too long.');
  psat('S-3', 'P-MDF', 2, ago(5), 'MDF claims are paid months late.');
  psat('S-4', 'P-PASSIVE', 7, ago(5), 'Your direct rep undercut us again.');
  psat('S-5', 'P-OLD', 1, ago(120), 'Deal registration is a mess.');
  return b;
}

describe('partner_voice', () => {
  it('fires for a recent detractor about conflict or registration, with the quote as evidence', () => {
    const b = crafted();
    const items = computeActions(b.db, AS_OF, { rule: 'partner_voice' }).items;
    expect(items.map((a) => a.key)).toEqual(expect.arrayContaining([`partner_voice:S-1:${ago(10)}`, `partner_voice:S-2:${ago(30)}`]));
    expect(items).toHaveLength(2);
    const conflict = items.find((a) => a.partnerId === 'P-CONFLICT')!;
    expect(conflict.suggestion).toBe("Take Partner P-CONFLICT's complaint about channel conflict to the channel team and answer Rita Moss: “We lost two deals to your direct team this quarter.”");
    // A name ending in s takes the apostrophe alone.
    expect(items.find((a) => a.partnerId === 'P-REG')!.suggestion).toMatch(/^Take Northwind Services' complaint about /);
    expect(conflict.facts[0]).toEqual({ label: 'What they said', value: `“We lost two deals to your direct team this quarter.” — Rita Moss, PSAT 3/10 on ${formatDate(ago(10))} (10 days ago)` });
    expect(conflict.facts[1]!.value).toMatch(/^Channel conflict \(matched “/);
    expect(conflict.dueDate).toBe(ago(3)); // answered + 7 days
    expect(conflict.links.map((l) => [l.kind, l.id])).toEqual([
      ['contact', 'C-1'],
      ['psat_response', 'S-1'],
    ]);
  });

  it('follows the thresholds and the lexicon in settings', () => {
    const b = crafted();
    updateActionSettings(b.db, { psatDetractorMax: 7, voiceFollowUpDays: 14 });
    const items = computeActions(b.db, AS_OF, { rule: 'partner_voice' }).items;
    expect(items.map((a) => a.partnerId).sort()).toEqual(['P-CONFLICT', 'P-PASSIVE', 'P-REG']);
    expect(items.find((a) => a.partnerId === 'P-REG')!.dueDate).toBe(ago(16));
    // A lexicon without "direct team" and the other conflict terms no longer files S-1 under conflict.
    writeVoiceSettings(b.db, { ...DEFAULT_VOICE_SETTINGS, themes: { ...DEFAULT_VOICE_SETTINGS.themes, channel_conflict: ['channel conflict'] } });
    expect(computeActions(b.db, AS_OF, { rule: 'partner_voice' }).items.map((a) => a.partnerId)).toEqual(['P-REG']);
  });

  it('raises one action per answer: the voice one for conflict or registration, psat_detractor otherwise', () => {
    const b = crafted();
    const items = computeActions(b.db, AS_OF).items.filter((a) => a.rule === 'psat_detractor' || a.rule === 'partner_voice');
    const byPartner = (pid: string) => items.filter((a) => a.partnerId === pid).map((a) => a.rule);
    expect(byPartner('P-CONFLICT')).toEqual(['partner_voice']);
    expect(byPartner('P-REG')).toEqual(['partner_voice']);
    // A detractor about MDF is not the voice rule's: the PSAT follow-up still comes.
    expect(byPartner('P-MDF')).toEqual(['psat_detractor']);
    // Raising the detractor bar makes the passive's conflict comment a voice action, still only one.
    updateActionSettings(b.db, { psatDetractorMax: 7 });
    const again = computeActions(b.db, AS_OF).items.filter((a) => a.partnerId === 'P-PASSIVE' && (a.rule === 'psat_detractor' || a.rule === 'partner_voice'));
    expect(again.map((a) => a.rule)).toEqual(['partner_voice']);
  });
});
