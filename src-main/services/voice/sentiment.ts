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
import { CUE_WEIGHT, TONE_BAND, type SentimentTone, type VoiceSettings } from '../../../src-shared/methods/voice';
import { matchCues, withoutThemeTerms } from './lexicon';

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
  model: number;
  cues: { term: string; sign: 1 | -1 }[];
}

export function toneOf(score: number): SentimentTone {
  return score < -TONE_BAND ? 'negative' : score > TONE_BAND ? 'positive' : 'neutral';
}

/** The comment's sentiment: the model's score moved by the lexicon's cues, −1..1, rounded to 2 places. */
export function sentimentOf(text: string, s: VoiceSettings): Sentiment {
  const m = modelSentiment(withoutThemeTerms(text, s));
  const { balance, cues } = matchCues(text, s);
  const score = Math.round(Math.max(-1, Math.min(1, m + CUE_WEIGHT * balance)) * 100) / 100;
  return { score: Object.is(score, -0) ? 0 : score, tone: toneOf(score), model: m, cues };
}
