/**
 * The CAM's synced QBR commentary on the slides it belongs to, in words the partner reads.
 *
 * A PRM files commentary under its own headings ("Highlights", "Pipeline", "Next quarter"…);
 * the app files it under the deck's section keys. Both land on one slide each. The notes are
 * written about the partner in the third person ("Partner to register…", "resolved in
 * partner’s favour"); on a partner-facing slide that becomes the partner's name, "your" or
 * "we" (the vendor).
 */
import { QBR_SECTION_KEYS, type QbrNoteView, type QbrSectionKey } from '../../../src-shared/methods/qbr';

/** PRM headings (lower case, single spaces) → the slide they belong to. */
const ALIASES: Record<string, QbrSectionKey> = {
  highlights: 'summary',
  highlight: 'summary',
  overview: 'summary',
  'executive summary': 'summary',
  results: 'scorecard',
  kpis: 'scorecard',
  challenges: 'swot',
  risks: 'swot',
  pipeline: 'pipeline',
  deals: 'pipeline',
  enablement: 'health',
  training: 'health',
  certification: 'health',
  marketing: 'trends',
  mdf: 'trends',
  plan: 'jbp',
  'joint business plan': 'jbp',
  'next quarter': 'next_steps',
  'next steps': 'next_steps',
  asks: 'next_steps',
  commitments: 'next_steps',
};

const KEYS = new Set<string>(QBR_SECTION_KEYS);

/** The slide a note filed under `section` belongs to; an unknown heading goes to the summary, so nothing is dropped. */
export function slideFor(section: string): QbrSectionKey {
  const s = section.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  if (KEYS.has(s.replace(/ /g, '_'))) return s.replace(/ /g, '_') as QbrSectionKey;
  return ALIASES[s] ?? 'summary';
}

/** "next_steps" / "Next quarter" → "Next quarter" (a heading for the slide). */
export function headingOf(section: string): string {
  const s = section.trim().replace(/[_-]+/g, ' ');
  return s ? s[0]!.toUpperCase() + s.slice(1) : 'Notes';
}

/**
 * `text` addressed to the partner: "Partner to X" → "<name> will X", "Vendor to X" → "We will X",
 * "Partner is …" → "<name> is …", "partner’s" → "your", "the vendor" → "we/us".
 */
export function forPartner(text: string, partnerName: string): string {
  let t = text.trim();
  t = t.replace(/^(?:the )?partner to (\w+)/i, (_m, verb: string) => `${partnerName} will ${verb}`);
  t = t.replace(/^(?:the )?vendor to (\w+)/i, (_m, verb: string) => `We will ${verb}`);
  t = t.replace(/^(?:the )?partner (?=[a-z])/i, `${partnerName} `);
  t = t.replace(/\b(?:the )?partner['’]s\b/gi, 'your');
  t = t.replace(/\bthe vendor['’]s\b/gi, 'our');
  t = t.replace(/^the vendor\b/i, 'We');
  t = t.replace(/\bthe vendor\b/gi, 'us');
  return t;
}

/** Which side a commitment names ("Partner to …" / "Vendor to …"), if any. */
export function sideOf(text: string): 'partner' | 'vendor' | null {
  if (/^\s*(?:the )?partner\b/i.test(text)) return 'partner';
  if (/^\s*(?:the )?vendor\b/i.test(text)) return 'vendor';
  return null;
}

/** The commentary notes of one slide, in the partner's words, headed by the CAM's section name. */
export function commentaryFor(notes: readonly QbrNoteView[], key: QbrSectionKey, partnerName: string): { heading: string; text: string }[] {
  return notes
    .filter((n) => n.kind === 'commentary' && slideFor(n.section) === key)
    .map((n) => ({ heading: headingOf(n.section), text: forPartner(n.body, partnerName) }));
}
