import fc from 'fast-check';
import { MAX_MONEY_MINOR } from '../../../src-shared/domain/money';
import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatMoney,
  formatMoneyShort,
  formatMoneyTotal,
  formatPercent,
  formatPercentChange,
  moneySymbol,
  plural,
  possessive,
} from '../../../src-shared/format';

const intlMoney = (major: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(major);

describe('formatCount', () => {
  it('groups thousands and keeps small numbers as they are', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-1234)).toBe('-1,234');
  });

  it('writes zero without a sign and fractions with up to three digits', () => {
    expect(formatCount(-0)).toBe('0');
    expect(formatCount(1234.56789)).toBe('1,234.568');
    expect(formatCount(0.5)).toBe('0.5');
  });

  it('gives the text Intl en-US gives, for any integer', () => {
    const intl = new Intl.NumberFormat('en-US');
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.boolean(), (n, neg) => {
        const v = neg ? -n : n;
        expect(formatCount(v)).toBe(intl.format(v === 0 ? 0 : v));
      }),
    );
    // Every group width the amounts of a book fall in (up to billions), and each boundary.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2e9 }), (n) => {
        expect(formatCount(n)).toBe(intl.format(n));
      }),
      { numRuns: 2000 },
    );
    for (const n of [999, 1000, 1001, 99_999, 100_000, 999_999, 1_000_000, 1_000_001, 999_999_999, 1_000_000_000]) expect(formatCount(n)).toBe(intl.format(n));
  });
});

describe('formatDate', () => {
  const intl = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

  it('writes a stored day, or an instant\'s UTC day, as the app does; null as a dash; anything else as it is', () => {
    expect(formatDate('2026-09-29')).toBe('Sep 29, 2026');
    expect(formatDate('2027-01-03T23:59:59Z')).toBe('Jan 3, 2027');
    expect(formatDate(null)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate('2026-13-01')).toBe('2026-13-01');
  });

  it('gives the text Intl en-US gives in UTC, for any day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(formatDate(iso.slice(0, 10))).toBe(intl.format(d));
        expect(formatDate(iso)).toBe(intl.format(d));
      }),
    );
  });
});

describe('possessive', () => {
  it("adds 's, or only the apostrophe after a final s", () => {
    expect(possessive('Acme')).toBe("Acme's");
    expect(possessive('Northwind Services')).toBe("Northwind Services'");
    expect(possessive('ACME SYSTEMS')).toBe("ACME SYSTEMS'");
    expect(possessive('Lucas Costa', '’')).toBe('Lucas Costa’s');
  });
});

describe('plural', () => {
  it('uses the singular for exactly one and the plural for 0, 2 and more', () => {
    expect(plural(0, 'partner')).toBe('0 partners');
    expect(plural(1, 'partner')).toBe('1 partner');
    expect(plural(2, 'partner')).toBe('2 partners');
    expect(plural(1204, 'event')).toBe('1,204 events');
    expect(plural(-1, 'day')).toBe('-1 days');
  });

  it('takes an irregular plural', () => {
    expect(plural(1, 'certified person', 'certified people')).toBe('1 certified person');
    expect(plural(3, 'certified person', 'certified people')).toBe('3 certified people');
    expect(plural(2, 'field needs', 'fields need')).toBe('2 fields need');
  });
});

describe('formatPercent', () => {
  it('writes a share as a whole percentage', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.423)).toBe('42%');
    expect(formatPercent(0.425)).toBe('43%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(1.5)).toBe('150%');
    expect(formatPercent(12.5)).toBe('1,250%');
  });

  it('never writes a minus zero', () => {
    expect(formatPercent(-0.004)).toBe('0%');
    expect(formatPercent(-0.25)).toBe('-25%');
  });
});

describe('formatPercentChange', () => {
  it('signs rises with + and falls with a true minus sign', () => {
    expect(formatPercentChange(0.12)).toBe('+12%');
    expect(formatPercentChange(-0.12)).toBe('−12%');
    expect(formatPercentChange(1)).toBe('+100%');
    expect(formatPercentChange(-1)).toBe('−100%');
    expect(formatPercentChange(15)).toBe('+1,500%');
  });

  it('rounds a rise and a fall of the same size alike, and zero as ±0%', () => {
    expect(formatPercentChange(0.125)).toBe('+13%');
    expect(formatPercentChange(-0.125)).toBe('−13%');
    expect(formatPercentChange(0)).toBe('±0%');
    expect(formatPercentChange(0.004)).toBe('±0%');
    expect(formatPercentChange(-0.004)).toBe('±0%');
  });
});

