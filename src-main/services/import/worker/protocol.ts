/**
 * The messages between the API's thread and the import worker (worker.ts). Plain data
 * (structured clone): the worker reads the files and writes the replica itself, so no rows
 * cross between threads; only the report does.
 */
import type { ProgressNote } from '../../../base/worker-client';
import type { ApiError, ApiIssue } from '../../../../src-shared/api';
import type { ImportMapping } from '../../../../src-shared/domain/import-mapping';
import type { ImportProgress } from '../../../../src-shared/methods/import';
import type { ImportResult, Inspected } from '../service';

export type ImportRequest = RunRequest | InspectRequest;

/** Reads the files, builds the book and compares it (a preview, `dryRun`) or imports it. */
export interface RunRequest {
  kind: 'run';
  id: number;
  /** The replica file (the worker opens its own read-write connection). */
  path: string;
  /** The staged files, read by the worker. */
  files: string[];
  mapping: ImportMapping;
  options: { dryRun?: boolean; skipBadRows?: boolean; confirmRemovals?: boolean };
  /** The import's time, kept with what was imported. */
  now: string;
}

/** Reads the files and proposes a mapping for them (the wizard's mapping step). */
export interface InspectRequest {
  kind: 'inspect';
  id: number;
  files: string[];
  /** The name the proposed mapping gets. */
  name: string;
}

/** Sent while the request `id` runs: where it is. */
export type ImportNote = ProgressNote<ImportProgress>;

export type ImportReply =
  | { id: number; ok: true; result: ImportResult }
  | { id: number; ok: true; inspected: Inspected }
  /** The import was refused in the user's words (a ServiceError in the worker): passed on as it is. */
  | { id: number; ok: true; refusal: { code: ApiError['code']; message: string; issues?: ApiIssue[] } }
  | { id: number; ok: false; message: string };

