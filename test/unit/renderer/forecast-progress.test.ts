/** What the forecast panels say while the book's forecast is computed in the background. */
import { describe, expect, it } from 'vitest';
import { forecastingWords } from '../../../src-renderer/lib/forecast-words';

describe('forecastingWords', () => {
  it('says what it waits for, with the share done once the worker has said it', () => {
    expect(forecastingWords(null)).toBe('Forecasting the book’s next two quarters…');
    expect(forecastingWords({ done: 1, total: 18 })).toBe('Forecasting the book’s next two quarters… 5%');
    expect(forecastingWords({ done: 9, total: 18 })).toBe('Forecasting the book’s next two quarters… 50%');
    // Every step done: the rows are still being written, so never "100%" before they show.
    expect(forecastingWords({ done: 18, total: 18 })).toBe('Forecasting the book’s next two quarters… 99%');
  });
});
