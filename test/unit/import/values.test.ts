/**
 * Parsing cell text (src-main/sources/spreadsheet/values.ts): missing markers, amounts
 * and currencies, booleans, dates one by one and a column's day/month order.
 */
import { describe, expect, it } from 'vitest';
import {
  currencyOf,
  otherCurrency,
  detectDateOrder,
  isMissing,
  parseAmount,
  parseBoolean,
  parseDate,
} from '../../../src-main/sources/spreadsheet/values';

describe('isMissing', () => {
  it.each([null, undefined, '', '   ', '\u00a0', 'NULL', 'null', 'N/A', 'n/a', 'NA', 'na', '#N/A', '-', '—', 'None', 'NONE', ' null '])(
    '%j is missing',
    (v) => expect(isMissing(v)).toBe(true),
  );
  it.each(['0', 'Nancy', 'Nan', 'n', '--', 'x', 'No', 'false'])('%j is a value', (v) => expect(isMissing(v)).toBe(false));
});

describe('parseAmount', () => {
  it.each<[string, number]>([
    ['12', 12],
    ['-12', -12],
    ['+12', 12],
    ['1,234.56', 1234.56],
    ['1234.56', 1234.56],
    ['$1,234', 1234],
    ['$ 1,234,567.8', 1234567.8],
    ['€ 1.234,56', 1234.56],
    ['1.234.567,89', 1234567.89],
    ['1.234.567', 1234567],
    ['(1,234.00)', -1234],
    ['($12)', -12],
    ['-$12.50', -12.5],
    ['$-12.50', -12.5],
    ['1,234.56-', -1234.56],
    ['−7', -7],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u00a0567,25 €', 1234567.25],
    ["1'234.50", 1234.5],
    ['USD 12', 12],
    ['usd 12', 12],
    ['12 EUR', 12],
    ['12EUR', 12],
    ['CHF 1’250.00', 1250],
    ['R$ 10,50', 10.5],
    ['US$1,000', 1000],
    ['1.2e3', 1200],
    ['2.5E-2', 0.025],
    ['12,5', 12.5],
    ['12,25', 12.25],
    ['0,125', 0.125],
    ['1234,567', 1234.567],
    ['1.234', 1.234],
    ['.5', 0.5],
    ['12.', 12],
    ['12,34,567.00', 1234567],
    ['0', 0],
    ['2024.99', 2024.99],
  ])('%j -> %d', (text, n) => expect(parseAmount(text)).toBe(n));

  it.each([
    '',
    '  ',
    'abc',
    'NULL',
    'N/A',
    '-',
    '12%',
    '1,2,3',
    '1.23.4',
    '12,34.5,6',
    '$$12',
    '--12',
    '(-12)',
    '12 EURO',
    'TBD 12',
    '1 23',
    '12abc',
    '1e',
    '1,234.56.7',
    '$',
  ])('%j is not an amount', (text) => expect(parseAmount(text)).toBeNull());
});

describe('currencyOf', () => {
  it.each<[string, string | null]>([
    ['$12', 'USD'],
    ['€ 1.234,56', 'EUR'],
    ['£5', 'GBP'],
    ['¥500', 'JPY'],
    ['12 EUR', 'EUR'],
    ['usd 12', 'USD'],
    ['$12 CAD', 'CAD'],
    ['R$ 10,50', 'BRL'],
    ['US$1,000', 'USD'],
    ['100 RMB', 'CNY'],
    ['EUR', 'EUR'],
    ['12', null],
    ['TBD 12', null],
    ['12 EURO', null],
    ['', null],
  ])('%j -> %j', (text, code) => expect(currencyOf(text)).toBe(code));
});

describe('otherCurrency', () => {
  it.each([
    ['€1.234,56', 'USD', 'EUR'],
    ['¥5000', 'USD', 'JPY'],
    ['¥5000', 'CNY', null],
    ['$5', 'CAD', null],
    ['US$5', 'CAD', 'USD'],
    ['12 EUR', 'EUR', null],
    ['1,234.50', 'GBP', null],
    ['£12', 'GBP', null],
    ['CAD 12', 'USD', 'CAD'],
  ])('%j in a %s import -> %j', (raw, expected, other) => expect(otherCurrency(raw, expected)).toBe(other));
});

describe('parseBoolean', () => {
  it.each<[string, boolean | null]>([
    ['true', true],
    ['TRUE', true],
    [' Yes ', true],
    ['y', true],
    ['1', true],
    ['False', false],
    ['no', false],
    ['N', false],
    ['0', false],
    ['', null],
    ['maybe', null],
    ['2', null],
    ['t', null],
  ])('%j -> %j', (text, b) => expect(parseBoolean(text)).toBe(b));
});

