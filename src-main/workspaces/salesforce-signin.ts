/**
 * "Connect Salesforce" and "Sign in again" for a Salesforce workspace: the web-server flow
 * with PKCE through the browser and a loopback redirect (`loopbackSignIn`). `start` listens
 * on this computer and hands back the authorize URL (the desktop shell opens it in the
 * system browser; the harness's window opens it); when Salesforce sends the user back the
 * code is exchanged, who signed in is read from the Identity URL, and then:
 * - a new workspace is added (kind 'salesforce': login URL, consumer key, instance, org and
 *   username in the registry; the tokens only in the secret store), opened and synced;
 * - or, signing in again, the workspace's stored session is replaced in one secret write
 *   (refused when the user signed in to another org) and a sync starts.
 * One sign-in at a time (the callback port is fixed, so Salesforce can match it); starting
 * another cancels the first. Cancel works until the workspace exists.
 */
import { randomBytes } from 'node:crypto';
import { salesforceConnection } from '../sources/salesforce/jsforce';
import { loginChoiceOf, type SalesforceLoginChoice, type SalesforceSignInDefaults, type SalesforceSignInStarted, type SalesforceSignInState } from '../../src-shared/methods/salesforce';
import type { WorkspaceInfo } from '../../src-shared/methods/workspaces';
import { fieldError, ServiceError } from '../base/errors';
import { SourceError } from '../sources/contract';
import { loginHostUrl, loopbackSignIn, PRODUCTION_LOGIN_URL, type SalesforceTokens } from '../sources/salesforce/oauth';
import { API_VERSION } from '../sources/salesforce/source';
import { uniqueName } from './legacy';
import type { WorkspaceEntry, WorkspaceRegistry, WorkspaceSource } from './registry';
import { writeSalesforceSignIn } from './salesforce-tokens';
import type { SecretStore } from './secrets';

/**
 * The loopback port Salesforce redirects to: http://127.0.0.1:7717/oauth/callback. Fixed,
 * because an External Client App's callback URL is compared exactly, port included.
 */
export const SALESFORCE_CALLBACK_PORT = 7717;
/** How long a finished sign-in's outcome can still be asked for. */
const KEEP_FINISHED_MS = 10 * 60_000;
const IDENTITY_TIMEOUT_MS = 30_000;

/** What the sign-in needs from the workspace manager. */
export interface SignInWorkspaces {
  registry: WorkspaceRegistry;
  secrets: SecretStore;
  /** Opens the workspace (closing the open one) and starts its first sync. */
  switch(id: string): Promise<WorkspaceInfo>;
  list(): { workspaces: WorkspaceInfo[] };
  /** The open workspace's id and its sync, to sync at once after signing in again. */
  current(): { ws: { id: string; sync: { run(): Promise<unknown> } } } | null;
}

export interface SalesforceSignInOptions {
  workspaces: SignInWorkspaces;
  now: () => string;
  /** Opens the authorize URL in the system browser (Electron); absent: the window opens it. */
  openBrowser?: (url: string) => Promise<void>;
  /** Default SALESFORCE_CALLBACK_PORT; 0 picks a free port (tests). */
  callbackPort?: number;
  /** How long to wait for the browser to come back; default 5 minutes. */
  timeoutMs?: number;
}

interface Attempt {
  id: string;
  state: SalesforceSignInState;
  controller: AbortController;
  /** Settles when the attempt is over (its listener closed). */
  settled: Promise<void>;
  finishedAt: number | null;
  /** Past the point of no return: the workspace exists (or its sign-in was replaced). */
  committed: boolean;
}

export interface StartInput {
  login: SalesforceLoginChoice;
  clientId: string;
  name?: string;
  workspaceId?: string;
}

