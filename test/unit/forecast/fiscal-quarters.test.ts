/**
 * The forecast groups revenue by quarter in SQL: the label it computes must be the quarter
 * src-shared/domain/time.ts gives the same day in the book's fiscal calendar (with a July
 * start, a deal closed on 15 Aug 2026 is won in 2027-Q1, not 2026-Q3).
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { quarterSql } from '../../../src-main/services/forecast/history';
import { addDays, quarterOf } from '../../../src-shared/domain/time';

describe('forecast quarters follow the fiscal calendar', () => {
  it('labels every day of three years as quarterOf does, for every start month', () => {
    const db = new Database(':memory:');
    const days: string[] = [];
    for (let d = '2025-01-01'; d <= '2027-12-31'; d = addDays(d, 1)) days.push(d);
    for (let start = 1; start <= 12; start++) {
      const cal = { fiscalYearStartMonth: start };
      const label = db.prepare(`SELECT ${quarterSql('@d', cal)} AS q`).pluck();
      const wrong = days.filter((d) => label.get({ d: `${d}T12:00:00Z` }) !== quarterOf(d, cal));
      expect(wrong, `start month ${start}`).toEqual([]);
    }
    expect(db.prepare(`SELECT ${quarterSql('@d', { fiscalYearStartMonth: 7 })}`).pluck().get({ d: '2026-08-15' })).toBe('2027-Q1');
    db.close();
  });
});
