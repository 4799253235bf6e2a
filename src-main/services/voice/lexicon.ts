/**
 * The voice lexicon as matchers (ARCHITECTURE §11): which themes a comment is about and
 * which sentiment cues it holds, by the terms in settings (`voice`). Pure: no model, no db;
 * the action rules classify with it without loading the sentiment model.
 */
import { VOICE_THEMES, type VoiceSettings, type VoiceTheme } from '../../../src-shared/methods/voice';

const WORD = '[\\p{L}\\p{N}]';
const NEGATORS = /(?:^|[^\p{L}\p{N}'])(?:not|no|never|hardly|isn't|aren't|wasn't|weren't|don't|doesn't|didn't|can't|cannot|won't|nothing)(?:\s+[\p{L}\p{N}'-]+){0,2}\s*$/u;

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

interface Compiled {
  /** Each theme's terms, and all of them in one pattern (tried first: most comments miss most themes). */
  themes: { theme: VoiceTheme; any: RegExp; terms: { term: string; re: RegExp }[] }[];
  /** Every theme term in one pattern (what the sentiment model does not read). */
  allThemes: RegExp;
  negative: { term: string; re: RegExp }[];
  positive: { term: string; re: RegExp }[];
}

const compiled = new WeakMap<VoiceSettings, Compiled>();
function compile(s: VoiceSettings): Compiled {
  let c = compiled.get(s);
  if (!c) {
    const list = (terms: readonly string[]) => terms.map((term) => ({ term, re: termPattern(term) }));
    c = {
      themes: VOICE_THEMES.map((theme) => ({ theme, any: wholeWords(s.themes[theme].map(termBody).join('|')), terms: list(s.themes[theme]) })),
      allThemes: wholeWords(VOICE_THEMES.flatMap((t) => s.themes[t].map(termBody)).join('|')),
      negative: list(s.negative),
      positive: list(s.positive),
    };
    compiled.set(s, c);
  }
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
  for (const { theme, any, terms } of compile(s).themes) {
    any.lastIndex = 0;
    if (!any.test(t)) continue;
    const hit = terms.find(({ re }) => {
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

export interface CueMatch {
  /** Positive cues minus negative ones, a cue after a negator ("not fast") counting the other way. */
  balance: number;
  cues: { term: string; sign: 1 | -1 }[];
}

/**
 * The sentiment cues in `text`. Overlapping cues count once (the longest: "no longer
 * justify" over "no longer"); a cue up to two words after not / no / never … flips.
 */
export function matchCues(text: string, s: VoiceSettings): CueMatch {
  const t = normalize(text);
  const c = compile(s);
  const spans: { start: number; end: number; term: string; sign: 1 | -1 }[] = [];
  const collect = (list: Compiled['negative'], sign: 1 | -1) => {
    for (const { term, re } of list) {
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
  const cues = kept.map((sp) => {
    const negated = NEGATORS.test(t.slice(Math.max(0, sp.start - 40), sp.start));
    return { term: sp.term, sign: (negated ? -sp.sign : sp.sign) as 1 | -1 };
  });
  return { balance: cues.reduce((a, x) => a + x.sign, 0), cues };
}

/** `text` with every theme term blanked out (what the sentiment model reads). */
export function withoutThemeTerms(text: string, s: VoiceSettings): string {
  return normalize(text).replace(compile(s).allThemes, ' ').replace(/\s+/g, ' ').trim();
}
