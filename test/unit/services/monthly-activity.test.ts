import { describe, expect, it } from 'vitest';
import { monthlyActivity } from '../../../src-main/services/partners';

describe('activity by month', () => {
  it('has every month of the last year and the current one, quiet months as 0, the month under way marked partial', () => {
    const months = monthlyActivity(
      [
        { month: '2026-01', count: 4 },
        { month: '2026-11', count: 2 },
      ],
      '2026-11-20',
    );
    expect(months.map((m) => m.month)).toEqual([
      '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05',
      '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    expect(months.find((m) => m.month === '2026-01')!.count).toBe(4);
    expect(months.filter((m) => m.count === 0)).toHaveLength(11);
    expect(months.filter((m) => m.partial).map((m) => m.month)).toEqual(['2026-11']);
  });

  it('a month whose last day is today is complete; January looks back into the previous year', () => {
    expect(monthlyActivity([], '2026-11-30').some((m) => m.partial)).toBe(false);
    const jan = monthlyActivity([], '2027-01-05');
    expect(jan[0]!.month).toBe('2026-01');
    expect(jan.at(-1)).toEqual({ month: '2027-01', count: 0, partial: true });
  });
});
