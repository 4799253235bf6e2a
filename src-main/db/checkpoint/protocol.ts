/** Messages between the checkpointer (checkpointer.ts) and its worker thread (worker.ts). */
import type { WorkerReplyBase } from '../../base/worker-client';

/** Copy the write-ahead log of the replica at `path` into it (PASSIVE: never waits, never blocks). */
export interface CheckpointRequest {
  id: number;
  path: string;
}

export interface CheckpointReply extends WorkerReplyBase {
  /** Frames in the write-ahead log, and how many of them are now in the database file (-1: not in WAL mode). */
  log?: number;
  checkpointed?: number;
}
