/**
 * Connecting a Salesforce org (issue 13): sign-in through the browser with PKCE and a
 * loopback redirect. `salesforce.signInStart` starts listening on this computer and
 * returns the authorize URL (the desktop app has already opened it in the system browser;
 * the browser harness opens it in a new tab); `salesforce.signInStatus` says how far the
 * sign-in got, and once Salesforce sends the user back the main process creates the
 * workspace (or, for "Sign in again", replaces its sign-in), opens it and starts the first
 * sync. `salesforce.signInCancel` stops it at any step before the workspace exists.
 * These methods work with or without an open workspace.
 */
import { z } from 'zod';
import { method } from './define';
import type { WorkspaceInfo } from './workspaces';

/** Where the user signs in. `custom`: any https login URL, or http on this computer (a fake org for development). */
export type SalesforceLoginChoice =
  | { kind: 'production' }
  | { kind: 'sandbox' }
  | { kind: 'myDomain'; domain: string }
  | { kind: 'custom'; url: string };

export interface SalesforceSignInStarted {
  attempt: string;
  /** Salesforce's authorize page for this sign-in. */
  authorizeUrl: string;
  /** The main process opened it in the system browser (the desktop app); false: the window opens it (the harness). */
  opened: boolean;
}

export type SalesforceSignInState =
  /** Waiting for the user to sign in in the browser. */
  | { state: 'waiting' }
  /** Salesforce sent the user back; signing in and setting up the workspace. */
  | { state: 'finishing' }
  | { state: 'done'; workspace: WorkspaceInfo; username: string | null }
  /** Refused, timed out or failed: one plain sentence. */
  | { state: 'failed'; message: string }
  | { state: 'cancelled' };

export interface SalesforceSignInDefaults {
  /** The consumer key used last (of the most recent Salesforce workspace or sign-in); null: none yet. */
  clientId: string | null;
  login: SalesforceLoginChoice;
}

export const PRODUCTION_LOGIN = 'https://login.salesforce.com';
export const SANDBOX_LOGIN = 'https://test.salesforce.com';

/** The form's choice for a stored login URL ("acme" for acme.my.salesforce.com; the whole host for a sandbox My Domain). */
export function loginChoiceOf(loginUrl: string | undefined | null): SalesforceLoginChoice {
  if (!loginUrl || loginUrl === PRODUCTION_LOGIN) return { kind: 'production' };
  if (loginUrl === SANDBOX_LOGIN) return { kind: 'sandbox' };
  const m = /^https:\/\/(([a-z0-9-]+)(\.[a-z]+)?\.my\.salesforce\.com)$/.exec(loginUrl);
  if (m) return { kind: 'myDomain', domain: m[3] ? m[1]! : m[2]! };
  return { kind: 'custom', url: loginUrl };
}

const loginChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('production') }).strict(),
  z.object({ kind: z.literal('sandbox') }).strict(),
  z.object({ kind: z.literal('myDomain'), domain: z.string().trim().min(1, 'enter your My Domain, for example "acme"').max(200) }).strict(),
  z
    .object({
      kind: z.literal('custom'),
      url: z
        .string()
        .trim()
        .min(1, 'enter the login URL')
        .max(500)
        .refine((u) => /^https:\/\/[^\s]+$/i.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/[^\s]*)?$/i.test(u), 'use an https:// address (http only for 127.0.0.1 or localhost)'),
    })
    .strict(),
]);

const attempt = z.string().min(1).max(100);

export const salesforceMethods = {
  /** The login host and consumer key to prefill the form with. */
  'salesforce.signInDefaults': method<SalesforceSignInDefaults>()(z.object({}).strict()),
  /**
   * Starts a browser sign-in. Without `workspaceId` it connects a new workspace (named
   * `name`, or after the org); with it, it signs that Salesforce workspace in again. A
   * sign-in still running is cancelled first.
   */
  'salesforce.signInStart': method<SalesforceSignInStarted>()(
    z
      .object({
        login: loginChoice,
        clientId: z.string().trim().min(1, 'enter the consumer key of your External Client App').max(300),
        name: z.string().trim().min(1).max(60, 'keep the name under 60 characters').optional(),
        workspaceId: z.string().min(1).max(80).optional(),
      })
      .strict(),
  ),
  'salesforce.signInStatus': method<SalesforceSignInState>()(z.object({ attempt }).strict()),
  /** Stops a sign-in; `cancelled` is false when it had already finished (or failed). */
  'salesforce.signInCancel': method<{ cancelled: boolean }>()(z.object({ attempt }).strict()),
};
