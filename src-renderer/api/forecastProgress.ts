/**
 * How far the book's forecast being computed in the background has got, from the
 * `forecast.progress` event (services/forecast/service.ts): seconds on a large book, so the
 * forecast panels say more than "loading". Null while nothing is heard (a small book, or a
 * forecast computed on the API's thread).
 */
import type { ForecastProgress } from '../../src-shared/methods/forecast';
import { useLatestEvent } from './hooks';

export function useForecastProgress(waiting: boolean): ForecastProgress | null {
  return useLatestEvent('forecast.progress', waiting);
}
