/**
 * Client for PRM sync protocol v1 (DESIGN section 4). Every failure becomes a
 * `PrmError` whose `kind` says how sync should react and whose message is in words a
 * CAM understands.
 */
import { z } from 'zod';
import {
  changesPageSchema,
  errorBodySchema,
  infoSchema,
  mutationsResponseSchema,
  type ChangesPage,
  type MutationsRequest,
  type PrmInfo,
} from '../../../src-shared/domain/protocol';

export type PrmErrorKind =
  /** Could not connect, connection reset, DNS failure: probably offline. */
  | 'network'
  | 'timeout'
  /** 401: the token is wrong or expired. */
  | 'unauthorized'
  /** 410 cursor_expired: refetch from the start. */
  | 'cursor_expired'
  /** 429: back off for `retryAfterMs`. */
  | 'rate_limited'
  /** 5xx. */
  | 'server'
  /** Body cut short, not JSON, or not the protocol's shape. */
  | 'bad_response'
  /** The URL answers, but it is not a PRM speaking this protocol. */
  | 'not_prm'
  /** Other 4xx: the request itself is wrong. */
  | 'client';

export class PrmError extends Error {
  constructor(
    readonly kind: PrmErrorKind,
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PrmError';
  }

  /** Worth retrying with backoff: the same request may succeed later. */
  get transient(): boolean {
    return ['network', 'timeout', 'rate_limited', 'server', 'bad_response'].includes(this.kind);
  }
}

export interface PrmClientOptions {
  url: string;
  token: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface PrmClient {
  readonly url: string;
  info(): Promise<PrmInfo>;
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
    throw new PrmError('client', `'${opts.url}' is not a valid PRM URL.`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new PrmError('client', `'${opts.url}' is not an http(s) URL.`);
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
      if (opts.signal?.aborted) throw new PrmError('network', 'Sync was cancelled.');
      const name = (err as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new PrmError('timeout', `The PRM at ${root} did not answer within ${Math.round(timeoutMs / 1000)} s.`);
      }
      throw new PrmError('network', networkMessage(root, err));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      if (res.ok) throw new PrmError('bad_response', `The PRM sent an incomplete or garbled answer (${path.split('?')[0]}).`, res.status);
      json = undefined;
    }
    if (!res.ok) {
      const body = errorBodySchema.safeParse(json);
      const code = body.success ? body.data.error.code : undefined;
      const serverMessage = body.success ? body.data.error.message : undefined;
      if (res.status === 401) {
        throw new PrmError('unauthorized', 'The PRM did not accept your sign-in. Sign in again.', 401, undefined, code);
      }
      if (res.status === 410 && code === 'cursor_expired') {
        throw new PrmError('cursor_expired', 'The PRM asked for a full refresh.', 410, undefined, code);
      }
      if (res.status === 429) {
        throw new PrmError(
          'rate_limited',
          'The PRM is busy (rate limited); retrying shortly.',
          429,
          parseRetryAfter(res.headers.get('retry-after')),
          code,
        );
      }
      if (res.status >= 500) {
        throw new PrmError('server', `The PRM had a problem (HTTP ${res.status}${serverMessage ? `: ${serverMessage}` : ''}).`, res.status, undefined, code);
      }
      if (!body.success) {
        throw new PrmError('not_prm', `${root} answered HTTP ${res.status} and does not look like a PRM.`, res.status);
      }
      throw new PrmError('client', `The PRM refused the request: ${serverMessage ?? `HTTP ${res.status}`}.`, res.status, undefined, code);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new PrmError('bad_response', `The PRM's answer to ${path.split('?')[0]} is not in the expected format.`, res.status);
    }
    return parsed.data;
  }

  return {
    url: root,
    async info() {
      try {
        return await request('/v1/info', infoSchema);
      } catch (err) {
        if (err instanceof PrmError && (err.kind === 'bad_response' || (err.kind === 'client' && err.status === 404))) {
          throw new PrmError('not_prm', `${root} does not look like a PRM (no protocol v1 info).`, err.status);
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
  };
}
