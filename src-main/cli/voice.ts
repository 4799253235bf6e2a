/**
 * `partnerbook voice`: what partners say — across the book, the themes of this quarter's
 * PSAT comments and feedback notes against last quarter's and the most negative quotes;
 * with --partner, that partner's quotes (date, score, sentiment, themes) and its quarterly
 * sentiment trend. Sentiment by wink-nlp and the lexicon in settings (`voice`). Opens the
 * replica read-only; reads go through the app's API (`voice.book`, `voice.partner`).
 */
import { VOICE_THEME_LABELS, type PartnerVoice, type VoiceQuote } from '../../src-shared/methods/voice';
import { parseOptions, usageText, type CommandHelp } from './args';
import { READ_OPTIONS, readHelp, withReadOnlyReplica } from './read-only';

const OPTIONS = { ...READ_OPTIONS, partner: { type: 'string' } } as const;

const HELP: CommandHelp<typeof OPTIONS> = {
  usage: ['voice [--db PATH|--workspace NAME] [--as-of YYYY-MM-DD] [--partner ID] [--mine|--all] [--json]'],
  summary:
    "What partners say in PSAT comments and notes marked as partner feedback, scored for sentiment and grouped into themes: this quarter against the last across the book, or one partner's quotes and trend. Opens the replica read-only.",
  options: {
    ...readHelp('compute'),
    partner: ['ID', "one partner's quotes with their dates, scores, sentiment and themes, and its sentiment by quarter"],
  },
};
const USAGE = usageText(HELP);

const signed = (v: number | null) => (v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`);

function quoteLine(q: VoiceQuote, who?: string): string {
  const score = q.score === null ? 'note' : `PSAT ${q.score}`;
  const themes = q.themes.map((t) => VOICE_THEME_LABELS[t]).join(', ') || 'no theme';
  return `  ${q.date}  ${score.padEnd(7)} ${signed(q.sentiment).padStart(5)} ${q.tone.padEnd(8)} ${who ? `${who}: ` : ''}“${q.text}” [${themes}]`;
}

function partnerText(v: PartnerVoice): string {
  return [
    `${v.partner_id}: ${v.quotes.length} quote${v.quotes.length === 1 ? '' : 's'} as of ${v.asOf}`,
    `Sentiment by quarter: ${v.trend.map((t) => `${t.quarter} ${signed(t.sentiment)}${t.n ? ` (${t.n})` : ''}`).join(', ')}`,
    `Themes, last 4 quarters: ${v.themes.map((t) => `${VOICE_THEME_LABELS[t.theme]} ${t.n} (${t.negative} negative)`).join(', ') || 'none'}`,
    ...v.quotes.map((q) => quoteLine(q)),
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseOptions(argv, OPTIONS, HELP);
  return withReadOnlyReplica(values, USAGE, async ({ api, day, book: resolveBook }) => {
    if (values.partner !== undefined) {
      const v = await api.call('voice.partner', { id: values.partner, asOf: day });
      process.stdout.write(`${values.json ? JSON.stringify(v) : partnerText(v)}\n`);
      return 0;
    }
    const book = resolveBook();
    const v = await api.call('voice.book', { asOf: day, scope: book.scope });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ ...v, scope: book.scope })}\n`);
      return 0;
    }
    const t = v.totals;
    process.stdout.write(
      [
        `Voice of the partner${book.inBook}, ${v.quarter} to ${v.asOf} against ${v.previousQuarter}: ${t.quarter.n} comments (was ${t.previous.n}), sentiment ${signed(t.quarter.sentiment)} (was ${signed(t.previous.sentiment)}).`,
        ...v.themes.map((x) => `  ${x.label.padEnd(24)} ${x.change}`),
        ...(v.loudest.length ? ['Most negative this quarter:', ...v.loudest.map((q) => quoteLine(q, q.partner_name))] : []),
        `${v.sentimentRule}.`,
      ].join('\n') + '\n',
    );
    return 0;
  });
}
