/**
 * The voice lexicon as matchers (ARCHITECTURE §11): which themes a comment is about and
 * which sentiment cues it holds, by the terms in settings (`voice`). Pure: no model, no db;
 * the action rules classify with it without loading the sentiment model.
 */
import { VOICE_THEMES, type VoiceSettings, type VoiceTheme } from '../../../src-shared/methods/voice';

const WORD = '[\\p{L}\\p{N}]';
/** A negator up to three words before a cue turns it the other way ("not fast", "no issues with", "not a single … declined"). */
const NEGATOR_WORDS = "not|no|never|hardly|none|without|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|cannot|couldn't|won't|wouldn't|haven't|hasn't|hadn't|nothing|nobody|nor|less";
const NEGATORS = new RegExp(`(?:^|[^\\p{L}\\p{N}'])(?:${NEGATOR_WORDS})(?:\\s+[\\p{L}\\p{N}'-]+){0,3}\\s*$`, 'u');
const NEGATOR_TERM = new RegExp(`^(?:${NEGATOR_WORDS})$`, 'u');
/** Degree words just before a cue (at most one word between) scale it: "very slow" counts 1.5 times, "a bit slow" half. */
const INTENSIFIERS = /(?:^|[^\p{L}\p{N}'])(?:very|really|extremely|incredibly|totally|completely|absolutely|so|too|far|always|constantly|consistently)(?:\s+[\p{L}\p{N}'-]+){0,1}\s*$/u;
const DOWNTONERS = /(?:^|[^\p{L}\p{N}'])(?:slightly|somewhat|a bit|a little|fairly|rather|mildly|a touch|occasionally|sometimes)(?:\s+[\p{L}\p{N}'-]+){0,1}\s*$/u;
export const INTENSIFIER_FACTOR = 1.5;
export const DOWNTONER_FACTOR = 0.5;

/** Lower case, one kind of apostrophe, single spaces. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** A term as the body of a regular expression: spaces match any space, a trailing * any ending. */
function termBody(term: string): string {
  const t = normalize(term);
  const star = t.endsWith('*');
  const body = (star ? t.slice(0, -1) : t).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');
  return `${body}${star ? `${WORD}*` : ''}`;
}

/** Whole words only. */
const wholeWords = (body: string) => new RegExp(`(?<!${WORD})(?:${body})(?!${WORD})`, 'gu');

/** A term as a regular expression: whole words, spaces match any space, a trailing * any ending. */
export function termPattern(term: string): RegExp {
  return wholeWords(termBody(term));
}

/**
 * A term's pattern, made the first time the term is tried: making one costs about a
 * millisecond (the Unicode letter classes of its word edges), and a lexicon holds hundreds
 * of terms, most never tried on a given comment (a theme's terms only when its combined
 * pattern matched, a cue only when its first word is in the text). Made all at once, a
 * process's first classification (a CLI command, a worker's first ranking) waited ~0.3 s.
 */
interface LazyTerm {
  term: string;
  re: RegExp | null;
}
function patternOf(t: LazyTerm): RegExp {
  return (t.re ??= termPattern(t.term));
}

/** A value made on first use. */
function once<T>(make: () => T): () => T {
  let made: { v: T } | null = null;
  return () => (made ??= { v: make() }).v;
}

interface Compiled {
  /** Each theme's terms, and all of them in one pattern (tried first: most comments miss most themes). */
  themes: () => { theme: VoiceTheme; any: RegExp; terms: LazyTerm[] }[];
  /** Every theme term in one pattern (what the sentiment model does not read). */
  allThemes: () => RegExp;
  /** Every theme term and cue in one pattern (what the sentiment model does not read: each word counts once). */
  allTerms: () => RegExp;
  negative: CompiledCue[];
  positive: CompiledCue[];
}

/** A cue and the word it must start with: only cues whose first word is in a text are tried on it. */
interface CompiledCue extends LazyTerm {
  first: string;
  /** The first word is a prefix ("slow*"): any word starting with it. */
  prefix: boolean;
}

const NON_WORD = /[^\p{L}\p{N}]+/u;

function compileCue(term: string): CompiledCue {
  const t = normalize(term);
  const star = t.endsWith('*');
  const pieces = (star ? t.slice(0, -1) : t).split(NON_WORD).filter((x) => x.length > 0);
  return { term, re: null, first: pieces[0] ?? '', prefix: star && pieces.length === 1 };
}

/**
 * Compiled lexicons by settings object and, since each read of the settings is a new
 * object (the actions recompute reads them every time), by their content too: a handful of
 * lexicons at most, each compiled once rather than on every recompute.
 */
