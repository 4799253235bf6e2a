/**
 * Whether the partner book is still arriving: the first sync of a workspace has not
 * finished yet, so health figures, counts and actions computed now would describe part of
 * the book. Pages show "loading — n% of the book" instead of such figures.
 */
import { useSyncStatus } from './syncStatus';
import { useWorkspace } from '../workspaces/session';

export interface BookLoading {
  /** How much of the book has arrived, 0..100, when the source can say. */
  percent: number | null;
  /** The first sync stopped before the end (offline, an error); the next run continues. */
  paused: boolean;
}

export function useBookLoading(): BookLoading | null {
  const { status } = useSyncStatus();
  const ws = useWorkspace();
  // An imported book is complete once imported; it has no sync to wait for.
  if (!status || !ws || ws.source.kind === 'spreadsheet') return null;
  if (status.lastSyncedAt) return null;
  const percent = status.progress?.percent ?? null;
  return { percent: percent == null ? null : Math.min(99, Math.floor(percent)), paused: status.state !== 'syncing' };
}

/** "loading — 29% of the book" (or "loading the book" when the source gives no estimate). */
export function bookLoadingText(load: BookLoading): string {
  const how = load.percent != null ? `${load.percent}% of the book` : 'the book';
  return load.paused ? `loading paused — ${how} so far` : `loading — ${how}`;
}
