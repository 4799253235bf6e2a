/**
 * What the learned tone model reads of a comment (ARCHITECTURE §11): its words and word
 * pairs, lower case, numbers as one token, every word in the scope of a negator ("not",
 * "no", "never", "…n't", "without") marked ("not fast" → neg_fast) up to the end of its
 * clause; words in a clause conceded before a contrast ("good, but …") marked too; and the
 * rule's reading of the comment (wink-nlp's clause scores, the lexicon's cue balance, a wait
 * counted in days or weeks). Pure: the trainer (tools/voice-model) and sentimentOf share it.
 */
import { clausesOfText } from './clauses';

/** The rule's reading of a comment, fed to the learned model as numbers. */
export interface RuleReading {
  /** wink-nlp's part: its clause scores by their clause weights. */
  model: number;
  /** Positive lexicon cues minus negative ones, by their weights (custom cues included). */
  balance: number;
  /** The clause tells of a wait counted in days, weeks or reminders. */
  wait: boolean;
  /** The clauses the rule read as positive, and as negative: each clause's score by its weight, on its side. */
  up: number;
  down: number;
}

/** Which features a model reads: chosen by cross-validation in tools/voice-model/train.ts. */
export interface FeatureSpec {
  bigrams: boolean;
  /** Mark words of a conceded clause ("c_good") instead of reading them as the main clause's. */
  conceded: boolean;
  /** Read wink-nlp's score. */
  model: boolean;
  /** Read the lexicon's cue balance and the wait. */
  cues: boolean;
  /** Read the rule's positive and negative clauses apart, and how much of each a comment holds (a mixed comment holds both). */
  sides: boolean;
  /** Also read each word's stem ("crashes", "crashed" → s:crash), so a form not seen in training still counts. */
  stems?: boolean;
}

/** A feature read from the comment's words: a word (w:), a word pair (b:) or a stem (s:); the rest are the rule's readings. */
export const WORD_FEATURE = /^[wbs]:/;

const NEGATOR = /^(?:not|no|never|none|nobody|nothing|without|cannot|nor|hardly|neither|\p{L}+n't)$/u;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** The tokens of one clause: lower case, numbers as <num>, words after a negator marked "neg_". */
export function clauseTokens(clause: string): string[] {
  const out: string[] = [];
  for (const piece of clause.toLowerCase().replace(/[’‘`]/g, "'").split(/[,.;:!?()]+/u)) {
    let negated = false;
    for (const m of piece.matchAll(WORD)) {
      const w = /^\p{N}/u.test(m[0]) ? '<num>' : m[0];
      if (NEGATOR.test(w)) {
        out.push(w);
        negated = true;
        continue;
      }
      out.push(negated ? `neg_${w}` : w);
    }
  }
  return out;
}

/** A crude stem: a common English ending taken off a word of at least five letters ("crashes" → "crash", "delayed" → "delay"). */
export function stemOf(token: string): string {
  if (token.length < 5 || token === '<num>') return token;
  const m = /^(.{3,}?)(?:ments|ment|ingly|ings|ing|edly|ed|ies|es|ly|s)$/u.exec(token);
  return m ? m[1]! : token;
}

/** The features of `text` as name → value (word features count their occurrences). */
export function toneFeatures(text: string, rule: RuleReading, spec: FeatureSpec): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string, v: number) => f.set(k, (f.get(k) ?? 0) + v);
  for (const c of clausesOfText(text)) {
    const toks = clauseTokens(c.text);
    const mark = spec.conceded && c.weight < 1 ? 'c_' : '';
    toks.forEach((t, i) => {
      add(`w:${mark}${t}`, 1);
      if (spec.stems) {
        const s = stemOf(t);
        if (s !== t) add(`s:${mark}${s}`, 1);
      }
      if (spec.bigrams && i > 0) add(`b:${mark}${toks[i - 1]}_${t}`, 1);
    });
  }
  if (text.trim().endsWith('?')) add('question', 1);
  if (spec.model) add('model', rule.model);
  if (spec.cues) {
    add('cues', Math.max(-3, Math.min(3, rule.balance)));
    if (rule.wait) add('wait', 1);
  }
  if (spec.sides) {
    add('up', Math.min(2, rule.up));
    add('down', Math.min(2, rule.down));
    add('mixed', Math.min(2, rule.up, rule.down));
  }
  return f;
}
