/**
 * The messages between the API's thread and a book worker (worker.ts): plain data
 * (structured clone).
 */
import type { ProgressNote } from '../../base/worker-client';
import type { MoneyDisplay } from '../../../src-shared/money-display';
import type { RopiBook } from '../../../src-shared/methods/ropi';
import type { PlanListRow } from '../../../src-shared/methods/plans';
import type { ForecastProgress } from '../../../src-shared/methods/forecast';
import type { ForecastComputed } from '../forecast/compute';

/**
 * A whole-book computation as of `asOf`, read in one read transaction: the forecast
 * (forecast/compute.ts), ROPI (ropi/ropi.ts) or every plan with its actuals (plans/read.ts).
 */
export interface BookRequest {
  kind: 'forecast' | 'ropi' | 'plans';
  id: number;
  /** The replica file (opened read-only by the worker). */
  path: string;
  asOf: string;
  /** The process's money display: the sentences are written with it. */
  display: MoneyDisplay;
}

/** Sent while a forecast is computed, before its reply: how far it has got. */
export type BookNote = ProgressNote<ForecastProgress>;

export type BookReply =
  | { id: number; ok: true; kind: 'forecast'; computed: ForecastComputed }
  | { id: number; ok: true; kind: 'ropi'; book: RopiBook }
  | { id: number; ok: true; kind: 'plans'; rows: PlanListRow[] }
  | { id: number; ok: false; message: string };
