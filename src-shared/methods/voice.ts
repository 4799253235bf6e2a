/**
 * Voice of the partner (issue 16 point 4): what partners say in PSAT comments and in notes
 * marked as partner feedback, scored for sentiment and grouped into the themes a channel
 * team acts on by a stated lexicon the user can see and change (Settings › Voice of the
 * partner). The themes, the term syntax and the defaults are stated once, here.
 */
import { z } from 'zod';
import { method } from './define';
import { bookScopeSchema } from './identity';
import { isoDateSchema } from '../domain/date-schemas';

export const VOICE_THEMES = ['channel_conflict', 'deal_registration', 'mdf_incentives', 'enablement', 'support', 'pricing', 'product'] as const;
export type VoiceTheme = (typeof VOICE_THEMES)[number];

export const VOICE_THEME_LABELS: Record<VoiceTheme, string> = {
  channel_conflict: 'Channel conflict',
  deal_registration: 'Deal registration',
  mdf_incentives: 'MDF and incentives',
  enablement: 'Enablement and training',
  support: 'Support',
  pricing: 'Pricing and margins',
  product: 'Product',
};

/** The themes whose detractor comments raise a next-best action (services/actions/rules/partner-voice.ts). */
export const ESCALATED_THEMES: readonly VoiceTheme[] = ['channel_conflict', 'deal_registration'];

export const SENTIMENT_TONES = ['negative', 'neutral', 'positive'] as const;
export type SentimentTone = (typeof SENTIMENT_TONES)[number];

/**
 * How a comment's sentiment is made: wink-nlp's score (−1..1) of the text with the theme
 * terms blanked out (a topic's name — "support", "incentives", "protection" — is not an
 * opinion, though a general model reads it as one), plus
 * `CUE_WEIGHT` for each positive cue of the lexicon found in it and minus it for each
 * negative cue, held to −1..1. Below −TONE_BAND it reads negative, above +TONE_BAND positive.
 */
export const CUE_WEIGHT = 0.6;
export const TONE_BAND = 0.2;
export const SENTIMENT_RULE_TEXT = `Sentiment = wink-nlp's score of the text without its theme terms (−1 to 1), ${CUE_WEIGHT} added for each positive cue and taken away for each negative cue, held to −1 to 1; below −${TONE_BAND} is negative, above ${TONE_BAND} positive`;
export const TERM_RULE_TEXT = 'A term matches whole words in any case; a * at its end matches any ending (certif* matches certified and certification); a cue after not, no or never counts the other way';

const TERM_MESSAGE = 'Each term must be 2 to 60 letters, digits, spaces or - \' & / . and may end with a *.';
const term = z
  .string()
  .trim()
  .min(2, { message: TERM_MESSAGE })
  .max(60, { message: TERM_MESSAGE })
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} '’&/.-]*\*?$/u, { message: TERM_MESSAGE });
const terms = (what: string) => z.array(term, { message: `${what} must be a list of terms.` }).max(200, { message: `${what} may hold at most 200 terms.` });

export const voiceSettingsSchema = z
  .object({
    themes: z
      .object(Object.fromEntries(VOICE_THEMES.map((t) => [t, terms(VOICE_THEME_LABELS[t]).min(1, { message: `${VOICE_THEME_LABELS[t]} needs at least one term.` })])) as Record<VoiceTheme, ReturnType<typeof terms>>)
      .strict(),
    /** Phrases of channel talk a general sentiment model misses ("far too long", "paid late"). */
    negative: terms('The negative cues'),
    positive: terms('The positive cues'),
    /** A note whose text starts with this (any case) is partner feedback; the rest of the text is the quote. */
    feedbackPrefix: z
      .string({ message: 'The feedback note marker must be text.' })
      .trim()
      .min(2, { message: 'The feedback note marker must be 2 to 40 characters.' })
      .max(40, { message: 'The feedback note marker must be 2 to 40 characters.' }),
  })
  .strict();
export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;

