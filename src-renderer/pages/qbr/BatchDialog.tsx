/** Batch export: my book or all partners, pick filters, see how many partners match, start, follow progress, cancel. */
import { useEffect, useRef, useState } from 'react';
import type { QbrBatchFilter, QbrBatchStatus, QbrFormat } from '../../../src-shared/methods/qbr';
import { describeError, invoke } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { useBookScope } from '../../api/identity';
import { useCalendar } from '../../api/calendar';
import { quarterText } from '../../../src-shared/domain/fiscal-text';
import { plural } from '../../../src-shared/format';
import { Modal } from '../../components/Dialogs';
import { ScopeToggle } from '../../components/ScopeToggle';
import { FileActions } from './FileResult';

/** `askWhere`: the desktop app asks for the folder in its own dialog; the harness uses the exports folder. */
export function BatchDialog({ quarter, pdfAvailable, askWhere = false }: { quarter: string; pdfAvailable: boolean; askWhere?: boolean }) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState<QbrBatchFilter>({});
  const [format, setFormat] = useState<QbrFormat>('pptx');
  const [internalAppendix, setInternalAppendix] = useState(false);
  const [status, setStatus] = useState<QbrBatchStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // From the click to the batch's first status: a second click (a double-click) starts nothing.
  const [starting, setStarting] = useState(false);
  const startingRef = useRef(false);
  const users = useQuery('users.list', {}, { enabled: open });
  const tiers = useQuery('tiers.list', {}, { enabled: open });
  const book = useBookScope();
  const calendar = useCalendar();
  // The owners offered are those of the book shown: my book (or my team's), or everyone.
  const inBook = book.scope === 'mine' && book.identity ? new Set(book.identity.book.ownerIds) : null;
  const owners = (users.data ?? []).filter((u) => (inBook ? inBook.has(u.id) : u.role === 'cam'));
  const scoped: QbrBatchFilter = { ...filter, ...(filter.ownerId && inBook && !inBook.has(filter.ownerId) ? { ownerId: undefined } : {}), scope: book.scope };
  const preview = useQuery('qbr.batch.preview', { filter: scoped }, { enabled: open && !!book.scope });
  const running = status?.state === 'running';

  useEffect(() => {
    if (!running || !status) return;
    const t = setInterval(() => {
      invoke('qbr.batch.status', { id: status.id }).then(setStatus, (err: unknown) => setError(describeError(err)));
    }, 500);
    return () => clearInterval(t);
  }, [running, status?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- poll per batch id

  const set = <K extends keyof QbrBatchFilter>(k: K, v: string) => setFilter((f) => ({ ...f, [k]: (v || undefined) as QbrBatchFilter[K] }));
  const pct = status ? Math.round(((status.done + status.failed) / Math.max(1, status.total)) * 100) : 0;
  const failures = status?.items.filter((i) => i.status === 'failed') ?? [];

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (!o && running) return;
        setOpen(o);
      }}
      trigger={
        <button type="button" className="btn" data-testid="qbr-batch-open">
          Batch export…
        </button>
      }
      title={`Batch export · ${quarter ? quarterText(quarter, calendar) : ''}`}
      description="One deck per partner in a new folder, with a one-page index of the book: each partner’s health, tier status, ARR, headline and deck."
      testId="qbr-batch"
      footer={
        running ? (
          <button type="button" className="btn" data-testid="qbr-batch-cancel" onClick={() => status && void invoke('qbr.batch.cancel', { id: status.id }).then(setStatus)}>
            Cancel batch
          </button>
        ) : (
          <>
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
              Close
            </button>
            <button
              type="button"
              className="btn btn-primary"
              data-testid="qbr-batch-start"
              disabled={!preview.data?.count || starting}
              onClick={() => {
                if (startingRef.current) return;
                startingRef.current = true;
                setStarting(true);
                setError(null);
                const start = async () => {
                  const chosen = askWhere ? await invoke('qbr.chooseDestination', { kind: 'folder', format, quarter }) : null;
                  if (askWhere && !chosen) return; // cancelled
                  setStatus(await invoke('qbr.batch.start', { filter: scoped, quarter, format, ...(internalAppendix ? { internalAppendix } : {}), ...(chosen ? { destination: chosen.id } : {}) }));
                };
                start()
                  .catch((err: unknown) => setError(describeError(err)))
                  .finally(() => {
                    startingRef.current = false;
                    setStarting(false);
                  });
              }}
            >
              {starting ? 'Starting…' : `Export ${preview.data?.count ?? ''} decks`}
            </button>
          </>
        )
      }
    >
      {book.scoped ? (
        <div className="qb-scope">
          <ScopeToggle state={book} />
        </div>
      ) : null}
      <div className="qb-filters">
        <label>
          Owner
          <select className="select" value={scoped.ownerId ?? ''} disabled={running} onChange={(e) => set('ownerId', e.target.value)}>
            <option value="">{inBook ? 'Every owner in my book' : 'All owners'}</option>
            {owners.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tier
          <select className="select" value={filter.tierId ?? ''} disabled={running} onChange={(e) => set('tierId', e.target.value)}>
            <option value="">All tiers</option>
            {(tiers.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          PRM status
          <select className="select" value={filter.status ?? ''} disabled={running} onChange={(e) => set('status', e.target.value)}>
            <option value="">Any PRM status</option>
            <option value="active">Active</option>
            <option value="at_risk">At risk</option>
            <option value="onboarding">Onboarding</option>
            <option value="churned">Churned</option>
          </select>
        </label>
        <label>
          Format
          <select className="select" value={format} disabled={running} onChange={(e) => setFormat(e.target.value as QbrFormat)}>
            <option value="pptx">PowerPoint (.pptx)</option>
            <option value="pdf" disabled={!pdfAvailable}>
              PDF{pdfAvailable ? '' : ' (needs LibreOffice)'}
            </option>
          </select>
        </label>
        <label className="qb-check">
          <input type="checkbox" data-testid="qbr-batch-internal-appendix" checked={internalAppendix} disabled={running} onChange={(e) => setInternalAppendix(e.target.checked)} />
          <span>
            Internal appendix <span className="qb-check-note">· risk, model detail and internal actions on slides of their own after each deck, for your team, not the partner</span>
          </span>
        </label>
      </div>
      <div className="qb-count" data-testid="qbr-batch-count">
        {preview.data ? `${plural(preview.data.count, 'partner')} ${preview.data.count === 1 ? 'matches' : 'match'}` : 'Counting…'}
      </div>
      {status ? (
        <div className="qb-progress" data-testid="qbr-batch-progress">
          <div className="qb-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <div style={{ width: `${pct}%` }} />
          </div>
          <div>
            {status.done} of {status.total} done{status.failed ? `, ${status.failed} failed` : ''} · {status.state}
          </div>
          {status.state !== 'running' ? (
            <div className="qb-done" data-testid="qbr-batch-result">
              <div className="qb-done-row">
                <span>
                  Saved in <code data-testid="qbr-batch-folder">{status.dir}</code>
                </span>
              </div>
              {status.index ? (
                <div className="qb-done-row">
                  {status.index.url ? (
                    <a className="btn btn-small" href={status.index.url} target="_blank" rel="noopener noreferrer" data-testid="qbr-batch-index">
                      Open the index
                    </a>
                  ) : null}
                  <FileActions file={status.index} openLabel="Open the index" testId="qbr-batch-index-actions" />
                  <span className="qbr-hint">One page: every partner’s health, tier status, ARR, headline and deck.</span>
                </div>
              ) : null}
            </div>
          ) : null}
          {failures.length ? (
            <ul className="qb-failures">
              {failures.map((f) => (
                <li key={f.partnerId}>
                  {f.partnerName}: {f.error}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <div className="qn-error" role="alert">{error}</div> : null}
    </Modal>
  );
}
