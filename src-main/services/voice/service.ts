/**
 * Voice of the partner (ARCHITECTURE §11): per partner, every quote with its sentiment and
 * themes, the sentiment trend by quarter and the themes of the last four quarters; across
 * the book, the themes by tier and what changed this quarter against the last. Computed on
 * each call from the replica and the lexicon in settings (`voice`), like ROPI.
 */
import { daysBetween, quarterOf, quarterStart, quartersEnding, sameDaysEnd, shiftQuarter } from '../../../src-shared/domain/time';
import {
  SENTIMENT_RULE_TEXT,
  VOICE_THEME_LABELS,
  VOICE_THEMES,
  type PartnerVoice,
  type ThemeFigures,
  type VoiceBook,
  type VoiceBookTheme,
  type VoiceQuote,
  type VoiceTheme,
  type VoiceTier,
} from '../../../src-shared/methods/voice';
import { ServiceError } from '../../base/errors';
import type { Db } from '../../db/connection';
import { getActionSettings } from '../actions/settings';
import { readCalendar } from '../calendar';
import { absentFacts } from '../import/service';
import { psatByQuarter, readQuotes } from './feedback';
import { readVoiceSettings } from './settings';

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Count, negatives and mean sentiment of `quotes`. */
export function figures(quotes: readonly VoiceQuote[]): ThemeFigures {
  if (quotes.length === 0) return { n: 0, negative: 0, sentiment: null };
  return {
    n: quotes.length,
    negative: quotes.filter((q) => q.tone === 'negative').length,
    sentiment: round2(quotes.reduce((a, q) => a + q.sentiment, 0) / quotes.length),
  };
}

