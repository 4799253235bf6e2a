import { z } from 'zod';
import { method } from './define';
import { ENTITIES, isEntityName, type EditableEntityName } from '../domain/entities';
import { fieldIssues } from '../domain/rules';

export interface SyncProgress {
  /** Rows applied in this run so far. */
  rows: number;
  /** Rows applied per entity in this run so far. */
  entities: Record<string, number>;
  /** 0..100, or null when the server gives no estimate. */
  percent: number | null;
}

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error';

export interface SyncSettings {
  /** Minutes between background syncs. */
  intervalMinutes: number;
}

/** What the source said about itself at the last run (Salesforce: API usage, objects the org does not offer). */
export interface SyncSourceNotes {
  /** API requests used and allowed in the source's own window (Salesforce: the last 24 hours). */
  apiUsage: { used: number; limit: number } | null;
  /** Entities the source could not read, each with one plain sentence saying why. */
  unavailable: { entity: string; reason: string }[];
  /** Records left out of the book (or a link of theirs set to none) because a record they need is not in it: per entity, how many and why. */
  leftOut: { entity: string; count: number; reason: string }[];
  /** ISO instant of the run that reported them. */
  at: string;
}

export interface SyncStatus {
  state: SyncState;
  /** ISO instant of the last successful sync, or null if never synced. */
  lastSyncedAt: string | null;
  progress: SyncProgress | null;
  /** Plain words for a CAM; null unless state is error/offline. */
  message: string | null;
  /** The source refused the credentials at the last run: offer "Sign in again". */
  needsSignIn: boolean;
  pendingEdits: number;
  conflicts: number;
  rejected: number;
  /** The source's notes from the last run that had any (kept across restarts); null when it never gave any. */
  notes: SyncSourceNotes | null;
  /**
   * The replica holds records pointing at records it lacks (left by an older build): what
   * is wrong and that the next sync repairs it with a full refresh, one sentence; null
   * when nothing is to repair (db/integrity.ts).
   */
  repair: string | null;
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
  /** Edits sent to the PRM and answered. */
  pushed: number;
  applied: number;
  /** Applied edits where the server merged fields changed only on its side. */
  merged: number;
  conflicts: number;
  rejected: number;
  /** Transient failures retried during this run. */
  retries: number;
  durationMs: number;
  error: string | null;
}

export interface FieldConflict {
  field: string;
  base: unknown;
  theirs: unknown;
  mine: unknown;
  server_version: number;
}

/** A local edit as the Sync page shows it. */
export interface OutboxEntry {
  mutation_id: number;
  entity: string;
  record_id: string;
  /** A readable name for the record (title, name …) or its id. */
  label: string;
  /** Where the record sits, outermost first, as names: ["Beacon Distribution GmbH", "Plan FY2027"]. */
  context: string[];
  /** Names behind the ids in `fields` and `base`, by field then id: { partner_id: { "P-00064": "Beacon Distribution GmbH" } }. */
  refs: Record<string, Record<string, string>>;
  op: 'upsert' | 'delete';
  status: 'pending' | 'conflict' | 'rejected';
  fields: Record<string, unknown>;
  base: Record<string, unknown>;
  /** The server's reason, for a rejected edit. */
  error: string | null;
  created_at: string;
  attempts: number;
  conflicts: FieldConflict[];
  /** The record as the user sees it now (server copy with local edits), for context such as an objective's metric. */
  record: Record<string, unknown> | null;
}

export type ConflictResolution =
  | { field: string; choice: 'mine' | 'theirs' }
  | { field: string; choice: 'value'; value: unknown };

const conflictResolution = z.union([
  z.strictObject({ field: z.string().min(1), choice: z.enum(['mine', 'theirs']) }),
  z.strictObject({ field: z.string().min(1), choice: z.literal('value'), value: z.unknown() }),
]);

export const syncMethods = {
  'sync.status': method<SyncStatus>()(z.object({}).strict()),
  'sync.run': method<SyncSummary>()(z.object({}).strict()),
  /** Stops the running sync at its next safe point (`stopped` false when none was running). */
  'sync.cancel': method<{ stopped: boolean }>()(z.object({}).strict()),
  /** Re-download the whole book from the PRM (aborts a running sync; keeps local edits). */
  'sync.reset': method<SyncSummary>()(z.object({}).strict()),
  'sync.runs': method<SyncRunRecord[]>()(
    z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(),
  ),
  /** Pending, conflicted and rejected local edits, oldest first. */
  'sync.outbox': method<OutboxEntry[]>()(z.object({}).strict()),
  'sync.resolve': method<{ mutation_id: number | null }>()(
    z
      .object({
        mutation_id: z.number().int().min(1),
        resolutions: z.array(conflictResolution).min(1, 'choose a value for each conflicting field'),
      })
      .strict(),
  ),
  'sync.discard': method<{ discarded: number }>()(z.object({ mutation_id: z.number().int().min(1) }).strict()),
  /**
   * Queue a local edit of a client-editable record (the generic path the CLI uses too).
   * Each field is checked here against the entity's edit rules — the same sizes and
   * values as the typed methods — so an oversized or malformed value is refused at the
   * boundary; the lock and consistency rules are applied where the edit is queued.
   */
  'records.edit': method<{ mutation_id: number; changed: boolean }>()(
    z
      .object({
        entity: z.string().min(1),
        id: z.string().min(1).max(64),
        op: z.enum(['upsert', 'delete']).default('upsert'),
        fields: z.record(z.string(), z.unknown()).default({}),
      })
      .strict()
      .superRefine((edit, ctx) => {
        if (!isEntityName(edit.entity) || !ENTITIES[edit.entity].editable) return;
        for (const issue of fieldIssues(edit.entity as EditableEntityName, edit.fields)) {
          ctx.addIssue({ code: 'custom', path: ['fields', issue.field], message: issue.message });
        }
      }),
  ),
  'sync.settings': method<SyncSettings>()(z.object({}).strict()),
  'sync.settings.set': method<SyncSettings>()(
    z.object({ intervalMinutes: z.number().int().min(1, 'at least 1 minute').max(1440, 'at most 24 hours') }).strict(),
  ),
};
