/**
 * Which mark separates the decimals of a column's amounts, read from ALL of its values
 * (as a date column's day/month order is): "1.234,56", "12,5" or "1.234.567" say ',';
 * "1,234.56", "12.5" or "1,234,567" say '.'. An amount like "1.234" or "1,234" reads two
 * ways (thousands or decimals) and takes the column's mark; when the column shows none
 * "1,234" is 1234 (the common US writing) but "1.234" is refused rather than guessed
 * (1.234 or 1234), and so is either one in a column written both ways. Pure functions.
 */
import { amountParts, parseAmount, type DecimalMark } from './values';

export interface DecimalReading {
  /** The mark the column's amounts use; null when none of them shows one. */
  mark: DecimalMark | null;
  /** An amount written with each mark, when the column uses both: ['1.234,56', '1,234.56']. */
  both: readonly [string, string] | null;
}

/** What one amount's number says about the decimal mark; 'two ways' for "1.234"/"1,234", null for none ("1234"). */
function markOf(core: string): DecimalMark | 'two ways' | null {
  if (/e/i.test(core)) return null;
  if (/[ '’]/.test(core)) {
    const m = /[.,]/.exec(core);
    return m ? (m[0] as DecimalMark) : null;
  }
  const dot = core.lastIndexOf('.');
  const comma = core.lastIndexOf(',');
  if (dot >= 0 && comma >= 0) return dot > comma ? '.' : ',';
  if (dot < 0 && comma < 0) return null;
  const sep: DecimalMark = dot >= 0 ? '.' : ',';
  const pieces = core.split(sep);
  if (pieces.length > 2) return sep === '.' ? ',' : '.';
  return pieces[1]!.length === 3 && /^[1-9]\d{0,2}$/.test(pieces[0]!) ? 'two ways' : sep;
}

/** Whether the text is an amount that reads two ways ("1.234", "€1,234"). */
export function readsTwoWays(raw: string): boolean {
  return twoWaysSeparator(raw) !== null;
}

/** The separator of an amount that reads two ways ("€1.234" -> '.'), else null. */
function twoWaysSeparator(raw: string): DecimalMark | null {
  const parts = amountParts(raw);
  if (!parts || markOf(parts.core) !== 'two ways') return null;
  return parts.core.includes('.') ? '.' : ',';
}

/** The column's decimal mark from every amount in it (text that is not an amount says nothing). */
export function detectDecimalMark(values: readonly string[]): DecimalReading {
  const first: Partial<Record<DecimalMark, string>> = {};
  for (const v of values) {
    const parts = amountParts(v);
    if (!parts || parseAmount(v) === null) continue;
    const mark = markOf(parts.core);
    if (mark === '.' || mark === ',') first[mark] ??= v.trim();
    if (first['.'] !== undefined && first[','] !== undefined) break;
  }
  if (first['.'] !== undefined && first[','] !== undefined) return { mark: null, both: [first[',']!, first['.']!] };
  return { mark: first['.'] !== undefined ? '.' : first[','] !== undefined ? ',' : null, both: null };
}

/** The mark an amount of the column is read with. */
export function markFor(reading: DecimalReading | undefined): DecimalMark {
  return reading?.mark ?? '.';
}

/**
 * Why an amount cannot be read in this column, when it reads two ways and the column does
 * not say which ("'€1.234' could be 1234 or 1.234: …"); null when it can. `what` has the
 * value, `problem` does not (rows with the same problem are counted together).
 */
export function twoWaysProblem(raw: string, reading: DecimalReading | undefined): { what: string; problem: string } | null {
  if (!reading || reading.mark !== null) return null;
  const sep = twoWaysSeparator(raw);
  if (sep === null || (sep === ',' && reading.both === null)) return null;
  const whole = parseAmount(raw, sep === '.' ? ',' : '.');
  const why = reading.both
    ? `this column writes amounts both ways ('${reading.both[0]}' and '${reading.both[1]}'), so it does not show whether '${sep}' groups thousands or marks decimals.`
    : `no other amount in this column shows whether '${sep}' groups thousands or marks decimals.`;
  const todo = (example: string) => ` Write it without the '${sep}'${example} if it is a whole amount, or with its cents.`;
  return { what: `'${raw}' could be ${whole} or ${parseAmount(raw, sep)}: ${why}${todo(` (${whole})`)}`, problem: `could be read two ways: ${why}${todo('')}` };
}
