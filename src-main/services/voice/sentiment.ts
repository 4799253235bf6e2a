/**
 * Sentiment of a partner's comment (ARCHITECTURE §11): wink-nlp's English model (an npm
 * package, loaded from disk; nothing is downloaded) scores the text, its theme terms blanked
 * out, −1..1; the lexicon's
 * channel cues ("far too long", "paid late") move it by CUE_WEIGHT each, held to −1..1.
 * The model loads once, on the first comment scored (about a second; required then, not
 * imported, so no other command or screen pays for it), and each distinct text is scored
 * once per process.
 */
import { createRequire } from 'node:module';
import type WinkNLP from 'wink-nlp';
import type WinkModel from 'wink-eng-lite-web-model';
import { CONCEDED_WEIGHT, CUE_WEIGHT, PAST_WEIGHT, LUKEWARM_WORDS, CHANNEL_NEUTRAL_WORDS, TONE_BAND, type SentimentTone, type VoiceSettings } from '../../../src-shared/methods/voice';
import { slowProcess } from './delay';
import { type Cue, matchCues, normalize, withoutLexiconTerms } from './lexicon';

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
  score: number;
  tone: SentimentTone;
  /** The model's part: its clause scores, each by its clause's weight. */
  model: number;
  cues: Cue[];
}

export function toneOf(score: number): SentimentTone {
  return score < -TONE_BAND ? 'negative' : score > TONE_BAND ? 'positive' : 'neutral';
}

/** A clause of a comment and how much it counts: what comes before a contrast ("good, but …") counts CONCEDED_WEIGHT. */
export interface Clause {
  text: string;
  weight: number;
}

/** A negated verb ("do not cover", "could not answer", "cannot get"). */
const SHORTFALL = /(?<![\p{L}\p{N}])(?:not|cannot|never|\p{L}+n't)(?![\p{L}\p{N}])/u;
/** A clause with nothing but a negated verb counts as this much of a negative cue. */
const SHORTFALL_WEIGHT = 0.5;

/** A contrast word mid-sentence: what precedes it is conceded, what follows is the point ("X, while Y" as well). */
const CONTRAST = /\s*(?:[,;:–—-]\s*)?\b(?:but|however|though|although|yet|except that|that said|having said that|even so|still,)\s+|\s*;\s*(?=however\b|but\b)|\s*,\s*(?:while|whereas)\s+/giu;
/** A sentence that opens with a concession ("Although X, Y"): X is conceded up to its first comma. */
const OPENING_CONCESSION = /^(although|though|even though|while|whilst|despite)\b([^,]+),\s*(.+)$/iu;
/** A semicolon not followed by a contrast word: it joins two clauses that each count fully. */
const SEMICOLON = /\s*;\s*(?!however\b|but\b|though\b|yet\b)/iu;
/** A clause about how things were ("used to be painful", "slow at first"): what follows it is how they are. */
const PAST = /(?<![\p{L}\p{N}])(?:used to|at first|initially|in the past|previously|last year|to begin with)(?![\p{L}\p{N}])/u;

/**
 * The comment as clauses: split at contrast words ("X but Y", "X; however Y", "X, though Y",
 * "X, while Y"), at an opening concession ("Although X, Y") and at semicolons. Every clause
 * before the last contrast of its part counts CONCEDED_WEIGHT, the rest 1; a clause about the
 * past ("used to", "at first") that something follows counts PAST_WEIGHT of that.
 */
export function clausesOf(text: string): Clause[] {
  const out: Clause[] = [];
  for (const sentence of text.split(/(?<=[.!?])\s+/u)) {
    const opening = OPENING_CONCESSION.exec(sentence.trim());
    if (opening) {
      out.push({ text: opening[2]!.trim(), weight: CONCEDED_WEIGHT }, { text: opening[3]!.trim(), weight: 1 });
      continue;
    }
    for (const part of sentence.split(SEMICOLON)) {
      const parts = part.split(CONTRAST).map((p) => p.trim()).filter((p) => p.length > 0);
      parts.forEach((p, i) => out.push({ text: p, weight: i < parts.length - 1 ? CONCEDED_WEIGHT : 1 }));
    }
  }
  if (out.length === 0) return [{ text, weight: 1 }];
  return out.map((c, i) => (i < out.length - 1 && PAST.test(c.text) ? { ...c, weight: c.weight * PAST_WEIGHT } : c));
}

/**
 * The comment's sentiment: each clause's model score (theme terms and lukewarm words
 * blanked) plus CUE_WEIGHT per cue, weighted by its clause, summed and held to −1..1,
 * rounded to 2 places.
 */
export function sentimentOf(text: string, s: VoiceSettings): Sentiment {
  let model = 0;
  let total = 0;
  const cues: Cue[] = [];
  for (const c of clausesOf(normalize(text))) {
    const m = modelSentiment(withoutLukewarm(withoutLexiconTerms(c.text, s)));
    const found = matchCues(c.text, s);
    const wait = found.cues.some((x) => x.sign < 0) ? null : slowProcess(c.text);
    if (wait !== null) {
      // "Approvals are taking three weeks": a wait counted in days, weeks or reminders is a complaint.
      found.cues.push({ term: `wait: ${wait}`, sign: -1, weight: 1 });
      found.balance -= 1;
    }
    if (m === 0 && found.cues.length === 0 && SHORTFALL.test(c.text)) {
      // "Margins do not cover our cost", "we still do not get leads": nothing else read, a negated verb tells of a shortfall.
      found.cues.push({ term: 'not …', sign: -1, weight: SHORTFALL_WEIGHT });
      found.balance -= SHORTFALL_WEIGHT;
    }
    model += c.weight * m;
    total += c.weight * (m + CUE_WEIGHT * found.balance);
    cues.push(...found.cues.map((x) => ({ ...x, weight: x.weight * c.weight })));
  }
  const score = Math.round(Math.max(-1, Math.min(1, total)) * 100) / 100;
  return { score: Object.is(score, -0) ? 0 : score, tone: toneOf(score), model: Math.round(model * 100) / 100, cues };
}

const LUKEWARM_RE = new RegExp(`(?<![\\p{L}\\p{N}])(?:${[...LUKEWARM_WORDS, ...CHANNEL_NEUTRAL_WORDS].join('|')})(?![\\p{L}\\p{N}])`, 'gu');

/** `text` without the lukewarm words ("fine", "okay") a general model reads as praise, nor the channel words it misreads ("opportunity", "approved"). */
export function withoutLukewarm(text: string): string {
  return text.replace(LUKEWARM_RE, ' ').replace(/\s+/g, ' ').trim();
}
