/**
 * Always-visible sync state (DESIGN section 8: sync state is always visible, in words a
 * CAM understands), plus pending edits / conflicts / rejected counts and "Sync now".
 */
import { useState } from 'react';
import type { SyncStatus } from '../../src-shared/methods/sync';
import { describeError, invoke } from '../api/client';
import { refreshSyncStatus, useSyncStatus } from '../api/syncStatus';
import { useNow } from '../api/hooks';
import { Icon } from '../components/Icon';
import { formatAgo, formatCount } from '../lib/format';
import { href } from './router';

export function syncHeadline(status: SyncStatus | null, now: number): { text: string; tone: 'ok' | 'busy' | 'warn' | 'error' } {
  if (!status) return { text: 'Checking sync status…', tone: 'busy' };
  switch (status.state) {
    case 'syncing': {
      const p = status.progress;
      const pct = p?.percent != null ? ` ${Math.round(p.percent)}%` : '';
      const rows = p && p.rows > 0 ? ` (${formatCount(p.rows)} rows)` : '';
      return { text: `Syncing…${pct}${rows}`, tone: 'busy' };
    }
    case 'offline':
      return { text: 'Offline — showing your local copy', tone: 'warn' };
    case 'error':
      return {
        text: `Sync didn’t finish${status.message ? `: ${status.message}` : ''}. Your local copy is safe.`,
        tone: 'error',
      };
    default:
      return status.lastSyncedAt
        ? { text: `Synced ${formatAgo(status.lastSyncedAt, now)}`, tone: 'ok' }
        : { text: 'Not synced yet', tone: 'warn' };
  }
}

export function useSyncNow() {
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const run = () => {
    setError(null);
    setStarting(true);
    invoke('sync.run', {})
      .then(
        (summary) => {
          if (!summary.ok && summary.error) setError(summary.error);
        },
        (err: unknown) => setError(describeError(err)),
      )
      .finally(() => {
        setStarting(false);
        refreshSyncStatus();
      });
  };
  return { run, error, starting };
}

export function StatusBar() {
  const { status, error } = useSyncStatus();
  const now = useNow(20_000);
  const sync = useSyncNow();
  const headline = error && !status ? { text: describeError(error), tone: 'error' as const } : syncHeadline(status, now);
  const syncing = status?.state === 'syncing' || sync.starting;
  const percent = status?.progress?.percent;

  return (
    <footer className={`statusbar tone-${headline.tone}`} data-testid="statusbar">
      {status?.state === 'syncing' ? (
        <div
          className={`sync-progress${percent == null ? ' is-indeterminate' : ''}`}
          role="progressbar"
          aria-label="Sync progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
        >
          <div className="sync-progress-fill" style={{ width: percent == null ? undefined : `${percent}%` }} />
        </div>
      ) : null}
      <span className="status-item status-main" data-testid="sync-state" aria-live="polite" title={status?.message ?? undefined}>
        <StateIcon tone={headline.tone} state={status?.state} />
        {headline.text}
      </span>
      {status && status.pendingEdits > 0 ? (
        <a className="status-item" href={href('/sync')} data-testid="status-pending">
          {formatCount(status.pendingEdits)} {status.pendingEdits === 1 ? 'edit' : 'edits'} waiting to sync
        </a>
      ) : null}
      {status && status.conflicts > 0 ? (
        <a className="status-item status-attn" href={href('/sync')} data-testid="status-conflicts">
          {formatCount(status.conflicts)} {status.conflicts === 1 ? 'conflict needs' : 'conflicts need'} you
        </a>
      ) : null}
      {status && status.rejected > 0 ? (
        <a className="status-item status-attn" href={href('/sync')} data-testid="status-rejected">
          {formatCount(status.rejected)} {status.rejected === 1 ? 'edit' : 'edits'} rejected
        </a>
      ) : null}
      {sync.error ? (
        <span className="status-item status-error" role="alert">
          {sync.error}
        </span>
      ) : null}
      <span className="status-spacer" />
      <button
        type="button"
        className="status-btn"
        onClick={sync.run}
        disabled={syncing}
        data-testid="sync-now"
      >
        <Icon name="sync" size={13} className={syncing ? 'spin' : undefined} />
        {syncing ? 'Syncing…' : 'Sync now'}
      </button>
    </footer>
  );
}

function StateIcon({ tone, state }: { tone: string; state: string | undefined }) {
  if (state === 'offline') return <Icon name="cloudOff" size={13} />;
  if (tone === 'error') return <Icon name="alert" size={13} />;
  return <span className={`status-dot dot-${tone}`} aria-hidden="true" />;
}
