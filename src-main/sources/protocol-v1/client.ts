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
import { SourceError, type Source, type SourceConnector, type SourceDescription } from '../contract';

export interface PrmClientOptions {
  url: string;
  token: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

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

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
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
  const timeoutMs = opts.timeoutMs ?? 30_000;

  async function request<T>(path: string, schema: z.ZodType<T>, init?: { method: string; body: string }): Promise<T> {
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (opts.signal) signals.push(opts.signal);
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${root}${path}`, {
        method: init?.method ?? 'GET',
        headers: {
          authorization: `Bearer ${opts.token}`,
          accept: 'application/json',
          ...(init ? { 'content-type': 'application/json' } : {}),
        },
        body: init?.body,
        signal: AbortSignal.any(signals),
      });
      text = await res.text();
    } catch (err) {
      if (opts.signal?.aborted) throw new SourceError('network', 'Sync was cancelled.');
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new SourceError('timeout', `The PRM at ${root} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      }
      throw new SourceError('network', networkMessage(root, err));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (res.ok) throw new SourceError('bad_response', `The PRM sent an incomplete or garbled answer (${path.split('?')[0]}).`, res.status);
      json = undefined;
    }
    if (!res.ok) {
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
        throw new SourceError(
          'rate_limited',
          'The PRM is busy (rate limited); retrying shortly.',
          429,
          parseRetryAfter(res.headers.get('retry-after')),
          code,
        );
      }
      if (res.status >= 500) {
        throw new SourceError('server', `The PRM had a problem (HTTP ${res.status}${serverMessage ? `: ${serverMessage}` : ''}).`, res.status, undefined, code);
      }
      if (!body.success) {
        throw new SourceError('not_source', `${root} answered HTTP ${res.status} and does not look like a PRM.`, res.status);
      }
      throw new SourceError('client', `The PRM refused the request: ${serverMessage ?? `HTTP ${res.status}`}.`, res.status, undefined, code);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SourceError('bad_response', `The PRM's answer to ${path.split('?')[0]} is not in the expected format.`, res.status);
    }
    return parsed.data;
  }

  const client: PrmClient = {
    url: root,
    label: root,
    async info() {
      try {
        return await request('/v1/info', infoSchema);
      } catch (err) {
        if (err instanceof SourceError && (err.kind === 'bad_response' || (err.kind === 'client' && err.status === 404))) {
          throw new SourceError('not_source', `${root} does not look like a PRM (no protocol v1 info).`, err.status);
        }
        throw err;
      }
    },
    changes(cursor, limit) {
      const q = new URLSearchParams({ limit: String(limit) });
      if (cursor) q.set('cursor', cursor);
      return request(`/v1/changes?${q.toString()}`, changesPageSchema);
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
      const info = await client.info();
      const me = await client.me();
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

/** A workspace's protocol-v1 PRM: its URL and the token to use (read from the secret store). */
export function protocolV1Connector(target: { url: string; token: string }): SourceConnector {
  return {
    kind: 'protocol-v1',
    label: target.url,
    open: (opts) => createPrmClient({ url: target.url, token: target.token, timeoutMs: opts?.timeoutMs, signal: opts?.signal }),
  };
}
