/** What the forecast panels and the Actions page say while the book's forecast or ranking is computed in the background. */
import { describe, expect, it } from 'vitest';
import { forecastingWords } from '../../../src-renderer/lib/forecast-words';
import { withShare } from '../../../src-renderer/lib/progress-words';

describe('forecastingWords', () => {
  it('says what it waits for, with the share done once the worker has said it', () => {
    expect(forecastingWords(null)).toBe('Forecasting the book’s next two quarters…');
    expect(forecastingWords({ done: 1, total: 18 })).toBe('Forecasting the book’s next two quarters… 5%');
    expect(forecastingWords({ done: 9, total: 18 })).toBe('Forecasting the book’s next two quarters… 50%');
    // Every step done: the rows are still being written, so never "100%" before they show.
    expect(forecastingWords({ done: 18, total: 18 })).toBe('Forecasting the book’s next two quarters… 99%');
  });

  it('the Actions page’s line the same way', () => {
    expect(withShare('Working out today’s actions…', null)).toBe('Working out today’s actions…');
    expect(withShare('Working out today’s actions…', { done: 5, total: 20 })).toBe('Working out today’s actions… 25%');
    expect(withShare('Working out today’s actions…', { done: 0, total: 0 })).toBe('Working out today’s actions…');
    // A job just started: no "0%", which reads as stuck.
    expect(withShare('Rolling up the team…', { done: 0, total: 100 })).toBe('Rolling up the team…');
    expect(withShare('Rolling up the team…', { done: 1, total: 100 })).toBe('Rolling up the team… 1%');
    expect(withShare('Rolling up the team…', { done: 100, total: 100 })).toBe('Rolling up the team… 99%');
  });
});