const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`);

/** "12 comments (was 5), 9 negative; sentiment −0.41 (was −0.12)". */
export function changeText(now: ThemeFigures, was: ThemeFigures): string {
  const n = `${now.n} comment${now.n === 1 ? '' : 's'} (was ${was.n})`;
  const neg = now.n > 0 ? `, ${now.negative} negative` : '';
  const sent = now.sentiment === null && was.sentiment === null ? '' : `; sentiment ${signed(now.sentiment)} (was ${signed(was.sentiment)})`;
  return `${n}${neg}${sent}`;
}

export function partnerVoice(db: Db, partnerId: string, asOf: string): PartnerVoice {
  const exists = db.sqlite.prepare('SELECT 1 FROM partner WHERE id = ?').get(partnerId);
  if (!exists) throw new ServiceError('not_found', `There is no partner with id ${partnerId} in this book.`);
  const s = readVoiceSettings(db);
  const cal = readCalendar(db);
  const quarters = quartersEnding(quarterOf(asOf, cal), 8);
  const from = quarterStart(quarters[0]!, cal);
  const all = readQuotes(db, { from: '0000-01-01', to: asOf, partnerId }, s, cal, getActionSettings(db).psatDetractorMax);
  const psat = psatByQuarter(db, partnerId, from, asOf, cal);
  const trend = quarters.map((quarter) => {
    const f = figures(all.filter((q) => q.quarter === quarter));
    return { quarter, n: f.n, sentiment: f.sentiment, psat: psat.get(quarter) ?? null };
  });
  const recent = new Set<string>(quarters.slice(-4));
  const last4 = all.filter((q) => recent.has(q.quarter));
  const themes = VOICE_THEMES.map((theme) => ({ theme, ...figures(last4.filter((q) => q.themes.includes(theme))) }))
    .filter((t) => t.n > 0)
    .sort((a, b) => b.n - a.n || (a.sentiment ?? 0) - (b.sentiment ?? 0));
  return {
    asOf,
    partner_id: partnerId,
    quotes: [...all].reverse(),
    trend,
    themes,
    sentimentRule: SENTIMENT_RULE_TEXT,
    feedbackPrefix: s.feedbackPrefix,
    psatInBook: !absentFacts(db).has('psat_response'),
  };
}

interface PartnerRow {
  id: string;
  name: string;
  owner_id: string;
  tier_id: string;
  tier_name: string;
  rank: number;
}

/** The book's voice; `owners` limits it to the partners they own (null: everyone). */
export function bookVoice(db: Db, asOf: string, owners: ReadonlySet<string> | null): VoiceBook {
  const s = readVoiceSettings(db);
  const cal = readCalendar(db);
  const quarter = quarterOf(asOf, cal);
  const previousQuarter = shiftQuarter(quarter, -1);
  const window = quartersEnding(quarter, 4);
  const partners = new Map(
    (
      db.sqlite
        .prepare('SELECT p.id, p.name, p.owner_id, p.tier_id, t.name AS tier_name, t.rank FROM partner p JOIN tier t ON t.id = p.tier_id')
        .all() as PartnerRow[]
    )
      .filter((p) => !owners || owners.has(p.owner_id))
      .map((p) => [p.id, p]),
  );
  const quotes = readQuotes(db, { from: quarterStart(window[0]!, cal), to: asOf }, s, cal, getActionSettings(db).psatDetractorMax).filter((q) => partners.has(q.partner_id));
  const now = quotes.filter((q) => q.quarter === quarter);
  // The quarter so far against the same days of the one before (its first 50 days against
  // the first 50 of the last): a whole quarter against part of one would count a rise in
  // comments that is only the longer window.
  const previousTo = sameDaysEnd(previousQuarter, daysBetween(quarterStart(quarter, cal), asOf) + 1, cal);
  const before = quotes.filter((q) => q.quarter === previousQuarter && q.date.slice(0, 10) <= previousTo);
  const about = (list: readonly VoiceQuote[], t: VoiceTheme) => list.filter((q) => q.themes.includes(t));
  const themes: VoiceBookTheme[] = VOICE_THEMES.map((theme) => {
    const f = figures(about(now, theme));
    const previous = figures(about(before, theme));
    return { theme, label: VOICE_THEME_LABELS[theme], ...f, previous, change: changeText(f, previous) };
  }).sort((a, b) => b.n - a.n || b.previous.n - a.previous.n);

  const byTier = new Map<string, { row: VoiceTier; partners: Set<string>; quotes: VoiceQuote[] }>();
  for (const p of partners.values()) {
    if (!byTier.has(p.tier_id)) {
      byTier.set(p.tier_id, {
        row: { tier_id: p.tier_id, tier_name: p.tier_name, rank: p.rank, partners: 0, quotes: 0, sentiment: null, themes: {} as VoiceTier['themes'] },
        partners: new Set(),
        quotes: [],
      });
    }
    byTier.get(p.tier_id)!.partners.add(p.id);
  }
  for (const q of quotes) byTier.get(partners.get(q.partner_id)!.tier_id)!.quotes.push(q);
  const tiers = [...byTier.values()]
    .map(({ row, partners: ps, quotes: qs }) => ({
      ...row,
      partners: ps.size,
      quotes: qs.length,
      sentiment: figures(qs).sentiment,
      themes: Object.fromEntries(VOICE_THEMES.map((t) => [t, figures(about(qs, t))])) as VoiceTier['themes'],
    }))
    .sort((a, b) => b.rank - a.rank || a.tier_name.localeCompare(b.tier_name));

  const loudest = now
    .filter((q) => q.tone === 'negative')
    .sort((a, b) => a.sentiment - b.sentiment || b.date.localeCompare(a.date))
    .slice(0, 10)
    .map((q) => ({ ...q, partner_name: partners.get(q.partner_id)!.name }));
  return {
    asOf,
    quarter,
    previousQuarter,
    previousTo,
    window,
    totals: { quarter: figures(now), previous: figures(before) },
    themes,
    tiers,
    loudest,
    sentimentRule: SENTIMENT_RULE_TEXT,
    psatInBook: !absentFacts(db).has('psat_response'),
  };
}
