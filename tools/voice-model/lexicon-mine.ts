/**
 * Suggests theme-lexicon changes from the hand-labelled corpus (ARCHITECTURE §11):
 *
 *   npx tsx tools/voice-model/lexicon-mine.ts [--min-sets 2] [--min-gain 2]
 *
 * A greedy rule learner over the labelled corpus (tools/voice-model/corpus.ts): for each theme, the
 * phrase (one to three words, or a word with its ending left open as `word*`) whose adding
 * would fix the most comments the lexicon misses for that theme, net of the comments it
 * would wrongly give the theme, is taken while it gains at least --min-gain comments; then
 * each term already in the lexicon that wrongly gives the theme more often than it rightly
 * does is listed for removal. A phrase must occur in comments of at least --min-sets sets
 * (written by different people at different times), so one writer's habit is not learned.
 * It prints suggestions; a person reads them (a phrase that only fits by accident is not
 * taken) and edits DEFAULT_VOICE_SETTINGS in src-shared/methods/voice.ts. Developer tool:
 * the product reads only the lexicon. final-check sets not in the corpus are never read.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_VOICE_SETTINGS, VOICE_THEMES, type VoiceSettings, type VoiceTheme } from '../../src-shared/methods/voice';
import { endQuietlyOnClosedOutput } from '../../src-main/base/closed-output';
import { matchThemes, normalize, termPattern } from '../../src-main/services/voice/lexicon';
import { corpusComments } from './corpus';

interface Doc {
  set: string;
  text: string;
  norm: string;
  words: string[];
  themes: Set<VoiceTheme>;
  /** What the lexicon under test finds. */
  found: Set<VoiceTheme>;
}

const TERM_OK = /^[\p{L}\p{N}][\p{L}\p{N} '&/.-]*\*?$/u;
/** Words that carry no theme on their own: never a one-word term, nor the edge of a phrase. */
const STOP = new Set(
  'a an the and or but so to of in on at for with from by as is are was were be been it its this that these those we our us you your they their them i my me he she his her not no do does did have has had will would can could just very really too also than then there here what which who when how all any some more most much many one two three get got'.split(
    ' ',
  ),
);

function candidatesOf(words: string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let n = 1; n <= 3 && i + n <= words.length; n++) {
      const g = words.slice(i, i + n);
      if (STOP.has(g[0]!) || STOP.has(g[n - 1]!)) continue;
      if (n === 1 && (g[0]!.length < 3 || /^\d+$/.test(g[0]!))) continue;
      const phrase = g.join(' ');
      if (!TERM_OK.test(phrase) || phrase.length > 60) continue;
      out.add(phrase);
      // The word's ending left open: "deploy*" for deploys, deployed, deployment.
      const last = g[n - 1]!;
      const stem = last.replace(/(ments?|ings?|ed|es|s)$/u, '');
      if (stem.length >= 4 && stem !== last) out.add(`${[...g.slice(0, -1), stem].join(' ')}*`);
    }
  }
  return out;
}

function main(): void {
  const { values } = parseArgs({ options: { 'min-sets': { type: 'string', default: '2' }, 'min-gain': { type: 'string', default: '2' } } });
  const minSets = Number(values['min-sets']);
  const minGain = Number(values['min-gain']);
  let settings: VoiceSettings = structuredClone(DEFAULT_VOICE_SETTINGS);
  const docs: Doc[] = corpusComments().map((c) => {
    const norm = normalize(c.text);
    return { set: c.set, text: c.text, norm, words: norm.split(/[^\p{L}\p{N}'-]+/u).filter(Boolean), themes: new Set(c.themes), found: new Set() };
  });
  const refind = () => {
    for (const d of docs) d.found = new Set(matchThemes(d.text, settings).themes);
  };
  refind();
  const exact = () => docs.filter((d) => VOICE_THEMES.every((t) => d.themes.has(t) === d.found.has(t))).length;
  console.log(`corpus: ${docs.length} comments; theme sets exactly right now: ${exact()}`);
  const cands = new Map<string, Set<number>>();
  docs.forEach((d, i) => {
    for (const c of candidatesOf(d.words)) {
      let s = cands.get(c);
      if (!s) cands.set(c, (s = new Set()));
      s.add(i);
    }
  });
  // A candidate's comments are those its pattern matches (a `word*` matches more than the words it came from).
  const hits = new Map<string, number[]>();
  const hitsOf = (term: string): number[] => {
    let h = hits.get(term);
    if (!h && !term.endsWith('*') && cands.has(term)) hits.set(term, (h = [...cands.get(term)!]));
    if (!h) {
      const re = termPattern(term);
      h = [];
      docs.forEach((d, i) => {
        re.lastIndex = 0;
        if (re.test(d.norm)) h!.push(i);
      });
      hits.set(term, h);
    }
    return h;
  };
  for (const theme of VOICE_THEMES) {
    console.log(`\n## ${theme} (${settings.themes[theme].length} terms)`);
    for (;;) {
      let best: { term: string; gain: number; fixed: number; wrong: number; sets: number } | null = null;
      for (const [term, seen] of cands) {
        if (seen.size < 2) continue;
        if (settings.themes[theme].includes(term)) continue;
        const idx = hitsOf(term);
        let fixed = 0;
        let wrong = 0;
        const sets = new Set<string>();
        for (const i of idx) {
          const d = docs[i]!;
          if (d.found.has(theme)) continue;
          if (d.themes.has(theme)) {
            fixed++;
            sets.add(d.set);
          } else wrong++;
        }
        const gain = fixed - wrong;
        if (sets.size < minSets) continue;
        if (!best || gain > best.gain || (gain === best.gain && wrong < best.wrong)) best = { term, gain, fixed, wrong, sets: sets.size };
      }
      if (!best || best.gain < minGain) break;
      // A new object: the matcher compiles each settings object once.
      settings = { ...settings, themes: { ...settings.themes, [theme]: [...settings.themes[theme], best.term] } };
      refind();
      const examples = hitsOf(best.term)
        .filter((i) => docs[i]!.themes.has(theme))
        .slice(0, 2)
        .map((i) => `"${docs[i]!.text}"`);
      console.log(`+ '${best.term}'  fixes ${best.fixed}, wrong ${best.wrong} (${best.sets} sets)  e.g. ${examples.join(' ')}`);
    }
    for (const term of settings.themes[theme]) {
      const idx = hitsOf(term);
      let right = 0;
      let wrong = 0;
      for (const i of idx) {
        if (docs[i]!.themes.has(theme)) right++;
        else wrong++;
      }
      if (wrong > right && wrong >= 2) {
        const ex = idx.filter((i) => !docs[i]!.themes.has(theme)).slice(0, 2).map((i) => `"${docs[i]!.text}"`);
        console.log(`? '${term}' gives the theme wrongly ${wrong}, rightly ${right}  e.g. ${ex.join(' ')}`);
      }
    }
  }
  console.log(`\ntheme sets exactly right with every suggestion taken: ${exact()} of ${docs.length}`);
}

endQuietlyOnClosedOutput();
main();
