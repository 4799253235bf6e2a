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
 * negative cue, held to −1..1: the rule's score, which the learned tone model reads
 * (services/voice/tone-model.ts). On its own, below −TONE_BAND it reads negative, above
 * +TONE_BAND positive.
 */
export const CUE_WEIGHT = 0.6;
export const TONE_BAND = 0.25;
/**
 * A comment is read clause by clause, split at contrast words (but, however, though,
 * although, yet): a clause conceded before a contrast ("the training is good, but …")
 * counts CONCEDED_WEIGHT, the clause that makes the point counts fully.
 */
export const CONCEDED_WEIGHT = 0.8;
/** A clause about how things were ("used to be painful", "slow at first") that another follows counts this much of its weight: the comment is about how they are now. */
export const PAST_WEIGHT = 0.5;
/** Words partners use for "acceptable, no more" that a general model reads as praise: the model does not read them. */
export const LUKEWARM_WORDS: readonly string[] = ['fine', 'ok', 'okay', 'decent', 'acceptable', 'reasonable', 'adequate', 'interesting', 'interested', 'average', 'usable', 'alright'];
/**
 * Channel words with no opinion in a partner's mouth that the general model scores anyway
 * ("opportunity" +0.4, "approved" +0.5, "still" +0.28, "taking" +1): found by scoring the
 * channel's everyday vocabulary word by word with the model; the model does not read them.
 */
export const CHANNEL_NEUTRAL_WORDS: readonly string[] = ['taking', 'still', 'opportunity', 'opportunities', 'approve', 'approved', 'approval', 'approvals', 'approving', 'share', 'commit', 'committed', 'prospect', 'prospects', 'pay', 'sold', 'increase', 'increased', 'protect', 'protected', 'umbrella', 'gold', 'silver', 'platinum', 'elite', 'diamond', 'premium', 'plus', 'essential', 'essentials', 'advanced', 'eligible', 'quality', 'sync', 'working', 'tender'];
export const SENTIMENT_RULE_TEXT = `Tone: a small model trained on about 2,600 partner comments labelled by hand reads the words, their stems (and what "not" negates) and the cue rule below, and picks the likeliest tone. The score runs from −1 (surely negative) to +1 (surely positive); the words that swayed it most are shown as "learned" cues. Cue rule: wink-nlp's sentiment of each clause, plus ${CUE_WEIGHT} per positive cue and minus ${CUE_WEIGHT} per negative one (stronger after very, so or too; weaker after slightly or a bit; a wait counted in days, weeks or reminders counts as negative); what comes before but, however or though counts ${CONCEDED_WEIGHT} as much, and how things used to be counts half that`;
export const TERM_RULE_TEXT = 'A term matches whole words in any case; a * at its end matches any ending (certif* matches certified and certification); a cue up to three words after not, no or never counts the other way';