/** The login URL of a choice, or an error on the field that is wrong. */
export function loginUrlOf(login: SalesforceLoginChoice): string {
  try {
    if (login.kind === 'production' || login.kind === 'sandbox') return loginHostUrl(login.kind);
    if (login.kind === 'myDomain') return loginHostUrl({ myDomain: login.domain });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw fieldError('invalid_input', 'login.domain', `My Domain: ${message}`);
  }
  let url: URL;
  try {
    url = new URL(login.url.trim());
  } catch {
    throw fieldError('invalid_input', 'login.url', `Login URL: "${login.url.slice(0, 100)}" is not a valid address.`);
  }
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if ((url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) || url.username || url.password || url.search || url.hash) {
    throw fieldError('invalid_input', 'login.url', 'Use an https:// login address without anything after the host (http only for 127.0.0.1 or localhost).');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** Who signed in, from the token answer's Identity URL (`…/id/<org id>/<user id>`) and its answer. */
interface Identity {
  orgId: string | null;
  username: string | null;
}

async function readIdentity(tokens: SalesforceTokens, signal: AbortSignal): Promise<Identity> {
  const parts = new URL(tokens.idUrl).pathname.split('/').filter(Boolean);
  const orgId = parts[0] === 'id' && parts[1] ? parts[1] : null;
  const conn = salesforceConnection({ instanceUrl: tokens.instanceUrl, accessToken: tokens.accessToken, version: API_VERSION });
  let timer: NodeJS.Timeout | undefined;
  try {
    const answer = await Promise.race([
      conn.request<Record<string, unknown>>(tokens.idUrl),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), IDENTITY_TIMEOUT_MS);
        signal.addEventListener('abort', () => reject(new Error('cancelled')), { once: true });
      }),
    ]);
    const username = typeof answer.username === 'string' && answer.username ? answer.username : null;
    const org = typeof answer.organization_id === 'string' && answer.organization_id ? answer.organization_id : orgId;
    return { orgId: org, username };
  } catch {
    // Who signed in is for display; the sign-in itself worked. The first sync asks again.
    return { orgId, username: null };
  } finally {
    clearTimeout(timer);
  }
}

const orgLabel = (instanceUrl: string) => {
  const host = new URL(instanceUrl).host;
  return host.replace(/\.my\.salesforce\.com$/, '').replace(/\.lightning\.force\.com$/, '');
};

const plain = (err: unknown): string =>
  err instanceof SourceError || err instanceof ServiceError ? err.message : `The Salesforce sign-in failed: ${err instanceof Error ? err.message : String(err)}`;

type SalesforceEntry = WorkspaceEntry & { source: Extract<WorkspaceSource, { kind: 'salesforce' }> };

function salesforceEntryOf(registry: WorkspaceRegistry, id: string): SalesforceEntry {
  const entry = registry.get(id);
  if (!entry) throw fieldError('not_found', 'workspaceId', `There is no workspace '${id}'.`);
  if (entry.source.kind !== 'salesforce') throw new ServiceError('invalid_input', `'${entry.name}' does not sync from Salesforce.`);
  return entry as SalesforceEntry;
}

export type SavedSalesforceSignIn =
  | { outcome: 'saved'; id: string; created: boolean; username: string | null }
  | { outcome: 'failed'; message: string }
  | { outcome: 'cancelled' };

/**
 * Once Salesforce gave tokens (from the browser flow, or the CLI's device flow): reads who
 * signed in, then either replaces the sign-in of `input.workspaceId` (refused when the
 * user signed in to another org) or adds a new workspace named `input.name` (or after the
 * org). The tokens go only to the secret store, in one write; a new workspace whose secret
 * cannot be written is removed again. `onCommit` runs just before the first write.
 */
