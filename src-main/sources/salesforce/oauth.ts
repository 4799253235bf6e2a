/**
 * Signing in to Salesforce as a public client (an External Client App with no secret in
 * the app), following Salesforce's documentation:
 * - "OAuth 2.0 Web Server Flow for Web App Integration" with PKCE (S256) — the Electron
 *   shell opens the system browser and receives the code on a loopback redirect
 *   (`loopbackSignIn`, http://127.0.0.1:<port>/oauth/callback, RFC 8252 §7.3);
 *   https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_web_server_flow.htm
 * - "OAuth 2.0 Refresh Token Flow for Renewed Sessions", with refresh token rotation: a
 *   new refresh token, when the answer has one, replaces the old one (`refreshTokens`,
 *   `refreshingSession`);
 *   https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_refresh_token_flow.htm
 * - "OAuth 2.0 Device Flow for IoT Integration" for the CLI (`deviceSignIn`);
 *   https://help.salesforce.com/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_device_flow.htm
 *
 * The authorize URL, the code exchange and the refresh go through jsforce's OAuth2 class.
 * The device flow uses plain `fetch`: jsforce has no call for it.
 *
 * The token answer's `signature` (HMAC of id + issued_at with the client secret) cannot be
 * checked by a public client, which has no secret; the answer comes over TLS from the
 * login host the user chose.
 *
 * Every failure a user can meet is a `SourceError` whose message is one plain sentence.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuth2 } from '@jsforce/jsforce-node';
import { jsforce } from './jsforce';
import { SourceError, type SourceErrorKind } from '../contract';

// ---------------------------------------------------------------------------------------
// Login host

export type LoginHostChoice = 'production' | 'sandbox' | { myDomain: string };

export const PRODUCTION_LOGIN_URL = 'https://login.salesforce.com';
export const SANDBOX_LOGIN_URL = 'https://test.salesforce.com';

/** A My Domain name: letters, digits and hyphens (sandboxes: "acme--uat"), not starting or ending with a hyphen. */
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** What may stand between the name and ".my.salesforce.com": sandbox, developer, scratch… hosts. */
const DOMAIN_KIND = /^[a-z]{2,20}$/;

/**
 * The login host for the user's choice. A My Domain may be given as the bare name
 * ("acme"), as its host ("acme.my.salesforce.com", "acme--uat.sandbox.my.salesforce.com")
 * or URL, or as the Lightning address copied from the browser ("acme.lightning.force.com").
 * Government Cloud and other special hosts are not recognised.
 */
export function loginHostUrl(choice: LoginHostChoice): string {
  if (choice === 'production') return PRODUCTION_LOGIN_URL;
  if (choice === 'sandbox') return SANDBOX_LOGIN_URL;
  return `https://${myDomainHost(choice.myDomain)}`;
}

function myDomainHost(input: string): string {
  const raw = input.trim();
  if (raw === '') throw new SourceError('client', 'Enter your Salesforce My Domain, for example "acme" from acme.my.salesforce.com.');
  const refuse = () =>
    new SourceError('client', `"${raw.slice(0, 100)}" is not a Salesforce My Domain; enter the name before .my.salesforce.com, for example "acme".`);
  let host = raw.toLowerCase();
  if (host.includes('://')) {
    let url: URL;
    try {
      url = new URL(host);
    } catch {
      throw refuse();
    }
    if (url.protocol !== 'https:' || url.port !== '' || url.username !== '' || url.password !== '') throw refuse();
    host = url.hostname;
  } else {
    host = host.replace(/\/+$/, '');
  }
  host = host.replace(/\.lightning\.force\.com$/, '.my.salesforce.com');
  const labels = host.endsWith('.my.salesforce.com') ? host.slice(0, -'.my.salesforce.com'.length).split('.') : host.includes('.') ? null : [host];
  if (!labels || labels.length > 2 || !DOMAIN_LABEL.test(labels[0] ?? '') || (labels[1] !== undefined && !DOMAIN_KIND.test(labels[1]))) {
    throw refuse();
  }
  return `${labels.join('.')}.my.salesforce.com`;
}