export const DEFAULT_VOICE_SETTINGS: VoiceSettings = {
  themes: {
    channel_conflict: [
      'channel conflict',
      'conflict*',
      'direct team',
      'direct sales',
      'direct rep*',
      'your direct',
      'went direct',
      'going direct',
      'bypass*',
      'undercut*',
      'competing with you',
      'compete with your',
      'lost two deals to',
      'taken direct',
      'took it direct',
      'inside sales',
      'your sales team',
      'your sales rep*',
      'lost the deal to',
      'poach*',
      'cut us out',
      'rules of engagement',
    ],
    deal_registration: ['deal registration*', 'deal reg*', 'registration*', 'registered deal*', 'register*', 'approvals', 'approval', 'protected deal*', 'deal protection', 'reg desk'],
    mdf_incentives: ['mdf', 'market development fund*', 'co-op', 'coop fund*', 'rebate*', 'incentive*', 'spiff*', 'bonus*', 'claim', 'claims', 'accrual*', 'funding', 'fund request*'],
    enablement: ['training*', 'enablement', 'certif*', 'course*', 'onboarding', 'playbook*', 'battlecard*', 'sales kit*', 'workshop*', 'bootcamp*', 'learning path*', 'content', 'demo lab*'],
    support: ['support', 'ticket*', 'escalat*', 'responsive*', 'unresponsive', 'reach anyone', 'hard to reach', 'response time*', 'help desk', 'helpdesk', 'our cam', 'channel manager', 'account manager', 'communication', 'get back to us', 'answer*'],
    pricing: ['pric*', 'margin*', 'discount*', 'price list', 'cost*', 'expensive', 'list price', 'quote*', 'profitab*'],
    product: ['product*', 'feature*', 'roadmap', 'bug*', 'release*', 'integration*', 'api', 'portal', 'platform', 'outage*', 'reliab*', 'performance', 'ui', 'dashboard*', 'module*'],
  },
  negative: [
    'too long',
    'too slow',
    'slow*',
    'late',
    'delay*',
    'months late',
    'still waiting',
    'no longer',
    'not worth',
    "don't justify",
    'no longer justify',
    'hard to',
    'confus*',
    'outdated',
    'out of date',
    'lost',
    'losing',
    'frustrat*',
    'off guard',
    'inconsistent',
    'unclear',
    'nobody',
    'no one',
    'never',
    'ignored',
    'rejected',
    'denied',
    'clawed back',
    'squeez*',
    'eroded',
    'broken',
    'buggy',
    'crash*',
    'behind competitors',
    'cut our',
    'pulled',
    'stuck',
    'backlog',
    'complain*',
    'disappoint*',
    'could be better',
    'needs work',
    'would like',
    'wish',
    'but still',
    'no decision',
    'no reason',
    'not heard',
    "haven't heard",
    'mean nothing',
    'means nothing',
    'ate into',
    'eating into',
    'price increase*',
    'breaking',
    'breaks',
    'painful',
    'lacking',
    'thin',
  ],
  positive: [
    'top-notch',
    'top notch',
    'responsive',
    'fast',
    'quick*',
    'smooth*',
    'fair',
    'helpful',
    'excellent',
    'paid on time',
    'on time',
    'easy',
    'clear',
    'improved',
    'well run',
    'real pipeline',
    'love',
    'appreciate*',
    'valuable',
    'worth it',
    'healthy',
    'generous',
    'competitive',
  ],
  feedbackPrefix: 'Partner feedback:',
};

/** One thing a partner said: a PSAT comment, or a note marked as partner feedback. */
export interface VoiceQuote {
  id: string;
  partner_id: string;
  source: 'psat' | 'note';
  /** The day it was said (PSAT answered, note written). */
  date: string;
  quarter: string;
  /** PSAT score 0–10; null for a note. */
  score: number | null;
  text: string;
  contactName: string | null;
  sentiment: number;
  tone: SentimentTone;
  themes: VoiceTheme[];
  /** The lexicon terms and cues it matched, for the explanation ("deal reg* → deal registration"). */
  matched: string[];
  /** PSAT at or below the detractor threshold (Settings › Actions). */
  detractor: boolean;
}

export interface VoiceQuarter {
  quarter: string;
  n: number;
  /** Mean sentiment of the quarter's quotes; null without any. */
  sentiment: number | null;
  /** Mean PSAT score of the quarter's answers (with or without a comment); null without any. */
  psat: number | null;
}

export interface ThemeFigures {
  n: number;
  negative: number;
  /** Mean sentiment; null without quotes. */
  sentiment: number | null;
}

export interface PartnerVoice {
  asOf: string;
  partner_id: string;
  /** Every quote up to the as-of date, newest first. */
  quotes: VoiceQuote[];
  /** The last eight quarters, oldest first. */
  trend: VoiceQuarter[];
  /** Themes over the last four quarters, most talked about first (themes nobody raised left out). */
  themes: ({ theme: VoiceTheme } & ThemeFigures)[];
  sentimentRule: string;
  feedbackPrefix: string;
}

export interface VoiceBookTheme extends ThemeFigures {
  theme: VoiceTheme;
  label: string;
  previous: ThemeFigures;
  /** In words: "12 comments (was 5), 9 negative; sentiment −0.41 (was −0.12)". */
  change: string;
}

export interface VoiceTier {
  tier_id: string;
  tier_name: string;
  rank: number;
  partners: number;
  quotes: number;
  sentiment: number | null;
  themes: Record<VoiceTheme, ThemeFigures>;
}

export interface VoiceBook {
  asOf: string;
  /** The as-of date's fiscal quarter (to date) and the one before it. */
  quarter: string;
  previousQuarter: string;
  /** The window of the themes by tier: the last four quarters ending with `quarter`. */
  window: string[];
  totals: { quarter: ThemeFigures; previous: ThemeFigures };
  /** This quarter against the last, most talked about this quarter first. */
  themes: VoiceBookTheme[];
  tiers: VoiceTier[];
  /** This quarter's most negative quotes, most negative first, with their partner (at most 10). */
  loudest: (VoiceQuote & { partner_name: string })[];
  sentimentRule: string;
}

const asOf = isoDateSchema.optional();
export const voiceMethods = {
  'voice.partner': method<PartnerVoice>()(z.object({ id: z.string().min(1, 'partner id is required').max(64), asOf }).strict()),
  'voice.book': method<VoiceBook>()(z.object({ asOf, scope: bookScopeSchema.optional() }).strict()),
  'voice.settings.get': method<VoiceSettings>()(z.object({}).strict()),
  'voice.settings.set': method<VoiceSettings>()(voiceSettingsSchema),
};