export async function saveSalesforceSignIn(
  target: { registry: WorkspaceRegistry; secrets: SecretStore; now: () => string },
  input: StartInput,
  loginUrl: string,
  tokens: SalesforceTokens,
  signal: AbortSignal,
  onCommit: () => void = () => {},
): Promise<SavedSalesforceSignIn> {
  const { registry, secrets } = target;
  const who = await readIdentity(tokens, signal);
  if (signal.aborted) return { outcome: 'cancelled' };
  const clientId = input.clientId.trim();
  const source = (prev?: Extract<WorkspaceSource, { kind: 'salesforce' }>): WorkspaceSource => ({
    kind: 'salesforce',
    instanceUrl: tokens.instanceUrl,
    loginUrl,
    clientId,
    ...(who.orgId ? { orgId: who.orgId } : prev?.orgId ? { orgId: prev.orgId } : {}),
    ...(who.username ? { username: who.username } : {}),
    ...(prev?.mapping ? { mapping: prev.mapping } : {}), // signing in again keeps the pull mapping
  });

  if (input.workspaceId !== undefined) {
    const entry = salesforceEntryOf(registry, input.workspaceId);
    if (entry.source.orgId && who.orgId && entry.source.orgId !== who.orgId) {
      const host = entry.source.instanceUrl ? new URL(entry.source.instanceUrl).host : 'its org';
      return {
        outcome: 'failed',
        message: `You signed in to a different Salesforce org than the one '${entry.name}' syncs with (${host}); sign in with a user of that org, or add a new workspace for the other one.`,
      };
    }
    onCommit();
    writeSalesforceSignIn(secrets, entry.id, tokens);
    registry.update(entry.id, { source: source(entry.source) });
    return { outcome: 'saved', id: entry.id, created: false, username: who.username };
  }

  onCommit();
  const name = input.name?.trim() || uniqueName(registry, `Salesforce (${orgLabel(tokens.instanceUrl)})`);
  const entry = registry.add({ name, source: source() }, target.now());
  try {
    writeSalesforceSignIn(secrets, entry.id, tokens);
  } catch (err) {
    registry.remove(entry.id); // no workspace without its sign-in
    throw err;
  }
  return { outcome: 'saved', id: entry.id, created: true, username: who.username };
}

