/**
 * The workspace this window shows. Every API call carries its id (so a call made just as
 * another workspace opens is refused, never applied to the other book), and when
 * `workspace.changed` arrives the window starts over: cached results dropped, the sync
 * status re-read, the page tree remounted on the default page.
 */
import { createContext, useContext } from 'react';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { setShownWorkspace } from '../api/client';
import { clearQueries } from '../api/hooks';
import { resetSyncStatus } from '../api/syncStatus';

export const WorkspaceContext = createContext<WorkspaceInfo | null>(null);

/** Re-reads which workspace is open (after a switch, a rename, a removal made here). */
export const ReloadWorkspaceContext = createContext<() => void>(() => undefined);

export function useReloadWorkspace(): () => void {
  return useContext(ReloadWorkspaceContext);
}

/** The open workspace (inside the shell; null on the welcome). */
export function useWorkspace(): WorkspaceInfo | null {
  return useContext(WorkspaceContext);
}

/**
 * What the open book syncs with, as a sentence names it: "Salesforce" for a Salesforce
 * workspace, "the PRM" otherwise. `Name` starts a sentence ("Salesforce said", "The PRM said").
 */
export function useSourceName(): { name: string; Name: string } {
  const ws = useWorkspace();
  return ws?.source.kind === 'salesforce' ? { name: 'Salesforce', Name: 'Salesforce' } : { name: 'the PRM', Name: 'The PRM' };
}

/** Forgets everything that belonged to the workspace shown so far. */
export function startOver(id: string | null): void {
  setShownWorkspace(id);
  clearQueries();
  resetSyncStatus();
}

/** "Demo PRM on this computer · seed 42", "prm.acme.com", "Salesforce · jane@acme.com · acme.my.salesforce.com" — what a workspace's source is, in a few words. */
export function describeSource(ws: Pick<WorkspaceInfo, 'source'>): string {
  if (ws.source.kind === 'demo') return `Demo PRM on this computer · seed ${ws.source.seed}`;
  if (ws.source.kind === 'spreadsheet') return 'Imported from spreadsheet files';
  if (ws.source.kind === 'salesforce') {
    const host = ws.source.instanceUrl ? ws.source.instanceUrl.replace(/^https?:\/\//, '') : null;
    return ['Salesforce', ws.source.username, host].filter(Boolean).join(' · ');
  }
  try {
    return new URL(ws.source.url).host;
  } catch {
    return ws.source.url;
  }
}
