/**
 * Start-up requests sent at once, side by side, by the entry (main.tsx) before the app's
 * code has loaded: which workspace is open, who is signed in, how money reads and, when
 * the window opens on the Portfolio, the portfolio's first rows. They travel while the
 * browser loads and runs the app's code (app/start.tsx), so the answers are there when it
 * first renders (issue 17). Without them the portfolio (the largest answer the app reads)
 * was asked for only after two round trips (the workspace, then the identity that gives
 * its scope). The portfolio is asked for in the main process's default scope, which is
 * the scope the identity reports (`shownScope`). api/boot.ts hands them to the queries.
 *
 * Only the API client and the route are loaded before these go out: keep it that way.
 */
import type { MethodOutput } from '../../src-shared/api';
import type { IdentityView } from '../../src-shared/methods/identity';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { currentPath, DEFAULT_PATH } from '../app/router';
import { invoke } from './client';

/** How many of the Portfolio's first rows are sent ahead of the whole book: more than a tall window shows. */
export const PORTFOLIO_HEAD = 80;

export interface BootRequests {
  current: Promise<WorkspaceInfo | null>;
  /** The workspace `current` answered with, once it has. */
  answeredFor: string | null | undefined;
  identity: Promise<IdentityView>;
  display: Promise<MethodOutput<'display.get'>>;
  /** The Portfolio's first rows, when the window opens on it. */
  head: Promise<MethodOutput<'health.portfolio'>> | null;
}

let sent: BootRequests | null = null;

/** Sends the start-up requests (once, after `initClient`). */
export function sendBootRequests(): void {
  const path = currentPath();
  const onPortfolio = path === '/portfolio' || (path === '/' && DEFAULT_PATH === '/portfolio');
  const b: BootRequests = {
    current: invoke('workspaces.current', {}),
    answeredFor: undefined,
    identity: invoke('identity.get', {}),
    display: invoke('display.get', {}),
    // Only the first screenful of rows: the page asks for the whole book (2.5 MB on 5,000
    // partners) once those rows are on screen, so reading it does not hold them up.
    head: onPortfolio ? invoke('health.portfolio', { first: PORTFOLIO_HEAD }) : null,
  };
  b.current.then(
    (ws) => {
      b.answeredFor = ws?.id ?? null;
    },
    () => undefined,
  );
  // Failures reach the page that adopts them; unadopted ones are not reported as unhandled.
  for (const p of [b.identity, b.display, b.head]) p?.catch(() => undefined);
  sent = b;
}

/** The start-up requests, once (null after that, or if none were sent). */
export function takeBootRequests(): BootRequests | null {
  const b = sent;
  sent = null;
  return b;
}
