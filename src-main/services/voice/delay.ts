/**
 * A slow process told without an opinion word (ARCHITECTURE §11): "approvals are taking three
 * weeks", "took five months and three reminders", "sat for most of October". A general model
 * reads these as neutral (no word in them is an opinion); to a channel team a wait counted in
 * days, weeks or reminders is a complaint. A span after "within", "in under", "less than",
 * "only" or "just" is not ("paid within three weeks", "only took two days").
 */

/** Verbs of waiting and taking. */
const WAIT = '(?:took|take|takes|taking|waited|wait|waits|waiting|sat|sits|sitting|chasing|chased|pending|stuck|queued)';
/** How many: digits, number words, "a few", "several", "a couple of". */
const COUNT = '(?:\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety|several|many|multiple|few|a few|a couple of|countless)';
/** What the wait is counted in. */
const UNIT = '(?:days|weeks|months|quarters|week|month|quarter|reminders|emails|calls|chasers|follow-ups|follow ups|attempts|tries)';
const MONTHS = '(?:january|february|march|april|may|june|july|august|september|october|november|december|the quarter|the year|the month)';

const WORDS = "(?:\\s+[\\p{L}\\p{N}'-]+){0,6}?";
const SPAN = new RegExp(`(?<![\\p{L}\\p{N}])${WAIT}${WORDS}\\s+(?:for\\s+)?(?:over\\s+|almost\\s+|nearly\\s+|more than\\s+|another\\s+)?(?:${COUNT}\\s+(?:more\\s+|whole\\s+|full\\s+)?${UNIT}|most of\\s+${MONTHS})(?![\\p{L}\\p{N}])`, 'u');
/** A span that is short, not long: "within two weeks", "in under a day", "only two days". */
const QUICK_SPAN = new RegExp(`(?<![\\p{L}\\p{N}])(?:within|under|less than|inside|only|just)\\s+${COUNT}(?![\\p{L}\\p{N}])`, 'u');
/** A wait said to be short before its verb: "only took", "just waited". */
const QUICK_LEAD = /(?<![\p{L}\p{N}])(?:only|just)(?![\p{L}\p{N}])/u;

/** The wait `text` (lower case) tells of, or null: "taking three weeks". */
export function slowProcess(text: string): string | null {
  const m = SPAN.exec(text);
  if (!m) return null;
  const lead = text.slice(0, m.index).split(/\s+/u).slice(-2).join(' ');
  return QUICK_SPAN.test(m[0]) || QUICK_LEAD.test(lead) ? null : m[0];
}
