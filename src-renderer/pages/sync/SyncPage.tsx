/**
 * Sync: where the replica stands, recent runs, and (next) the outbox and conflicts.
 *
 * Extension points for the push side: `PendingEditsSection` and `ConflictsSection`
 * below render empty states today; replace their bodies when the outbox and conflict
 * methods land in `src-shared/methods/`.
 */
import type { SyncRunRecord } from '../../../src-shared/methods/sync';
import { useNow, useQuery } from '../../api/hooks';
import { useSyncStatus } from '../../api/syncStatus';
import { definePage } from '../../app/page';
import { syncHeadline, useSyncNow } from '../../app/StatusBar';
import { Icon } from '../../components/Icon';
import { Chip, EmptyState, ErrorBanner, Loading, Panel, type Tone } from '../../components/ui';
import { formatAgo, formatCount, formatDateTime, humanize } from '../../lib/format';

const RUN_TONES: Record<SyncRunRecord['status'], Tone> = {
  ok: 'green',
  running: 'blue',
  error: 'red',
  aborted: 'amber',
};
const RUN_LABELS: Record<SyncRunRecord['status'], string> = {
  ok: 'Completed',
  running: 'Running',
  error: 'Failed',
  aborted: 'Stopped',
};

function SyncPage() {
  const { status } = useSyncStatus();
  const now = useNow(15_000);
  const sync = useSyncNow();
  const info = useQuery('app.info', {});
  const runs = useQuery('sync.runs', { limit: 50 }, { refreshOn: ['sync_run', 'partner'] });
  const headline = syncHeadline(status, now);
  const syncing = status?.state === 'syncing' || sync.starting;
  const entities = status?.progress?.entities ?? {};

  return (
    <div className="page sync-page" data-testid="page-sync">
      <section className={`sync-hero tone-${headline.tone}`}>
        <div className="sync-hero-main">
          <div className="sync-hero-title" data-testid="sync-headline">
            {headline.text}
          </div>
          <div className="sync-hero-sub">
            {info.data?.prm
              ? `${info.data.prm.kind === 'demo' ? 'Demo PRM' : 'PRM'} · ${info.data.prm.url}`
              : 'No PRM connected'}
            {status?.lastSyncedAt ? ` · last successful sync ${formatDateTime(status.lastSyncedAt)}` : ''}
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
          {status?.message && status.state !== 'syncing' ? <div className="sync-hero-msg">{status.message}</div> : null}
          {sync.error ? <div className="sync-hero-msg danger-text">{sync.error}</div> : null}
        </div>
        <button type="button" className="btn btn-primary" onClick={sync.run} disabled={syncing} data-testid="sync-page-run">
          <Icon name="sync" size={15} className={syncing ? 'spin' : undefined} />
          {syncing ? 'Syncing…' : 'Sync now'}
        </button>
      </section>

      <div className="sync-cols">
        <PendingEditsSection count={status?.pendingEdits ?? 0} />
        <ConflictsSection conflicts={status?.conflicts ?? 0} rejected={status?.rejected ?? 0} />
      </div>

      <Panel title="Recent sync runs" testId="sync-runs">
        {runs.error && !runs.data ? <ErrorBanner error={runs.error} onRetry={() => void runs.refetch()} /> : null}
        {!runs.data && runs.loading ? <Loading /> : null}
        {runs.data && runs.data.length === 0 ? <EmptyState compact title="No sync has run yet" /> : null}
        {runs.data && runs.data.length > 0 ? (
          <table className="dtable">
            <thead>
              <tr>
                <th>Started</th>
                <th>Kind</th>
                <th>Status</th>
                <th className="num">Duration</th>
                <th className="num">Pulled</th>
                <th className="num">Pushed</th>
                <th className="num">Retries</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} data-testid="sync-run-row">
                  <td title={r.started_at}>
                    {formatDateTime(r.started_at)} <span className="muted">· {formatAgo(r.started_at, now)}</span>
                  </td>
                  <td>{r.kind === 'full' ? 'Full' : 'Incremental'}</td>
                  <td>
                    <Chip tone={RUN_TONES[r.status]}>{RUN_LABELS[r.status]}</Chip>
                  </td>
                  <td className="num">{duration(r)}</td>
                  <td className="num">{formatCount(r.pulled)}</td>
                  <td className="num">{formatCount(r.pushed)}</td>
                  <td className="num">{r.retries ? formatCount(r.retries) : <span className="muted">0</span>}</td>
                  <td className={r.error ? 'danger-text wrap' : 'muted'}>{r.error ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Panel>
    </div>
  );
}

function duration(r: SyncRunRecord): string {
  if (!r.finished_at) return '—';
  const ms = new Date(r.finished_at).getTime() - new Date(r.started_at).getTime();
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Extension point: the outbox (edits made here, not yet on the server). */
function PendingEditsSection({ count }: { count: number }) {
  return (
    <Panel title={`Edits waiting to sync${count ? ` · ${formatCount(count)}` : ''}`} testId="sync-pending">
      {count === 0 ? (
        <EmptyState compact icon="check" title="Nothing waiting">
          Edits you make to plans, notes and actions are saved on this computer first and appear here until the PRM has them.
        </EmptyState>
      ) : (
        <p className="panel-pad">
          {formatCount(count)} {count === 1 ? 'edit is' : 'edits are'} saved locally and will be sent at the next sync.
        </p>
      )}
    </Panel>
  );
}

/** Extension point: field-by-field conflicts (base / theirs / mine) and rejected edits. */
function ConflictsSection({ conflicts, rejected }: { conflicts: number; rejected: number }) {
  const none = conflicts === 0 && rejected === 0;
  return (
    <Panel title={`Conflicts and rejected edits${none ? '' : ` · ${formatCount(conflicts + rejected)}`}`} testId="sync-conflicts">
      {none ? (
        <EmptyState compact icon="check" title="No conflicts">
          When someone changes the same field in the PRM while you edit it here, both versions are kept and shown here for you to choose.
        </EmptyState>
      ) : (
        <p className="panel-pad">
          {conflicts ? `${formatCount(conflicts)} ${conflicts === 1 ? 'conflict needs' : 'conflicts need'} your decision. ` : ''}
          {rejected ? `${formatCount(rejected)} ${rejected === 1 ? 'edit was' : 'edits were'} rejected by the PRM.` : ''}
        </p>
      )}
    </Panel>
  );
}

export const syncPage = definePage({
  id: 'sync',
  path: '/sync',
  title: 'Sync',
  nav: { label: 'Sync', icon: 'sync' },
  component: SyncPage,
});
