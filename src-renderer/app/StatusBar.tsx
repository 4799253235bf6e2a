/**
 * Always-visible sync state (offline first: sync state is always visible, in words a
 * CAM understands), plus pending edits / conflicts / rejected counts and "Sync now".
 */
import { useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../src-shared/methods/sync';
import { describeError, invoke } from '../api/client';
import { refreshSyncStatus, useSyncStatus } from '../api/syncStatus';
import { useNow } from '../api/hooks';
import { Icon } from '../components/Icon';
import { plural } from '../../src-shared/format';
import { formatAgo, formatCount } from '../lib/format';
import { href } from './router';
import { SignInAgainButton } from '../workspaces/SignInAgainButton';
import { useSourceName, useWorkspace } from '../workspaces/session';
import './statusbar.css';

/** A message as one sentence: trimmed, ending in exactly one full stop (or its own ? or !). */
export function asSentence(text: string): string {
  const t = text.trim().replace(/[.\s]+$/, '');
  return /[?!]$/.test(t) ? t : `${t}.`;
}

/** "10:42" today, "Nov 18, 10:42" another day. */
export function formatSyncedAt(iso: string, nowMs: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const sameDay = new Date(nowMs).toDateString() === d.toDateString();
  return sameDay ? timeFmt.format(d) : `${dayFmt.format(d)}, ${timeFmt.format(d)}`;
}
const timeFmt = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' });

/**
 * The sync state in one line. `local`: a book imported from files, whose edits have no PRM
 * to go to. `withReason`: add the service's message (the status bar, which has no room for
 * a second line); the Sync page shows the reason on its own line instead, so it reads once.
 */
export function syncHeadline(
  status: SyncStatus | null,
  now: number,
  local = false,
  withReason = true,
): { text: string; tone: 'ok' | 'busy' | 'warn' | 'error' } {
  if (!status) return { text: 'Checking sync status…', tone: 'busy' };
  if (local && status.state !== 'error') {
    return { text: 'Imported book · plans and notes are kept on this computer', tone: 'ok' };
  }
  switch (status.state) {
    case 'syncing': {
      const p = status.progress;
      const pct = p?.percent != null ? ` ${Math.round(p.percent)}%` : '';
      const rows = p && p.rows > 0 ? ` (${formatCount(p.rows)} rows)` : '';
      return { text: `Syncing…${pct}${rows}`, tone: 'busy' };
    }
    case 'offline': {
      // "Offline — 5 edits waiting, last synced 10:42"
      const parts = [status.pendingEdits > 0 ? plural(status.pendingEdits, 'edit waiting', 'edits waiting') : 'working on your local copy'];
      if (status.lastSyncedAt) parts.push(`last synced ${formatSyncedAt(status.lastSyncedAt, now)}`);
      return { text: `Offline — ${parts.join(', ')}`, tone: 'warn' };
    }
    case 'error':
      return {
        text:
          withReason && status.message
            ? `Sync didn’t finish: ${asSentence(status.message)} Your local copy is safe.`
            : 'Sync didn’t finish — your local copy is safe',
        tone: 'error',
      };
    default:
      return status.lastSyncedAt
        ? { text: `Synced ${formatAgo(status.lastSyncedAt, now)}`, tone: 'ok' }
        : { text: 'Not synced yet', tone: 'warn' };
  }
}

/**
 * The service's message without what the headline already says ("Offline — … Working on
 * your local copy."), so the detail reads as the reason only.
 */
export function syncDetail(message: string): string {
  return message
    .replace(/^Offline\s+—\s+/, '')
    .replace(/\s*Working on your local copy\.?$/, '')
    .trim();
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

/** `Ctrl+Shift+S` (⌘⇧S on a Mac), as shown in tooltips. */
export const SYNC_SHORTCUT_LABEL = isMac() ? '⌘⇧S' : 'Ctrl+Shift+S';

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}

/** The Sync page, scrolled to one of its sections. */
export function syncSectionHref(section: 'pending' | 'conflicts' | 'rejected' | 'runs'): string {
  return href(`/sync?section=${section}`);
}

export function StatusBar() {
  const { status, error } = useSyncStatus();
  const now = useNow();
  const sync = useSyncNow();
  const local = useWorkspace()?.source.kind === 'spreadsheet';
  const src = useSourceName();
  const headline = error && !status ? { text: describeError(error), tone: 'error' as const } : syncHeadline(status, now, local);
  const syncing = status?.state === 'syncing' || sync.starting;
  const percent = status?.progress?.percent;

  // Ctrl/Cmd+Shift+S syncs from anywhere in the app (also while typing in a field).
  const runRef = useRef(sync.run);
  const syncingRef = useRef(syncing);
  useEffect(() => {
    runRef.current = sync.run;
    syncingRef.current = syncing;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        if (!syncingRef.current) runRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const detail = status?.message && status.state !== 'syncing' ? syncDetail(status.message) : undefined;

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
      <a
        className="status-item status-main"
        href={local ? href('/import') : syncSectionHref('runs')}
        data-testid="sync-state"
        aria-live="polite"
        title={detail ?? (local ? 'Open the Import page' : 'Open the Sync page')}
      >
        <StateIcon tone={headline.tone} state={status?.state} />
        {headline.text}
      </a>
      {status && (status.pendingEdits > 0 || status.conflicts > 0 || status.rejected > 0) ? (
        <span className="status-chips">
          {status.pendingEdits > 0 ? (
            <a
              className="status-chip chip-blue"
              href={syncSectionHref('pending')}
              data-testid="status-pending"
              title={`Saved on this computer; sent to ${src.name} at the next sync. Click to see them.`}
            >
              {plural(status.pendingEdits, 'edit waiting', 'edits waiting')}
            </a>
          ) : null}
          {status.conflicts > 0 ? (
            <a
              className="status-chip chip-amber"
              href={syncSectionHref('conflicts')}
              data-testid="status-conflicts"
              title={`Someone changed the same field in ${src.name}. Click to choose which value to keep.`}
            >
              <Icon name="alert" size={12} />
              {plural(status.conflicts, 'conflict', 'conflicts')}
            </a>
          ) : null}
          {status.rejected > 0 ? (
            <a
              className="status-chip chip-red"
              href={syncSectionHref('rejected')}
              data-testid="status-rejected"
              title={`${src.Name} refused these edits. Click to see why and fix or discard them.`}
            >
              {plural(status.rejected, 'edit rejected', 'edits rejected')}
            </a>
          ) : null}
        </span>
      ) : null}
      {sync.error && sync.error !== status?.message ? (
        <span className="status-item status-error" role="alert" title={sync.error}>
          {sync.error}
        </span>
      ) : null}
      {status?.needsSignIn ? <SignInAgainButton className="status-btn status-signin" /> : null}
      <span className="status-spacer" />
      {local ? null : (
        <button
          type="button"
          className="status-btn"
          onClick={sync.run}
          disabled={syncing}
          data-testid="sync-now"
          title={`Sync now (${SYNC_SHORTCUT_LABEL})`}
          aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
        >
          <Icon name="sync" size={13} className={syncing ? 'spin' : undefined} />
          {syncing ? (percent != null ? `Syncing ${Math.round(percent)}%` : 'Syncing…') : 'Sync now'}
        </button>
      )}
    </footer>
  );
}

function StateIcon({ tone, state }: { tone: string; state: string | undefined }) {
  if (state === 'offline') return <Icon name="cloudOff" size={13} />;
  if (tone === 'error') return <Icon name="alert" size={13} />;
  return <span className={`status-dot dot-${tone}`} aria-hidden="true" />;
}
