/**
 * The entry: sends the start-up requests first (api/boot-requests.ts), then loads the app
 * (app/start.tsx), whose code the page already fetches beside this file (the
 * `modulepreload` links electron.vite.config.ts adds). The answers travel while that code
 * is parsed and run, instead of after it (issue 17).
 */
import { sendBootRequests } from './api/boot-requests';
import { initClient, openEvents } from './api/client';

// Reads (and hides) the harness token before the router looks at the hash.
initClient();
// The workspace, identity, money display and (opening on it) the portfolio, all at once.
sendBootRequests();
// Changes made from now on reach the window, even before its first screen is drawn.
openEvents();

import('./app/start').catch((err: unknown) => {
  const root = document.getElementById('root');
  if (root) root.textContent = `Partnerbook could not load its code (${err instanceof Error ? err.message : String(err)}). Reload the window to try again.`;
});
