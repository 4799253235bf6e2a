/** The forecast's labels and their words, without the schemas (forecast.ts re-exports them). Kept free of zod so the renderer's start-up bundle does not carry the schema library (issue 17). */
export const FORECAST_LABELS = ['taking_off', 'steady', 'stalling', 'too_new'] as const;
export type ForecastLabel = (typeof FORECAST_LABELS)[number];
export const FORECAST_LABEL_TEXT: Record<ForecastLabel, string> = {
  taking_off: 'Taking off',
  steady: 'Steady',
  stalling: 'Stalling',
  too_new: 'Too new to call',
};
