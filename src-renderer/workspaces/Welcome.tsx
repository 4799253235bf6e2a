/**
 * The first start, with no workspace open: open the demo book, connect Salesforce or a
 * PRM, or import spreadsheets; nothing else is in the way.
 */
import { useState } from 'react';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { describeError, invoke } from '../api/client';
import { useQuery } from '../api/hooks';
import { NewSpreadsheetForm } from '../pages/import/NewSpreadsheetForm';
import { ConnectPrmForm } from './ConnectPrmForm';
import { ConnectSalesforceForm } from './ConnectSalesforceForm';
import { describeSource } from './session';
import './workspaces.css';

export function Welcome({ onOpened }: { onOpened: (ws: WorkspaceInfo) => void }) {
  const info = useQuery('app.info', {});
  const list = useQuery('workspaces.list', {});
  const [connecting, setConnecting] = useState(false);
  const [salesforce, setSalesforce] = useState(false);
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const demoAvailable = info.data?.demoAvailable ?? true;
  const existing = list.data?.workspaces ?? [];

  const run = (key: string, call: () => Promise<WorkspaceInfo>) => {
    setBusy(key);
    setError(null);
    call().then(
      (ws) => {
        setBusy(null);
        onOpened(ws);
      },
      (err: unknown) => {
        setBusy(null);
        setError(describeError(err));
      },
    );
  };

  return (
    <main className="welcome" data-testid="welcome">
      <div className="welcome-card">
        <div className="welcome-brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          <span>Partnerbook</span>
        </div>
        <h1 className="welcome-title">Where does your partner book come from?</h1>
        <p className="welcome-lede">Partnerbook keeps a copy on this computer and syncs it with its source, so it works offline.</p>

        <ul className="welcome-choices">
          <li className="welcome-choice">
            <div className="welcome-choice-text">
              <h2>Demo book</h2>
              <p>
                {demoAvailable
                  ? 'A generated partner book to try everything with, served by a demo PRM on this computer.'
                  : 'Only in a developer checkout of Partnerbook.'}
              </p>
            </div>
            <button
              type="button"
              className="btn btn-primary"
              disabled={!demoAvailable || busy !== null}
              onClick={() => run('demo', () => invoke('workspaces.create', { source: { kind: 'demo' } }))}
              data-testid="welcome-demo"
            >
              {busy === 'demo' ? 'Opening…' : 'Open the demo book'}
            </button>
          </li>
          <li className={`welcome-choice${salesforce ? ' is-open' : ''}`}>
            <div className="welcome-choice-text">
              <h2>Salesforce</h2>
              <p>Sign in with your Salesforce account; its partner accounts, opportunities and plans sync here.</p>
            </div>
            {salesforce ? (
              <div className="welcome-choice-form">
                <ConnectSalesforceForm autoFocus onConnected={onOpened} onCancel={() => setSalesforce(false)} />
              </div>
            ) : (
              <button type="button" className="btn" disabled={busy !== null} onClick={() => setSalesforce(true)} data-testid="welcome-salesforce">
                Connect Salesforce…
              </button>
            )}
          </li>
          <li className={`welcome-choice${connecting ? ' is-open' : ''}`}>
            <div className="welcome-choice-text">
              <h2>Your company’s PRM</h2>
              <p>Any PRM that speaks sync protocol v1: its address and a token.</p>
            </div>
            {connecting ? null : (
              <button type="button" className="btn" disabled={busy !== null} onClick={() => setConnecting(true)} data-testid="welcome-connect">
                Connect a PRM…
              </button>
            )}
            {connecting ? (
              <div className="welcome-choice-form">
                <ConnectPrmForm autoFocus onConnected={onOpened} onCancel={() => setConnecting(false)} />
              </div>
            ) : null}
          </li>
          <li className={`welcome-choice${importing ? ' is-open' : ''}`}>
            <div className="welcome-choice-text">
              <h2>Spreadsheets</h2>
              <p>Import a partner book from Excel or CSV files — an export of your CRM or PRM.</p>
            </div>
            {importing ? (
              <div className="welcome-choice-form">
                <NewSpreadsheetForm autoFocus onCreated={onOpened} onCancel={() => setImporting(false)} />
              </div>
            ) : (
              <button type="button" className="btn" disabled={busy !== null} onClick={() => setImporting(true)} data-testid="welcome-import">
                Import spreadsheets…
              </button>
            )}
          </li>
        </ul>

        {existing.length > 0 ? (
          <section className="welcome-existing" aria-label="Your workspaces">
            <h2>Or open one of your workspaces</h2>
            <ul>
              {existing.map((w) => (
                <li key={w.id}>
                  <button
                    type="button"
                    className="welcome-open"
                    disabled={busy !== null}
                    onClick={() => run(w.id, () => invoke('workspaces.switch', { id: w.id }))}
                    data-testid={`welcome-open-${w.id}`}
                  >
                    <span className="strong">{w.name}</span>
                    <span className="muted">{describeSource(w)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {error ? (
          <p className="ws-form-error" role="alert" data-testid="welcome-error">
            {error}
          </p>
        ) : null}
      </div>
    </main>
  );
}
