/** The Sync page's run log and the sync schedule setting. */
import { useEffect, useState } from 'react';
import type { SyncRunRecord } from '../../../src-shared/methods/sync';
import { ApiCallError, describeError, invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Chip, EmptyState, ErrorBanner, Loading, type Tone } from '../../components/ui';
import { formatAgo, formatCount, formatDateTime } from '../../lib/format';

const RUN_TONES: Record<SyncRunRecord['status'], Tone> = { ok: 'green', running: 'blue', error: 'red', aborted: 'amber' };
const RUN_LABELS: Record<SyncRunRecord['status'], string> = {
  ok: 'Completed',
  running: 'Running',
  error: 'Failed',
  aborted: 'Stopped',
};

export function formatDuration(r: Pick<SyncRunRecord, 'started_at' | 'finished_at'>): string {
  if (!r.finished_at) return '—';
  const ms = new Date(r.finished_at).getTime() - new Date(r.started_at).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  // Run times are stored to the second: a shorter run reads as "under 1 s", not "0 ms".
  if (ms < 1000) return 'under 1 s';
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `syncKey` changes whenever a run starts or ends (state + last sync), so the log follows. */
export function RunsTable({ now, syncKey }: { now: number; syncKey: string }) {
  const runs = useQuery('sync.runs', { limit: 50 }, { refreshOn: ['sync_run', 'outbox'] });
  const { refetch } = runs;
  useEffect(() => {
    if (syncKey) void refetch();
  }, [syncKey, refetch]);
  if (runs.error && !runs.data) return <ErrorBanner error={runs.error} onRetry={() => void runs.refetch()} />;
  if (!runs.data) return <Loading />;
  if (runs.data.length === 0) return <EmptyState compact title="No sync has run yet" />;
  return (
    <div className="sv-runs-scroll">
      <table className="dtable sv-runs">
        <thead>
          <tr>
            <th>When</th>
            <th>Kind</th>
            <th>Status</th>
            <th className="num">Duration</th>
            <th className="num">Pulled</th>
            <th className="num">Pushed</th>
            <th className="num">Retried</th>
            <th>Problem</th>
          </tr>
        </thead>
        <tbody>
          {runs.data.map((r) => (
            <tr key={r.id} data-testid="sync-run-row">
              <td title={new Date(r.started_at).toString()}>
                <span className="strong">{formatAgo(r.started_at, now)}</span>{' '}
                <span className="muted">· {formatDateTime(r.started_at)}</span>
              </td>
              <td title={r.kind === 'full' ? 'The whole book was fetched' : 'Only changes since the last sync'}>
                {r.kind === 'full' ? 'Full' : 'Changes only'}
              </td>
              <td>
                <Chip tone={RUN_TONES[r.status]}>{RUN_LABELS[r.status]}</Chip>
              </td>
              <td className="num">{formatDuration(r)}</td>
              <td className="num">{r.pulled ? formatCount(r.pulled) : <span className="muted">0</span>}</td>
              <td className="num">{r.pushed ? formatCount(r.pushed) : <span className="muted">0</span>}</td>
              <td className="num">{r.retries ? formatCount(r.retries) : <span className="muted">0</span>}</td>
              <td className={r.error ? 'danger-text sv-problem' : 'muted'} title={r.error ?? undefined}>
                {r.error ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SyncSettingsForm() {
  const settings = useQuery('sync.settings', {});
  // null: show the saved value; a string once the user types.
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const current = settings.data?.intervalMinutes;
  const draft = typed ?? (current === undefined ? '' : String(current));

  const save = () => {
    setSaved(false);
    const minutes = draft.trim() === '' ? Number.NaN : Number(draft);
    // Checked here first, in one sentence (the browser's own bubble is off: it speaks of "values" and steps).
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      setError(INTERVAL_RULE);
      return;
    }
    setBusy(true);
    setError(null);
    invoke('sync.settings.set', { intervalMinutes: minutes })
      .then(
        () => {
          setSaved(true);
          setTyped(null);
          void settings.refetch();
        },
        (err: unknown) => {
          const issue = err instanceof ApiCallError ? err.issues.find((i) => i.path === 'intervalMinutes') : undefined;
          setError(issue ? INTERVAL_RULE : describeError(err));
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <form
      className="sv-settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      data-testid="sync-settings"
    >
      <label htmlFor="sync-interval" className="sv-settings-label">
        Sync automatically every
      </label>
      <input
        id="sync-interval"
        className="input sv-interval"
        type="number"
        inputMode="numeric"
        min={1}
        max={1440}
        value={draft}
        onChange={(e) => {
          setTyped(e.target.value);
          setSaved(false);
          setError(null);
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby="sync-interval-msg"
        data-testid="sync-interval"
      />
      <span>minutes</span>
      <button type="submit" className="btn btn-small" disabled={busy || draft === String(current ?? '')} data-testid="sync-interval-save">
        Save
      </button>
      <span id="sync-interval-msg" className={error ? 'danger-text' : 'muted'} role={error ? 'alert' : undefined}>
        {error
          ? error
          : saved
            ? 'Saved.'
            : 'Also after edits and when back online.'}
      </span>
    </form>
  );
}

/** What the interval may be, as the form says it when it refuses one. */
const INTERVAL_RULE = 'Sync interval: whole minutes, from 1 to 1,440 (a day).';
