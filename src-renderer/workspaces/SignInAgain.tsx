/**
 * "Sign in again": where sync says the source no longer accepts the sign-in, a button opens
 * this dialog — for a PRM, a new token (checked first); for Salesforce, the browser
 * sign-in again. Queued edits stay in the outbox and go out with the next sync, which
 * starts as soon as the new sign-in is accepted.
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useId, useState, type FormEvent } from 'react';
import { invoke } from '../api/client';
import { refreshSyncStatus } from '../api/syncStatus';
import { Modal } from '../components/Dialogs';
import { SecretWarning, sourceErrors } from './ConnectPrmForm';
import { ConnectSalesforceForm } from './ConnectSalesforceForm';
import { useReloadWorkspace, useWorkspace } from './session';

export function SignInAgainButton({ className = 'btn btn-small', description }: { className?: string; description?: string }) {
  const ws = useWorkspace();
  if (ws?.source.kind === 'salesforce') return <SalesforceSignInAgain className={className} description={description} />;
  return <TokenSignInAgain className={className} />;
}

/** A Salesforce workspace signs in again through the browser, as when it was connected. */
function SalesforceSignInAgain({ className, description }: { className: string; description?: string }) {
  const ws = useWorkspace();
  const reload = useReloadWorkspace();
  const [open, setOpen] = useState(false);
  if (!ws) return null;
  const host = ws.source.kind === 'salesforce' && ws.source.instanceUrl ? ws.source.instanceUrl.replace(/^https?:\/\//, '') : 'Salesforce';
  return (
    <Modal
      open={open}
      onOpenChange={setOpen}
      trigger={
        <button type="button" className={className} data-testid="sign-in-again">
          Sign in again
        </button>
      }
      title={`Sign in to ${ws.name} again`}
      description={
        description ??
        `Salesforce (${host}) no longer accepts the saved sign-in. Sign in with a user of the same org; edits waiting to sync are kept and sent once you are signed in.`
      }
      testId="sign-in-dialog"
      wide
      footer={null}
    >
      {open ? (
        <ConnectSalesforceForm
          workspace={ws}
          onConnected={() => {
            setOpen(false);
            refreshSyncStatus();
            reload();
          }}
          onCancel={() => setOpen(false)}
        />
      ) : null}
    </Modal>
  );
}

function TokenSignInAgain({ className }: { className: string }) {
  const ws = useWorkspace();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!ws || ws.source.kind !== 'protocol-v1') return null;
  const url = ws.source.url;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    invoke('workspaces.signIn', { id: ws.id, token }).then(
      () => {
        setBusy(false);
        setOpen(false);
        setToken('');
        refreshSyncStatus();
      },
      (err: unknown) => {
        setBusy(false);
        const e2 = sourceErrors(err);
        setError(e2.token ?? e2.url ?? e2.form ?? null);
      },
    );
  };

  return (
    <Modal
      open={open}
      onOpenChange={(o) => {
        if (busy) return;
        setOpen(o);
        setError(null);
      }}
      trigger={
        <button type="button" className={className} data-testid="sign-in-again">
          Sign in again
        </button>
      }
      title={`Sign in to ${ws.name} again`}
      description={`The PRM at ${url} no longer accepts the saved sign-in. Paste a new token; edits waiting to sync are kept and sent once it is accepted.`}
      testId="sign-in-dialog"
      footer={
        <>
          <Dialog.Close asChild>
            <button type="button" className="btn" disabled={busy}>
              Cancel
            </button>
          </Dialog.Close>
          <button type="submit" form={`${id}-form`} className="btn btn-primary" disabled={busy || !token.trim()} data-testid="sign-in-submit">
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="ws-connect" onSubmit={submit}>
        <div className={`ws-field${error ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-token`}>New token</label>
          <input
            id={`${id}-token`}
            className="input"
            type="password"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            autoComplete="off"
            autoFocus
            aria-invalid={!!error}
            data-testid="sign-in-token"
          />
          {error ? (
            <span className="ws-field-error" role="alert" data-testid="sign-in-error">
              {error}
            </span>
          ) : null}
        </div>
        <SecretWarning />
      </form>
    </Modal>
  );
}
