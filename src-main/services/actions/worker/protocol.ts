/**
 * The messages between the API's thread and the actions worker (worker.ts). Everything
 * here is plain data (structured clone; a ranking packed, packed.ts): the evidence builders stay in the worker, which
 * builds the evidence of the keys it is asked for.
 */
import type { ProgressNote } from '../../../base/worker-client';
import type { ActionEvidence } from '../types';
import type { ActionSettings, ActionsProgress } from '../../../../src-shared/methods/actions';
import type { MoneyDisplay } from '../../../../src-shared/money-display';
import type { PackedItems } from './packed';

/** Ranks the whole book as of `asOf` in one read transaction; the reply's `job` names the result the worker keeps. */
export interface RankRequest {
  kind: 'rank';
  id: number;
  /** The replica file (opened read-only by the worker). */
  path: string;
  asOf: string;
  settings: ActionSettings;
  /** The process's money display: action titles and evidence are written with it. */
  display: MoneyDisplay;
  /** The ranking code's key (kept.ts `rankingCodeKey`), part of the key the result is kept on disk under. */
  code: string;
}

/** The evidence of `keys` of the kept result `job`. */
export interface EvidenceRequest {
  kind: 'evidence';
  id: number;
  job: number;
  keys: string[];
  display: MoneyDisplay;
}

/**
 * Keeps the result `job` on disk (kept.ts) in `file`, with every item's evidence, under the
 * key read in the transaction it was ranked in. Built a slice at a time, so evidence
 * requests are answered meanwhile; given up (`written` false) when the worker no longer
 * keeps that result or a later one is being kept.
 */
export interface KeepRequest {
  kind: 'keep';
  id: number;
  job: number;
  /** The replica file: older kept rankings beside it are pruned (kept.ts `pruneKept`). */
  replica: string;
  file: string;
}

export type ActionsRequest = RankRequest | EvidenceRequest | KeepRequest;

/** Sent while a ranking runs, before its reply: how far it has got. */
export type ActionsNote = ProgressNote<ActionsProgress>;

export type ActionsReply =
  /** The ranked items packed (packed.ts): a table of texts and one transferred buffer of rows. */
  | { id: number; ok: true; kind: 'rank'; items: PackedItems }
  /** `evidence` null: the worker no longer keeps that result (a newer one replaced it, or the worker restarted). */
  | { id: number; ok: true; kind: 'evidence'; evidence: [string, ActionEvidence][] | null }
  | { id: number; ok: true; kind: 'keep'; written: boolean }
  | { id: number; ok: false; message: string };