/**
 * The login URL the flows talk to, checked: https, or http on this computer (the fake
 * Salesforce in tests). A path is kept (an Experience Cloud site's login lives under one).
 */
function loginBase(loginUrl: string): string {
  let url: URL;
  try {
    url = new URL(loginUrl);
  } catch {
    throw new SourceError('client', `"${loginUrl.slice(0, 100)}" is not a valid Salesforce login address.`);
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new SourceError('client', `The Salesforce login address must start with https:// (got "${loginUrl.slice(0, 100)}").`);
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new SourceError('client', `The Salesforce login address must be just the host, like https://login.salesforce.com (got "${loginUrl.slice(0, 100)}").`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const hostOf = (base: string) => new URL(base).host;

// ---------------------------------------------------------------------------------------
// Tokens

/** A signed-in Salesforce session, as kept in the secret store. */
export interface SalesforceTokens {
  accessToken: string;
  /** Null when the token answer had none (the `refresh_token` scope was not granted). */
  refreshToken: string | null;
  /** Where the org's data API lives (`instance_url`). */
  instanceUrl: string;
  /** The Identity URL (`id`): who signed in, in which org. */
  idUrl: string;
  /** When Salesforce issued the access token (ms since the epoch, `issued_at`). */
  issuedAt: number;
}

export interface Pkce {
  /** base64url of 64 random bytes: 86 characters (RFC 7636 wants 43–128). */
  verifier: string;
  /** base64url(SHA-256(verifier)), sent with code_challenge_method=S256. */
  challenge: string;
  /** Random `state`, checked on the redirect back (CSRF). */
  state: string;
}

export function createPkce(): Pkce {
  const verifier = randomBytes(64).toString('base64url');
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(24).toString('base64url'),
  };
}

export const DEFAULT_SCOPE = 'api refresh_token';
/** Per token request (code exchange, refresh, device poll). */
export const DEFAULT_TOKEN_TIMEOUT_MS = 60_000;

interface CallOptions {
  /** Cancels the call (its answer is then ignored). */
  signal?: AbortSignal;
  /** Time limit of the token request; default 60 s. */
  timeoutMs?: number;
}

function oauth2(base: string, clientId: string, redirectUri?: string): OAuth2 {
  if (clientId.trim() === '') throw new SourceError('client', 'The Salesforce client id is missing; set the client id of the External Client App.');
  return new (jsforce().OAuth2)({ loginUrl: base, clientId, ...(redirectUri === undefined ? {} : { redirectUri }) });
}

export function authorizeUrl(opts: {
  loginUrl: string;
  clientId: string;
  redirectUri: string;
  pkce: Pick<Pkce, 'challenge' | 'state'>;
  scope?: string;
  /** Prefills the username on Salesforce's login page. */
  loginHint?: string;
}): string {
  const params: Record<string, string> = {
    scope: opts.scope ?? DEFAULT_SCOPE,
    state: opts.pkce.state,
    code_challenge: opts.pkce.challenge,
    code_challenge_method: 'S256',
  };
  if (opts.loginHint) params.login_hint = opts.loginHint;
  // jsforce adds response_type=code, client_id and redirect_uri.
  return oauth2(loginBase(opts.loginUrl), opts.clientId, opts.redirectUri).getAuthorizationUrl(params);
}

/** The token endpoint's answer, or a SourceError saying it is not one. */
function toTokens(answer: unknown, base: string, previousRefreshToken: string | null): SalesforceTokens {
  const notLogin = () => new SourceError('not_source', `${hostOf(base)} did not answer like a Salesforce login host.`);
  if (typeof answer !== 'object' || answer === null) throw notLogin();
  const a = answer as Record<string, unknown>;
  const str = (k: string) => (typeof a[k] === 'string' && a[k] !== '' ? a[k] : null);
  const accessToken = str('access_token');
  const instanceUrl = str('instance_url');
  const idUrl = str('id');
  if (accessToken === null || instanceUrl === null || idUrl === null) throw notLogin();
  try {
    new URL(instanceUrl);
    new URL(idUrl);
  } catch {
    throw new SourceError('bad_response', `Salesforce at ${hostOf(base)} sent a sign-in without a usable instance address.`);
  }
  const issued = Number(a.issued_at);
  return {
    accessToken,
    // Rotation: a new refresh token replaces the old one; without one, the old one stays.
    refreshToken: str('refresh_token') ?? previousRefreshToken,
    instanceUrl: instanceUrl.replace(/\/+$/, ''),
    idUrl,
    issuedAt: Number.isFinite(issued) && issued > 0 ? issued : Date.now(),
  };
}

type Step = 'code' | 'refresh' | 'device';

/** What the token endpoint's `error` means for the user (Salesforce's OAuth error codes). */
function oauthError(error: string, description: string, base: string, step: Step, status?: number): SourceError {
  const host = hostOf(base);
  const make = (kind: SourceErrorKind, message: string) => new SourceError(kind, message, status, undefined, error);
  switch (error) {
    case 'invalid_grant':
      if (step === 'refresh') return make('unauthorized', 'Salesforce no longer accepts this sign-in. Sign in again.');
      if (step === 'device') return make('unauthorized', 'The Salesforce sign-in code expired or was not approved. Sign in again.');
      return make('unauthorized', 'Salesforce did not accept the sign-in (the code expired, was already used or did not match). Sign in again.');
    case 'expired_token':
      return make('unauthorized', 'The Salesforce sign-in code expired before it was approved. Sign in again.');
    case 'access_denied':
      return make('unauthorized', 'The Salesforce sign-in was declined, so Partnerbook is not signed in.');
    case 'invalid_client_id':
    case 'invalid_client':
    case 'unauthorized_client':
      return make('client', `Salesforce at ${host} does not know this app's client id; check the login host and the client id.`);
    case 'redirect_uri_mismatch':
      return make('client', `Salesforce at ${host} refused Partnerbook's callback address; the External Client App must allow http://127.0.0.1 callbacks.`);
    case 'invalid_app_access':
    case 'user_not_approved':
      return make('unauthorized', 'Your Salesforce admin has not given your user access to Partnerbook.');
    case 'inactive_user':
      return make('unauthorized', 'This Salesforce user is deactivated; ask your Salesforce admin.');
    case 'inactive_org':
      return make('unauthorized', 'This Salesforce org is locked or inactive; ask your Salesforce admin.');
    case 'rate_limit_exceeded':
      return new SourceError('rate_limited', 'Salesforce refuses sign-ins for now because of too many attempts; try again in a few minutes.', status, 5 * 60_000, error);
    case 'unsupported_grant_type':
      if (step === 'device') return make('client', `Salesforce at ${host} does not allow the device sign-in for this app; ask your admin to enable the device flow.`);
      break;
    default:
      break;
  }
  const http = /^ERROR_HTTP_(\d{3})$/.exec(error);
  const code = http ? Number(http[1]) : status;
  if (code !== undefined && code >= 500) return new SourceError('server', `Salesforce at ${host} had a problem (HTTP ${code}); try again later.`, code, undefined, error);
  if (http) return new SourceError('not_source', `${host} did not answer like a Salesforce login host (HTTP ${code}).`, code, undefined, error);
  const why = description.replace(/\s+/g, ' ').trim().slice(0, 200);
  return make('client', `Salesforce at ${host} refused the sign-in (${error}${why ? `: ${why}` : ''}).`);
}

function networkError(err: unknown, base: string): SourceError | null {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown; cause?: { code?: unknown } } };
  if (!(err instanceof TypeError) && e.code === undefined) return null;
  const code = [e.code, e.cause?.code, e.cause?.cause?.code].find((c): c is string => typeof c === 'string') ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SourceError('network', `Can't find the Salesforce login host ${hostOf(base)}; check the address and your connection.`, undefined, undefined, code);
  return new SourceError('network', `Can't reach Salesforce at ${hostOf(base)}${code ? ` (${code})` : ''}.`, undefined, undefined, code || undefined);
}

