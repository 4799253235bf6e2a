/** The messages between the API's thread and the health worker (worker.ts): plain data (structured clone). */
import type { InputsByDate } from '../inputs';

/** The raw inputs of every partner on each of `dates`, read in one read transaction. */
export interface InputsRequest {
  kind: 'inputs';
  id: number;
  /** The replica file (opened read-only by the worker). */
  path: string;
  dates: string[];
}

export type HealthReply =
  /** `fingerprint`: the replica's (cache.ts), read in the same transaction as the inputs. */
  | { id: number; ok: true; kind: 'inputs'; fingerprint: string; inputs: InputsByDate }
  | { id: number; ok: false; message: string };
