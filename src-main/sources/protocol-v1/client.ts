/**
 * The first source: a PRM speaking sync protocol v1 (docs/ARCHITECTURE.md §5).
 * Every failure becomes a `SourceError` whose `kind` says how sync should react and
 * whose message is in words a CAM understands.
 */
import { z } from 'zod';
import { EDITABLE_ENTITIES, isEntityName, type EntityName } from '../../../src-shared/domain/entities';
import {
  changesPageSchema,
  errorBodySchema,
  infoSchema,
  meSchema,
  mutationsResponseSchema,
  type ChangesPage,
  type MutationsRequest,
  type PrmInfo,
  type PrmMe,
} from '../../../src-shared/domain/protocol';
import { SLOW_ANSWER, SourceError, type Source, type SourceConnector, type SourceDescription } from '../contract';
import { HttpError, httpRequest, type HttpLimits, type HttpReply } from './http';

export interface PrmClientOptions {
  url: string;
  token: string;
  /** Deadline for one whole request, body included (default 120 s). */
  timeoutMs?: number;
  /** Time to the response headers (default 30 s, never more than `timeoutMs`). */
  headersTimeoutMs?: number;
  /** Largest response body read, in bytes (default 64 MB); a larger one fails without being buffered. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
/** A page of 5,000 changes of the large demo book is about 1.7 MB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export interface PrmClient extends Source {
  readonly url: string;
  info(): Promise<PrmInfo>;
  /** Who the token belongs to (GET /v1/me); null when the server does not say. */
  me(): Promise<PrmMe | null>;
  changes(cursor: string | null, limit: number): Promise<ChangesPage>;
  mutations(body: MutationsRequest): Promise<z.infer<typeof mutationsResponseSchema>>;
}

function networkMessage(url: string, err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? '';
  if (code === 'ECONNREFUSED') return `Can't reach the PRM at ${url} (connection refused).`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Can't find the PRM host for ${url}.`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return `The connection to the PRM at ${url} was cut.`;
  return `Can't reach the PRM at ${url}${code ? ` (${code})` : ''}.`;
}

/** Retry-After in milliseconds: delta-seconds or an HTTP-date; absent or unreadable gives undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const YEAR = 365 * 24 * 3600_000;
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, YEAR);
  // An HTTP-date starts with the day's name ("Fri, 20 Nov 2026 12:00:00 GMT"); Date.parse alone takes "-5".
  if (!/^[A-Za-z]{3}/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - now), YEAR);
}

/** "64 MB", "512 KB". */
export function formatBytes(n: number): string {
  const mb = n / (1024 * 1024);
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  return `${Math.max(1, Math.round(n / 1024))} KB`;
}

const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

type Json = { ok: true; value: unknown } | { ok: false; json: boolean };

/**
 * Parses a body. A body that fails to parse but starts like JSON (or is empty) was cut
 * short or garbled on the way: worth retrying. One that does not start like JSON at all
 * (a web page, plain text, binary) is not a protocol answer.
 */
