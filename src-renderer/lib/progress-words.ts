/** A waiting line with the share a background computation says it has done (the `*.progress` events). */

/** `base`, then " 40%" once something is heard; never "100%" before the result shows (the reply is still on its way). */
export function withShare(base: string, p: { done: number; total: number } | null): string {
  return p && p.total > 0 ? `${base} ${Math.min(99, Math.floor((100 * p.done) / p.total))}%` : base;
}
