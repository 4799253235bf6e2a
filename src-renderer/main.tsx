import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { sendBootRequests } from './api/boot';
import { initClient } from './api/client';
import { App } from './app/App';
import { WorkspaceGate } from './workspaces/WorkspaceGate';
import './styles/app.css';

// Reads (and hides) the harness token before the router looks at the hash.
initClient();
// The workspace, identity, money display and (opening on it) the portfolio, all at once.
sendBootRequests();

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <WorkspaceGate>
      <App />
    </WorkspaceGate>
  </StrictMode>,
);
