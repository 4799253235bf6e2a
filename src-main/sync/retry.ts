/**
 * Retries of transient PRM failures with capped exponential backoff and full jitter;
 * a 429's Retry-After is honoured. Permanent failures (401, 4xx, not a PRM) are thrown
 * at once.
 */
import { SourceError } from '../sources/contract';
import { SyncAborted } from './pull-errors';

export interface RetryPolicy {
  /** Attempts per request, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Random source in [0,1), injectable for tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000 };

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new SyncAborted());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new SyncAborted());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The delay before retry number `attempt` (1 = first retry). */
export function backoffDelay(policy: RetryPolicy, attempt: number, err: SourceError): number {
  const random = policy.random ?? Math.random;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  if (err.kind === 'rate_limited' && err.retryAfterMs !== undefined) {
    return Math.min(Math.max(err.retryAfterMs, jittered), Math.max(policy.maxDelayMs, err.retryAfterMs));
  }
  return Math.max(jittered, Math.floor(policy.baseDelayMs / 4));
}

export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy,
  opts: { signal?: AbortSignal; onRetry?: (err: SourceError, attempt: number, delayMs: number) => void } = {},
): Promise<T> {
  const sleep = policy.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (opts.signal?.aborted) throw new SyncAborted();
      if (!(err instanceof SourceError) || !err.transient || attempt >= policy.maxAttempts) throw err;
      const delay = backoffDelay(policy, attempt, err);
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay, opts.signal);
    }
  }
}
