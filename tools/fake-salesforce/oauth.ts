/**
 * Sign-in for the fake org, as an External Client App that is a public client and
 * requires PKCE. Follows "OAuth 2.0 Web Server Flow for Web App Integration"
 * (https://help.salesforce.com/HTViewHelpDoc?id=remoteaccess_oauth_web_server_flow.htm&language=en_US),
 * "OAuth 2.0 Refresh Token Flow for Renewed Sessions"
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=remoteaccess_oauth_refresh_token_flow.htm&language=en_US)
 * with refresh token rotation on, and "Identity URLs"
 * (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-using-identity-urls.html).
 *
 * - `GET /services/oauth2/authorize`: no login page: approves at once as the configured
 *   user (or the user named by `login_hint`) and redirects with `code` and `state`.
 * - `POST /services/oauth2/token`: `authorization_code` (verifies `code_verifier`:
 *   base64url(SHA-256(verifier)) must equal the `code_challenge`) and `refresh_token`
 *   (each use returns a new refresh token; the old one is refused from then on).
 * - Access tokens last `sessionTimeoutSeconds` on the fake clock, or until expired by
 *   `POST /__fake/expire-tokens`.
 * - The device flow (`response_type=device_code`, `grant_type=device`): oauth-device.ts.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Json } from './api';
import type { FakeClock } from './clock';
import { DeviceFlow } from './oauth-device';
import { sfDateTime } from './clock';
import { ORG_ID } from './ids';
import type { FakeOrg, Row } from './store';

const CODE_TTL_MS = 15 * 60_000;

export interface OAuthReply {
  status: number;
  body?: Json;
  location?: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  userId: string;
  expiresAt: number;
}

interface Session {
  userId: string;
  expiresAt: number;
}

export interface OAuthOptions {
  clientId: string;
  /** Accepted redirect URIs besides any loopback http://127.0.0.1|localhost:<port>/… */
  redirectUris: string[];
  username: string;
  sessionTimeoutMs: () => number;
  /** Seconds between device-flow polls (Salesforce: 5). */
  deviceIntervalSeconds?: number;
}

