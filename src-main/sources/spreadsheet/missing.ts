/** Cell text that stands for "no value"; used by values.ts (which re-exports isMissing) and dates.ts. */

const MISSING_WORDS: ReadonlySet<string> = new Set(['null', 'n/a', 'na', '#n/a', '-', '—', '–', 'none']);

/** null, empty or blank, or one of NULL, N/A, NA, #N/A, None, '-', '—', '–' (any case, surrounding spaces ignored). */
export function isMissing(v: string | null | undefined): boolean {
  if (v == null) return true;
  const t = v.trim().toLowerCase();
  return t === '' || MISSING_WORDS.has(t);
}
