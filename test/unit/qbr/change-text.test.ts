/**
 * A scorecard row's change is the change of the figures the slide shows beside it: "2 days |
 * 9 days | ▼ 7 days", never "▼ 8 days" from unrounded 1.6 and 9.4. A partner checks the
 * arithmetic in the meeting.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { change, valueText } from '../../../src-main/services/qbr/format';
import type { QbrMetric } from '../../../src-shared/methods/qbr';

const number = (text: string) => Number(text.replace(/[^\d.]/g, ''));

describe('scorecard change text', () => {
  it('days, counts, percentages, scores and ratios: the change is the difference of the shown figures', () => {
    const units: { unit: QbrMetric['unit']; max: number }[] = [
      { unit: 'days', max: 400 },
      { unit: 'count', max: 5000 },
      { unit: 'percent', max: 1 },
      { unit: 'score', max: 10 },
      { unit: 'ratio', max: 50 },
    ];
    for (const { unit, max } of units) {
      fc.assert(
        fc.property(fc.double({ min: 0, max, noNaN: true }), fc.double({ min: 0, max, noNaN: true }), (current, previous) => {
          const { text } = change(current, previous, unit, 'USD', true);
          const diff = number(valueText(current, unit, 'USD')) - number(valueText(previous, unit, 'USD'));
          if (Math.abs(diff) < 1e-9) {
            expect(text).toBe('flat');
          } else {
            expect(text.startsWith(diff > 0 ? '▲' : '▼'), `${unit} ${current} vs ${previous}: ${text}`).toBe(true);
            expect(number(text), `${unit} ${current} vs ${previous}: ${text}`).toBeCloseTo(Math.abs(diff), 6);
          }
        }),
        { numRuns: 400 },
      );
    }
  });

  it('the case a tester saw: 1.6 days against 9.4 days is ▼ 7 days', () => {
    expect(valueText(1.6, 'days', 'USD')).toBe('2 days');
    expect(valueText(9.4, 'days', 'USD')).toBe('9 days');
    expect(change(1.6, 9.4, 'days', 'USD', false)).toEqual({ text: '▼ 7 days', tone: 'good' });
  });
});
