/** Stage and status names in words (the renderer has its own copy; rules run in main). */
const SPECIAL: Record<string, string> = { closed_won: 'Won', closed_lost: 'Lost', co_sell: 'Co-sell' };

export function humanize(value: string): string {
  const hit = SPECIAL[value];
  if (hit) return hit;
  const s = value.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