describe('formatMoney', () => {
  it('writes whole major units with separators', () => {
    expect(formatMoney(123456700, 'USD')).toBe('$1,234,567');
    expect(formatMoney(0)).toBe('$0');
    expect(formatMoney(99, 'USD')).toBe('$1');
    expect(formatMoney(120000, 'EUR')).toBe('€1,200');
    expect(formatMoney(5000, 'GBP')).toBe('£50');
    expect(formatMoney(1234567, 'JPY')).toBe('¥1,234,567');
    expect(formatMoney(123400, 'CAD')).toBe('CA$1,234');
  });

  it('writes negative amounts with a leading minus, and never -$0', () => {
    expect(formatMoney(-123456700, 'USD')).toBe('-$1,234,567');
    expect(formatMoney(-120000, 'EUR')).toBe('-€1,200');
    expect(formatMoney(-40, 'USD')).toBe('$0');
    expect(formatMoney(-40, 'CHF')).toBe(intlMoney(0, 'CHF'));
  });

  it('handles large amounts', () => {
    expect(formatMoney(9_007_199_254_740_900, 'USD')).toBe('$90,071,992,547,409');
    expect(formatMoney(1e20, 'USD')).toBe(intlMoney(1e18, 'USD'));
  });

  it('rounds half cents away from zero, as Intl does', () => {
    expect(formatMoney(150, 'USD')).toBe('$2');
    expect(formatMoney(-150, 'USD')).toBe('-$2');
    expect(formatMoney(149, 'USD')).toBe('$1');
    expect(formatMoney(-250, 'USD')).toBe('-$3');
  });

  it('gives the text Intl gives for every amount that does not round to zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), fc.constantFrom('USD', 'EUR', 'GBP', 'JPY', 'CHF'), (minor, cur) => {
        const major = cur === 'JPY' ? minor : minor / 100;
        fc.pre(Math.round(Math.abs(major)) !== 0);
        expect(formatMoney(minor, cur)).toBe(intlMoney(major, cur));
      }),
    );
  });
});

describe('formatMoneyShort', () => {
  it('picks units, digits and symbols', () => {
    expect(formatMoneyShort(0)).toBe('$0');
    expect(formatMoneyShort(95000)).toBe('$950');
    expect(formatMoneyShort(4_200_000)).toBe('$42k');
    expect(formatMoneyShort(120_000_000)).toBe('$1.2M');
    expect(formatMoneyShort(1_200_000_000)).toBe('$12M');
    expect(formatMoneyShort(340_000_000, 'EUR')).toBe('€3.4M');
    expect(formatMoneyShort(4_200_000, 'GBP')).toBe('£42k');
    expect(formatMoneyShort(42_000, 'JPY')).toBe('¥42k');
    expect(formatMoneyShort(4_200_000, 'CHF')).toBe('CHF 42k');
  });

  it('writes negative amounts with a leading minus, and never -$0', () => {
    expect(formatMoneyShort(-4_200_000)).toBe('-$42k');
    expect(formatMoneyShort(-340_000_000, 'EUR')).toBe('-€3.4M');
    expect(formatMoneyShort(-40)).toBe('$0');
  });

  it('chooses the unit after rounding, so no amount reads 1000k or 10.0M', () => {
    expect(formatMoneyShort(99_949)).toBe('$999');
    expect(formatMoneyShort(99_950)).toBe('$1k');
    expect(formatMoneyShort(99_949_999)).toBe('$999k');
    expect(formatMoneyShort(99_960_000)).toBe('$1.0M');
    expect(formatMoneyShort(100_000_000)).toBe('$1.0M');
    expect(formatMoneyShort(994_000_000)).toBe('$9.9M');
    expect(formatMoneyShort(997_000_000)).toBe('$10M');
    expect(formatMoneyShort(1_000_000_000)).toBe('$10M');
    expect(formatMoneyShort(-99_960_000)).toBe('-$1.0M');
  });

  it('writes billions as B, up to the money bound', () => {
    expect(formatMoneyShort(2_345_600_000_000)).toBe('$23B');
    expect(formatMoneyShort(MAX_MONEY_MINOR)).toBe('$10B');
    expect(formatMoneyShort(-MAX_MONEY_MINOR)).toBe('-$10B');
    expect(formatMoneyShort(99_949_000_000)).toBe('$999M');
    expect(formatMoneyShort(99_960_000_000)).toBe('$1.0B');
    expect(formatMoneyShort(340_000_000_000, 'EUR')).toBe('€3.4B');
  });
});

describe('moneySymbol', () => {
  it('gives the symbol of the common currencies and the code otherwise', () => {
    expect(['USD', 'EUR', 'GBP', 'JPY', 'CHF'].map(moneySymbol)).toEqual(['$', '€', '£', '¥', 'CHF ']);
  });
});

describe('formatMoneyTotal', () => {
  it('uses billions from a thousand millions on, as the short form below', () => {
    expect(formatMoneyTotal(4_200_000)).toBe('$42k');
    expect(formatMoneyTotal(99_949_000_000)).toBe('$999M');
    expect(formatMoneyTotal(99_960_000_000)).toBe('$1.0B');
    expect(formatMoneyTotal(200_000_000_000)).toBe('$2.0B');
    expect(formatMoneyTotal(-250_000_000_000, 'EUR')).toBe('-€2.5B');
    expect(formatMoneyTotal(250_000_000_000, 'CHF')).toBe('CHF 2.5B');
  });
});
