/** Stage and status names in words (the renderer has its own copy; rules run in main). */
const SPECIAL: Record<string, string> = { closed_won: 'Won', closed_lost: 'Lost', co_sell: 'Co-sell' };

/** A book has a handful of stage and status names and thousands of actions naming them: each is worded once. */
const worded = new Map<string, string>();

export function humanize(value: string): string {
  let w = worded.get(value);
  if (w === undefined) {
    const hit = SPECIAL[value];
    const s = value.replace(/_/g, ' ');
    w = hit ?? s.charAt(0).toUpperCase() + s.slice(1);
    if (worded.size >= 1000) worded.clear();
    worded.set(value, w);
  }
  return w;
}

/** A word in lower case, lowered once per word (stage names read mid-sentence: "proposal"). */
const lowered = new Map<string, string>();

export function lowerWord(word: string): string {
  let w = lowered.get(word);
  if (w === undefined) {
    w = word.toLowerCase();
    if (lowered.size >= 1000) lowered.clear();
    lowered.set(word, w);
  }
  return w;
}

/** When something `days` ahead happens, as a sentence ends: "today", "tomorrow", "in 12 days" (never "in 0 days" or "in 1 days"). */
export function inDays(days: number): string {
  return days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

/** The days left in an evidence line: "today", "1 day", "12 days". */
export function daysLeft(days: number): string {
  return days === 0 ? 'today' : days === 1 ? '1 day' : `${days} days`;
}
