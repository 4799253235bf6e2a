/**
 * Start-up requests sent at once, side by side, before React renders: which workspace is
 * open, who is signed in, how money reads and, when the window opens on the Portfolio,
 * the portfolio's first rows. Without them the portfolio (the largest answer the app reads)
 * was asked for only after two round trips (the workspace, then the identity that gives
 * its scope). The portfolio is asked for in the main process's default scope, which is
 * the scope the identity reports (`shownScope`). When the gate shows the workspace they
 * were answered for, each becomes the request of the query a page makes later.
 */
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { DEFAULT_PATH } from '../app/pages';
import { currentPath } from '../app/router';
import { invoke } from './client';
import { adoptQuery } from './hooks';
import { shownScope } from './identity';

interface Boot {
  current: Promise<WorkspaceInfo | null>;
  /** The workspace `current` answered with, once it has. */
  answeredFor: string | null | undefined;
  adopt: () => void;
}

let boot: Boot | null = null;

/** How many of the Portfolio's first rows are sent ahead of the whole book: more than a tall window shows. */
export const PORTFOLIO_HEAD = 80;

/** Sends the start-up requests (once, after `initClient`). */
export function sendBootRequests(): void {
  const current = invoke('workspaces.current', {});
  const identity = invoke('identity.get', {});
  const display = invoke('display.get', {});
  const path = currentPath();
  const onPortfolio = path === '/portfolio' || (path === '/' && DEFAULT_PATH === '/portfolio');
  // Only the first screenful of rows: the page asks for the whole book (2.5 MB on 5,000
  // partners) once those rows are on screen, so reading it does not hold them up.
  const head = onPortfolio ? invoke('health.portfolio', { first: PORTFOLIO_HEAD }) : null;
  const b: Boot = {
    current,
    answeredFor: undefined,
    adopt: () => {
      adoptQuery('workspaces.current', {}, current);
      adoptQuery('identity.get', {}, identity);
      adoptQuery('display.get', {}, display);
      if (head) identity.then((who) => adoptQuery('health.portfolio', { scope: shownScope(who), first: PORTFOLIO_HEAD }, head), () => undefined);
    },
  };
  current.then(
    (ws) => {
      b.answeredFor = ws?.id ?? null;
    },
    () => undefined,
  );
  // Failures reach the page that adopts them; unadopted ones are not reported as unhandled.
  for (const p of [identity, display, head]) p?.catch(() => undefined);
  boot = b;
}

let taken = false;

/** The start-up answer to `workspaces.current`, once (null after that: read it again). */
export function takeBootWorkspace(): Promise<WorkspaceInfo | null> | null {
  if (taken || !boot) return null;
  taken = true;
  return boot.current;
}

/**
 * Called when the window first shows workspace `id` (its cache just cleared): the
 * start-up requests become the cached requests of their queries if they were answered for
 * that workspace. Once only.
 */
export function adoptBootRequests(id: string | null): void {
  const b = boot;
  boot = null;
  if (b && id !== null && b.answeredFor === id) b.adopt();
}