export function createSalesforceSignIn(opts: SalesforceSignInOptions) {
  const { registry, secrets } = opts.workspaces;
  const attempts = new Map<string, Attempt>();
  let latest: Attempt | null = null;
  /** What was used last in this run of the app, before any workspace remembers it. */
  let lastUsed: { clientId: string; loginUrl: string } | null = null;

  function prune() {
    const now = Date.now();
    for (const [id, a] of attempts) if (a.finishedAt !== null && now - a.finishedAt > KEEP_FINISHED_MS) attempts.delete(id);
  }

  const salesforceEntry = (id: string) => salesforceEntryOf(registry, id);

  const infoOf = (id: string): WorkspaceInfo => {
    const found = opts.workspaces.list().workspaces.find((w) => w.id === id);
    if (!found) throw new ServiceError('not_found', 'The workspace was removed while signing in.');
    return found;
  };

  /** After the browser came back: the workspace made (or its sign-in replaced), opened and syncing. */
  async function finish(a: Attempt, input: StartInput, loginUrl: string, tokens: SalesforceTokens): Promise<SalesforceSignInState> {
    const saved = await saveSalesforceSignIn({ registry, secrets, now: opts.now }, input, loginUrl, tokens, a.controller.signal, () => {
      a.committed = true;
    });
    if (saved.outcome === 'cancelled') return { state: 'cancelled' };
    if (saved.outcome === 'failed') return { state: 'failed', message: saved.message };
    if (!saved.created) {
      // Queued edits stay in the outbox; this sync sends them with the new sign-in.
      const open = opts.workspaces.current();
      if (open?.ws.id === saved.id) void open.ws.sync.run();
      return { state: 'done', workspace: infoOf(saved.id), username: saved.username };
    }
    const workspace = await opts.workspaces.switch(saved.id);
    return { state: 'done', workspace, username: saved.username };
  }

  return {
    defaults(): SalesforceSignInDefaults {
      const newest = registry
        .list()
        .filter((w) => w.source.kind === 'salesforce' && w.source.clientId)
        .sort((x, y) => (y.lastOpenedAt ?? y.createdAt).localeCompare(x.lastOpenedAt ?? x.createdAt))[0];
      const src = newest?.source.kind === 'salesforce' ? newest.source : null;
      const used = lastUsed ?? (src?.clientId ? { clientId: src.clientId, loginUrl: src.loginUrl ?? PRODUCTION_LOGIN_URL } : null);
      return { clientId: used?.clientId ?? null, login: loginChoiceOf(used?.loginUrl) };
    },

    async start(input: StartInput): Promise<SalesforceSignInStarted> {
      const loginUrl = loginUrlOf(input.login);
      if (input.workspaceId !== undefined) salesforceEntry(input.workspaceId);
      if (input.name !== undefined && input.workspaceId === undefined) {
        const taken = registry.list().find((w) => w.name.toLowerCase() === input.name!.trim().toLowerCase());
        if (taken) throw fieldError('conflict', 'name', `There is already a workspace called '${taken.name}'.`);
      }
      // One listener at a time on the callback port: the earlier sign-in stops first.
      if (latest && latest.finishedAt === null && !latest.committed) {
        latest.controller.abort();
        await latest.settled;
      }
      prune();
      const a: Attempt = {
        id: randomBytes(12).toString('base64url'),
        state: { state: 'waiting' },
        controller: new AbortController(),
        settled: Promise.resolve(),
        finishedAt: null,
        committed: false,
      };
      let gotUrl!: (url: string) => void;
      const authorizeUrl = new Promise<string>((resolve) => (gotUrl = resolve));
      const signIn = loopbackSignIn({
        loginUrl,
        clientId: input.clientId.trim(),
        port: opts.callbackPort ?? SALESFORCE_CALLBACK_PORT,
        timeoutMs: opts.timeoutMs,
        signal: a.controller.signal,
        openBrowser: (url) => {
          gotUrl(url);
          return opts.openBrowser ? opts.openBrowser(url) : Promise.resolve();
        },
      });
      // Listening failed (the port is taken, a bad address): nothing started.
      const first = await Promise.race([authorizeUrl.then((url) => ({ url })), signIn.then(() => null, (err: unknown) => ({ err }))]);
      if (first === null || 'err' in first) {
        const err = first?.err;
        throw err instanceof SourceError ? new ServiceError('invalid_input', err.message) : err;
      }
      lastUsed = { clientId: input.clientId.trim(), loginUrl };
      attempts.set(a.id, a);
      latest = a;
      a.settled = signIn
        .then(
          async (tokens) => {
            if (a.state.state === 'cancelled') return a.state;
            a.state = { state: 'finishing' };
            return finish(a, input, loginUrl, tokens);
          },
          (err: unknown): SalesforceSignInState =>
            a.controller.signal.aborted ? { state: 'cancelled' } : { state: 'failed', message: plain(err) },
        )
        .catch((err: unknown): SalesforceSignInState => ({ state: 'failed', message: plain(err) }))
        .then((outcome) => {
          if (a.state.state !== 'cancelled' || a.committed) a.state = outcome;
          a.finishedAt = Date.now();
        });
      return { attempt: a.id, authorizeUrl: first.url, opened: opts.openBrowser !== undefined };
    },

    status(attempt: string): SalesforceSignInState {
      const a = attempts.get(attempt);
      if (!a) throw new ServiceError('not_found', 'This Salesforce sign-in is no longer known; start it again.');
      return a.state;
    },

    /** Resolves once the attempt is over (tests, and the CLI if it ever uses this). */
    async settled(attempt: string): Promise<SalesforceSignInState> {
      const a = attempts.get(attempt);
      if (!a) throw new ServiceError('not_found', 'This Salesforce sign-in is no longer known; start it again.');
      await a.settled;
      return a.state;
    },

    cancel(attempt: string): { cancelled: boolean } {
      const a = attempts.get(attempt);
      if (!a || a.finishedAt !== null || a.committed) return { cancelled: false };
      a.state = { state: 'cancelled' };
      a.controller.abort();
      return { cancelled: true };
    },

    /** Stops a sign-in in progress (app quit). */
    async close(): Promise<void> {
      if (latest && latest.finishedAt === null && !latest.committed) latest.controller.abort();
      await latest?.settled;
    },
  };
}

export type SalesforceSignIn = ReturnType<typeof createSalesforceSignIn>;