/** A failure of a jsforce token call as a SourceError. jsforce throws an Error named after the OAuth `error`. */
function tokenCallError(err: unknown, base: string, step: Step): SourceError {
  if (err instanceof SourceError) return err;
  const net = networkError(err, base);
  if (net) return net;
  const e = err instanceof Error ? err : new Error(String(err));
  return oauthError(e.name, e.message, base, step);
}

const cancelled = () => new SourceError('network', 'The Salesforce sign-in was cancelled.', undefined, undefined, 'cancelled');

/** `work`, or a SourceError when the time limit passes or the signal aborts first (the request is then left to finish unheard). */
async function bounded<T>(work: () => Promise<T>, base: string, opts: CallOptions): Promise<T> {
  if (opts.signal?.aborted) throw cancelled();
  const ms = opts.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SourceError('timeout', `Salesforce at ${hostOf(base)} did not answer within ${Math.max(1, Math.round(ms / 1000))} s.`)), ms);
    onAbort = () => reject(cancelled());
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work(), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
  }
}

/** The authorization code grant with the PKCE verifier (public client: no secret). */
export async function exchangeCode(
  opts: { loginUrl: string; clientId: string; redirectUri: string; code: string; verifier: string } & CallOptions,
): Promise<SalesforceTokens> {
  const base = loginBase(opts.loginUrl);
  const client = oauth2(base, opts.clientId, opts.redirectUri);
  return bounded(
    async () => {
      let answer: unknown;
      try {
        answer = await client.requestToken(opts.code, { code_verifier: opts.verifier });
      } catch (err) {
        throw tokenCallError(err, base, 'code');
      }
      return toTokens(answer, base, null);
    },
    base,
    opts,
  );
}

