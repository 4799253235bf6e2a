/**
 * The demo PRM's HTTP server (node:http) speaking PRM sync protocol v1: pull, push
 * (`POST /v1/mutations`, src-main/prm/mutations.ts), info, who am I (`GET /v1/me`, the
 * token's user: auth.ts) and admin endpoints (`GET /admin/audit`: who changed a record,
 * audit.ts). Routes live in a table (`defaultRoutes`, extended or replaced through
 * `opts.routes`). Protocol requests pass through fault injection (src-main/prm/faults.ts);
 * admin endpoints never do.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEntityName, type EntityName } from '../../src-shared/domain/entities';
import { PROTOCOL_VERSION } from '../../src-shared/domain/protocol';
import { auditOf } from './audit';
import { demoTokens, demoUser, roleOf, type DemoRole, type DemoTokens, type DemoUser } from './auth';
import { FaultInjector, type FaultConfig } from './faults';
import { SCALE_NAMES, SCALES, type Scale } from './generator';
import { handleMutations } from './mutations';
import { createRng, hash32 } from './rng';
import { DEFAULT_LIMIT, MAX_LIMIT, PrmStore, StoreError } from './store';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  store: PrmStore;
  /** Parsed JSON body (POST); `undefined` for requests without one. */
  body: unknown;
  /** Whose token the request carries (auth.ts). */
  role: DemoRole;
  /** The signed-in person of that role (looked up when asked). */
  user(): DemoUser;
}

export interface RouteResult {
  status?: number;
  /** A pre-serialized JSON string, or a value to serialize. */
  json: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;

/** `METHOD /path` → handler. */
export type RouteTable = Map<string, RouteHandler>;

const MAX_BODY = 2 * 1024 * 1024;

function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'expected a JSON object body');
  return body as Record<string, unknown>;
}

function entityParam(value: unknown): EntityName {
  if (typeof value !== 'string' || !isEntityName(value)) throw new HttpError(400, 'bad_request', `unknown entity '${String(value)}'`);
  return value;
}

function idParam(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new HttpError(400, 'bad_request', 'missing id');
  return value;
}

/** The default routes over a store (`faults`: the injector `/admin/faults` reads and sets). */
export function defaultRoutes(asOf: string, faults?: FaultInjector): RouteTable {
  const routes: RouteTable = new Map();
  let simCounter = 0;
  routes.set('GET /v1/info', () => ({ json: { protocol: PROTOCOL_VERSION, name: 'Partnerbook demo PRM', as_of: asOf } }));
  routes.set('GET /v1/changes', ({ url, store }) => {
    const cursor = url.searchParams.get('cursor');
    const limitRaw = url.searchParams.get('limit');
    let limit = DEFAULT_LIMIT;
    if (limitRaw !== null) {
      limit = Number(limitRaw);
      if (!Number.isInteger(limit) || limit < 1) throw new HttpError(400, 'bad_request', 'limit must be a positive whole number');
      limit = Math.min(limit, MAX_LIMIT);
    }
    return { json: store.changes(cursor, limit).body };
  });
  routes.set('GET /v1/me', ({ user }) => ({ json: { user: user() } }));
  // Every change a push makes is recorded under the token's user (GET /admin/audit).
  routes.set('POST /v1/mutations', ({ store, body, user }) => ({ json: auditOf(store).as(user(), () => handleMutations(store, body)) }));
  if (faults) {
    routes.set('GET /admin/faults', () => ({ json: faults.current() }));
    routes.set('POST /admin/faults', ({ body }) => {
      faults.set(body ?? {});
      return { json: faults.current() };
    });
  }
  routes.set('POST /admin/edit', ({ store, body }) => {
    const b = objectBody(body);
    const fields = b.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) throw new HttpError(400, 'bad_request', 'fields must be an object');
    const rec = store.patch(entityParam(b.entity), idParam(b.id), fields as Record<string, unknown>);
    return { json: { version: rec.version, data: rec.data } };
  });
  routes.set('POST /admin/delete', ({ store, body }) => {
    const b = objectBody(body);
    const deleted = store.delete(entityParam(b.entity), idParam(b.id));
    return { json: { deleted, head: store.head() } };
  });
  routes.set('POST /admin/compact', ({ store }) => ({ json: { compacted_through: store.compact(), head: store.head() } }));
  routes.set('POST /admin/simulate', ({ store, body }) => {
    const b = body === undefined ? {} : objectBody(body);
    const count = b.count === undefined ? 10 : Number(b.count);
    if (!Number.isInteger(count) || count < 0 || count > 100_000) throw new HttpError(400, 'bad_request', 'count must be a whole number up to 100000');
    simCounter++;
    const rng = createRng(hash32('simulate', store.bookMeta()?.seed ?? 0, store.head(), simCounter));
    const applied = store.simulateActivity(count, rng);
    const edits = b.edits === undefined ? 0 : Number(b.edits);
    const edited = Number.isInteger(edits) && edits > 0 ? store.editRandom(Math.min(edits, 100_000), rng) : 0;
    return { json: { applied, edited, head: store.head() } };
  });
  routes.set('GET /admin/record', ({ store, url }) => {
    const entity = entityParam(url.searchParams.get('entity'));
    const rec = store.get(entity, idParam(url.searchParams.get('id')));
    if (!rec) throw new HttpError(404, 'not_found', `${entity} ${url.searchParams.get('id') ?? ''} not found`);
    return { json: { version: rec.version, data: rec.data } };
  });
  routes.set('GET /admin/audit', ({ store, url }) => {
    const entity = entityParam(url.searchParams.get('entity'));
    const id = idParam(url.searchParams.get('id'));
    return { json: { entity, id, entries: auditOf(store).entries(entity, id) } };
  });
  routes.set('GET /admin/dump', ({ store, url }) => {
    const entity = entityParam(url.searchParams.get('entity'));
    return { json: { entity, rows: store.dump(entity).map((r) => ({ id: r.id, version: r.version, data: r.data })) } };
  });
  routes.set('GET /admin/stats', ({ store }) => ({
    json: { head: store.head(), compacted_through: store.compactedPoint(), counts: store.countsByEntity(), book: store.bookMeta() },
  }));
  return routes;
}

