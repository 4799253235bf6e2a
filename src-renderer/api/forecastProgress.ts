/**
 * How far the book's forecast being computed in the background has got, from the
 * `forecast.progress` event (services/forecast/service.ts): seconds on a large book, so the
 * forecast panels say more than "loading". Null while nothing is heard (a small book, or a
 * forecast computed on the API's thread).
 */
import { useEffect, useState } from 'react';
import type { ForecastProgress } from '../../src-shared/methods/forecast';
import { subscribe } from './client';

export function useForecastProgress(waiting: boolean): ForecastProgress | null {
  const [progress, setProgress] = useState<ForecastProgress | null>(null);
  useEffect(() => {
    if (!waiting) return;
    const off = subscribe('forecast.progress', setProgress);
    return () => {
      off();
      // The next wait starts from nothing, not from where this one ended.
      setProgress(null);
    };
  }, [waiting]);
  return waiting ? progress : null;
}
