/**
 * Sync: where the replica stands, the edits waiting to sync, the conflicts inbox, the
 * edits the PRM rejected, recent runs and the schedule. `#/sync?section=conflicts` (and
 * pending, rejected, runs) scrolls to and focuses that section — the status bar links there.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useNow, useQuery } from '../../api/hooks';
import { refreshSyncStatus, useSyncStatus } from '../../api/syncStatus';
import { asSentence, SYNC_SHORTCUT_LABEL, syncDetail, syncHeadline, useSyncNow } from '../../app/StatusBar';
import { Icon } from '../../components/Icon';
import { ErrorBanner, Loading } from '../../components/ui';
import { formatCount, formatDateTime, humanize } from '../../lib/format';
import { ConflictsInbox } from './ConflictsInbox';
import { PendingEdits } from './PendingEdits';
import { RejectedEdits } from './RejectedEdits';
import { RunsTable, SyncSettingsForm } from './RunsAndSettings';
import { SignInAgainButton } from '../../workspaces/SignInAgain';
import { SourceNotes } from './SourceNotes';
import { CancelSyncButton } from './CancelSync';
import { useSourceName, useWorkspace } from '../../workspaces/session';
import { href } from '../../app/router';
import { SalesforceMappingDialog } from '../../workspaces/SalesforceMappingDialog';
import './sync.css';

type SectionId = 'pending' | 'conflicts' | 'rejected' | 'runs';

function requestedSection(): SectionId | null {
  const m = /[?&]section=(pending|conflicts|rejected|runs)\b/.exec(window.location.hash);
  return (m?.[1] as SectionId | undefined) ?? null;
}

function SyncPage() {
  const { status } = useSyncStatus();
  const now = useNow();
  const sync = useSyncNow();
  const info = useQuery('app.info', {});
  const ws = useWorkspace();
  const local = ws?.source.kind === 'spreadsheet';
  // An imported book is brought up to date by its imports: the last one is what the page reports.
  const lastImport = useQuery('import.status', {}, { enabled: local }).data?.last ?? null;
  const outbox = useQuery('sync.outbox', {}, { refreshOn: ['outbox', 'jbp', 'jbp_objective', 'jbp_initiative', 'qbr_note', 'action_state', 'note'] });
  const src = useSourceName();
  const salesforce = ws?.source.kind === 'salesforce' ? ws.source : null;
  const [mappingOpen, setMappingOpen] = useState(false);
  const headline = syncHeadline(status, now, local, false);
  const syncing = status?.state === 'syncing' || sync.starting;
  const entities = status?.progress?.entities ?? {};

  // The outbox changes during a sync (edits leave it, conflicts arrive): follow the counts.
  const counts = status ? `${status.pendingEdits}/${status.conflicts}/${status.rejected}` : '';
  const { refetch } = outbox;
  useEffect(() => {
    if (counts) void refetch();
  }, [counts, refetch]);

  const sections = useRef<Partial<Record<SectionId, HTMLElement | null>>>({});
  const register = useCallback((id: SectionId, el: HTMLElement | null) => {
    sections.current[id] = el;
  }, []);
  useEffect(() => {
    const go = () => {
      const id = requestedSection();
      const el = id ? sections.current[id] : null;
      if (!el) return;
      el.scrollIntoView({ block: 'start', behavior: 'smooth' });
      el.focus({ preventScroll: true });
    };
    go();
    window.addEventListener('hashchange', go);
    return () => window.removeEventListener('hashchange', go);
  }, [outbox.data !== undefined]); // eslint-disable-line react-hooks/exhaustive-deps -- once the sections exist

  const entries = outbox.data ?? [];
  const pending = entries.filter((e) => e.status === 'pending');
  const conflicts = entries.filter((e) => e.status === 'conflict');
  const rejected = entries.filter((e) => e.status === 'rejected');
  const changed = () => {
    void outbox.refetch();
    refreshSyncStatus();
  };
  const body = (children: ReactNode) =>
    outbox.error && !outbox.data ? (
      <ErrorBanner error={outbox.error} onRetry={() => void outbox.refetch()} />
    ) : !outbox.data ? (
      <Loading />
    ) : (
      children
    );

  return (
    <div className="page sync-page" data-testid="page-sync">
      <section className={`sync-hero tone-${headline.tone}`}>
        <div className="sync-hero-main">
          <div className="sync-hero-title" data-testid="sync-headline">
            {headline.text}
          </div>
          <div className="sync-hero-sub">
            {[
              local
                ? 'Spreadsheet files: your plans, notes and action states are saved on this computer'
                : salesforce
                  ? salesforceLine(salesforce)
                  : info.data?.prm
                    ? `${info.data.prm.kind === 'demo' ? 'Demo PRM' : 'PRM'} · ${info.data.prm.url}`
                    : // Said only once the workspace's info has come (not while it loads).
                      info.data
                      ? 'No PRM connected'
                      : '',
              local
                ? lastImport
                  ? `last import ${formatDateTime(lastImport.importedAt)}: ${lastImport.files.join(', ')}`
                  : ''
                : status?.lastSyncedAt
                  ? `last successful sync ${formatDateTime(status.lastSyncedAt)}`
                  : '',
            ]
              .filter(Boolean)
              .join(' · ')}
            {salesforce && ws ? (
              <>
                {' · '}
                <button type="button" className="sfm-link" onClick={() => setMappingOpen(true)} data-testid="sync-salesforce-mapping">
                  Salesforce mapping…
                </button>
                <SalesforceMappingDialog ws={ws} open={mappingOpen} onOpenChange={setMappingOpen} />
              </>
            ) : null}
          </div>
          {status?.state === 'syncing' && status.progress ? (
            <>
              <div className="bar" aria-hidden="true">
                <div
                  className={`bar-fill${status.progress.percent == null ? ' is-indeterminate' : ''}`}
                  style={{ width: status.progress.percent == null ? undefined : `${status.progress.percent}%` }}
                />
              </div>
              <div className="entity-counts num">
                {Object.entries(entities)
                  .filter(([, n]) => n > 0)
                  .map(([name, n]) => (
                    <span key={name}>
                      {humanize(name)} <strong>{formatCount(n)}</strong>
                    </span>
                  ))}
              </div>
            </>
          ) : null}
          {status?.message && status.state !== 'syncing' ? <div className="sync-hero-msg" data-testid="sync-reason">{asSentence(syncDetail(status.message))}</div> : null}
          {/* While it runs, what it waits for: a PRM that does not answer is retried for minutes, not seconds. */}
          {status?.message && status.state === 'syncing' ? (
            <div className="sync-hero-msg muted" data-testid="sync-waiting">
              {asSentence(syncDetail(status.message))}
            </div>
          ) : null}
          {status?.repair ? (
            <div className="sync-hero-msg warn-text" data-testid="sync-repair">
              {status.repair}
            </div>
          ) : null}
          {status?.needsSignIn ? <SignInAgainButton className="btn btn-primary sync-hero-signin" /> : null}
          {sync.error && sync.error !== status?.message ? <div className="sync-hero-msg danger-text">{sync.error}</div> : null}
        </div>
        {local ? (
          <a className="btn btn-primary" href={href('/import')} data-testid="sync-page-import">
            <Icon name="upload" size={15} />
            Import again
          </a>
        ) : (
          <div className="sync-hero-actions">
            {status?.state === 'syncing' ? <CancelSyncButton /> : null}
            <button
              type="button"
              className="btn btn-primary"
              onClick={sync.run}
              disabled={syncing}
              data-testid="sync-page-run"
              title={`Sync now (${SYNC_SHORTCUT_LABEL})`}
              aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
            >
              <Icon name="sync" size={15} className={syncing ? 'spin' : undefined} />
              {syncing ? 'Syncing…' : 'Sync now'}
              {!syncing ? <kbd className="sv-kbd">{SYNC_SHORTCUT_LABEL}</kbd> : null}
            </button>
          </div>
        )}
      </section>

      <SourceNotes notes={status?.notes ?? null} salesforce={salesforce !== null} />

      {/* An imported book's edits are its own records: nothing can conflict with them, and its runs only save them. */}
      {local ? null : (
        <Section
          id="conflicts"
          register={register}
          title="Conflicts"
          count={conflicts.length}
          tone="amber"
          hint={`Changed here and in ${src.name} — choose what to keep`}
          quiet={conflicts.length === 0 && outbox.data !== undefined}
        >
          {body(<ConflictsInbox entries={conflicts} now={now} onChanged={changed} />)}
        </Section>
      )}

      <div className="sv-cols">
        <Section
          id="pending"
          register={register}
          title={local ? 'Edits being saved' : 'Edits waiting to sync'}
          count={pending.length}
          tone="blue"
          quiet={pending.length === 0 && outbox.data !== undefined}
        >
          {body(<PendingEdits entries={pending} now={now} onChanged={changed} />)}
        </Section>
        <Section
          id="rejected"
          register={register}
          title={local ? 'Edits refused' : `Rejected by ${src.name}`}
          count={rejected.length}
          tone="red"
          quiet={rejected.length === 0 && outbox.data !== undefined}
        >
          {body(<RejectedEdits entries={rejected} now={now} onChanged={changed} />)}
        </Section>
      </div>

      {local ? null : (
        <Section id="runs" register={register} title="Recent sync runs" actions={<SyncSettingsForm />}>
          <RunsTable now={now} syncKey={status ? `${status.state}|${status.lastSyncedAt ?? ''}|${status.message ?? ''}` : ''} />
        </Section>
      )}
    </div>
  );
}

