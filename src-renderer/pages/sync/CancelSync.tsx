/**
 * While a sync runs: what it is waiting for (a PRM that does not answer is retried for up
 * to a few minutes; the note says which attempt), and Cancel, which stops it at its next
 * safe point. Nothing is lost: what arrived is kept and edits wait for the next sync.
 */
import { useState } from 'react';
import { describeError, invoke } from '../../api/client';
import { refreshSyncStatus } from '../../api/syncStatus';

export function CancelSyncButton() {
  const [stopping, setStopping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={stopping}
        onClick={() => {
          setStopping(true);
          setError(null);
          invoke('sync.cancel', {})
            .then(
              () => refreshSyncStatus(),
              (err: unknown) => setError(describeError(err)),
            )
            .finally(() => setStopping(false));
        }}
        data-testid="sync-cancel"
      >
        {stopping ? 'Stopping…' : 'Cancel'}
      </button>
      {error ? <span className="danger-text">{error}</span> : null}
    </>
  );
}
