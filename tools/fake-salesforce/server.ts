/**
 * The fake Salesforce's HTTP server (node:http, 127.0.0.1): OAuth (oauth.ts), the
 * Identity URL, the data API under /services/data/v61.0 (router.ts) and the test knobs
 * under /__fake/ (admin.ts). Every data API answer carries `Sforce-Limit-Info:
 * api-usage=n/max` ("Limit Info Header",
 * https://developer.salesforce.com/docs/atlas.en-us.264.0.api_rest.meta/api_rest/headers_api_usage.htm).
 *
 * A data API request is, in this order: refused with 401 INVALID_SESSION_ID without a
 * valid access token; refused with 403 REQUEST_LIMIT_EXCEEDED once the usage reached the
 * limit (neither is counted); counted; a 503 when the failEvery fault falls on it; then
 * handled ("Status Codes and Error Responses",
 * https://developer.salesforce.com/docs/platform/api-rest/guide/errorcodes.md).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { API_VERSION, DATA_PREFIX, SfError, type ApiResponse, type Json } from './api';
import { handleAdmin } from './admin';
import { BulkJobs } from './api-bulk';
import { QueryCursors } from './api-query';
import { FakeClock, parseIsoDateTime } from './clock';
import { FakeState, parseConfig, type ConfigInput } from './config';
import { OAuthServer } from './oauth';
import { dispatch, type DispatchContext } from './router';
import { Schema } from './schema';
import { emptySeed, readAdventureWorks, DEFAULT_DATA_DIR } from './seed';
import { FakeOrg } from './store';

const MAX_BODY = 5 * 1024 * 1024;
export const DEFAULT_CLIENT_ID = 'partnerbook-fake-client-id';

export interface FakeSalesforceOptions {
  port?: number;
  host?: string;
  /** The AdventureWorks folder (default ../shared/data/adventureworks-reseller-channel); null: an empty org with one user. */
  dataDir?: string | null;
  /** Who the authorize endpoint signs in (default: the first sales manager, or the empty org's admin). */
  username?: string;
  clientId?: string;
  /** Freeze the clock at this ISO instant (it then moves only through POST /__fake/clock). */
  now?: string;
  /** Redirect URIs accepted besides loopback ones. */
  redirectUris?: string[];
  /** Custom object → its only `__c` fields (default: any `__c` field exists). */
  customFields?: Record<string, string[]>;
  /** More custom objects besides the Partnerbook package's (an org's own, e.g. certifications). */
  extraObjects?: string[];
  /** Initial settings (see POST /__fake/config). */
  config?: ConfigInput;
  /** Seconds between device-flow polls the token endpoint asks for (default 5, as Salesforce). */
  deviceIntervalSeconds?: number;
}

