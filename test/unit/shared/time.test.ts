import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  monthStart,
  parseDate,
  parseQuarter,
  quarterEnd,
  quarterOf,
  quarterStart,
  quartersEnding,
  shiftQuarter,
  toIsoDate,
  toIsoInstant,
} from '../../../src-shared/domain/time';

describe('parsing and formatting ISO dates', () => {
  it('reads dates as UTC midnight and instants as given', () => {
    expect(parseDate('2026-03-04').toISOString()).toBe('2026-03-04T00:00:00.000Z');
    expect(parseDate('2026-03-04T23:30:00Z').toISOString()).toBe('2026-03-04T23:30:00.000Z');
    expect(toIsoDate(parseDate('2026-03-04T23:30:00Z'))).toBe('2026-03-04');
    expect(toIsoInstant(parseDate('2026-03-04T23:30:00.123Z'))).toBe('2026-03-04T23:30:00Z');
  });

  it('refuses what is not a date', () => {
    expect(() => parseDate('not a date')).toThrow(RangeError);
    expect(() => parseDate('2026-13-01')).toThrow(RangeError);
    expect(() => addDays('2026-02-32', 1)).toThrow(RangeError);
    expect(() => daysBetween('2026-01-01', 'soon')).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it('cross month and year ends', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-11-20', 0)).toBe('2026-11-20');
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  });

  it('count the leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2024-02-29', 365)).toBe('2025-02-28');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });

  it('take instants, counting whole calendar days', () => {
    expect(addDays('2026-03-04T23:30:00Z', 1)).toBe('2026-03-05');
    expect(daysBetween('2026-03-04T00:00:00Z', '2026-03-06T00:00:00Z')).toBe(2);
  });

  it('undo each other, for any date and shift (also when answered from memory)', () => {
    const day = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 });
    fc.assert(
      fc.property(day, fc.integer({ min: -4000, max: 4000 }), (n, shift) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        for (let twice = 0; twice < 2; twice++) {
          const later = addDays(iso, shift);
          expect(daysBetween(iso, later)).toBe(shift);
          expect(addDays(later, -shift)).toBe(iso);
        }
      }),
    );
  });
});

describe('monthStart', () => {
  it('gives the first of the month, moved across year ends and from the 31st', () => {
    expect(monthStart('2026-05-17')).toBe('2026-05-01');
    expect(monthStart('2026-01-31', 1)).toBe('2026-02-01');
    expect(monthStart('2026-12-15', 1)).toBe('2027-01-01');
    expect(monthStart('2026-01-15', -1)).toBe('2025-12-01');
    expect(monthStart('2024-02-29', 12)).toBe('2025-02-01');
  });
});

describe('quarters', () => {
  it('place dates on the quarter boundaries', () => {
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-09-30')).toBe('2026-Q3');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterOf('2026-12-31T23:59:59Z')).toBe('2026-Q4');
  });

  it('start and end each quarter, leap years included', () => {
    expect(quarterStart('2026-Q1')).toBe('2026-01-01');
    expect(quarterEnd('2026-Q1')).toBe('2026-03-31');
    expect(quarterStart('2026-Q2')).toBe('2026-04-01');
    expect(quarterEnd('2026-Q2')).toBe('2026-06-30');
    expect(quarterEnd('2026-Q3')).toBe('2026-09-30');
    expect(quarterEnd('2026-Q4')).toBe('2026-12-31');
    expect(daysBetween(quarterStart('2024-Q1'), quarterEnd('2024-Q1'))).toBe(90);
    expect(daysBetween(quarterStart('2025-Q1'), quarterEnd('2025-Q1'))).toBe(89);
  });

  it('shift across year ends and list quarters oldest first', () => {
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q2', -9)).toBe('2024-Q1');
    expect(quartersEnding('2026-Q2', 4)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(() => parseQuarter('2026-Q5')).toThrow(RangeError);
  });

  it('follow each other without gaps: the day after a quarter ends starts the next', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2198 }), fc.integer({ min: 1, max: 4 }), (year, n) => {
        const q = `${year}-Q${n}`;
        expect(addDays(quarterEnd(q), 1)).toBe(quarterStart(shiftQuarter(q, 1)));
        expect(quarterOf(quarterEnd(q))).toBe(q);
        expect(quarterOf(quarterStart(q))).toBe(q);
      }),
    );
  });
});