/**
 * The refresh token grant. Salesforce may rotate the refresh token: a new one in the answer
 * replaces the old one (which is spent); otherwise the old one is kept.
 */
export async function refreshTokens(opts: { loginUrl: string; clientId: string; refreshToken: string } & CallOptions): Promise<SalesforceTokens> {
  const base = loginBase(opts.loginUrl);
  const client = oauth2(base, opts.clientId);
  return bounded(
    async () => {
      let answer: unknown;
      try {
        answer = await client.refreshToken(opts.refreshToken);
      } catch (err) {
        throw tokenCallError(err, base, 'refresh');
      }
      return toTokens(answer, base, opts.refreshToken);
    },
    base,
    opts,
  );
}

// ---------------------------------------------------------------------------------------
// Browser sign-in with a loopback redirect (Electron)

export const CALLBACK_PATH = '/oauth/callback';
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackSignInOptions {
  loginUrl: string;
  clientId: string;
  /** Opens the URL in the system browser (Electron: `shell.openExternal`). */
  openBrowser: (url: string) => Promise<void>;
  /** Cancels the sign-in (the user closed the dialog). */
  signal?: AbortSignal;
  /** How long to wait for the browser to come back; default 5 minutes. */
  timeoutMs?: number;
  /** Time limit of the code exchange; default 60 s. */
  tokenTimeoutMs?: number;
  scope?: string;
  loginHint?: string;
  /** The loopback port; default 0 (any free port). */
  port?: number;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small page for the browser; resolves once it is sent. */
function page(res: ServerResponse, status: number, title: string, text: string): Promise<void> {
  const html =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font-family:system-ui,sans-serif;margin:3em auto;max-width:32em"><h1 style="font-size:1.3em">${escapeHtml(title)}</h1>` +
    `<p>${escapeHtml(text)}</p></body></html>`;
  return new Promise((resolve) => {
    res.once('close', () => resolve());
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Referrer-Policy': 'no-referrer',
      Connection: 'close',
    });
    res.end(html, () => resolve());
  });
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new SourceError('client', `Port ${port} on this computer is in use, so the Salesforce sign-in cannot receive its answer; close the program using it and try again.`)
          : new SourceError('client', `Partnerbook could not listen for the Salesforce sign-in on this computer (${err.code ?? err.message}).`),
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function shutDown(server: Server): void {
  server.close();
  server.closeIdleConnections();
  // A browser may keep a preconnected socket open; do not wait for it.
  setTimeout(() => server.closeAllConnections(), 1000).unref();
}

