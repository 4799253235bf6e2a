import { describe, expect, it } from 'vitest';
import { against } from '../../../src-main/services/forecast/compute';

describe('the backtest line compares errors in words a CAM reads at once', () => {
  it('says how much better or worse the model is', () => {
    expect(against(82, 100, 'last quarter repeated')).toBe('18% better than last quarter repeated');
    expect(against(100, 100, 'the 4-quarter average')).toBe('about as good as the 4-quarter average');
    expect(against(100.4, 100, 'the 4-quarter average')).toBe('about as good as the 4-quarter average');
    expect(against(140, 100, 'the 4-quarter average')).toBe('40% worse than the 4-quarter average');
  });

  it('past twice the baseline error, says how many times, never "150% worse"', () => {
    expect(against(250, 100, 'last quarter repeated')).toBe('2.5 times the error of last quarter repeated');
    expect(against(200, 100, 'last quarter repeated')).toBe('2.0 times the error of last quarter repeated');
  });

  it('a baseline with no error leaves nothing to beat', () => {
    expect(against(10, 0, 'last quarter repeated')).toBe('no better than last quarter repeated');
  });
});