const TERM_RULE = "a term is 2 to 60 letters, digits, spaces or - ' & / . and may end with a *";
const TERM_SHAPE = /^[\p{L}\p{N}][\p{L}\p{N} '’&/.-]*\*?$/u;
/** The term as the message quotes it: at most 30 characters, so a pasted paragraph does not fill the screen. */
const quoted = (s: string) => `“${s.length > 30 ? `${s.slice(0, 29)}…` : s}”`;
/** One term of `what` (a theme's label, "Negative cues"): a refusal quotes the term and names the list it is in. */
const term = (what: string) =>
  z
    .string({ message: `${what}: each term must be text.` })
    .trim()
    .superRefine((s, ctx) => {
      if (s.length >= 2 && s.length <= 60 && TERM_SHAPE.test(s)) return;
      const why = s.length < 2 ? 'is too short' : s.length > 60 ? `is ${s.length} characters long` : 'has a character a term cannot hold';
      ctx.addIssue({ code: 'custom', message: `In ${what}, ${quoted(s)} ${why}; ${TERM_RULE}.` });
    });
const terms = (what: string) => z.array(term(what), { message: `${what} must be a list of terms.` }).max(200, { message: `${what} may hold at most 200 terms.` });

export const voiceSettingsSchema = z
  .object({
    themes: z
      .object(Object.fromEntries(VOICE_THEMES.map((t) => [t, terms(VOICE_THEME_LABELS[t]).min(1, { message: `${VOICE_THEME_LABELS[t]} needs at least one term.` })])) as Record<VoiceTheme, ReturnType<typeof terms>>)
      .strict(),
    /** Phrases of channel talk a general sentiment model misses ("far too long", "paid late"). */
    negative: terms('Negative cues'),
    positive: terms('Positive cues'),
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
      'go direct',
      'goes direct',
      'to direct',
      'field team',
      'field rep*',
      'your reps',
      'your ae',
      'your aes',
      'e-commerce',
      'online store',
      'web store',
      'marketplace team',
      'inside team',
      'enterprise team',
      'your enterprise',
      'named account*',
      'account ownership',
      'account split*',
      'another partner',
      'larger partner',
      'accounts team',
      'who owns',
      'take over',
      'taken over',
      'buy direct',
      'direct',
      'marketplace',
      'installed base',
      'already engaged',
    ],
    deal_registration: ['deal registration*', 'deal reg*', 'registration*', 'registered deal*', 'register*', 'protected deal*', 'deal protection', 'reg desk', 'reg', 'protect*', 'opp'],
    mdf_incentives: ['mdf', 'market development fund*', 'co-op', 'co-marketing', 'marketing fund*', 'funds', 'coop fund*', 'rebate*', 'incentive*', 'spiff*', 'bonus*', 'claim', 'claims', 'accrual*', 'funding', 'fund request*', 'accelerator*', 'payout*', 'joint marketing', 'marketing budget*', 'funded', 'event', 'events', 'referral*', 'co-fund*'],
    enablement: ['training*', 'enablement', 'certif*', 'course*', 'onboarding', 'playbook*', 'battlecard*', 'sales kit*', 'workshop*', 'bootcamp*', 'learning path*', 'content', 'demo lab*', 'cert', 'certs', 'accreditat*', 'exam*', 'deep-dive*', 'academy', 'e-learning', 'onboarded', 'nfr', 'demo kit*', 'hands-on', 'lab', 'labs', 'material*', 'slides', 'new starters', 'walkthrough*'],
    support: ['support', 'ticket*', 'escalat*', 'responsive*', 'unresponsive', 'reach anyone', 'hard to reach', 'response time*', 'help desk', 'helpdesk', 'our cam', 'your cam', 'channel team', 'partner team', 'channel manager', 'communication', 'get back to us', 'answer*', 'partner manager*', 'hotline', 'customer success', 'on hold', 'technical contact', 'named contact', 'dedicated contact', 'partner desk', 'sorted', 'reply', 'replies', 'replied', 'replying', 'partner se', 'response', 'above and beyond', 'turned around', 'picks up', 'huge thanks', 'big thanks', 'partner line'],
    pricing: ['pric*', 'margin*', 'discount*', 'price list', 'cost*', 'quoting', 'making money', 'list price', 'quote*', 'profitab*', 'uplift*', 'cheaper'],
    product: ['product*', 'feature*', 'roadmap', 'bug*', 'release', 'releases', 'integration*', 'api', 'portal', 'platform', 'outage*', 'reliab*', 'ui', 'dashboard*', 'module*', 'version*', 'docs', 'documentation', 'demo environment*', 'app', 'apps', 'crash*', 'datasheet*', 'edition*', 'console', 'cpq', 'tool', 'tools', 'reporting', 'agent', 'agents', 'upgrad*', 'connector*', 'scim', 'saml', 'permissions', 'partner locator'],
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
    'problem*',
    'issues',
    'difficult',
    'nightmare',
    'still not',
    'still no',
    'still pending',
    'not paid',
    'unpaid',
    'without notice',
    'no notice',
    'no explanation',
    'nobody told',
    'found out',
    'went direct',
    'go direct',
    'taken direct',
    'lower price',
    'higher than',
    'steep',
    'too short',
    'too high',
    'too much',
    'too many',
    'gave up',
    'stopped',
    'cancel*',
    'downhill',
    'rushed',
    'timing out',
    'times out',
    'down for',
    'wrong',
    'wasted',
    'ignor*',
    'cut',
    'declined',
    'expired',
    'worse',
    'worst',
    'poor',
    'chore',
    'absurd',
    'one-way',
    'rethinking',
    'reconsider*',
    'not sure',
    'pending',
    'undercut*',
    'bypass*',
    'poach*',
    'took over',
    'cut us out',
    'without telling',
    'behind our back',
    'ran out',
    'run out',
    'takes days',
    'takes weeks',
    'for a week',
    'for weeks',
    'for months',
    'any more',
    'anymore',
    'unacceptable',
    'not acceptable',
    // Processes that stall, told without an opinion word.
    'unreviewed',
    'unanswered',
    'unresolved',
    'overdue',
    'no response',
    'no reply',
    'no answer',
    'no update*',
    'reminders',
    'chasing',
    'chased',
    'waiting on',
    'keep getting told',
    'keep being told',
    'changed nothing',
    'nothing changed',
    'from zero',
    'from scratch',
    'still outstanding',
    'remains outstanding',
    'remain outstanding',
    'outstanding since',
    'a long time to',
    'took a long time',
    'takes a long time',
    'take a long time',
    'took ages',
    'takes ages',
    'for ages',
    'forever',
    'too late',
    'moved on',
    // Figures going the wrong way.
    'dropped',
    'slip*',
    'shrink*',
    'declining',
    'fell',
    'falling',
    'went down',
    'gone down',
    // The vendor's own people working the partner's accounts.
    'calling into',
    'contacted our customer*',
    'contacted our client*',
    'quoted our customer*',
    'quoting our customer*',
    'approached our customer*',
    'approached our client*',
    'went around us',
    'go around us',
    'going around us',
    'unpredictable',
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
    'real difference',
    'big step up',
    'step up',
    'above and beyond',
    'best',
    'great',
    'pleasure',
    'recommend*',
    'thank*',
    'impressive',
    'simple',
    'transparent',
    'worth',
    'solid',
    'painless',
    'excited',
    'well structured',
    'respected',
    'sells itself',
    'opened doors',
    'paid within',
    'resolved',
    'on track',
    'happy',
    'reliable',
    'useful',
    'real partner*',
    'straight answer*',
    'differentiator',
    'brought us into',
    'brought us in',
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
  /** False when the book's source holds no PSAT responses (as `VoiceBook.psatInBook`). */
  psatInBook: boolean;
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
  /** The previous quarter is counted up to this day: as many days in as `asOf` is in `quarter` (its end, when that is shorter). */
  previousTo: string;
  /** The window of the themes by tier: the last four quarters ending with `quarter`. */
  window: string[];
  totals: { quarter: ThemeFigures; previous: ThemeFigures };
  /** This quarter so far against the same days of the last, most talked about this quarter first. */
  themes: VoiceBookTheme[];
  tiers: VoiceTier[];
  /** This quarter's most negative quotes, most negative first, with their partner (at most 10). */
  loudest: (VoiceQuote & { partner_name: string })[];
  sentimentRule: string;
  /** False when the book's source holds no PSAT responses (an import of order files): its quotes are only notes marked as partner feedback. */
  psatInBook: boolean;
}

const asOf = isoDateSchema.optional();
export const voiceMethods = {
  'voice.partner': method<PartnerVoice>()(z.object({ id: z.string().min(1, 'partner id is required').max(64), asOf }).strict()),
  'voice.book': method<VoiceBook>()(z.object({ asOf, scope: bookScopeSchema.optional() }).strict()),
  'voice.settings.get': method<VoiceSettings>()(z.object({}).strict()),
  'voice.settings.set': method<VoiceSettings>()(voiceSettingsSchema),
};
