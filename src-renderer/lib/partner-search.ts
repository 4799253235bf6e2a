/**
 * Finding a partner by what a person types: typos ("Becon"), any word order ("Automation
 * Aurora"), word beginnings ("beacon distrib gmbh"), or an id ("P-00012"). MiniSearch does
 * the matching (word index, prefix and edit-distance search); this module only decides
 * what a good answer is:
 * - an exact id first;
 * - then partners whose name holds every word typed (each word may be a beginning or off
 *   by a letter or two), best score first;
 * - only when no partner holds every word, those that hold most of them.
 * Accents and case do not matter ("Müller" = "muller").
 */
import MiniSearch, { type SearchResult } from 'minisearch';

export interface Searchable {
  id: string;
  name: string;
}

/** Lower case, accents removed: "Société Générale" → "societe generale". */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Words of a name or query: letters and digits, "&" and other marks split. */
const words = (s: string): string[] => fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** Edit distance allowed for a query word: none below 4 letters, 1 up to 7, then 2. */
function fuzziness(term: string): number {
  if (term.length < 4) return 0;
  return term.length <= 7 ? 1 : 2;
}

export interface PartnerIndex<T extends Searchable> {
  search(query: string, limit: number): T[];
}

export function partnerIndex<T extends Searchable>(rows: readonly T[]): PartnerIndex<T> {
  const byId = new Map<string, T>();
  for (const r of rows) byId.set(r.id, r);
  const index = new MiniSearch<T>({
    idField: 'id',
    fields: ['name', 'id'],
    tokenize: (text, field) => (field === 'id' ? [fold(text)] : words(text)),
    processTerm: (term) => fold(term),
    searchOptions: {
      prefix: true,
      fuzzy: (term) => fuzziness(term),
      boost: { name: 2 },
      // A word that starts the name ranks above the same word in the middle.
      weights: { fuzzy: 0.45, prefix: 0.7 },
    },
  });
  index.addAll([...byId.values()]);

  const pick = (hits: SearchResult[], limit: number): T[] => {
    const out: T[] = [];
    for (const h of hits) {
      const row = byId.get(String(h.id));
      if (row) out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  };

  return {
    search(query: string, limit: number): T[] {
      const q = query.trim();
      if (!q) return [];
      const exact = byId.get(q) ?? byId.get(q.toUpperCase());
      const terms = words(q);
      if (!terms.length) return exact ? [exact] : [];
      const tokenize = (text: string) => words(text);
      let hits = index.search(q, { combineWith: 'AND', tokenize });
      if (!hits.length && terms.length > 1) hits = index.search(q, { combineWith: 'OR', tokenize });
      // Among equal scores, the name that starts with the first word typed, then the shorter name.
      const first = terms[0]!;
      hits.sort((a, b) => b.score - a.score || startsWith(byId.get(String(b.id)), first) - startsWith(byId.get(String(a.id)), first));
      const found = pick(hits, limit);
      if (!exact) return found;
      return [exact, ...found.filter((r) => r.id !== exact.id)].slice(0, limit);
    },
  };
}

const startsWith = (row: Searchable | undefined, word: string): number => (row && words(row.name)[0]?.startsWith(word) ? 1 : 0);
