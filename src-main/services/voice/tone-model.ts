/**
 * The learned tone model (ARCHITECTURE §11): a multinomial logistic regression over what
 * tone-features.ts reads of a comment (words, word pairs, negation scope, the rule's model
 * score and cue balance). Its weights are resources/voice/tone-model.json, made by
 * tools/voice-model/train.ts from the hand-labelled comments in
 * resources/voice/labelled-comments.json; nothing is downloaded or trained at run time.
 */
import { SENTIMENT_TONES, type SentimentTone } from '../../../src-shared/methods/voice';
import weightsFile from '../../../resources/voice/tone-model.json';
import { type FeatureSpec, WORD_FEATURE } from './tone-features';

/** A trained model as stored: one weight per tone (negative, neutral, positive) for each feature. */
export interface ToneModel {
  about: string;
  spec: FeatureSpec;
  l2: number;
  /** A word feature was kept when it occurred in at least this many training comments. */
  minCount: number;
  /** What the trainer measured, for the record (printed by the tests). */
  validation: { crossValidation: string; heldOutSets: string };
  /** A digest of the labelled corpus the weights were trained on. */
  corpus: { comments: number; digest: string };
  bias: [number, number, number];
  weights: Record<string, [number, number, number]>;
}

export const TONE_MODEL = weightsFile as unknown as ToneModel;

export interface TonePrediction {
  /** Probability of each tone, in SENTIMENT_TONES order (negative, neutral, positive). */
  p: [number, number, number];
  tone: SentimentTone;
  /** The features that pushed the comment most towards positive (+) or negative (−): weight(positive) − weight(negative), times the feature's value. */
  pushes: { feature: string; push: number }[];
}

/** Each tone's probability for `features`, and what pushed it. */
export function predictTone(features: Map<string, number>, m: ToneModel = TONE_MODEL): TonePrediction {
  const z: [number, number, number] = [...m.bias];
  const pushes: { feature: string; push: number }[] = [];
  for (const [k, v] of features) {
    const w = m.weights[k];
    if (!w) continue;
    z[0] += w[0] * v;
    z[1] += w[1] * v;
    z[2] += w[2] * v;
    pushes.push({ feature: k, push: (w[2] - w[0]) * v });
  }
  const p = softmax(z);
  const best = p.indexOf(Math.max(...p));
  pushes.sort((a, b) => Math.abs(b.push) - Math.abs(a.push) || a.feature.localeCompare(b.feature));
  return { p, tone: SENTIMENT_TONES[best]!, pushes };
}

export function softmax(z: readonly number[]): [number, number, number] {
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return [e[0]! / sum, e[1]! / sum, e[2]! / sum];
}

/** A feature in the user's words: "w:neg_fast" → "not fast", "b:too_long" → "too long", "c_good" → "good (conceded)". */
export function featureLabel(feature: string): string {
  if (feature === 'model') return 'general model score';
  if (feature === 'cues') return 'lexicon cues';
  if (feature === 'wait') return 'a wait counted in days or weeks';
  if (feature === 'question') return 'a question';
  const body = feature.replace(WORD_FEATURE, '');
  const conceded = body.startsWith('c_');
  const words = (conceded ? body.slice(2) : body)
    .split('_')
    .filter((w) => w !== 'neg' && w !== 'c')
    .join(' ');
  // A stem reads as the start of its words ("crash…" for crashes, crashed).
  const stemmed = feature.startsWith('s:') ? `${words}…` : words;
  const text = /(?:^|_)neg_/.test(conceded ? body.slice(2) : body) ? `not … ${stemmed}` : stemmed;
  return conceded ? `${text} (conceded)` : text;
}
