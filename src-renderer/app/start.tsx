/**
 * The app itself, loaded by the entry (main.tsx) once it has sent the start-up requests:
 * the gate that waits for the open workspace, and the shell with its pages.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WorkspaceGate } from '../workspaces/WorkspaceGate';
import { App } from './App';
import '../styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <WorkspaceGate>
      <App />
    </WorkspaceGate>
  </StrictMode>,
);
