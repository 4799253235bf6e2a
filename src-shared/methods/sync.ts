import { z } from 'zod';
import { method } from './define';

export interface SyncProgress {
  /** Rows applied in this run so far. */
  rows: number;
  /** Rows applied per entity in this run so far. */
  entities: Record<string, number>;
  /** 0..100, or null when the server gives no estimate. */
  percent: number | null;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncStatus {
  state: SyncState;
  /** ISO instant of the last successful sync, or null if never synced. */
  lastSyncedAt: string | null;
  progress: SyncProgress | null;
  /** Plain words for a CAM; null unless state is error/offline. */
  message: string | null;
  pendingEdits: number;
  conflicts: number;
  rejected: number;
}

export interface SyncRunRecord {
  id: number;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'error' | 'aborted';
  kind: 'full' | 'incremental';
  pulled: number;
  pushed: number;
  retries: number;
  error: string | null;
}

export interface SyncSummary {
  ok: boolean;
  kind: 'full' | 'incremental';
  pulled: number;
  deleted: number;
  pages: number;
  refetched: boolean;
  durationMs: number;
  error: string | null;
}

export const syncMethods = {
  'sync.status': method<SyncStatus>()(z.object({}).strict()),
  'sync.run': method<SyncSummary>()(z.object({}).strict()),
  'sync.runs': method<SyncRunRecord[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ),
};
