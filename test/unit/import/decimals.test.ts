/**
 * The decimal mark of an amount column, read from all of its values: "€1.234" is 1234 in a
 * column that writes "€12,50", 1.234 in one that writes "2024.5", and refused (never
 * guessed) where the column does not show which, or shows both.
 */
import { describe, expect, it } from 'vitest';
import { detectDecimalMark, markFor, twoWaysProblem } from '../../../src-main/sources/spreadsheet/decimals';
import { parseAmount } from '../../../src-main/sources/spreadsheet/values';

/** Each value read as the column reads it: a number, or the refusal's sentence. */
function readColumn(values: string[]): (number | string)[] {
  const reading = detectDecimalMark(values);
  return values.map((v) => twoWaysProblem(v, reading)?.what ?? parseAmount(v, markFor(reading)) ?? 'not an amount');
}

describe('the decimal mark of an amount column', () => {
  it.each<[string[], ',' | '.' | null]>([
    [['€1.234', '€12,50'], ','],
    [['1.234.567', '5'], ','],
    [['1 234,5'], ','],
    [['€1.234', '2024.5'], '.'],
    [['1,234,567'], '.'],
    [['2024.994', '40.3725'], '.'],
    [['$1,234', '$5,000', '12'], null],
    [['abc', '1.5'], '.'],
  ])('%j: %s', (values, mark) => expect(detectDecimalMark(values).mark).toBe(mark));

  it("a '.' before three digits takes the column's mark: thousands beside '12,50', decimals beside '2024.5'", () => {
    expect(readColumn(['€1.234', '€12,50'])).toEqual([1234, 12.5]);
    expect(readColumn(['€1.234', '2024.5'])).toEqual([1.234, 2024.5]);
    expect(readColumn(['1,234', '12,5'])).toEqual([1.234, 12.5]);
  });

  it("US whole amounts ('$1,234') still read as thousands when nothing else shows the mark", () => {
    expect(readColumn(['$1,234', '$5,000'])).toEqual([1234, 5000]);
  });

  it("'€5.000' in a column that does not show its mark is refused, naming both readings and what to do", () => {
    expect(readColumn(['€5.000', '€12.500', '€7'])).toEqual([
      "'€5.000' could be 5000 or 5: no other amount in this column shows whether '.' groups thousands or marks decimals. Write it without the '.' (5000) if it is a whole amount, or with its cents.",
      "'€12.500' could be 12500 or 12.5: no other amount in this column shows whether '.' groups thousands or marks decimals. Write it without the '.' (12500) if it is a whole amount, or with its cents.",
      7,
    ]);
  });

  it('a column written both ways refuses only the amounts that read two ways, and says which two writings it saw', () => {
    const read = readColumn(['1.234,56', '1,234.56', '1,234', '12,5']);
    expect(read.slice(0, 2)).toEqual([1234.56, 1234.56]);
    expect(read[2]).toBe(
      "'1,234' could be 1234 or 1.234: this column writes amounts both ways ('1.234,56' and '1,234.56'), so it does not show whether ',' groups thousands or marks decimals. Write it without the ',' (1234) if it is a whole amount, or with its cents.",
    );
    expect(read[3]).toBe(12.5);
  });
});