/**
 * The web-server flow with PKCE through the system browser: listens on
 * http://127.0.0.1:<port>/oauth/callback, opens the authorize URL, waits for Salesforce to
 * redirect back, checks `state`, exchanges the code and answers the browser with a small
 * page. Resolves the tokens; a refusal, the time limit or the abort signal rejects with a
 * SourceError. The server is closed either way.
 */
export async function loopbackSignIn(opts: LoopbackSignInOptions): Promise<SalesforceTokens> {
  const base = loginBase(opts.loginUrl);
  if (opts.signal?.aborted) throw cancelled();
  const pkce = createPkce();
  // node:http is loaded here, not at start-up: importing it builds its exports, undici among them (~40 ms).
  const { createServer } = await import('node:http');
  const server = createServer();
  await listen(server, opts.port ?? 0);
  const { port } = server.address() as AddressInfo;
  const redirectUri = `http://127.0.0.1:${port}${CALLBACK_PATH}`;

  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  let settled = false;
  let busy = false;
  let settle!: (outcome: { tokens: SalesforceTokens } | { error: SourceError }) => void;
  const outcome = new Promise<SalesforceTokens>((resolve, reject) => {
    settle = (o) => {
      if (settled) return;
      settled = true;
      if ('tokens' in o) resolve(o.tokens);
      else reject(o.error);
    };
  });

  async function callback(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', redirectUri);
    if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
      await page(res, 404, 'Not found', "This address only finishes Partnerbook's Salesforce sign-in.");
      return;
    }
    if (settled || busy) {
      await page(res, 409, 'Sign-in already finished', 'You can close this window.');
      return;
    }
    const q = url.searchParams;
    const refuse = async (error: SourceError) => {
      await page(res, 400, 'Salesforce sign-in failed', `${error.message} You can close this window.`);
      settle({ error });
    };
    if (q.get('state') !== pkce.state) {
      await refuse(new SourceError('unauthorized', 'The answer from Salesforce does not belong to the sign-in Partnerbook started, so it was refused; sign in again.', undefined, undefined, 'state_mismatch'));
      return;
    }
    const error = q.get('error');
    if (error !== null) {
      await refuse(oauthError(error, q.get('error_description') ?? '', base, 'code'));
      return;
    }
    const code = q.get('code');
    if (!code) {
      await refuse(new SourceError('bad_response', 'Salesforce came back without a sign-in code; sign in again.'));
      return;
    }
    busy = true;
    try {
      const tokens = await exchangeCode({ loginUrl: base, clientId: opts.clientId, redirectUri, code, verifier: pkce.verifier, signal: opts.signal, timeoutMs: opts.tokenTimeoutMs });
      await page(res, 200, 'Signed in to Salesforce', 'You can close this window and go back to Partnerbook.');
      settle({ tokens });
    } catch (err) {
      await refuse(err instanceof SourceError ? err : tokenCallError(err, base, 'code'));
    } finally {
      busy = false;
    }
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    callback(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  try {
    const ms = opts.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
    timer = setTimeout(() => {
      const minutes = ms >= 60_000 ? `${Math.round(ms / 60_000)} minute${Math.round(ms / 60_000) === 1 ? '' : 's'}` : `${Math.max(1, Math.round(ms / 1000))} s`;
      settle({ error: new SourceError('timeout', `The Salesforce sign-in did not finish within ${minutes}; try again.`) });
    }, ms);
    onAbort = () => settle({ error: cancelled() });
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const url = authorizeUrl({ loginUrl: base, clientId: opts.clientId, redirectUri, pkce, scope: opts.scope, loginHint: opts.loginHint });
    opts.openBrowser(url).catch(() => {
      settle({ error: new SourceError('client', 'Partnerbook could not open your web browser to sign in to Salesforce.') });
    });
    return await outcome;
  } finally {
    settled = true;
    clearTimeout(timer);
    if (onAbort) opts.signal?.removeEventListener('abort', onAbort);
    shutDown(server);
  }
}

// ---------------------------------------------------------------------------------------
// Device flow (CLI)

export interface DeviceCodePrompt {
  /** The code the user types at `verificationUri`. */
  userCode: string;
  verificationUri: string;
}

export interface DeviceSignInOptions {
  loginUrl: string;
  clientId: string;
  /** Shows the code and the address to the user. */
  onCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
  scope?: string;
  signal?: AbortSignal;
  /** How long to wait for the user to approve; default 10 minutes. */
  timeoutMs?: number;
  /** Time limit of each token request; default 60 s. */
  tokenTimeoutMs?: number;
}

export const DEFAULT_DEVICE_TIMEOUT_MS = 10 * 60_000;

/** POST a form to the token endpoint with plain fetch (jsforce has no device flow): status and parsed JSON (null if not JSON). */
async function postToken(base: string, form: Record<string, string>, opts: CallOptions): Promise<{ status: number; body: unknown }> {
  const ms = opts.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const signals = [AbortSignal.timeout(ms), ...(opts.signal ? [opts.signal] : [])];
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${base}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.any(signals),
      redirect: 'manual',
    });
    text = await res.text();
  } catch (err) {
    if (opts.signal?.aborted) throw cancelled();
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
      throw new SourceError('timeout', `Salesforce at ${hostOf(base)} did not answer within ${Math.max(1, Math.round(ms / 1000))} s.`);
    }
    throw networkError(err, base) ?? new SourceError('network', `Can't reach Salesforce at ${hostOf(base)}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

function oauthErrorOf(r: { status: number; body: unknown }): { error: string; description: string } {
  const b = (typeof r.body === 'object' && r.body !== null ? r.body : {}) as Record<string, unknown>;
  return {
    error: typeof b.error === 'string' ? b.error : `ERROR_HTTP_${r.status}`,
    description: typeof b.error_description === 'string' ? b.error_description : '',
  };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The device flow for the CLI, per Salesforce's "OAuth 2.0 Device Flow for IoT Integration":
 * POST /services/oauth2/token with `response_type=device_code` answers `device_code`,
 * `user_code`, `verification_uri` and `interval`; the user enters the code in a browser
 * anywhere while this polls the same endpoint with `grant_type=device&code=<device_code>`
 * every `interval` seconds (`authorization_pending` while waiting, `slow_down`: poll 5 s
 * slower) until the token answer comes.
 *
 * Untested against a real org: written from the documented shapes, exercised against a
 * small stub (test/integration/salesforce/oauth-client.test.ts) and end to end through
 * `partnerbook connect-salesforce` against the fake org's device flow
 * (test/integration/salesforce/device-cli.test.ts). Device flow must be enabled on the
 * External Client App.
 */
export async function deviceSignIn(opts: DeviceSignInOptions): Promise<SalesforceTokens> {
  const base = loginBase(opts.loginUrl);
  if (opts.clientId.trim() === '') throw new SourceError('client', 'The Salesforce client id is missing; set the client id of the External Client App.');
  const call: CallOptions = { signal: opts.signal, timeoutMs: opts.tokenTimeoutMs };
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_DEVICE_TIMEOUT_MS);

  const start = await postToken(base, { response_type: 'device_code', client_id: opts.clientId, scope: opts.scope ?? DEFAULT_SCOPE }, call);
  if (start.status !== 200) {
    const { error, description } = oauthErrorOf(start);
    throw oauthError(error, description, base, 'device', start.status);
  }
  const s = (typeof start.body === 'object' && start.body !== null ? start.body : {}) as Record<string, unknown>;
  const deviceCode = typeof s.device_code === 'string' ? s.device_code : null;
  const userCode = typeof s.user_code === 'string' ? s.user_code : null;
  const verificationUri = typeof s.verification_uri === 'string' ? s.verification_uri : null;
  if (!deviceCode || !userCode || !verificationUri) throw new SourceError('not_source', `${hostOf(base)} did not answer like a Salesforce login host.`);
  let intervalMs = Math.max(1, typeof s.interval === 'number' && Number.isFinite(s.interval) ? s.interval : 5) * 1000;

  await opts.onCode({ userCode, verificationUri });

  for (;;) {
    if (Date.now() + intervalMs > deadline) {
      throw new SourceError('timeout', 'The Salesforce sign-in code was not approved in time; sign in again.');
    }
    await sleep(intervalMs, opts.signal);
    const r = await postToken(base, { grant_type: 'device', client_id: opts.clientId, code: deviceCode }, call);
    if (r.status === 200) return toTokens(r.body, base, null);
    const { error, description } = oauthErrorOf(r);
    if (error === 'authorization_pending') continue;
    if (error === 'slow_down') {
      intervalMs += 5000;
      continue;
    }
    throw oauthError(error, description, base, 'device', r.status);
  }
}

// ---------------------------------------------------------------------------------------
// A session that refreshes itself

/** Where the tokens live (the secret store from "Sources and identity"). `set` replaces all of them at once. */
export interface TokenStore {
  get(): SalesforceTokens | null;
  set(tokens: SalesforceTokens): void;
}

export interface SalesforceSession {
  /** The current access token; a SourceError('unauthorized') when nobody is signed in. */
  accessToken(): string;
  instanceUrl(): string;
  /**
   * Gets a new access token with the refresh token and stores the new tokens (with the new
   * refresh token when Salesforce rotated it). Concurrent calls share one request.
   */
  refresh(): Promise<void>;
}

export function refreshingSession(store: TokenStore, opts: { loginUrl: string; clientId: string } & CallOptions): SalesforceSession {
  let inFlight: Promise<void> | null = null;

  const current = (): SalesforceTokens => {
    const t = store.get();
    if (!t) throw new SourceError('unauthorized', 'Partnerbook is not signed in to Salesforce. Sign in first.');
    return t;
  };

  async function rotate(): Promise<void> {
    const before = current();
    if (!before.refreshToken) throw new SourceError('unauthorized', 'Salesforce did not give Partnerbook a lasting sign-in. Sign in again.');
    let next: SalesforceTokens;
    try {
      next = await refreshTokens({ loginUrl: opts.loginUrl, clientId: opts.clientId, refreshToken: before.refreshToken, signal: opts.signal, timeoutMs: opts.timeoutMs });
    } catch (err) {
      // Someone else sharing the store (the app and the CLI) may have rotated it meanwhile:
      // our refresh token is then spent, but the store already holds a newer session.
      const now = store.get();
      if (err instanceof SourceError && err.kind === 'unauthorized' && now?.refreshToken && now.refreshToken !== before.refreshToken) return;
      throw err;
    }
    // Atomic rotation: the whole new session (new refresh token included) replaces the old
    // one in a single `set`; the old refresh token is only dropped by that write.
    store.set(next);
  }

  return {
    accessToken: () => current().accessToken,
    instanceUrl: () => current().instanceUrl,
    refresh() {
      inFlight ??= rotate().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
