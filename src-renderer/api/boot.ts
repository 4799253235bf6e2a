/**
 * The start-up requests (api/boot-requests.ts, sent by the entry before the app's code
 * loaded) become the requests of the queries that would have sent them: when the gate
 * shows the workspace they were answered for, each becomes the request of the query a
 * page makes later.
 */
import type { IdentityView } from '../../src-shared/methods/identity';
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

/**
 * The open workspace, when its start-up answer arrived before the first render (the gate
 * then starts on it, with no loading step): taken once, like `takeBootWorkspace`.
 */
export function takeArrivedWorkspace(): { ws: WorkspaceInfo | null } | null {
  const arrived = pending?.settled.current;
  if (!arrived || !('value' in arrived)) return null;
  pending = null;
  return { ws: arrived.value };
}

let adopted = false;

/**
 * Called when the window first shows workspace `id` (its cache just cleared): the
 * start-up requests become the cached requests of their queries if they were answered for
 * that workspace, and the answers that have arrived their results. Once only.
 */
export function adoptBootRequests(id: string | null): void {
  if (adopted || !boot) return;
  adopted = true;
  const { settled } = boot;
  // Only answers given for the workspace shown belong to it.
  const answeredFor = settled.current && 'value' in settled.current ? (settled.current.value?.id ?? null) : undefined;
  if (id === null || answeredFor !== id) return;
  adoptQuery('workspaces.current', {}, boot.current, settled.current);
  adoptQuery('identity.get', {}, boot.identity, settled.identity);
  adoptQuery('display.get', {}, boot.display, settled.display);
  const head = boot.head;
  if (!head) return;
  // The first rows were asked for in the scope the identity gives.
  const adoptHead = (who: IdentityView) => adoptQuery('health.portfolio', { scope: shownScope(who), first: PORTFOLIO_HEAD, early: true }, head, boot.settled.head);
  if (settled.identity && 'value' in settled.identity) adoptHead(settled.identity.value);
  else boot.identity.then(adoptHead, () => undefined);
}
