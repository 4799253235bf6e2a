/**
 * What `partnerbook sync` prints when a run ends: what came from the PRM, and what became of
 * the edits sent to it, in words ("Sent 3 edits: 2 applied, 1 refused by the PRM"), and
 * what still waits for the user. One line a subject; nothing said of what did not happen.
 */
import { plural } from '../../src-shared/format';
import type { SyncStatus, SyncSummary } from '../../src-shared/methods/sync';

export function syncSummaryText(s: SyncSummary, after: Pick<SyncStatus, 'pendingEdits' | 'conflicts' | 'rejected'>): string {
  const lines = [
    `Synced${s.kind === 'full' ? ' (full)' : ''}: ${plural(s.pulled, 'change')} pulled, ${plural(s.deleted, 'deletion')}, in ${(s.durationMs / 1000).toFixed(1)} s${s.refetched ? ' (the PRM asked for a full refresh)' : ''}.`,
  ];
  if (s.pushed > 0) {
    const parts = [
      s.applied > 0 ? `${s.applied.toLocaleString('en-US')} applied${s.merged > 0 ? ` (${s.merged.toLocaleString('en-US')} merged with changes made in the PRM)` : ''}` : null,
      s.conflicts > 0 ? `${s.conflicts.toLocaleString('en-US')} in conflict with a change made in the PRM` : null,
      s.rejected > 0 ? `${s.rejected.toLocaleString('en-US')} refused by the PRM` : null,
    ].filter((p): p is string => p !== null);
    lines.push(`Sent ${plural(s.pushed, 'edit')}${parts.length ? `: ${parts.join(', ')}` : ''}.`);
  }
  const waiting = [
    after.conflicts > 0 ? plural(after.conflicts, 'conflict') : null,
    after.rejected > 0 ? plural(after.rejected, 'refused edit') : null,
  ].filter((p): p is string => p !== null);
  if (waiting.length) lines.push(`${waiting.join(' and ')} ${after.conflicts + after.rejected === 1 ? 'waits' : 'wait'} for you on the app's Sync page.`);
  if (after.pendingEdits > 0) lines.push(`${plural(after.pendingEdits, 'edit')} still ${after.pendingEdits === 1 ? 'waits' : 'wait'} to be sent.`);
  return `${lines.join('\n')}\n`;
}
