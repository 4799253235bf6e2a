/** Small pieces the partner page's voice panel and the Voice of the partner page share. */
import { VOICE_THEME_LABELS, type SentimentTone, type VoiceQuote, type VoiceTheme } from '../../../src-shared/methods/voice';
import { Chip, type Tone } from '../../components/ui';
import { formatDate } from '../../lib/format';

export const TONE_CHIP: Record<SentimentTone, Tone> = { negative: 'red', neutral: 'neutral', positive: 'green' };
export const TONE_LABEL: Record<SentimentTone, string> = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };

/** −0.42 / +0.30 / 0.00 / — */
export function signed(v: number | null): string {
  if (v === null) return '—';
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;
}

export function sentimentClass(v: number | null): string {
  return v === null ? 'vo-s-none' : v < -0.2 ? 'vo-s-neg' : v > 0.2 ? 'vo-s-pos' : 'vo-s-neu';
}

export function ThemeChips({ themes }: { themes: readonly VoiceTheme[] }) {
  if (themes.length === 0) return <span className="vo-theme vo-theme-none">No theme</span>;
  return (
    <>
      {themes.map((t) => (
        <span key={t} className={`vo-theme vo-theme-${t}`}>
          {VOICE_THEME_LABELS[t]}
        </span>
      ))}
    </>
  );
}

/** One quote: when, who and how (PSAT score or note), the words, its tone and themes. */
export function Quote({ q, partner }: { q: VoiceQuote; partner?: { name: string; href: string } }) {
  return (
    <li className="vo-quote" data-testid="voice-quote">
      <div className="vo-quote-meta">
        <time dateTime={q.date}>{formatDate(q.date)}</time>
        {partner ? (
          <a className="vo-quote-partner" href={partner.href}>
            {partner.name}
          </a>
        ) : null}
        {q.score === null ? (
          <span className="vo-src">Feedback note</span>
        ) : (
          <span className={`vo-src${q.detractor ? ' vo-src-detractor' : ''}`} title={q.detractor ? 'A detractor score' : undefined}>
            PSAT {q.score}/10
          </span>
        )}
        {q.contactName ? <span className="muted">{q.contactName}</span> : null}
        <span className="vo-quote-tone" title={`Sentiment ${signed(q.sentiment)}${q.matched.length ? `; matched ${q.matched.join(', ')}` : ''}`}>
          <Chip tone={TONE_CHIP[q.tone]}>
            {TONE_LABEL[q.tone]} {signed(q.sentiment)}
          </Chip>
        </span>
      </div>
      <blockquote className="vo-quote-text">“{q.text}”</blockquote>
      <div className="vo-quote-themes">
        <ThemeChips themes={q.themes} />
      </div>
    </li>
  );
}
