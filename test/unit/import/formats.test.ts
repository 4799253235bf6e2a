/** The currency an Excel number format shows, kept in the cell's text so an import can tell euros from dollars. */
import { describe, expect, it } from 'vitest';
import { formatCurrency, withCurrency } from '../../../src-main/sources/spreadsheet/formats';

describe('formatCurrency', () => {
  it.each<[string, string | null]>([
    ['"€"#,##0.00', '€'],
    ['[$€-407] #,##0.00', '€'],
    ['#,##0.00 [$€-1]', '€'],
    ['[$¥-411]#,##0', '¥'],
    ['£#,##0.00', '£'],
    ['"$"#,##0.00', '$'],
    ['_($* #,##0.00_)', '$'],
    ['[$USD] #,##0.00', 'USD'],
    ['#,##0.00\\ [$CHF]', 'CHF'],
    ['_-* #,##0.00 "€"_-;-* #,##0.00 "€"_-;_-* "-"?? "€"_-;_-@_-', '€'],
    ['#,##0.00', null],
    ['0.00%', null],
    ['General', null],
    ['[$-409]#,##0.00', null],
  ])('%j shows %s', (fmt, shown) => expect(formatCurrency(fmt)).toBe(shown));

  it('a symbol goes before the number, a code after it', () => {
    expect(withCurrency('1234.5', '€')).toBe('€1234.5');
    expect(withCurrency('-12', 'usd')).toBe('-12 USD');
  });
});
