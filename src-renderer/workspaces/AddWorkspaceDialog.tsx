/** "Add workspace…": Salesforce (browser sign-in), a PRM (address + token, checked first), the demo book, or spreadsheets (opens on Import). */
import * as Dialog from '@radix-ui/react-dialog';
import { useEffect, useState } from 'react';
import { describeError, invoke } from '../api/client';
import { useQuery } from '../api/hooks';
import { Modal } from '../components/Dialogs';
import { NewSpreadsheetForm } from '../pages/import/NewSpreadsheetForm';
import { ConnectPrmForm } from './ConnectPrmForm';
import { ConnectSalesforceForm } from './ConnectSalesforceForm';

type Kind = 'protocol-v1' | 'demo' | 'spreadsheet' | 'salesforce';

/** The source type picked last, for the next time the dialog opens in this window. */
let lastKind: Kind = 'protocol-v1';

export function AddWorkspaceDialog({ open, onOpenChange, onAdded }: { open: boolean; onOpenChange: (open: boolean) => void; onAdded: () => void }) {
  const info = useQuery('app.info', {}, { enabled: open });
  const [kind, setKind] = useState<Kind>(lastKind);
  useEffect(() => {
    lastKind = kind;
  }, [kind]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const demoAvailable = info.data?.demoAvailable ?? false;

  const done = () => {
    onOpenChange(false);
    onAdded();
  };
  const addDemo = () => {
    setBusy(true);
    setError(null);
    invoke('workspaces.create', { source: { kind: 'demo' } }).then(
      () => {
        setBusy(false);
        done();
      },
      (err: unknown) => {
        setBusy(false);
        setError(describeError(err));
      },
    );
  };

  const choice = (k: Kind | null, label: string, disabled = false, note?: string) => (
    <label className={`ws-kind${kind === k ? ' is-selected' : ''}${disabled ? ' is-disabled' : ''}`}>
      <input type="radio" name="ws-kind" checked={kind === k} disabled={disabled || k === null} onChange={() => k && setKind(k)} data-testid={`add-kind-${label.split(' ')[0]!.toLowerCase()}`} />
      <span>{label}</span>
      {note ? <span className="coming-next">{note}</span> : null}
    </label>
  );

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (busy) return;
        setError(null);
        onOpenChange(o);
      }}
      title="Add a workspace"
      description="Each workspace is a separate book with its own local copy, edits and settings."
      testId="add-workspace-dialog"
      wide
      footer={
        error ? (
          <span className="modal-error" role="alert">
            {error}
          </span>
        ) : null
      }
    >
      <fieldset className="ws-kinds">
        <legend className="sr-only">Where the book comes from</legend>
        {choice('protocol-v1', 'PRM')}
        {choice('demo', 'Demo book', !demoAvailable, demoAvailable ? undefined : 'Developer checkout only')}
        {choice('salesforce', 'Salesforce')}
        {choice('spreadsheet', 'Spreadsheets')}
      </fieldset>
      {kind === 'protocol-v1' ? (
        <ConnectPrmForm withName onConnected={done} onCancel={() => onOpenChange(false)} />
      ) : kind === 'salesforce' ? (
        <ConnectSalesforceForm withName onConnected={done} onCancel={() => onOpenChange(false)} />
      ) : kind === 'spreadsheet' ? (
        <NewSpreadsheetForm onCreated={done} onCancel={() => onOpenChange(false)} />
      ) : (
        <div className="ws-demo-add">
          <p>A generated partner book served by a demo PRM on this computer, opened as a workspace of its own.</p>
          <div className="ws-connect-actions">
            <Dialog.Close asChild>
              <button type="button" className="btn" disabled={busy}>
                Cancel
              </button>
            </Dialog.Close>
            <button type="button" className="btn btn-primary" onClick={addDemo} disabled={busy} data-testid="add-demo">
              {busy ? 'Opening…' : 'Add the demo book'}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
