/** A waiting line with the share a background computation says it has done (the `*.progress` events). */

/**
 * `base`, then " 40%" once some of the work is done (a job just started reads as `base`,
 * not "0%", which looks stuck); never "100%" before the result shows (the reply is still
 * on its way).
 */
export function withShare(base: string, p: { done: number; total: number } | null): string {
  const share = p && p.total > 0 ? Math.min(99, Math.floor((100 * p.done) / p.total)) : 0;
  return share > 0 ? `${base} ${share}%` : base;
}
