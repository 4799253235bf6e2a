import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initClient } from './api/client';
import { App } from './app/App';
import { WorkspaceGate } from './workspaces/WorkspaceGate';
import './styles/app.css';

// Reads (and hides) the harness token before the router looks at the hash.
initClient();

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <WorkspaceGate>
      <App />
    </WorkspaceGate>
  </StrictMode>,
);