export interface FakeSalesforce {
  url: string;
  clientId: string;
  username: string;
  org: FakeOrg;
  state: FakeState;
  oauth: OAuthServer;
  /** Bulk API 2.0 query jobs (api-bulk.ts); tests expire them. */
  bulk: BulkJobs;
  server: Server;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new BodyTooLarge());
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: ApiResponse, extra: Record<string, string> = {}): void {
  const headers: Record<string, string | number> = { ...reply.headers, ...extra };
  if (reply.text !== undefined) {
    res.writeHead(reply.status, { 'Content-Length': Buffer.byteLength(reply.text), ...headers });
    res.end(reply.text);
    return;
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function jsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SfError(400, 'JSON_PARSER_ERROR', `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function startFakeSalesforce(opts: FakeSalesforceOptions = {}): Promise<FakeSalesforce> {
  const frozen = opts.now === undefined ? null : parseIsoDateTime(opts.now);
  if (opts.now !== undefined && frozen === null) throw new RangeError(`now must be an ISO date-time with a zone, got '${opts.now}'`);
  const clock = new FakeClock(frozen);
  const config = parseConfig(opts.config ?? {});
  const seed = opts.dataDir === null ? emptySeed() : await readAdventureWorks(opts.dataDir ?? DEFAULT_DATA_DIR);
  const schema = new Schema(opts.customFields, opts.extraObjects);
  schema.visibility = { hiddenObjects: config.hiddenObjects ?? [], hiddenFields: config.hiddenFields ?? {} };
  const org = new FakeOrg(schema, clock, seed.rows);
  const state = new FakeState();
  state.set(config);
  const clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
  const username = opts.username ?? seed.defaultUsername;
  const oauth = new OAuthServer(org, clock, {
    clientId,
    username,
    redirectUris: opts.redirectUris ?? [],
    sessionTimeoutMs: () => state.config.sessionTimeoutSeconds * 1000,
    ...(opts.deviceIntervalSeconds === undefined ? {} : { deviceIntervalSeconds: opts.deviceIntervalSeconds }),
  });
  const cursors = new QueryCursors(clock);
  const bulk = new BulkJobs(clock);
  const host = opts.host ?? '127.0.0.1';
  let baseUrl = '';

  async function api(req: IncomingMessage, res: ServerResponse, url: URL, text: string): Promise<void> {
    const limit = () => ({ 'Sforce-Limit-Info': state.limitHeader() });
    const userId = oauth.authenticate(req.headers.authorization);
    if (userId === null) return send(res, new SfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid').toResponse(), limit());
    if (state.apiUsage >= state.config.apiLimit) {
      return send(res, new SfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.').toResponse(), limit());
    }
    if (state.countRequest()) {
      const busy = new SfError(503, 'SERVER_UNAVAILABLE', 'The server is temporarily unable to handle the request (injected fault).');
      return send(res, busy.toResponse(), limit());
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
    const ctx: DispatchContext = {
      org,
      userId,
      state,
      cursors,
      bulk,
      beforeWrite(id) {
        if (state.countWrite()) {
          throw new SfError(400, 'UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`, []);
        }
      },
    };
    let reply: ApiResponse;
    try {
      reply = dispatch(ctx, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body: jsonBody(text) });
    } catch (err) {
      if (!(err instanceof SfError)) throw err;
      reply = err.toResponse();
    }
    send(res, reply, limit());
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    if (path.startsWith('/__fake/')) {
      let body: unknown;
      try {
        body = text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        return send(res, { status: 400, body: { error: 'the body is not valid JSON' } });
      }
      return send(res, handleAdmin({ org, state, oauth, baseUrl }, method, path, body));
    }
    if (path === '/services/oauth2/authorize' && method === 'GET') {
      const reply = oauth.authorize(url.searchParams);
      if (reply.location) return send(res, { status: 302 }, { Location: reply.location });
      return send(res, { status: reply.status, body: reply.body ?? null });
    }
    if (path === '/services/oauth2/token' && method === 'POST') {
      const reply = oauth.token(new URLSearchParams(text), baseUrl);
      return send(res, { status: reply.status, body: reply.body ?? null });
    }
    if (path.startsWith('/id/') && method === 'GET') {
      if (state.countIdentityRead()) return send(res, { status: 503, body: [{ message: 'Service Unavailable', errorCode: 'SERVER_UNAVAILABLE' }] });
      const userId = oauth.authenticate(req.headers.authorization ?? (url.searchParams.has('oauth_token') ? `Bearer ${url.searchParams.get('oauth_token')}` : undefined));
      const parts = path.split('/');
      const identity = userId !== null && parts[3] === userId ? oauth.identity(userId, baseUrl) : null;
      if (!identity) return send(res, { status: 403, body: 'Bad_OAuth_Token' });
      return send(res, { status: 200, body: identity as Json });
    }
    // "OpenID Connect UserInfo Endpoint" (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_userinfo_endpoint.htm):
    // who the bearer token belongs to, for a client that holds only an access token.
    if (path === '/services/oauth2/userinfo' && method === 'GET') {
      const userId = oauth.authenticate(req.headers.authorization);
      const identity = userId === null ? null : oauth.identity(userId, baseUrl);
      if (!identity) return send(res, { status: 403, body: 'Bad_OAuth_Token' });
      const u = identity as Record<string, Json>;
      return send(res, {
        status: 200,
        body: {
          sub: u.id ?? null,
          user_id: u.user_id ?? null,
          organization_id: u.organization_id ?? null,
          preferred_username: u.username ?? null,
          name: u.display_name ?? null,
          email: u.email ?? null,
          email_verified: true,
          active: u.active ?? null,
          user_type: u.user_type ?? null,
        },
      });
    }
    if ((path === '/services/data' || path === '/services/data/') && method === 'GET') {
      return send(res, { status: 200, body: [{ label: "Summer '24", url: DATA_PREFIX, version: API_VERSION }] });
    }
    if (path.startsWith('/services/data/')) return api(req, res, url, text);
    send(res, { status: 404, body: [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }] });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLarge) {
        send(res, { status: 413, body: [{ message: 'The request body is larger than 5 MB', errorCode: 'REQUEST_ENTITY_TOO_LARGE' }] });
        req.resume();
        return;
      }
      process.stderr.write(`fake-salesforce: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      if (!res.headersSent) send(res, { status: 500, body: [{ message: 'An unexpected error occurred in the fake Salesforce.', errorCode: 'UNKNOWN_EXCEPTION' }] });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  baseUrl = `http://${host}:${port}`;
  let closed: Promise<void> | null = null;
  return {
    url: baseUrl,
    clientId,
    username,
    org,
    state,
    oauth,
    bulk,
    server,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
