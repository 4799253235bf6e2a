/**
 * The messages between the API's thread and the forecast worker (worker.ts): plain data
 * (structured clone).
 */
import type { MoneyDisplay } from '../../../../src-shared/money-display';
import type { ForecastComputed } from '../compute';

/** The whole book's forecast as of `asOf`, computed in one read transaction. */
export interface BookRequest {
  kind: 'book';
  id: number;
  /** The replica file (opened read-only by the worker). */
  path: string;
  asOf: string;
  /** The process's money display: the drivers' sentences are written with it. */
  display: MoneyDisplay;
}

export type ForecastReply = { id: number; ok: true; kind: 'book'; computed: ForecastComputed } | { id: number; ok: false; message: string };
