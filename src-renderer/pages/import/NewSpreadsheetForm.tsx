/**
 * "Import spreadsheets" on the welcome and in "Add workspace…": a name, then a new
 * spreadsheet workspace (an empty book) opens on the Import page.
 */
import { useId, useState, type FormEvent } from 'react';
import type { WorkspaceInfo } from '../../../src-shared/methods/workspaces';
import { fieldErrors, invoke } from '../../api/client';
import { startNextWorkspaceOn } from '../../workspaces/WorkspaceGate';

export function NewSpreadsheetForm({
  onCreated,
  onCancel,
  autoFocus,
}: {
  onCreated: (ws: WorkspaceInfo) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [name, setName] = useState('Imported book');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    // Set before the call: the workspace may open (workspace.changed) before the call answers.
    startNextWorkspaceOn('/import');
    invoke('workspaces.create', { name: name.trim() || 'Imported book', source: { kind: 'spreadsheet' }, open: true }).then(
      (ws) => {
        setBusy(false);
        onCreated(ws);
      },
      (err: unknown) => {
        startNextWorkspaceOn(null);
        setBusy(false);
        setErrors(fieldErrors(err, 'form'));
      },
    );
  };

  const nameError = errors.name ?? errors.form;
  return (
    <form className="ws-connect" onSubmit={submit} noValidate data-testid="new-spreadsheet-form">
      <div className={`ws-field${nameError ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-name`}>Name of the workspace</label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={60}
          autoFocus={autoFocus}
          aria-invalid={!!nameError}
          aria-describedby={nameError ? `${id}-error` : `${id}-hint`}
          data-testid="new-spreadsheet-name"
        />
        {nameError ? (
          <span className="ws-field-error" id={`${id}-error`} role="alert" data-testid="new-spreadsheet-error">
            {nameError}
          </span>
        ) : (
          <span className="ws-field-hint" id={`${id}-hint`}>
            An empty book on this computer; you choose the files next. Its edits stay here.
          </span>
        )}
      </div>
      <div className="ws-connect-actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="new-spreadsheet-submit">
          {busy ? 'Creating…' : 'Create and choose files'}
        </button>
      </div>
    </form>
  );
}
