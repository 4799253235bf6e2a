/**
 * One bounded HTTP exchange for the protocol v1 client: every wait has a limit (time to
 * the response headers, and a deadline for the whole request including its body), the
 * body is read as a stream and never buffered past a byte cap, and redirects are
 * followed by hand, only within the same origin (the bearer token never leaves it) and
 * only a few times. Failures are typed here; the client turns them into user words.
 */

export interface HttpLimits {
  /** Time until the (final) response headers arrive. */
  headersTimeoutMs: number;
  /** Time for the whole request: redirects, headers and the complete body. */
  deadlineMs: number;
  /** Largest body read; a longer (or longer announced) body fails without being buffered. */
  maxBodyBytes: number;
  /** Same-origin redirects followed before giving up. */
  maxRedirects: number;
}

export type HttpFailure =
  | { kind: 'cancelled' }
  | { kind: 'headers_timeout'; ms: number }
  | { kind: 'deadline'; ms: number; gotHeaders: boolean }
  | { kind: 'too_large'; limit: number; declared: number | null }
  | { kind: 'redirect_loop'; hops: number }
  | { kind: 'redirect_elsewhere'; location: string }
  | { kind: 'network'; cause: unknown };

export class HttpError extends Error {
  constructor(readonly failure: HttpFailure) {
    super(`HTTP request failed: ${failure.kind}`);
    this.name = 'HttpError';
  }
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface HttpInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Reads a body stream up to `max` bytes; one byte more cancels the stream and fails. */
async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      reader.cancel().catch(() => undefined);
      throw new HttpError({ kind: 'too_large', limit: max, declared: null });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

export async function httpRequest(url: string, init: HttpInit, limits: HttpLimits, signal?: AbortSignal): Promise<HttpReply> {
  const controller = new AbortController();
  const cancelled = new HttpError({ kind: 'cancelled' });
  let gotHeaders = false;
  const deadline = setTimeout(
    () => controller.abort(new HttpError({ kind: 'deadline', ms: limits.deadlineMs, gotHeaders })),
    limits.deadlineMs,
  );
  const headersMs = Math.min(limits.headersTimeoutMs, limits.deadlineMs);
  const headersTimer = setTimeout(() => controller.abort(new HttpError({ kind: 'headers_timeout', ms: headersMs })), headersMs);
  const onAbort = () => controller.abort(cancelled);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    let target = new URL(url);
    let method = init.method;
    let body = init.body;
    for (let hop = 0; ; hop++) {
      const res = await fetch(target, { method, headers: init.headers, body, redirect: 'manual', signal: controller.signal });
      const location = REDIRECTS.has(res.status) ? res.headers.get('location') : null;
      if (location !== null) {
        res.body?.cancel().catch(() => undefined);
        const next = new URL(location, target);
        if (next.origin !== target.origin) throw new HttpError({ kind: 'redirect_elsewhere', location: next.origin });
        if (hop >= limits.maxRedirects) throw new HttpError({ kind: 'redirect_loop', hops: hop + 1 });
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        target = next;
        continue;
      }
      gotHeaders = true;
      clearTimeout(headersTimer);
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
        throw new HttpError({ kind: 'too_large', limit: limits.maxBodyBytes, declared });
      }
      const buf = await readCapped(res.body, limits.maxBodyBytes);
      finished = true;
      return { status: res.status, headers: res.headers, body: buf };
    }
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // An abort surfaces as the reason it was given (ours), or as an AbortError.
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof HttpError) throw reason;
    throw new HttpError({ kind: 'network', cause: err });
  } finally {
    clearTimeout(deadline);
    clearTimeout(headersTimer);
    signal?.removeEventListener('abort', onAbort);
    // Whatever is still open (an endless body, a redirect's socket) is closed now.
    if (!finished && !controller.signal.aborted) controller.abort(cancelled);
  }
}