const oauthError = (error: string, description: string, status = 400): OAuthReply => ({
  status,
  body: { error, error_description: description },
});
const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export class OAuthServer {
  private readonly grants = new Map<string, Grant>();
  private readonly sessions = new Map<string, Session>();
  private readonly refreshTokens = new Map<string, string>();
  private readonly secret = randomBytes(32);
  readonly device: DeviceFlow;

  constructor(
    private readonly org: FakeOrg,
    private readonly clock: FakeClock,
    readonly options: OAuthOptions,
  ) {
    this.device = new DeviceFlow(clock, options.deviceIntervalSeconds ?? 5);
  }

  /** The user `username` (default: the configured one) enters `userCode` and approves or denies it; false when no pending code matches. */
  decideDevice(userCode: string, approve: boolean, username?: string): boolean {
    const user = this.user(username ?? this.options.username);
    if (!user) return false;
    return this.device.decide(userCode, approve ? 'approved' : 'denied', String(user.Id));
  }

  private user(username: string): Row | undefined {
    const def = this.org.schema.objects.find((o) => o.name === 'User')!;
    return [...this.org.rows(def)].find((u) => String(u.Username).toLowerCase() === username.toLowerCase());
  }

  userById(id: string): Row | undefined {
    const def = this.org.schema.objects.find((o) => o.name === 'User')!;
    return this.org.get(def, id);
  }

  private redirectAllowed(uri: string): boolean {
    if (this.options.redirectUris.includes(uri)) return true;
    try {
      const u = new URL(uri);
      return (u.protocol === 'http:' || u.protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
    } catch {
      return false;
    }
  }

  /** The authorize endpoint: a redirect with `code` (or `error`), or an error page. */
  authorize(q: URLSearchParams): OAuthReply {
    const clientId = q.get('client_id') ?? '';
    const redirectUri = q.get('redirect_uri') ?? '';
    if (clientId !== this.options.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
    if (!this.redirectAllowed(redirectUri)) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
    const back = (params: Record<string, string>): OAuthReply => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
      const state = q.get('state');
      if (state !== null) url.searchParams.set('state', state);
      return { status: 302, location: url.toString() };
    };
    if (q.get('response_type') !== 'code') {
      return back({ error: 'unsupported_response_type', error_description: 'response type not supported' });
    }
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method') ?? 'S256';
    if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge) || method !== 'S256') {
      return back({ error: 'invalid_request', error_description: 'missing or invalid code_challenge (PKCE with S256 is required)' });
    }
    const hint = q.get('login_hint');
    const user = this.user(hint ?? this.options.username) ?? (hint ? undefined : this.user(this.options.username));
    if (!user) return back({ error: 'access_denied', error_description: `no user '${hint ?? this.options.username}' in the fake org` });
    const code = `aPrx${token(36)}`;
    this.grants.set(code, { clientId, redirectUri, challenge, userId: String(user.Id), expiresAt: this.clock.now() + CODE_TTL_MS });
    return back({ code });
  }

  /** The token endpoint (form-encoded body). */
  token(form: URLSearchParams, baseUrl: string): OAuthReply {
    const grantType = form.get('grant_type');
    if (form.get('response_type') === 'device_code' && grantType === null) {
      if (form.get('client_id') !== this.options.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      return { status: 200, body: this.device.start(this.options.clientId, baseUrl) };
    }
    if (grantType === 'device') {
      if (form.get('client_id') !== this.options.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
      const poll = this.device.poll(this.options.clientId, form.get('code') ?? '');
      return poll.kind === 'approved' ? { status: 200, body: this.mint(poll.userId, baseUrl) } : oauthError(poll.error, poll.description);
    }
    if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      return oauthError('unsupported_grant_type', 'grant type not supported');
    }
    if (form.get('client_id') !== this.options.clientId) return oauthError('invalid_client_id', 'client identifier invalid');
    if (grantType === 'refresh_token') {
      const old = form.get('refresh_token') ?? '';
      const userId = this.refreshTokens.get(old);
      if (userId === undefined) return oauthError('invalid_grant', 'expired access/refresh token');
      this.refreshTokens.delete(old); // rotation: the old refresh token is spent
      return { status: 200, body: this.mint(userId, baseUrl) };
    }
    const code = form.get('code') ?? '';
    const grant = this.grants.get(code);
    this.grants.delete(code); // one use, whatever happens next
    if (!grant || grant.expiresAt <= this.clock.now() || grant.clientId !== form.get('client_id')) {
      return oauthError('invalid_grant', 'invalid authorization code');
    }
    if (form.get('redirect_uri') !== grant.redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
    const verifier = form.get('code_verifier');
    if (!verifier) return oauthError('invalid_grant', 'invalid code verifier');
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (computed !== grant.challenge) return oauthError('invalid_grant', 'invalid code verifier');
    return { status: 200, body: this.mint(grant.userId, baseUrl) };
  }

  /** A new session (access + refresh token) for `userId`, as the token endpoint returns it. */
  mint(userId: string, baseUrl: string): Record<string, Json> {
    const access = `${ORG_ID.slice(0, 15)}!${token(72)}`;
    const refresh = `5Aep861${token(60)}`;
    const issuedAt = String(this.clock.now());
    this.sessions.set(access, { userId, expiresAt: this.clock.now() + this.options.sessionTimeoutMs() });
    this.refreshTokens.set(refresh, userId);
    const id = `${baseUrl}/id/${ORG_ID}/${userId}`;
    return {
      access_token: access,
      refresh_token: refresh,
      signature: createHmac('sha256', this.secret).update(id + issuedAt).digest('base64'),
      scope: 'api refresh_token',
      instance_url: baseUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    };
  }

  /** The user of a valid `Authorization: Bearer …` (or `OAuth …`) header, else null. */
  authenticate(header: string | undefined): string | null {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header ?? '');
    const session = m ? this.sessions.get(m[1]!) : undefined;
    if (!session || session.expiresAt <= this.clock.now()) return null;
    return session.userId;
  }

  /** Every access token issued so far stops working (refresh tokens still work). */
  expireAccessTokens(): number {
    const n = this.sessions.size;
    this.sessions.clear();
    return n;
  }

  /** The Identity URL's answer for `userId`. */
  identity(userId: string, baseUrl: string): Record<string, Json> | null {
    const u = this.userById(userId);
    if (!u) return null;
    const data = `${baseUrl}/services/data/v{version}`;
    return {
      id: `${baseUrl}/id/${ORG_ID}/${userId}`,
      asserted_user: true,
      user_id: userId,
      organization_id: ORG_ID,
      username: u.Username ?? null,
      nick_name: String(u.Username ?? '').split('@')[0] ?? null,
      display_name: u.Name ?? null,
      email: u.Email ?? null,
      email_verified: true,
      first_name: u.FirstName ?? null,
      last_name: u.LastName ?? null,
      active: u.IsActive ?? true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: 0,
      last_modified_date: typeof u.LastModifiedDate === 'number' ? sfDateTime(u.LastModifiedDate) : null,
      urls: {
        rest: `${data}/`,
        sobjects: `${data}/sobjects/`,
        query: `${data}/query/`,
        search: `${data}/search/`,
        profile: `${baseUrl}/${userId}`,
      },
    };
  }
}
