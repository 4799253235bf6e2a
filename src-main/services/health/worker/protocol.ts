/** The messages between the API's thread and the health worker (worker.ts): plain data (structured clone). */
import type { FiscalCalendar } from '../../../../src-shared/domain/time';
import type { HealthProgress, HealthSettings } from '../../../../src-shared/methods/health';
import type { ProgressNote } from '../../../base/worker-client';
import type { Derived } from '../derive';
import type { BookFact } from '../measures';
import type { PackedByDate } from '../packed-inputs';

/**
 * What the views of one date derive in bulk (derive.ts): the churn model of `asOf` and
 * every partner's score on `scoreDates`, under the API thread's settings, calendar and
 * absent book facts (the landed result is used only while they are still its own).
 */
export interface DeriveRequest {
  asOf: string;
  scoreDates: string[];
  settings: HealthSettings;
  calendar: FiscalCalendar;
  absent: BookFact[];
}

/**
 * The raw inputs of every partner on each of `dates`, read in one read transaction; with
 * `derive`, also what the views derive from them (the other dates that needs are read from
 * `health_snapshot` when stored under the same fingerprint, else gathered too).
 */
export interface InputsRequest {
  kind: 'inputs';
  id: number;
  /** The replica file (opened read-only by the worker). */
  path: string;
  dates: string[];
  derive?: DeriveRequest;
}

export type HealthReply =
  /**
   * `fingerprint`: the replica's (cache.ts), read in the same transaction as the inputs;
   * `inputs`: the dates gathered (packed-inputs.ts), with `texts` their stored form.
   */
  | { id: number; ok: true; kind: 'inputs'; fingerprint: string; inputs: PackedByDate; texts: Record<string, string>; derived: Derived | null }
  | { id: number; ok: false; message: string };

/** Sent while a job runs, before its reply: how far it has got (percent of the job). */
export type HealthNote = ProgressNote<HealthProgress>;
