/** What the forecast panels say while the book's forecast is computed in the background (api/forecastProgress.ts). */
import type { ForecastProgress } from '../../src-shared/methods/forecast';
import { withShare } from './progress-words';

/** "Forecasting the book’s next two quarters… 40%" (the share only once something is heard). */
export function forecastingWords(p: ForecastProgress | null): string {
  return withShare('Forecasting the book’s next two quarters…', p);
}