function parseBody(text: string): Json {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    const first = text.trimStart()[0];
    return { ok: false, json: first === undefined || first === '{' || first === '[' };
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message.replace(/^Invalid input: /, '')}`;
}

export function createPrmClient(opts: PrmClientOptions): PrmClient {
  let base: URL;
  try {
    base = new URL(opts.url);
  } catch {
    throw new SourceError('client', `'${opts.url}' is not a valid PRM URL.`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new SourceError('client', `'${opts.url}' is not an http(s) URL.`);
  }
  const root = base.toString().replace(/\/$/, '');
  const limits: HttpLimits = {
    deadlineMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headersTimeoutMs: opts.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
    maxBodyBytes: opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxRedirects: MAX_REDIRECTS,
  };

  function transportError(err: unknown, endpoint: string, pageLimit?: number): SourceError {
    if (!(err instanceof HttpError)) return new SourceError('network', networkMessage(root, err));
    const f = err.failure;
    switch (f.kind) {
      case 'cancelled':
        return new SourceError('network', 'Sync was cancelled.');
      case 'headers_timeout':
        return new SourceError('timeout', `The PRM at ${root} did not answer within ${seconds(f.ms)}.`);
      case 'deadline':
        // Headers came but the body did not finish: the PRM is reachable, just too slow.
        return f.gotHeaders
          ? new SourceError('timeout', `The PRM at ${root} did not finish sending its answer within ${seconds(f.ms)}.`, undefined, undefined, SLOW_ANSWER)
          : new SourceError('timeout', `The PRM at ${root} did not answer within ${seconds(f.ms)}.`);
      case 'too_large':
        return new SourceError(
          'protocol',
          pageLimit !== undefined
            ? `The PRM sent a page larger than ${formatBytes(f.limit)} (asked for ${pageLimit.toLocaleString('en-US')} changes); sync stopped. Contact your PRM admin.`
            : `The PRM's answer to ${endpoint} was larger than ${formatBytes(f.limit)}; sync stopped. Contact your PRM admin.`,
          undefined,
          undefined,
          'too_large',
        );
      case 'redirect_loop':
        return new SourceError('protocol', `The PRM at ${root} kept redirecting (more than ${f.hops - 1} redirects, probably a loop); check the PRM address.`, undefined, undefined, 'redirect_loop');
      case 'redirect_elsewhere':
        return new SourceError('client', `The PRM at ${root} redirects to ${f.location}; use that address for the PRM instead.`, undefined, undefined, 'redirect');
      case 'network':
        return new SourceError('network', networkMessage(root, f.cause));
    }
  }

  async function request<T>(
    path: string,
    schema: z.ZodType<T>,
    init?: { method: string; body: string },
    pageLimit?: number,
  ): Promise<T> {
    const endpoint = path.split('?')[0]!;
    let res: HttpReply;
    try {
      res = await httpRequest(
        `${root}${path}`,
        {
          method: init?.method ?? 'GET',
          headers: {
            authorization: `Bearer ${opts.token}`,
            accept: 'application/json',
            ...(init ? { 'content-type': 'application/json' } : {}),
          },
          body: init?.body,
        },
        limits,
        opts.signal,
      );
    } catch (err) {
      throw transportError(err, endpoint, pageLimit);
    }
    const ok = res.status >= 200 && res.status < 300;
    const parsedBody = parseBody(res.body.toString('utf8'));
    const json = parsedBody.ok ? parsedBody.value : undefined;
    if (!ok) {
      const body = errorBodySchema.safeParse(json);
      const code = body.success ? body.data.error.code : undefined;
      const serverMessage = body.success ? body.data.error.message : undefined;
      if (res.status === 401) {
        throw new SourceError('unauthorized', 'The PRM did not accept your sign-in. Sign in again.', 401, undefined, code);
      }
      if (res.status === 410 && code === 'cursor_expired') {
        throw new SourceError('cursor_expired', 'The PRM asked for a full refresh.', 410, undefined, code);
      }
      if (res.status === 429) {
        throw new SourceError('rate_limited', 'The PRM is busy (rate limited).', 429, parseRetryAfter(res.headers.get('retry-after')), code);
      }
      if (res.status >= 500) {
        // The PRM's own words, once and without its full stop: "The PRM had a problem (HTTP 503): the PRM is temporarily unavailable."
        const said = serverMessage ? serverMessage.trim().replace(/[.\s]+$/, '') : '';
        throw new SourceError('server', `The PRM had a problem (HTTP ${res.status})${said ? `: ${said}` : ''}.`, res.status, undefined, code);
      }
      if (!body.success) {
        throw new SourceError('not_source', `The server at ${root} answered HTTP ${res.status} and does not look like a PRM; check the address.`, res.status);
      }
      throw new SourceError('client', `The PRM refused the request: ${serverMessage ?? `HTTP ${res.status}`}.`, res.status, undefined, code);
    }
    if (!parsedBody.ok) {
      if (parsedBody.json) {
        throw new SourceError('bad_response', `The PRM sent an incomplete or garbled answer to ${endpoint}.`, res.status, undefined, 'garbled');
      }
      const type = res.headers.get('content-type') ?? '';
      const what = /html/i.test(type) ? 'a web page, not PRM data' : 'data that is not JSON';
      throw new SourceError('not_source', `The server at ${root} answered with ${what}; it does not look like a PRM. Check the address.`, res.status, undefined, 'not_json');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SourceError(
        'protocol',
        `The PRM's answer to ${endpoint} is not in the expected format (${firstIssue(parsed.error)}); sync stopped.`,
        res.status,
        undefined,
        'shape',
      );
    }
    return parsed.data;
  }

  const answers: { info?: PrmInfo; me?: PrmMe | null } = {};
  const client: PrmClient = {
    url: root,
    label: root,
    async info() {
      try {
        return await request('/v1/info', infoSchema);
      } catch (err) {
        // Only a complete answer that is not protocol v1 info (or no such endpoint) means
        // "not a PRM"; an answer cut short is a transient fault, retried by the caller.
        if (err instanceof SourceError && (err.code === 'shape' || (err.kind === 'client' && err.status === 404))) {
          throw new SourceError('not_source', `The server at ${root} does not look like a PRM (it has no PRM information page); check the address.`, err.status);
        }
        throw err;
      }
    },
    changes(cursor, limit) {
      const q = new URLSearchParams({ limit: String(limit) });
      if (cursor) q.set('cursor', cursor);
      return request(`/v1/changes?${q.toString()}`, changesPageSchema, undefined, limit);
    },
    mutations(body) {
      return request('/v1/mutations', mutationsResponseSchema, { method: 'POST', body: JSON.stringify(body) });
    },
    async me() {
      try {
        return await request('/v1/me', meSchema);
      } catch (err) {
        // A v1 server without the identity extension: it cannot say who you are.
        if (err instanceof SourceError && err.kind === 'client' && err.status === 404) return null;
        throw err;
      }
    },
    async describe(): Promise<SourceDescription> {
      // Two requests; each answer is kept once it arrived, so a retried describe() only
      // asks again what failed (on a flaky link, retrying both could fail forever).
      const info = (answers.info ??= await client.info());
      const me = answers.me !== undefined ? answers.me : (answers.me = await client.me());
      const writable: EntityName[] = info.writable
        ? info.writable.filter((e): e is EntityName => isEntityName(e))
        : [...EDITABLE_ENTITIES];
      return {
        name: info.name,
        user: me ? { id: me.user.id, name: me.user.name, email: me.user.email ?? null, role: me.user.role } : null,
        writable,
      };
    },
  };
  return client;
}

/**
 * A workspace's protocol-v1 PRM: its URL and the token to use (read from the secret store).
 * `limits` overrides the client's defaults (headers timeout, response size cap).
 */
export function protocolV1Connector(
  target: { url: string; token: string },
  limits: Pick<PrmClientOptions, 'headersTimeoutMs' | 'maxResponseBytes'> = {},
): SourceConnector {
  return {
    kind: 'protocol-v1',
    label: target.url,
    open: (opts) =>
      createPrmClient({ url: target.url, token: target.token, ...limits, timeoutMs: opts?.timeoutMs, signal: opts?.signal }),
  };
}
