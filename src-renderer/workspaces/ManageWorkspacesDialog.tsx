/**
 * "Manage workspaces…": rename or remove, and for a Salesforce workspace sign in again
 * (another login host or consumer key, the same org) or change what is read from the org
 * ("Mapping…", SalesforceMappingDialog). Removing asks first; a workspace
 * whose edits never reached its source is only removed once the user agrees to lose them.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useState, type FormEvent } from 'react';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { ApiCallError, describeError, invoke } from '../api/client';
import { invalidate, useQuery } from '../api/hooks';
import { Modal } from '../components/Dialogs';
import { ConnectSalesforceForm } from './ConnectSalesforceForm';
import { SalesforceMappingDialog } from './SalesforceMappingDialog';
import { describeSource, useReloadWorkspace } from './session';

export function ManageWorkspacesDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const list = useQuery('workspaces.list', {}, { enabled: open });
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      title="Workspaces"
      description="Rename a workspace, or remove it with its local copy. Its source (a PRM, Salesforce, the imported files) is not touched."
      testId="manage-workspaces-dialog"
      wide
      footer={
        <Dialog.Close asChild>
          <button type="button" className="btn">
            Done
          </button>
        </Dialog.Close>
      }
    >
      <ul className="ws-manage">
        {(list.data?.workspaces ?? []).map((w) => (
          <ManageRow key={w.id} ws={w} />
        ))}
      </ul>
    </Modal>
  );
}

function ManageRow({ ws }: { ws: WorkspaceInfo }) {
  const reload = useReloadWorkspace();
  const [mode, setMode] = useState<'view' | 'rename' | 'remove' | 'signin'>('view');
  const [name, setName] = useState(ws.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [loseEdits, setLoseEdits] = useState<boolean | null>(null);
  const [mappingOpen, setMappingOpen] = useState(false);

  const finish = (refetchAll: boolean) => {
    setBusy(false);
    setMode('view');
    setError(null);
    invalidate('workspaces.list');
    if (refetchAll) reload();
  };
  const fail = (err: unknown) => {
    setBusy(false);
    setError(describeError(err));
  };
  const rename = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    invoke('workspaces.rename', { id: ws.id, name }).then(() => finish(true), fail);
  };
  const remove = () => {
    setBusy(true);
    setError(null);
    invoke('workspaces.remove', { id: ws.id, discardEdits: loseEdits === true }).then(
      () => finish(ws.active),
      (err: unknown) => {
        // Unsynced edits, or what a book from files keeps only here: say what, and offer to lose them explicitly.
        if (err instanceof ApiCallError && err.code === 'conflict' && /never reached|kept only on this computer/.test(err.message)) setLoseEdits(false);
        fail(err);
      },
    );
  };

  return (
    <li className="ws-manage-row" data-testid={`manage-${ws.id}`}>
      {mode === 'rename' ? (
        <form className="ws-manage-rename" onSubmit={rename}>
          <label className="sr-only" htmlFor={`rename-${ws.id}`}>
            New name for {ws.name}
          </label>
          <input id={`rename-${ws.id}`} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoFocus data-testid="rename-input" />
          <button type="submit" className="btn btn-primary btn-small" disabled={busy} data-testid="rename-save">
            Save
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('view')} disabled={busy}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="ws-manage-main">
          <span className="ws-menu-name">
            {ws.name}
            {ws.active ? <span className="ws-open-chip">Open</span> : null}
          </span>
          <span className="ws-menu-sub">{describeSource(ws)}</span>
        </div>
      )}
      {mode === 'view' ? (
        <div className="ws-manage-actions">
          {ws.source.kind === 'salesforce' ? (
            <>
              <button type="button" className="btn btn-small" onClick={() => setMappingOpen(true)} data-testid="salesforce-mapping">
                Mapping…
              </button>
              <button type="button" className="btn btn-small" onClick={() => setMode('signin')} data-testid="salesforce-sign-in">
                Sign in…
              </button>
            </>
          ) : null}
          <button type="button" className="btn btn-small" onClick={() => setMode('rename')} data-testid="rename">
            Rename…
          </button>
          <button type="button" className="btn btn-small" onClick={() => setMode('remove')} data-testid="remove">
            Remove…
          </button>
        </div>
      ) : null}
      {mode === 'signin' ? (
        <div className="ws-manage-signin" role="group" aria-label={`Sign ${ws.name} in to Salesforce`}>
          <ConnectSalesforceForm workspace={ws} onConnected={() => finish(ws.active)} onCancel={() => setMode('view')} />
        </div>
      ) : null}
      {mode === 'remove' ? (
        <div className="ws-manage-confirm" role="group" aria-label={`Remove ${ws.name}`}>
          <p>
            Remove <strong>{ws.name}</strong> and its local copy from this computer?
            {ws.active ? ' It is open now; another workspace opens instead.' : ''}
          </p>
          {loseEdits !== null ? (
            <label className="checkbox">
              <input type="checkbox" checked={loseEdits} onChange={(e) => setLoseEdits(e.target.checked)} data-testid="remove-lose-edits" />
              Remove it anyway; they are lost
            </label>
          ) : null}
          <div className="ws-manage-actions">
            <button type="button" className="btn btn-small" onClick={() => setMode('view')} disabled={busy} autoFocus>
              Cancel
            </button>
            <button type="button" className="btn btn-danger btn-small" onClick={remove} disabled={busy || loseEdits === false} data-testid="remove-confirm">
              {busy ? 'Removing…' : 'Remove'}
            </button>
          </div>
        </div>
      ) : null}
      {ws.source.kind === 'salesforce' ? <SalesforceMappingDialog ws={ws} open={mappingOpen} onOpenChange={setMappingOpen} /> : null}
      {error ? (
        <p className="ws-form-error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
