/** What the forecast panels say while the book's forecast is computed in the background (api/forecastProgress.ts). */
import type { ForecastProgress } from '../../src-shared/methods/forecast';

/** "Forecasting the book’s next two quarters… 40%" (the share only once something is heard). */
export function forecastingWords(p: ForecastProgress | null): string {
  const base = 'Forecasting the book’s next two quarters…';
  return p && p.total > 0 ? `${base} ${Math.min(99, Math.floor((100 * p.done) / p.total))}%` : base;
}