/** "Salesforce · signed in as jane@acme.com · acme.my.salesforce.com". */
function salesforceLine(src: { username?: string; instanceUrl?: string }): string {
  const host = src.instanceUrl ? src.instanceUrl.replace(/^https?:\/\//, '') : null;
  return ['Salesforce', src.username ? `signed in as ${src.username}` : null, host].filter(Boolean).join(' · ');
}

function Section({
  id,
  register,
  title,
  count,
  tone,
  hint,
  actions,
  quiet,
  children,
}: {
  id: SectionId;
  register: (id: SectionId, el: HTMLElement | null) => void;
  title: string;
  count?: number;
  tone?: 'blue' | 'amber' | 'red';
  hint?: string;
  actions?: ReactNode;
  /** Nothing to show: the empty state shrinks to one line. */
  quiet?: boolean;
  children: ReactNode;
}) {
  return (
    <section
      className={`panel sv-section${quiet ? ' is-quiet' : ''}`}
      data-testid={`sync-${id}`}
      aria-labelledby={`sync-${id}-title`}
      tabIndex={-1}
      ref={(el) => register(id, el)}
    >
      <header className="panel-head">
        <h2 className="panel-title" id={`sync-${id}-title`}>
          {title}
          {count ? (
            <span className={`sv-count chip chip-${tone ?? 'neutral'}`} data-testid={`sync-${id}-count`}>
              {formatCount(count)}
            </span>
          ) : null}
          {hint && count ? <span className="sv-hint">{hint}</span> : null}
        </h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export default SyncPage;
