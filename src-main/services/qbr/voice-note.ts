/**
 * What the partner said, for the CAM before the meeting and never shown to the partner: the
 * most recent negative and positive quotes of the last twelve months (up to VOICE_NOTE_QUOTES
 * of each), with their dates, in the summary's internal notes (issue 16 point 4). The same
 * quotes and readings as the partner page's Voice of the partner.
 */
import { addDays } from '../../../src-shared/domain/time';
import { VOICE_THEME_LABELS, type VoiceQuote } from '../../../src-shared/methods/voice';
import type { Db } from '../../db/connection';
import { partnerVoice } from '../voice/service';
import { dateText } from './format';

export const VOICE_NOTE_QUOTES = 3;
export const VOICE_NOTE_PREFIX = 'Voice of the partner (internal)';

/** "Pricing and margins" → "pricing and margins"; "MDF and incentives" stays. */
const inSentence = (label: string) => (/^\p{Lu}\p{Ll}/u.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

function line(q: VoiceQuote): string {
  const who = [dateText(q.date), q.contactName, q.score !== null ? `PSAT ${q.score}/10` : 'feedback note'].filter((x) => x !== null).join(', ');
  const about = q.themes.length ? `; ${q.themes.map((t) => inSentence(VOICE_THEME_LABELS[t])).join(', ')}` : '';
  return `${VOICE_NOTE_PREFIX}, ${q.tone}: “${q.text}” (${who}${about})`;
}

/** The quote lines for a deck dated `asOf`: the newest negative ones first, then the newest positive ones; none when the partner said nothing either way. */
export function voiceNotes(db: Db): (partnerId: string, asOf: string) => string[] {
  return (partnerId, asOf) => {
    const since = addDays(asOf, -365);
    const recent = partnerVoice(db, partnerId, asOf).quotes.filter((q) => q.date >= since); // newest first
    const pick = (tone: VoiceQuote['tone']) => recent.filter((q) => q.tone === tone).slice(0, VOICE_NOTE_QUOTES);
    return [...pick('negative'), ...pick('positive')].map(line);
  };
}