describe('parseDate', () => {
  it.each<[string, Parameters<typeof parseDate>[1], string | null]>([
    ['2018-02-26', 'iso', '2018-02-26'],
    ['2018-2-6', 'iso', '2018-02-06'],
    ['2018-02-26T19:58:00Z', 'iso', '2018-02-26'],
    ['2018-02-26 19:58', 'iso', '2018-02-26'],
    ['2018/02/26', 'iso', '2018-02-26'],
    ['2018-02-26', 'dmy', '2018-02-26'],
    ['2018-02-30', 'iso', null],
    ['2018-13-01', 'iso', null],
    ['2018-02-26 24:00', 'iso', null],
    ['26/02/2018', 'iso', null],
    ['26-02-2018 19:58', 'dmy', '2018-02-26'],
    ['26.02.2018', 'dmy', '2018-02-26'],
    ['26/02/2018', 'mdy', null],
    ['02/26/2018', 'mdy', '2018-02-26'],
    ['2/6/18', 'mdy', '2018-02-06'],
    ['2/6/18', 'dmy', '2018-06-02'],
    ['1/2/2020 3:45 PM', 'mdy', '2020-01-02'],
    ['1/2/2020 13:45 PM', 'mdy', null],
    ['01/02/69', 'dmy', '2069-02-01'],
    ['01/02/70', 'dmy', '1970-02-01'],
    ['31/02/2019', 'dmy', null],
    ['31/04/2019', 'dmy', null],
    ['29/02/2019', 'dmy', null],
    ['29/02/2020', 'dmy', '2020-02-29'],
    ['29/02/1900', 'dmy', null],
    ['29/02/2000', 'dmy', '2000-02-29'],
    ['00/02/2020', 'dmy', null],
    ['26/02-2018', 'dmy', null],
    ['25569', 'serial', '1970-01-01'],
    ['43831', 'serial', '2020-01-01'],
    ['43831.75', 'serial', '2020-01-01'],
    ['1', 'serial', '1900-01-01'],
    ['59', 'serial', '1900-02-28'],
    ['60', 'serial', null],
    ['61', 'serial', '1900-03-01'],
    ['0', 'serial', null],
    ['80001', 'serial', null],
    ['43831', 'dmy', null],
    ['26/02/2018', 'serial', null],
    ['Feb 26 2018', 'dmy', null],
    ['', 'iso', null],
  ])('%j as %s -> %j', (text, order, iso) => expect(parseDate(text, order)).toBe(iso));
});

describe('detectDateOrder', () => {
  it('ISO dates', () => {
    expect(detectDateOrder(['2020-01-02', '2020-12-31T10:00:00', '', 'NULL'])).toEqual({
      order: 'iso',
      ambiguous: false,
      candidates: ['iso'],
      bad: [],
    });
  });

  it('a day over 12 in the first part means day-first; the Olist form with a time counts', () => {
    const r = detectDateOrder(['01-02-2018 10:00', '26-02-2018 19:58', '08-05-2018 20:17']);
    expect(r).toEqual({ order: 'dmy', ambiguous: false, candidates: ['dmy'], bad: [] });
  });

  it('a day over 12 in the second part means month-first', () => {
    expect(detectDateOrder(['01/02/2020', '12/31/2020', '3/4/21'])).toMatchObject({ order: 'mdy', ambiguous: false, bad: [] });
  });

  it('only 01/02/2020-style values: ambiguous, the user is asked', () => {
    expect(detectDateOrder(['01/02/2020', '03/04/2020', '12/12/2021', 'n/a'])).toEqual({
      order: null,
      ambiguous: true,
      candidates: ['mdy', 'dmy'],
      bad: [],
    });
  });

  it('both orders in one column: no order, the conflicting values are bad', () => {
    const r = detectDateOrder(['01/02/2020', '25/02/2020', '02/25/2020', '03/04/2020']);
    expect(r.order).toBeNull();
    expect(r.ambiguous).toBe(false);
    expect(r.bad).toEqual([
      { index: 1, value: '25/02/2020' },
      { index: 2, value: '02/25/2020' },
    ]);
  });

  it('an impossible date in a day-first column is bad, with its index', () => {
    const r = detectDateOrder(['15/01/2019', '', '31/02/2019', '28/02/2019']);
    expect(r.order).toBe('dmy');
    expect(r.bad).toEqual([{ index: 2, value: '31/02/2019' }]);
  });

  it('text that is no date is bad, ISO values read in a day-first column', () => {
    const r = detectDateOrder(['15/01/2019', 'soon', '2019-03-04', '43831']);
    expect(r.order).toBe('dmy');
    expect(r.bad).toEqual([
      { index: 1, value: 'soon' },
      { index: 3, value: '43831' },
    ]);
  });

  it('Excel serial numbers only when every value is one', () => {
    expect(detectDateOrder(['43831', '43831.5', '60', '25569'])).toEqual({
      order: 'serial',
      ambiguous: false,
      candidates: ['serial'],
      bad: [{ index: 2, value: '60' }],
    });
    expect(detectDateOrder(['43831', '2020-01-01']).order).toBe('iso');
  });

  it('nothing date-like, or nothing at all', () => {
    expect(detectDateOrder(['soon', 'later'])).toEqual({
      order: null,
      ambiguous: false,
      candidates: [],
      bad: [
        { index: 0, value: 'soon' },
        { index: 1, value: 'later' },
      ],
    });
    expect(detectDateOrder(['', 'NULL'])).toEqual({ order: null, ambiguous: false, candidates: [], bad: [] });
  });
});
