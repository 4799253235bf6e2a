/**
 * Connect Salesforce (or sign a Salesforce workspace in again): the login host —
 * Production, Sandbox or My Domain, and under "Advanced" a custom login URL (a fake org
 * while developing) — and the External Client App's consumer key. "Sign in with
 * Salesforce" starts the browser sign-in in the main process: the desktop app opens the
 * system browser itself, the browser harness opens a new tab here. While it waits, Cancel
 * stops it; when Salesforce sends the user back the main process creates (or updates) the
 * workspace, opens it and starts the first sync.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { loginChoiceOf, type SalesforceLoginChoice, type SalesforceSignInState } from '../../src-shared/methods/salesforce';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { ApiCallError, describeError, invoke } from '../api/client';
import { useQuery } from '../api/hooks';
import { SecretWarning } from './ConnectPrmForm';
import './salesforce.css';

type HostKind = SalesforceLoginChoice['kind'];
type Field = 'name' | 'domain' | 'url' | 'clientId' | 'form';

const POLL_MS = 700;

function fieldErrors(err: unknown): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const issues = err instanceof ApiCallError ? err.issues : [];
  for (const i of issues) {
    const key = i.path === 'login.domain' ? 'domain' : i.path === 'login.url' ? 'url' : i.path === 'clientId' ? 'clientId' : i.path === 'name' ? 'name' : null;
    if (key) out[key] = i.message.replace(/^\w/, (c) => c.toUpperCase());
  }
  if (!Object.keys(out).length) out.form = describeError(err);
  return out;
}

interface Props {
  withName?: boolean;
  /** Signing this Salesforce workspace in again (prefilled from it) instead of adding one. */
  workspace?: WorkspaceInfo;
  onConnected: (ws: WorkspaceInfo) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

type Initial = { clientId: string | null; login: SalesforceLoginChoice };

export function ConnectSalesforceForm(props: Props) {
  const defaults = useQuery('salesforce.signInDefaults', {}, { enabled: !props.workspace });
  // Prefilled with the workspace's own settings, or the last consumer key and host used.
  const source = props.workspace?.source.kind === 'salesforce' ? props.workspace.source : null;
  const initial: Initial | undefined = source ? { clientId: source.clientId ?? null, login: loginChoiceOf(source.loginUrl) } : defaults.data;
  if (!initial) return defaults.error ? <SalesforceForm {...props} initial={{ clientId: null, login: { kind: 'production' } }} /> : null;
  return <SalesforceForm {...props} initial={initial} />;
}

