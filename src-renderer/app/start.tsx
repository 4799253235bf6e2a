/**
 * The app itself, loaded by the entry (main.tsx) once it has sent the start-up requests:
 * the gate that waits for the open workspace, and the shell with its pages.
 */
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { BOOT_WAIT_MS, bootAnswers } from '../api/boot-requests';
import { showArrivedWorkspace, WorkspaceGate } from '../workspaces/WorkspaceGate';
import { App } from './App';
import '../styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
// The start-up answers normally arrive while this code runs: waiting the little left for
// them draws the open page once, with its data, not a loading step first.
void bootAnswers(BOOT_WAIT_MS).then(() => {
  showArrivedWorkspace();
  const app = createRoot(root);
  // Rendered now, in this task: scheduled, the render could wait behind other tasks.
  flushSync(() =>
    app.render(
      <StrictMode>
        <WorkspaceGate>
          <App />
        </WorkspaceGate>
      </StrictMode>,
    ),
  );
});
