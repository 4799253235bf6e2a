/**
 * The source of a Salesforce workspace: the connector with the stored session, renewed
 * with the refresh token when Salesforce says it expired (`refreshingSession`, whose
 * rotation writes the whole new session to the secret store at once). A refused refresh is
 * `unauthorized`, which the sync service turns into "Sign in again". The workspace's pull
 * mapping (registry) goes to the connector, and so do the replica's ids for the periodic
 * id reconciliation (`replicaRows`, reconcile.ts), so it runs in the app and the CLI alike.
 */
import type { EntityName } from '../../src-shared/domain/entities';
import type { Db } from '../db/connection';
import { SourceError, type SourceConnector } from '../sources/contract';
import { PRODUCTION_LOGIN_URL, refreshingSession } from '../sources/salesforce/oauth';
import { salesforceConnector, type SalesforceTarget } from '../sources/salesforce/source';
import { failingConnector } from './failing-connector';
import type { WorkspaceSource } from './registry';
import { readSalesforceSignIn, secretTokenStore, type StoredSalesforceSignIn } from './salesforce-tokens';
import { SecretUnavailableError, type SecretStore } from './secrets';

type SalesforceSource = Extract<WorkspaceSource, { kind: 'salesforce' }>;

export const NO_SALESFORCE_SIGN_IN = 'No Salesforce sign-in is stored for this workspace. Sign in again.';

/** The ids and versions of an entity's records in a replica (for `SalesforceTarget.replicaRows`). */
export function replicaRowsOf(db: Db): (entity: EntityName) => Iterable<{ id: string; version: number }> {
  return (entity) => db.sqlite.prepare(`SELECT id, version FROM "${entity}"`).iterate() as Iterable<{ id: string; version: number }>;
}

/** What the workspace adds to the stored session: its replica's ids (null: no reconciliation). */
export interface WorkspaceConnectorOptions {
  db: Db | null;
}

export function salesforceWorkspaceConnector(secrets: SecretStore, workspaceId: string, src: SalesforceSource, opts: WorkspaceConnectorOptions): SourceConnector {
  const label = src.instanceUrl ?? 'Salesforce';
  const extra: Pick<SalesforceTarget, 'mapping' | 'replicaRows'> = {
    ...(src.mapping ? { mapping: src.mapping } : {}),
    ...(opts.db ? { replicaRows: replicaRowsOf(opts.db) } : {}),
  };
  let stored: StoredSalesforceSignIn;
  try {
    stored = readSalesforceSignIn(secrets, workspaceId);
  } catch (err) {
    if (err instanceof SecretUnavailableError) return failingConnector('salesforce', label, new SourceError('unauthorized', err.message));
    throw err;
  }
  if (stored === null) return failingConnector('salesforce', label, new SourceError('unauthorized', NO_SALESFORCE_SIGN_IN));
  if (stored.kind === 'access-token') {
    // A bare access token (environment variable, a script): used as it is, no renewal.
    if (!src.instanceUrl) return failingConnector('salesforce', label, new SourceError('unauthorized', NO_SALESFORCE_SIGN_IN));
    return salesforceConnector({ instanceUrl: src.instanceUrl, accessToken: stored.accessToken, ...extra });
  }
  const { tokens } = stored;
  if (!tokens.refreshToken || !src.clientId) {
    return salesforceConnector({ instanceUrl: tokens.instanceUrl, accessToken: tokens.accessToken, ...extra });
  }
  const session = refreshingSession(secretTokenStore(secrets, workspaceId), { loginUrl: src.loginUrl ?? PRODUCTION_LOGIN_URL, clientId: src.clientId });
  return salesforceConnector({
    instanceUrl: tokens.instanceUrl,
    accessToken: tokens.accessToken,
    ...extra,
    refresh: async () => {
      await session.refresh();
      return session.accessToken();
    },
  });
}