function SalesforceForm({ withName, workspace, onConnected, onCancel, autoFocus, initial }: Props & { initial: Initial }) {
  const id = useId();
  const [host, setHost] = useState<HostKind>(initial.login.kind);
  const [domain, setDomain] = useState(initial.login.kind === 'myDomain' ? initial.login.domain : '');
  const [url, setUrl] = useState(initial.login.kind === 'custom' ? initial.login.url : '');
  const [clientId, setClientId] = useState(initial.clientId ?? '');
  const [name, setName] = useState('');
  const [advanced, setAdvanced] = useState(initial.login.kind === 'custom');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [starting, setStarting] = useState(false);
  const [wait, setWait] = useState<{ attempt: string; authorizeUrl: string; opened: boolean; finishing: boolean } | null>(null);
  /** A field's error goes once the user changes it. */
  const fix = (field: Field) => setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));

  // The latest callback, so a parent's re-render does not restart (and so cancel) the wait below.
  const connected = useRef(onConnected);
  useEffect(() => {
    connected.current = onConnected;
  }, [onConnected]);

  // While waiting: ask how far the sign-in got.
  const attempt = wait?.attempt ?? null;
  useEffect(() => {
    if (!attempt) return;
    let stopped = false;
    const tick = () => {
      invoke('salesforce.signInStatus', { attempt }).then(
        (s: SalesforceSignInState) => {
          if (stopped) return;
          if (s.state === 'done') {
            stopped = true;
            setWait(null);
            connected.current(s.workspace);
          } else if (s.state === 'failed' || s.state === 'cancelled') {
            stopped = true;
            setWait(null);
            if (s.state === 'failed') setErrors({ form: s.message });
          } else {
            setWait((w) => (w && w.attempt === attempt ? { ...w, finishing: s.state === 'finishing' } : w));
          }
        },
        (err: unknown) => {
          if (stopped) return;
          stopped = true;
          setWait(null);
          setErrors({ form: describeError(err) });
        },
      );
    };
    const timer = window.setInterval(tick, POLL_MS);
    return () => {
      window.clearInterval(timer);
      // Leaving the form while it still waits (the dialog closed, Cancel) stops the sign-in.
      if (!stopped) void invoke('salesforce.signInCancel', { attempt }).catch(() => undefined);
      stopped = true;
    };
  }, [attempt]);

  const login = (): SalesforceLoginChoice =>
    host === 'myDomain' ? { kind: 'myDomain', domain } : host === 'custom' ? { kind: 'custom', url } : { kind: host };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStarting(true);
    setErrors({});
    const input = {
      login: login(),
      clientId,
      ...(workspace ? { workspaceId: workspace.id } : {}),
      ...(withName && !workspace && name.trim() ? { name } : {}),
    };
    invoke('salesforce.signInStart', input).then(
      (started) => {
        setStarting(false);
        // The desktop app opened the system browser; here (the browser harness) a new tab does.
        if (!started.opened) window.open(started.authorizeUrl, '_blank', 'noopener');
        setWait({ ...started, finishing: false });
      },
      (err: unknown) => {
        setStarting(false);
        setErrors(fieldErrors(err));
      },
    );
  };

  const cancelWait = () => {
    if (!wait) return;
    const { attempt: a } = wait;
    invoke('salesforce.signInCancel', { attempt: a }).then(
      (r) => {
        // Too late to cancel: it finished meanwhile, and the next status says how.
        if (r.cancelled) setWait(null);
      },
      () => setWait(null),
    );
  };

  if (wait) {
    return (
      <div className="sf-wait" role="status" data-testid="sf-waiting">
        <span className="sf-wait-spinner" aria-hidden="true" />
        <div className="sf-wait-text">
          <p className="sf-wait-title">{wait.finishing ? 'Signed in — setting up the workspace…' : 'Waiting for you to sign in to Salesforce…'}</p>
          <p className="sf-wait-sub">
            {wait.finishing
              ? 'Reading who signed in, then the first sync starts.'
              : wait.opened
                ? 'Your web browser opened Salesforce’s sign-in page. Sign in and allow Partnerbook, then come back here.'
                : 'Salesforce’s sign-in page opened in a new tab. Sign in and allow Partnerbook, then come back here.'}
          </p>
          {!wait.opened && !wait.finishing ? (
            <a className="sf-wait-link" href={wait.authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="sf-open-again">
              Open the sign-in page again
            </a>
          ) : null}
        </div>
        <button type="button" className="btn" onClick={cancelWait} data-testid="sf-cancel-wait">
          Cancel
        </button>
      </div>
    );
  }

  const hostChoice = (k: Exclude<HostKind, 'custom'>, label: string) => (
    <label className={`ws-kind${host === k ? ' is-selected' : ''}`}>
      <input
        type="radio"
        name={`${id}-host`}
        checked={host === k}
        onChange={() => {
          setHost(k);
          // Picking a host replaces a custom login URL (it would not be used).
          setUrl('');
          fix('url');
        }}
        data-testid={`sf-host-${k}`}
      />
      <span>{label}</span>
    </label>
  );

  return (
    <form className="ws-connect sf-connect" onSubmit={submit} data-testid="connect-salesforce-form" noValidate>
      {withName && !workspace ? (
        <div className={`ws-field${errors.name ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-name`}>Name (optional)</label>
          <input id={`${id}-name`} className="input" value={name} onChange={(e) => {
              setName(e.target.value);
              fix('name');
            }} placeholder="Named after the org when left empty" maxLength={60} data-testid="sf-name" />
          {errors.name ? <span className="ws-field-error" role="alert">{errors.name}</span> : null}
        </div>
      ) : null}
      <fieldset className="ws-field sf-hosts">
        <legend>Sign in at</legend>
        <div className="ws-kinds sf-host-choices">
          {hostChoice('production', 'Production')}
          {hostChoice('sandbox', 'Sandbox')}
          {hostChoice('myDomain', 'My Domain')}
          {host === 'custom' ? (
            <label className="ws-kind is-selected">
              <input type="radio" name={`${id}-host`} checked readOnly />
              <span>Custom login URL</span>
            </label>
          ) : null}
        </div>
        <span className="ws-field-hint">
          {host === 'production'
            ? 'login.salesforce.com'
            : host === 'sandbox'
              ? 'test.salesforce.com'
              : host === 'myDomain'
                ? 'Your company’s own Salesforce address (recommended when it has one).'
                : 'The address under Advanced.'}
        </span>
      </fieldset>
      {host === 'myDomain' ? (
        <div className={`ws-field${errors.domain ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-domain`}>My Domain</label>
          <div className="sf-domain">
            <input
              id={`${id}-domain`}
              className="input"
              value={domain}
              onChange={(e) => {
                setDomain(e.target.value);
                fix('domain');
              }}
              placeholder="acme"
              aria-invalid={!!errors.domain}
              autoComplete="off"
              spellCheck={false}
              data-testid="sf-domain"
            />
            <span className="sf-domain-suffix">.my.salesforce.com</span>
          </div>
          {errors.domain ? (
            <span className="ws-field-error" role="alert" data-testid="sf-domain-error">
              {errors.domain}
            </span>
          ) : null}
        </div>
      ) : null}
      <div className={`ws-field${errors.clientId ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-client`}>Consumer key</label>
        <input
          id={`${id}-client`}
          className="input"
          value={clientId}
          onChange={(e) => {
            setClientId(e.target.value);
            fix('clientId');
          }}
          autoFocus={autoFocus}
          aria-invalid={!!errors.clientId}
          autoComplete="off"
          spellCheck={false}
          data-testid="sf-client-id"
        />
        {errors.clientId ? (
          <span className="ws-field-error" role="alert" data-testid="sf-client-id-error">
            {errors.clientId}
          </span>
        ) : (
          <span className="ws-field-hint">
            The Partnerbook External Client App’s consumer key — from your Salesforce admin, see resources/salesforce/README.md.
          </span>
        )}
      </div>
      <details className="sf-advanced" open={advanced} onToggle={(e) => setAdvanced(e.currentTarget.open)}>
        <summary data-testid="sf-advanced">Advanced</summary>
        <div className={`ws-field${errors.url ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-url`}>Custom login URL</label>
          <input
            id={`${id}-url`}
            className="input"
            type="url"
            inputMode="url"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              fix('url');
              if (e.target.value.trim()) setHost('custom');
              else if (host === 'custom') setHost('production');
            }}
            placeholder="https://acme.my.site.com/partners"
            aria-invalid={!!errors.url}
            autoComplete="off"
            data-testid="sf-login-url"
          />
          {errors.url ? (
            <span className="ws-field-error" role="alert" data-testid="sf-login-url-error">
              {errors.url}
            </span>
          ) : (
            <span className="ws-field-hint">Sign in at this address instead: an Experience Cloud login, or a test org on this computer (http://127.0.0.1:…).</span>
          )}
        </div>
      </details>
      <SecretWarning />
      {errors.form ? (
        <p className="ws-form-error" role="alert" data-testid="sf-error">
          {errors.form}
        </p>
      ) : null}
      <div className="ws-connect-actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel} disabled={starting}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={starting} data-testid="sf-submit">
          {starting ? 'Opening Salesforce…' : 'Sign in with Salesforce'}
        </button>
      </div>
    </form>
  );
}
