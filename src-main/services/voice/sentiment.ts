/**
 * Sentiment of a partner's comment (ARCHITECTURE §11). The rule: wink-nlp's English model
 * (an npm package, loaded from disk; nothing is downloaded) scores each clause, its theme
 * terms blanked out, −1..1; the lexicon's channel cues ("far too long", "paid late") move it
 * by CUE_WEIGHT each. The tone: a learned model (tone-model.ts) reads the comment's words and
 * the rule's positive and negative clauses, and gives each tone a probability; the score is
 * P(positive) − P(negative). wink-nlp loads once, on the first comment scored (about a second; required then, not
 * imported, so no other command or screen pays for it), and each distinct text is scored
 * once per process.
 */
import { createRequire } from 'node:module';
import type WinkNLP from 'wink-nlp';
import type WinkModel from 'wink-eng-lite-web-model';
import { CUE_WEIGHT, LUKEWARM_WORDS, CHANNEL_NEUTRAL_WORDS, TONE_BAND, type SentimentTone, type VoiceSettings } from '../../../src-shared/methods/voice';
import { clausesOf } from './clauses';
import { slowProcess } from './delay';
import { type Cue, matchCues, normalize, withoutLexiconTerms } from './lexicon';
import { toneFeatures, WORD_FEATURE } from './tone-features';
import { featureLabel, predictTone, TONE_MODEL } from './tone-model';

export { clausesOf, type Clause } from './clauses';

type Nlp = ReturnType<typeof WinkNLP>;
let nlp: Nlp | null = null;

function loadModel(): Nlp {
  const require = createRequire(import.meta.url);
  const winkNLP = require('wink-nlp') as typeof WinkNLP;
  const model = require('wink-eng-lite-web-model') as typeof WinkModel;
  // Only what sentiment needs (sentence breaks, negation, sentiment): no part-of-speech or entity tagging.
  return winkNLP(model, ['sbd', 'negation', 'sentiment']);
}
const scored = new Map<string, number>();
const MEMO_MAX = 50_000;

/** wink-nlp's sentiment of `text`, −1..1. */
export function modelSentiment(text: string): number {
  const hit = scored.get(text);
  if (hit !== undefined) return hit;
  nlp ??= loadModel();
  const v = nlp.readDoc(text).out(nlp.its.sentiment) as number;
  const score = Number.isFinite(v) ? v : 0;
  if (scored.size >= MEMO_MAX) scored.clear();
  scored.set(text, score);
  return score;
}

export interface Sentiment {
  /** −1..1: P(positive) − P(negative) of the learned model (the rule's own score in RuleSentiment). */
  score: number;
  tone: SentimentTone;
  /** wink-nlp's part: its clause scores, each by its clause's weight. */
  model: number;
  /** The lexicon's cues, then the words that pushed the learned model most ("learned: too long"). */
  cues: Cue[];
}

/** A word feature that pushed the learned model by at least this much (weight(positive) − weight(negative)) is listed as a cue. */
const LEARNED_CUE_MIN = 0.25;
/** At most this many learned words are listed. */
const LEARNED_CUES_MAX = 3;

/**
 * The comment's sentiment: the learned model's tone (the most likely of negative, neutral,
 * positive) over its words and the rule's reading, so a custom cue still moves it; the
 * score is P(positive) − P(negative), rounded to 2 places.
 */
export function sentimentOf(text: string, s: VoiceSettings): Sentiment {
  const rule = ruleSentiment(text, s);
  const p = predictTone(toneFeatures(text, rule, TONE_MODEL.spec));
  const learned = p.pushes
    .filter((x) => WORD_FEATURE.test(x.feature) && Math.abs(x.push) >= LEARNED_CUE_MIN)
    .slice(0, LEARNED_CUES_MAX)
    .map((x): Cue => ({ term: `learned: ${featureLabel(x.feature)}`, sign: x.push > 0 ? 1 : -1, weight: round2(Math.abs(x.push)) }));
  return { score: round2(p.p[2] - p.p[0]), tone: p.tone, model: rule.model, cues: [...rule.cues, ...learned] };
}

export function toneOf(score: number): SentimentTone {
  return score < -TONE_BAND ? 'negative' : score > TONE_BAND ? 'positive' : 'neutral';
}

/** A negated verb ("do not cover", "could not answer", "cannot get"). */
const SHORTFALL = /(?<![\p{L}\p{N}])(?:not|cannot|never|\p{L}+n't)(?![\p{L}\p{N}])/u;
/** A clause with nothing but a negated verb counts as this much of a negative cue. */
const SHORTFALL_WEIGHT = 0.5;

/** The rule's reading: its score and the parts the learned model reads (tone-features.ts). */
export interface RuleSentiment extends Sentiment {
  /** Every cue's sign by its weight, by its clause's weight (custom cues included). */
  balance: number;
  /** A clause tells of a wait counted in days, weeks or reminders. */
  wait: boolean;
  /** The clauses read as positive (up) and as negative (down): each clause's score by its weight, on its side. */
  up: number;
  down: number;
}

/**
 * The rule's sentiment of a comment: each clause's model score (theme terms and lukewarm
 * words blanked) plus CUE_WEIGHT per cue, weighted by its clause, summed and held to −1..1,
 * rounded to 2 places.
 */
export function ruleSentiment(text: string, s: VoiceSettings): RuleSentiment {
  let model = 0;
  let total = 0;
  let balance = 0;
  let waited = false;
  let up = 0;
  let down = 0;
  const cues: Cue[] = [];
  for (const c of clausesOf(normalize(text))) {
    const m = modelSentiment(withoutLukewarm(withoutLexiconTerms(c.text, s)));
    const found = matchCues(c.text, s);
    const wait = found.cues.some((x) => x.sign < 0) ? null : slowProcess(c.text);
    if (wait !== null) {
      // "Approvals are taking three weeks": a wait counted in days, weeks or reminders is a complaint.
      found.cues.push({ term: `wait: ${wait}`, sign: -1, weight: 1 });
      found.balance -= 1;
      waited = true;
    }
    if (m === 0 && found.cues.length === 0 && SHORTFALL.test(c.text)) {
      // "Margins do not cover our cost", "we still do not get leads": nothing else read, a negated verb tells of a shortfall.
      found.cues.push({ term: 'not …', sign: -1, weight: SHORTFALL_WEIGHT });
      found.balance -= SHORTFALL_WEIGHT;
    }
    model += c.weight * m;
    balance += c.weight * found.balance;
    const clause = c.weight * (m + CUE_WEIGHT * found.balance);
    total += clause;
    if (clause > 0) up += clause;
    else down -= clause;
    cues.push(...found.cues.map((x) => ({ ...x, weight: x.weight * c.weight })));
  }
  const score = round2(Math.max(-1, Math.min(1, total)));
  return { score, tone: toneOf(score), model: round2(model), cues, balance, wait: waited, up, down };
}

function round2(x: number): number {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? 0 : r;
}

const LUKEWARM_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...LUKEWARM_WORDS, ...CHANNEL_NEUTRAL_WORDS].join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/** `text` without the lukewarm words ("fine", "okay") a general model reads as praise, nor the channel words it misreads ("opportunity", "approved"). */
export function withoutLukewarm(text: string): string {
  return text.replace(LUKEWARM_RE, ' ').replace(/\s+/g, ' ').trim();
}
