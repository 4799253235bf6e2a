/**
 * Text measured and cut as a person sees it: by grapheme (a flag, an emoji with its skin
 * tone, a letter with its accent are one character each), never by UTF-16 code unit, so a
 * shortened value never ends in half an emoji. Intl.Segmenter is in every runtime the app
 * uses (Node and Chromium).
 */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The characters of `s` as a person counts them. */
export function graphemes(s: string): string[] {
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** `s` cut to at most `max` characters (graphemes), with an ellipsis when it was cut. */
export function truncateText(s: string, max: number): string {
  // fast path: every grapheme is at least one code unit
  if (s.length <= max) return s;
  const parts = graphemes(s);
  if (parts.length <= max) return s;
  return `${parts.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/**
 * What a field's counter shows as you type: null while the text is well within the limit,
 * else "183 / 200" (and `over` past it). Counted in code units, as the limits are checked
 * (`LIMITS`, rules/text.ts), so the counter and the refusal agree.
 */
export function limitCounter(value: string, max: number, from = 0.8): { text: string; over: boolean } | null {
  const n = value.length;
  if (n < Math.floor(max * from)) return null;
  return { text: `${n.toLocaleString('en-US')} / ${max.toLocaleString('en-US')}`, over: n > max };
}
