/** Where a harness keeps its open workspace: the replica file, and its source's address and token. */
import { WorkspaceRegistry } from '../../src-main/workspaces/registry';
import { dataRootSecrets, tokenKey } from '../../src-main/workspaces/secrets';
import { invokeHarness } from './harness';

/** The data root's active workspace and its replica file. */
export function activeWorkspace(dataDir: string): { id: string; replica: string } {
  const registry = new WorkspaceRegistry(dataDir);
  const id = registry.activeId();
  const entry = id ? registry.get(id) : null;
  if (!entry) throw new Error(`no workspace is active in ${dataDir}`);
  return { id: entry.id, replica: registry.replicaPath(entry) };
}

/** The open workspace's PRM (a demo book's address changes at each start): URL from app.info, token from the secret store. */
export async function harnessSource(h: { base: string; token: string; dataDir: string }): Promise<{ url: string; token: string }> {
  const info = await invokeHarness<{ workspace: { id: string } | null; prm: { url: string } | null }>(h, 'app.info');
  if (!info.workspace || !info.prm) throw new Error('the harness has no workspace with a known source open');
  const token = dataRootSecrets(h.dataDir).get(tokenKey(info.workspace.id));
  if (!token) throw new Error(`no token stored for workspace ${info.workspace.id}`);
  return { url: info.prm.url, token };
}
