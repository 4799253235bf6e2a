/**
 * Start-up requests sent at once, together, by the entry (main.tsx) before the app's
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
import { call, invokeTogether } from './client';

/** How many of the Portfolio's first rows are sent ahead of the whole book: more than a tall window shows. */
export const PORTFOLIO_HEAD = 80;

export interface BootRequests {
  current: Promise<WorkspaceInfo | null>;
  identity: Promise<IdentityView>;
  display: Promise<MethodOutput<'display.get'>>;
  /** The Portfolio's first rows, when the window opens on it. */
  head: Promise<MethodOutput<'health.portfolio'>> | null;
  /** The answers that have arrived so far, by request (a failure as `{ error }`). */
  settled: {
    current?: Settled<WorkspaceInfo | null>;
    identity?: Settled<IdentityView>;
    display?: Settled<MethodOutput<'display.get'>>;
    head?: Settled<MethodOutput<'health.portfolio'>>;
  };
}

/** An answer that has arrived: its value, or the error it failed with. */
export type Settled<T> = { value: T } | { error: unknown };

/**
 * How long the app waits for the start-up answers before its first render (app/start.tsx):
 * they normally arrive while its code runs, and a first render that has them draws the
 * open page once, with its data. A main process slow to answer (a big replica being
 * checked as it opens) gets the shell with its loading states instead.
 */
export const BOOT_WAIT_MS = 250;

let sent: BootRequests | null = null;

/** Sends the start-up requests (once, after `initClient`). */
export function sendBootRequests(): void {
  const path = currentPath();
  const onPortfolio = path === '/portfolio' || (path === '/' && DEFAULT_PATH === '/portfolio');
  const always = [call('workspaces.current', {}), call('identity.get', {}), call('display.get', {})] as const;
  // One request over the harness, each answer arriving as soon as it is ready (api/client.ts).
  const [current, identity, display, head] = onPortfolio
    ? // Only the first screenful of rows: the page asks for the whole book (2.5 MB on 5,000
      // partners) once those rows are on screen, so reading it does not hold them up.
      invokeTogether([...always, call('health.portfolio', { first: PORTFOLIO_HEAD, early: true })] as const)
    : [...invokeTogether(always), null];
  const b: BootRequests = { current, identity, display, head, settled: {} };
  // Failures reach the page that adopts them (kept, they are not reported as unhandled).
  const keep = <T,>(p: Promise<T> | null, put: (s: Settled<T>) => void) =>
    p?.then(
      (value) => put({ value }),
      (error: unknown) => put({ error }),
    );
  const all = [
    keep(b.current, (s) => (b.settled.current = s)),
    keep(b.identity, (s) => (b.settled.identity = s)),
    keep(b.display, (s) => (b.settled.display = s)),
    keep(b.head, (s) => (b.settled.head = s)),
  ];
  arrived = Promise.all(all).then(() => undefined);
  sent = b;
}

let arrived: Promise<void> = Promise.resolve();

/** Resolves once every start-up answer has arrived, or after `ms`, whichever comes first. */
export function bootAnswers(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void arrived.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The start-up requests, once (null after that, or if none were sent). */
export function takeBootRequests(): BootRequests | null {
  const b = sent;
  sent = null;
  return b;
}