/** Past this much, an oversized body is not even drained: the connection is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

const mb = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/**
 * Reads a request body. One over MAX_BODY is a 413 with a JSON error, answered after the
 * rest of the body is read and dropped, so the client gets the answer instead of a reset
 * connection (only a body beyond DRAIN_LIMIT has its connection cut).
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) {
        req.destroy();
        return;
      }
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'too_large', `the request body is ${mb(size)}; this PRM takes at most ${mb(MAX_BODY)} per request`));
      } else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    req.on('close', () => reject(new HttpError(400, 'bad_request', 'the request body was cut off')));
  });
}

export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * Authenticates, routes and runs a request; the reply to send (errors as JSON bodies).
 * `token` is the CAM's token (the manager's and the admin's derive from it) or all three.
 */
export async function computeReply(store: PrmStore, token: string | DemoTokens, routes: RouteTable, req: IncomingMessage): Promise<Reply> {
  const reply = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({ status, body, headers });
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const role = roleOf(req.headers.authorization, typeof token === 'string' ? demoTokens(token) : token);
    if (!role) {
      req.resume();
      return reply(401, errorJson('unauthorized', 'missing or invalid bearer token'), { 'www-authenticate': 'Bearer' });
    }
    const handler = routes.get(`${req.method ?? 'GET'} ${url.pathname}`);
    if (!handler) {
      req.resume();
      const known = [...routes.keys()].some((k) => k.endsWith(` ${url.pathname}`));
      if (known) throw new HttpError(405, 'method_not_allowed', `${req.method ?? ''} is not allowed on ${url.pathname}`);
      throw new HttpError(404, 'not_found', `no route ${req.method ?? ''} ${url.pathname}`);
    }
    let body: unknown;
    if (req.method === 'POST' || req.method === 'PUT') {
      const raw = await readBody(req);
      if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new HttpError(400, 'bad_request', 'the request body is not valid JSON');
        }
      }
    }
    let who: DemoUser | null = null;
    const user = () => (who ??= demoUser(store, role));
    const result = await handler({ req, url, store, body, role, user });
    const json = typeof result.json === 'string' ? result.json : JSON.stringify(result.json);
    return reply(result.status ?? 200, json, result.headers);
  } catch (err) {
    if (err instanceof HttpError) return reply(err.status, errorJson(err.code, err.message), err.headers);
    if (err instanceof StoreError) return reply(err.status, errorJson(err.code, err.message));
    return reply(500, errorJson('internal', err instanceof Error ? err.message : String(err)));
  }
}

function writeReply(res: ServerResponse, r: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(r.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(r.body)),
    'cache-control': 'no-store',
    ...r.headers,
  });
  res.end(r.body);
}

/** A request handler over a route table (exported for in-process tests). */
export function createHandler(store: PrmStore, token: string | DemoTokens, routes: RouteTable) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    writeReply(res, await computeReply(store, token, routes, req));
  };
}

/** The same, with fault injection on every request outside `/admin/`. */
export function createFaultyHandler(store: PrmStore, token: string | DemoTokens, routes: RouteTable, faults: FaultInjector) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/admin/')) {
      writeReply(res, await computeReply(store, token, routes, req));
      return;
    }
    const { latency, action } = faults.next();
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (action === 'fail' || action === 'rate_limit') {
      req.resume();
      if (action === 'fail') {
        writeReply(res, { status: 503, body: errorJson('unavailable', 'the PRM is temporarily unavailable (injected fault)'), headers: {} });
      } else {
        writeReply(res, {
          status: 429,
          body: errorJson('rate_limited', 'too many requests (injected fault)'),
          headers: { 'retry-after': String(faults.current().retryAfter) },
        });
      }
      return;
    }
    const reply = await computeReply(store, token, routes, req);
    if (action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action === 'truncate') {
      const buf = Buffer.from(reply.body, 'utf8');
      res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...reply.headers });
      res.end(buf.subarray(0, Math.floor(buf.length / 2)));
      return;
    }
    writeReply(res, reply);
  };
}

