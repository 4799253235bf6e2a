/**
 * A partner's comment as clauses (ARCHITECTURE §11): what is conceded before a contrast
 * ("good, but …") counts less than what follows it. The rule (sentiment.ts) and the learned
 * tone model (tone-features.ts) both read a comment this way.
 */
import { CONCEDED_WEIGHT, PAST_WEIGHT } from '../../../src-shared/methods/voice';
import { normalize } from './lexicon';

/** A clause of a comment and how much it counts: what comes before a contrast ("good, but …") counts CONCEDED_WEIGHT. */
export interface Clause {
  text: string;
  weight: number;
}

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

/** The clauses of `text` as it was written (normalised first: lower case, single spaces). */
export function clausesOfText(text: string): Clause[] {
  return clausesOf(normalize(text));
}
