/**
 * What partners said, read from the replica: PSAT answers with a comment, and notes whose
 * text starts with the feedback marker (`feedbackPrefix`, default "Partner feedback:"), read
 * with pending local edits laid over. The note entity has no kind field the PRMs share, so
 * the marker lives in the text: it survives every source and `partnerbook edit`.
 */
import { type FiscalCalendar, quarterOf } from '../../../src-shared/domain/time';
import type { VoiceQuote, VoiceSettings } from '../../../src-shared/methods/voice';
import type { Db } from '../../db/connection';
import { readOverlaid } from '../../sync/overlay';
import { matchThemes } from './lexicon';
import { sentimentOf } from './sentiment';

export interface FeedbackWindow {
  from: string;
  to: string;
  partnerId?: string;
}

/** The quote of a feedback note (the text after the marker, in any case and spacing, its colon optional), or null when the note is not marked. */
export function feedbackText(body: string, prefix: string): string | null {
  // The marker's own closing punctuation is optional ("Partner feedback —" marks too).
  const marker = prefix
    .trim()
    .replace(/[\s:–—-]+$/u, '')
    .replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    .replace(/\s+/g, '\\s*');
  const m = new RegExp(`^\\s*${marker}(?![\\p{L}\\p{N}])`, 'iu').exec(body);
  if (!m) return null;
  const rest = body.slice(m[0].length).replace(/^[\s:–—-]+/, '').trim();
  return rest.length > 0 ? rest : null;
}

type Reading = Pick<VoiceQuote, 'sentiment' | 'tone' | 'themes' | 'matched'>;

/** Readings of each text under the lexicon last used (a changed lexicon starts afresh): a text is read once per process. */
const readings = { lexicon: '', byText: new Map<string, Reading>() };
const READINGS_MAX = 100_000;

const lexiconKeys = new WeakMap<VoiceSettings, string>();

function read(text: string, s: VoiceSettings): Reading {
  let lexicon = lexiconKeys.get(s);
  if (lexicon === undefined) lexiconKeys.set(s, (lexicon = JSON.stringify(s)));
  if (lexicon !== readings.lexicon || readings.byText.size >= READINGS_MAX) {
    readings.lexicon = lexicon;
    readings.byText = new Map();
  }
  let r = readings.byText.get(text);
  if (!r) {
    const sent = sentimentOf(text, s);
    const th = matchThemes(text, s);
    r = {
      sentiment: sent.score,
      tone: sent.tone,
      themes: th.themes,
      matched: [...th.terms.map((t) => t.term), ...sent.cues.map((c) => `${c.sign > 0 ? '+' : '−'}${c.term}`)],
    };
    readings.byText.set(text, r);
  }
  return r;
}

/** One comment scored and themed. */
export function scoreQuote(
  base: Omit<VoiceQuote, 'sentiment' | 'tone' | 'themes' | 'matched' | 'quarter' | 'detractor'>,
  s: VoiceSettings,
  cal: FiscalCalendar,
  detractorMax: number,
): VoiceQuote {
  const r = read(base.text, s);
  return {
    ...base,
    quarter: quarterOf(base.date, cal),
    ...r,
    themes: [...r.themes],
    matched: [...r.matched],
    detractor: base.score !== null && base.score <= detractorMax,
  };
}

/** Every comment in the window (inclusive), oldest first. */
export function readQuotes(db: Db, w: FeedbackWindow, s: VoiceSettings, cal: FiscalCalendar, detractorMax: number): VoiceQuote[] {
  const rows = db.sqlite
    .prepare(
      `SELECT r.id, r.partner_id, r.score, r.comment, r.responded_at, c.name AS contact_name
         FROM psat_response r LEFT JOIN contact c ON c.id = r.contact_id
        WHERE r.responded_at >= @from AND r.responded_at <= @to AND r.comment IS NOT NULL AND trim(r.comment) <> ''
          ${w.partnerId ? 'AND r.partner_id = @partnerId' : ''}
        ORDER BY r.responded_at, r.id`,
    )
    .all({ from: w.from, to: w.to, ...(w.partnerId ? { partnerId: w.partnerId } : {}) }) as {
    id: string;
    partner_id: string;
    score: number;
    comment: string;
    responded_at: string;
    contact_name: string | null;
  }[];
  const out = rows.map((r) =>
    scoreQuote({ id: r.id, partner_id: r.partner_id, source: 'psat', date: r.responded_at, score: r.score, text: r.comment.trim(), contactName: r.contact_name }, s, cal, detractorMax),
  );
  const notes = readOverlaid(db.sqlite, 'note', w.partnerId ? { column: 'partner_id', value: w.partnerId } : undefined);
  for (const n of notes) {
    const date = n.created_at.slice(0, 10);
    if (date < w.from || date > w.to) continue;
    const text = feedbackText(n.body, s.feedbackPrefix);
    if (text) out.push(scoreQuote({ id: n.id, partner_id: n.partner_id, source: 'note', date, score: null, text, contactName: null }, s, cal, detractorMax));
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

/** Mean PSAT score per quarter (every answer, with or without a comment). */
export function psatByQuarter(db: Db, partnerId: string, from: string, to: string, cal: FiscalCalendar): Map<string, number> {
  const rows = db.sqlite
    .prepare('SELECT score, responded_at AS at FROM psat_response WHERE partner_id = ? AND responded_at >= ? AND responded_at <= ?')
    .all(partnerId, from, to) as { score: number; at: string }[];
  const sums = new Map<string, { s: number; n: number }>();
  for (const r of rows) {
    const q = quarterOf(r.at, cal);
    const e = sums.get(q) ?? { s: 0, n: 0 };
    e.s += r.score;
    e.n++;
    sums.set(q, e);
  }
  return new Map([...sums].map(([q, e]) => [q, Math.round((e.s / e.n) * 10) / 10]));
}