export interface DemoPrmOptions {
  seed?: number;
  scale?: Scale;
  /** Last day of the book; default today (UTC). */
  asOf?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** The CAM's bearer token; random when omitted. The manager's and the admin's derive from it (auth.ts). */
  token?: string;
  /**
   * Store file. An existing store is reopened (not regenerated). Without it the store
   * is in memory, except for the large and xlarge books which go to a temporary file.
   */
  storePath?: string;
  host?: string;
  /** Progress lines (generation), e.g. to stderr. */
  onProgress?: (message: string) => void;
  /** Extra or replacement routes. */
  routes?: (routes: RouteTable, store: PrmStore) => void;
  /** Faults injected from the start (switchable later through `POST /admin/faults`). */
  faults?: Partial<FaultConfig>;
  /** Make one random server-side edit every this many ms (0/undefined: never). */
  editEveryMs?: number;
}

export interface DemoPrm {
  url: string;
  /** The CAM's token (`tokens.cam`). */
  token: string;
  tokens: DemoTokens;
  store: PrmStore;
  server: Server;
  routes: RouteTable;
  faults: FaultInjector;
  /** Generation summary when the book was generated now; null when reopened. */
  generated: { ms: number; counts: Record<string, number> } | null;
  close(): Promise<void>;
}

/** Opens or generates the store, then listens; resolves only when ready to serve. */
export async function startDemoPrm(opts: DemoPrmOptions = {}): Promise<DemoPrm> {
  const seed = opts.seed ?? 42;
  const scale = opts.scale ?? 'small';
  if (!(scale in SCALES)) throw new RangeError(`scale must be one of ${SCALE_NAMES.join(', ')}, got '${String(scale)}'`);
  const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
  const token = opts.token ?? randomBytes(18).toString('hex');
  const host = opts.host ?? '127.0.0.1';
  const progress = opts.onProgress ?? (() => {});
  let tempDir: string | null = null;
  let path = opts.storePath;
  if (!path) {
    if (scale === 'large' || scale === 'xlarge') {
      tempDir = mkdtempSync(join(tmpdir(), 'partnerbook-demo-prm-'));
      path = join(tempDir, 'store.db');
    } else path = ':memory:';
  }
  const reopening = path !== ':memory:' && existsSync(path);
  const store = PrmStore.open(path);
  let generated: DemoPrm['generated'] = null;
  try {
    if (store.isEmpty()) {
      if (reopening) progress(`store ${path} is empty; generating`);
      progress(`generating the ${scale} book (seed ${seed}, as of ${asOf})…`);
      const t0 = performance.now();
      const summary = store.loadBook({ seed, scale, asOf }, (n) => progress(`  ${n.toLocaleString('en-US')} rows`));
      const ms = Math.round(performance.now() - t0);
      generated = { ms, counts: summary.counts };
      progress(`generated ${store.count().toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(1)} s`);
    } else {
      const meta = store.bookMeta();
      progress(`reopened store ${path}: ${store.count().toLocaleString('en-US')} rows${meta ? ` (${meta.scale}, seed ${meta.seed}, as of ${meta.asOf})` : ''}, log head ${store.head()}`);
    }
  } catch (err) {
    store.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw err;
  }
  const bookAsOf = store.bookMeta()?.asOf ?? asOf;
  let faults: FaultInjector;
  try {
    faults = new FaultInjector(opts.faults);
  } catch (err) {
    store.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    throw err instanceof StoreError ? new RangeError(err.message) : err;
  }
  const routes = defaultRoutes(bookAsOf, faults);
  opts.routes?.(routes, store);
  const tokens = demoTokens(token);
  const handle = createFaultyHandler(store, tokens, routes, faults);
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let editTimer: NodeJS.Timeout | null = null;
  if (opts.editEveryMs && opts.editEveryMs > 0) {
    const rng = createRng(hash32('edit-every', store.bookMeta()?.seed ?? seed, store.head()));
    editTimer = setInterval(() => {
      try {
        store.editRandom(1, rng);
      } catch (err) {
        progress(`random edit failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }, opts.editEveryMs);
    editTimer.unref();
  }
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
  let closed: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`,
    token,
    tokens,
    store,
    server,
    routes,
    faults,
    generated,
    close() {
      if (editTimer) clearInterval(editTimer);
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        store.close();
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      });
      return closed;
    },
  };
}
