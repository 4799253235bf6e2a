/**
 * Connect a PRM (sync protocol v1): its address and a token, optionally a name. The main
 * side checks the PRM before saving anything; a wrong address or a refused token comes
 * back as one sentence under the field it is about.
 */
import { useId, useState, type FormEvent, type ReactElement } from 'react';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { ApiCallError, describeError, invoke } from '../api/client';
import { useQuery } from '../api/hooks';

type Field = 'name' | 'url' | 'token' | 'form';

/** Per-field messages from a failed create / sign-in (issues at `source.url`, `url`, `token` …). */
export function sourceErrors(err: unknown): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const issues = err instanceof ApiCallError ? err.issues : [];
  for (const i of issues) {
    const field = i.path.replace(/^source\./, '');
    if (field === 'url' || field === 'token' || field === 'name') out[field] = i.message.replace(/^\w/, (c) => c.toUpperCase());
  }
  if (!Object.keys(out).length) out.form = describeError(err);
  return out;
}

/** The warning shown where a token is typed when this machine stores sign-ins weakly. */
export function SecretWarning() {
  const info = useQuery('app.info', {});
  const warning = info.data?.secrets.warning;
  return warning ? (
    <p className="ws-secret-warning" role="note" data-testid="secret-warning">
      {warning}
    </p>
  ) : null;
}

export function ConnectPrmForm({
  withName,
  onConnected,
  onCancel,
  autoFocus,
}: {
  withName?: boolean;
  onConnected: (ws: WorkspaceInfo) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const input = { source: { kind: 'protocol-v1' as const, url, token }, ...(withName && name.trim() ? { name } : {}) };
    invoke('workspaces.create', input).then(
      (ws) => {
        setBusy(false);
        onConnected(ws);
      },
      (err: unknown) => {
        setBusy(false);
        setErrors(sourceErrors(err));
      },
    );
  };

  const field = (key: 'name' | 'url' | 'token', label: string, input: ReactElement, hint?: string) => (
    <div className={`ws-field${errors[key] ? ' has-error' : ''}`}>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {input}
      {errors[key] ? (
        <span className="ws-field-error" id={`${id}-${key}-error`} role="alert" data-testid={`connect-${key}-error`}>
          {errors[key]}
        </span>
      ) : hint ? (
        <span className="ws-field-hint">{hint}</span>
      ) : null}
    </div>
  );

  return (
    <form className="ws-connect" onSubmit={submit} data-testid="connect-prm-form" noValidate>
      {withName
        ? field(
            'name',
            'Name (optional)',
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Named after the PRM when left empty"
              maxLength={60}
              data-testid="connect-name"
            />,
          )
        : null}
      {field(
        'url',
        'PRM address',
        <input
          id={`${id}-url`}
          className="input"
          type="url"
          inputMode="url"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          placeholder="https://prm.example.com"
          autoFocus={autoFocus}
          aria-invalid={!!errors.url}
          aria-describedby={errors.url ? `${id}-url-error` : undefined}
          autoComplete="url"
          data-testid="connect-url"
        />,
        'It must speak sync protocol v1.',
      )}
      {field(
        'token',
        'Token',
        <input
          id={`${id}-token`}
          className="input"
          type="password"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-invalid={!!errors.token}
          aria-describedby={errors.token ? `${id}-token-error` : undefined}
          autoComplete="off"
          data-testid="connect-token"
        />,
        'From your PRM admin. Stored apart from the book, readable only by your account.',
      )}
      <SecretWarning />
      {errors.form ? (
        <p className="ws-form-error" role="alert" data-testid="connect-error">
          {errors.form}
        </p>
      ) : null}
      <div className="ws-connect-actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="connect-submit">
          {busy ? 'Checking the PRM…' : 'Connect'}
        </button>
      </div>
    </form>
  );
}