const compiled = new WeakMap<VoiceSettings, Compiled>();
const byContent = new Map<string, Compiled>();
function compile(s: VoiceSettings): Compiled {
  let c = compiled.get(s);
  if (c) return c;
  const key = JSON.stringify([s.themes, s.negative, s.positive]);
  c = byContent.get(key);
  if (!c) {
    c = {
      themes: once(() =>
        VOICE_THEMES.map((theme) => ({ theme, any: wholeWords(s.themes[theme].map(termBody).join('|')), terms: s.themes[theme].map((term) => ({ term, re: null })) })),
      ),
      allThemes: once(() => wholeWords(VOICE_THEMES.flatMap((t) => s.themes[t].map(termBody)).join('|'))),
      allTerms: once(() => wholeWords([...VOICE_THEMES.flatMap((t) => s.themes[t]), ...s.negative, ...s.positive].map(termBody).join('|'))),
      negative: s.negative.map(compileCue),
      positive: s.positive.map(compileCue),
    };
    if (byContent.size >= 8) byContent.clear();
    byContent.set(key, c);
  }
  compiled.set(s, c);
  return c;
}

export interface ThemeMatch {
  themes: VoiceTheme[];
  /** "deal reg* → Deal registration" style evidence: each theme's first matching term. */
  terms: { theme: VoiceTheme; term: string }[];
}

/** The themes `text` is about, in the lexicon's order, each with the first term that matched. */
export function matchThemes(text: string, s: VoiceSettings): ThemeMatch {
  const t = normalize(text);
  const out: ThemeMatch = { themes: [], terms: [] };
  for (const { theme, any, terms } of compile(s).themes()) {
    any.lastIndex = 0;
    if (!any.test(t)) continue;
    const hit = terms.find((x) => {
      const re = patternOf(x);
      re.lastIndex = 0;
      return re.test(t);
    });
    if (hit) {
      out.themes.push(theme);
      out.terms.push({ theme, term: hit.term });
    }
  }
  return out;
}

export interface Cue {
  term: string;
  /** +1 or −1: the cue's side after negation. */
  sign: 1 | -1;
  /** How much it counts: 1, INTENSIFIER_FACTOR after "very", DOWNTONER_FACTOR after "a bit". */
  weight: number;
}

export interface CueMatch {
  /** Positive cues minus negative ones, each by its weight; a cue after a negator ("not fast") counting the other way. */
  balance: number;
  cues: Cue[];
}

/**
 * The sentiment cues in `text`. Overlapping cues count once (the longest: "no longer
 * justify" over "no longer"); a cue up to three words after not / no / never … flips, and a
 * negator that is a cue itself ("never", "nobody") counts no more once it has turned a cue
 * ("never had a problem" is one positive cue, not two negative ones). "very" / "so" / "too"
 * just before a cue make it count 1.5 times, "slightly" / "a bit" half.
 */
export function matchCues(text: string, s: VoiceSettings): CueMatch {
  const t = normalize(text);
  const c = compile(s);
  const spans: { start: number; end: number; term: string; sign: 1 | -1 }[] = [];
  const words = t.split(NON_WORD);
  const present = new Set(words);
  // A match starts on a whole word, so a cue whose first word is not in the text cannot match.
  const mayMatch = (q: CompiledCue) => present.has(q.first) || (q.prefix && words.some((w) => w.startsWith(q.first)));
  const collect = (list: Compiled['negative'], sign: 1 | -1) => {
    for (const q of list) {
      if (!mayMatch(q)) continue;
      const term = q.term;
      const re = patternOf(q);
      re.lastIndex = 0;
      for (const m of t.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length, term, sign });
    }
  };
  collect(c.negative, -1);
  collect(c.positive, 1);
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: typeof spans = [];
  for (const sp of spans) {
    const last = kept[kept.length - 1];
    if (last && sp.start < last.end) continue;
    kept.push(sp);
  }
  const consumed = new Set<number>();
  const cues = kept.map((sp, i) => {
    const before = t.slice(Math.max(0, sp.start - 40), sp.start);
    const negated = NEGATORS.test(before);
    if (negated) {
      // The negator that turned this cue, when it is a cue itself, counts no more.
      for (let j = i - 1; j >= 0; j--) {
        const prev = kept[j]!;
        if (prev.start < sp.start - 40) break;
        if (NEGATOR_TERM.test(t.slice(prev.start, prev.end)) && NEGATORS.test(t.slice(prev.start, sp.start))) consumed.add(j);
      }
    }
    const weight = INTENSIFIERS.test(before) ? INTENSIFIER_FACTOR : DOWNTONERS.test(before) ? DOWNTONER_FACTOR : 1;
    return { term: sp.term, sign: (negated ? -sp.sign : sp.sign) as 1 | -1, weight };
  });
  const out = cues.filter((_, i) => !consumed.has(i));
  return { balance: out.reduce((a, x) => a + x.sign * x.weight, 0), cues: out };
}

/** `text` with every theme term blanked out (what the sentiment model reads). */
export function withoutThemeTerms(text: string, s: VoiceSettings): string {
  return normalize(text).replace(compile(s).allThemes(), ' ').replace(/\s+/g, ' ').trim();
}

/** `text` with every theme term and cue blanked out: what the model reads, so that a cue the model knows too ("excellent") counts once. */
export function withoutLexiconTerms(text: string, s: VoiceSettings): string {
  return normalize(text).replace(compile(s).allTerms(), ' ').replace(/\s+/g, ' ').trim();
}
