/**
 * The start-up requests (api/boot-requests.ts, sent by the entry before the app's code
 * loaded) become the requests of the queries that would have sent them: when the gate
 * shows the workspace they were answered for, each becomes the request of the query a
 * page makes later.
 */
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { PORTFOLIO_HEAD, takeBootRequests, type BootRequests } from './boot-requests';
import { adoptQuery } from './hooks';
import { shownScope } from './identity';

const boot: BootRequests | null = takeBootRequests();
let pending = boot;

/** The start-up answer to `workspaces.current`, once (null after that: read it again). */
export function takeBootWorkspace(): Promise<WorkspaceInfo | null> | null {
  const current = pending?.current ?? null;
  pending = null;
  return current;
}

let adopted = false;

/**
 * Called when the window first shows workspace `id` (its cache just cleared): the
 * start-up requests become the cached requests of their queries if they were answered for
 * that workspace. Once only.
 */
export function adoptBootRequests(id: string | null): void {
  if (adopted || !boot) return;
  adopted = true;
  if (id === null || boot.answeredFor !== id) return;
  adoptQuery('workspaces.current', {}, boot.current);
  adoptQuery('identity.get', {}, boot.identity);
  adoptQuery('display.get', {}, boot.display);
  const head = boot.head;
  if (head) boot.identity.then((who) => adoptQuery('health.portfolio', { scope: shownScope(who), first: PORTFOLIO_HEAD }, head), () => undefined);
}
