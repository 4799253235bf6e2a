/**
 * Retries of transient PRM failures with capped exponential backoff and full jitter;
 * a 429's Retry-After is honoured up to a cap — a longer one ends the attempt at once
 * with a message that says how long the PRM asked us to wait and when to try again.
 * Permanent failures (401, 4xx, not a PRM, protocol violations) are thrown at once.
 */
import { SLOW_ANSWER, SourceError } from '../sources/contract';
import { SyncAborted } from './pull-errors';

export interface RetryPolicy {
  /** Attempts per request, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After waited for (default 60 s); a longer one fails with "try again after …". */
  maxRetryAfterMs?: number;
  /**
   * Attempts when the source cannot be reached at all (no connection, no answer in time:
   * `unreachable`); `maxAttempts` when not given. An automatic run's first contact tries
   * once: offline, the quiet probe takes over instead of seconds of "Syncing…" retries.
   */
  unreachableAttempts?: number;
  /** Random source in [0,1), injectable for tests. */
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: DEFAULT_MAX_RETRY_AFTER_MS };

/** The source cannot be reached at all: no connection, or no answer in time (not a slow answer under way). */
export function unreachable(err: SourceError): boolean {
  return err.kind === 'network' || (err.kind === 'timeout' && err.code !== SLOW_ANSWER);
}

/** The `code` of the SourceError thrown when the PRM asked for a longer wait than the cap. */
export const RETRY_LATER = 'retry_later';

/** "45 seconds", "60 minutes", "3 hours", "2 days". */
export function formatWait(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 120) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} minutes`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} hours`;
  return `${Math.round(h / 24)} days`;
}

/** Local wall-clock time: "10:42" today, "2026-11-21 10:42" on another day. */
export function formatClockTime(at: number, now = Date.now()): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === new Date(now).toDateString()
    ? time
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** The error for a Retry-After longer than the policy waits: how long, and from when to try again. */
export function retryLaterError(err: SourceError, retryAfterMs: number, now = Date.now()): SourceError {
  // Rounded up to the minute, so "after 10:42" is never too early.
  const at = Math.ceil((now + retryAfterMs) / 60_000) * 60_000;
  return new SourceError(
    'rate_limited',
    `The PRM asked us to wait ${formatWait(retryAfterMs)} (rate limited). Try again after ${formatClockTime(at, now)}.`,
    err.status,
    retryAfterMs,
    RETRY_LATER,
  );
}

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
      if (!(err instanceof SourceError) || !err.transient || err.code === RETRY_LATER) throw err;
      const cap = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
      const waitAsked = err.kind === 'rate_limited' ? err.retryAfterMs : undefined;
      if (waitAsked !== undefined && (waitAsked > cap || attempt >= policy.maxAttempts)) throw retryLaterError(err, waitAsked);
      if (attempt >= policy.maxAttempts || (unreachable(err) && attempt >= (policy.unreachableAttempts ?? policy.maxAttempts))) throw err;
      const delay = backoffDelay(policy, attempt, err);
      opts.onRetry?.(err, attempt, delay);
      await sleep(delay, opts.signal);
    }
  }
}
