/**
 * The source of a Salesforce workspace: the connector with the stored session, renewed
 * with the refresh token when Salesforce says it expired (`refreshingSession`, whose
 * rotation writes the whole new session to the secret store at once). A refused refresh is
 * `unauthorized`, which the sync service turns into "Sign in again".
 */
import { SourceError, type SourceConnector } from '../sources/contract';
import { PRODUCTION_LOGIN_URL, refreshingSession } from '../sources/salesforce/oauth';
import { salesforceConnector } from '../sources/salesforce/source';
import { failingConnector } from './failing-connector';
import type { WorkspaceSource } from './registry';
import { readSalesforceSignIn, secretTokenStore, type StoredSalesforceSignIn } from './salesforce-tokens';
import { SecretUnavailableError, type SecretStore } from './secrets';

type SalesforceSource = Extract<WorkspaceSource, { kind: 'salesforce' }>;

export const NO_SALESFORCE_SIGN_IN = 'No Salesforce sign-in is stored for this workspace. Sign in again.';

export function salesforceWorkspaceConnector(secrets: SecretStore, workspaceId: string, src: SalesforceSource): SourceConnector {
  const label = src.instanceUrl ?? 'Salesforce';
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
    return salesforceConnector({ instanceUrl: src.instanceUrl, accessToken: stored.accessToken });
  }
  const { tokens } = stored;
  if (!tokens.refreshToken || !src.clientId) {
    return salesforceConnector({ instanceUrl: tokens.instanceUrl, accessToken: tokens.accessToken });
  }
  const session = refreshingSession(secretTokenStore(secrets, workspaceId), { loginUrl: src.loginUrl ?? PRODUCTION_LOGIN_URL, clientId: src.clientId });
  return salesforceConnector({
    instanceUrl: tokens.instanceUrl,
    accessToken: tokens.accessToken,
    refresh: async () => {
      await session.refresh();
      return session.accessToken();
    },
  });
}
