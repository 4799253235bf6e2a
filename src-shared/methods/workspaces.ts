/**
 * Workspaces (ARCHITECTURE §6): the books a user holds side by side — the demo book, a
 * PRM, and next an imported spreadsheet or Salesforce — each with its own replica, outbox,
 * settings and source. These methods work with or without an open workspace; every other
 * method acts on the workspace open at the time of the call.
 */
import { z } from 'zod';
import { method } from './define';

/** Source kinds; `spreadsheet` and `salesforce` arrive with the next issues. */
export const SOURCE_KINDS = ['demo', 'protocol-v1', 'spreadsheet', 'salesforce'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const AVAILABLE_SOURCE_KINDS = ['demo', 'protocol-v1', 'spreadsheet'] as const satisfies readonly SourceKind[];

export type WorkspaceSourceInfo =
  | { kind: 'demo'; seed: number; scale: 'small' | 'medium' | 'large' }
  | { kind: 'protocol-v1'; url: string }
  | { kind: 'spreadsheet' }
  | {
      kind: 'salesforce';
      instanceUrl?: string;
      /** Where the user signs in (production, sandbox, My Domain or a custom login URL). */
      loginUrl?: string;
      /** The External Client App's consumer key. */
      clientId?: string;
      /** The org the sign-in belongs to (from the Identity URL). */
      orgId?: string;
      /** The Salesforce username that signed in. */
      username?: string;
    };

export interface WorkspaceInfo {
  id: string;
  name: string;
  source: WorkspaceSourceInfo;
  /** Where its source answers now (a demo book's address changes at each start); null when not known yet. */
  url: string | null;
  active: boolean;
  /** Its folder (replica, demo store, exports). */
  folder: string;
  replica: string;
  createdAt: string;
  lastOpenedAt: string | null;
  /** A sign-in (token) is stored for it, or given in the environment. Always true for a demo book. */
  signedIn: boolean;
}

export interface WorkspaceList {
  workspaces: WorkspaceInfo[];
  /** The open workspace's id; null on the welcome screen. */
  active: string | null;
}

/** How sign-ins are kept on this machine, for the places a token is typed. */
export interface SecretStorageView {
  encrypted: boolean;
  /** One plain sentence when the storage is weak (e.g. no OS keychain); null when all is well. */
  warning: string | null;
}

const name = z.string().trim().min(1, 'give the workspace a name').max(60, 'keep the name under 60 characters');
const id = z.string().min(1).max(80);
const url = z
  .string()
  .trim()
  .min(1, 'enter the PRM address')
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'enter an http:// or https:// address');
const token = z.string().trim().min(1, 'enter the token').max(4096);

export const newWorkspaceSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo') }).strict(),
  z.object({ kind: z.literal('protocol-v1'), url, token }).strict(),
  /** An empty book that files are then imported into (`import.*`). */
  z.object({ kind: z.literal('spreadsheet') }).strict(),
]);
export type NewWorkspaceSource = z.infer<typeof newWorkspaceSourceSchema>;

export interface RemovedWorkspace {
  removed: string;
  /** The workspace open now (another one when the open one was removed); null: the welcome. */
  active: string | null;
}

export const workspaceMethods = {
  'workspaces.list': method<WorkspaceList>()(z.object({}).strict()),
  /** The open workspace; null when none is (the welcome screen). */
  'workspaces.current': method<WorkspaceInfo | null>()(z.object({}).strict()),
  /**
   * Adds a workspace. A PRM is checked first (its address answers the protocol and accepts
   * the token); it is opened right away unless `open` is false.
   */
  'workspaces.create': method<WorkspaceInfo>()(
    z.object({ name: name.optional(), source: newWorkspaceSourceSchema, open: z.boolean().default(true) }).strict(),
  ),
  /** Closes the open workspace (stopping a running sync at a safe point) and opens this one. */
  'workspaces.switch': method<WorkspaceInfo>()(z.object({ id }).strict()),
  'workspaces.rename': method<WorkspaceInfo>()(z.object({ id, name }).strict()),
  /**
   * Removes a workspace and its files. Refused while it syncs, and when it holds edits that
   * never reached its source unless `discardEdits` says the user agreed to lose them.
   */
  'workspaces.remove': method<RemovedWorkspace>()(z.object({ id, discardEdits: z.boolean().default(false) }).strict()),
  /** Replaces a PRM workspace's token after "Sign in again" (checked first); queued edits are kept and synced. */
  'workspaces.signIn': method<WorkspaceInfo>()(z.object({ id, token }).strict()),
};
