/**
 * A Salesforce workspace's sign-in in the secret store (ARCHITECTURE §6): the whole session
 * (access token, refresh token, instance and identity URL) is one JSON value under the
 * workspace's token key, so a rotated refresh token replaces the old one in a single
 * secret write — there is never a moment where the store holds the new access token with
 * a spent refresh token. A bare value (`PARTNERBOOK_TOKEN_<ID>`, an access token given to
 * a script) is an access token without a refresh token.
 */
import { z } from 'zod';
import type { SalesforceTokens, TokenStore } from '../sources/salesforce/oauth';
import { tokenKey, type SecretStore } from './secrets';

const storedSchema = z.object({
  v: z.literal(1),
  salesforce: z.object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).nullable(),
    instanceUrl: z.string().min(1),
    idUrl: z.string().min(1),
    issuedAt: z.number(),
  }),
});

/** What the secret holds: a whole session, a bare access token, or nothing. */
export type StoredSalesforceSignIn = { kind: 'session'; tokens: SalesforceTokens } | { kind: 'access-token'; accessToken: string } | null;

export function encodeSalesforceTokens(tokens: SalesforceTokens): string {
  const value: z.infer<typeof storedSchema> = {
    v: 1,
    salesforce: {
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      instanceUrl: tokens.instanceUrl,
      idUrl: tokens.idUrl,
      issuedAt: tokens.issuedAt,
    },
  };
  return JSON.stringify(value);
}

export function decodeSalesforceSecret(raw: string | null): StoredSalesforceSignIn {
  if (raw === null || raw === '') return null;
  if (raw.startsWith('{')) {
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return { kind: 'session', tokens: parsed.data.salesforce };
    } catch {
      // not JSON: an access token that happens to start with a brace
    }
  }
  return { kind: 'access-token', accessToken: raw };
}

export function readSalesforceSignIn(secrets: SecretStore, workspaceId: string): StoredSalesforceSignIn {
  return decodeSalesforceSecret(secrets.get(tokenKey(workspaceId)));
}

/** Stores a whole session in one write (sign-in, sign in again, a refresh that rotated). */
export function writeSalesforceSignIn(secrets: SecretStore, workspaceId: string, tokens: SalesforceTokens): void {
  secrets.set(tokenKey(workspaceId), encodeSalesforceTokens(tokens));
}

/** The `TokenStore` a refreshing session reads and rotates, over the workspace's secret. */
export function secretTokenStore(secrets: SecretStore, workspaceId: string): TokenStore {
  return {
    get() {
      const stored = readSalesforceSignIn(secrets, workspaceId);
      return stored?.kind === 'session' ? stored.tokens : null;
    },
    set(tokens) {
      writeSalesforceSignIn(secrets, workspaceId, tokens);
    },
  };
}
