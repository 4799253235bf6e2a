/** What `partnerbook sync` prints at the end (src-main/cli/sync-summary.ts). */
import { describe, expect, it } from 'vitest';
import { syncSummaryText } from '../../../src-main/cli/sync-summary';
import type { SyncSummary } from '../../../src-shared/methods/sync';

const run = (s: Partial<SyncSummary>): SyncSummary => ({
  ok: true,
  kind: 'incremental',
  pulled: 0,
  deleted: 0,
  pages: 1,
  refetched: false,
  pushed: 0,
  applied: 0,
  merged: 0,
  conflicts: 0,
  rejected: 0,
  retries: 0,
  durationMs: 1234,
  error: null,
  ...s,
});
const none = { pendingEdits: 0, conflicts: 0, rejected: 0 };

describe('the sync summary line', () => {
  it('counts in words, one and many', () => {
    expect(syncSummaryText(run({ pulled: 1 }), none)).toBe('Synced: 1 change pulled, 0 deletions, in 1.2 s.\n');
    expect(syncSummaryText(run({ kind: 'full', pulled: 79201, deleted: 1 }), none)).toBe('Synced (full): 79,201 changes pulled, 1 deletion, in 1.2 s.\n');
  });

  it('says what became of the edits sent, and what waits for the user', () => {
    expect(syncSummaryText(run({ pulled: 1, pushed: 4, applied: 2, merged: 1, conflicts: 1, rejected: 1 }), { pendingEdits: 0, conflicts: 1, rejected: 1 })).toBe(
      [
        'Synced: 1 change pulled, 0 deletions, in 1.2 s.',
        'Sent 4 edits: 2 applied (1 merged with changes made in the PRM), 1 in conflict with a change made in the PRM, 1 refused by the PRM.',
        "1 conflict and 1 refused edit wait for you on the app's Sync page.",
        '',
      ].join('\n'),
    );
    expect(syncSummaryText(run({ pushed: 1, applied: 1 }), { pendingEdits: 2, conflicts: 0, rejected: 1 })).toBe(
      ['Synced: 0 changes pulled, 0 deletions, in 1.2 s.', 'Sent 1 edit: 1 applied.', "1 refused edit waits for you on the app's Sync page.", '2 edits still wait to be sent.', ''].join('\n'),
    );
  });
});
