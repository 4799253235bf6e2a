/**
 * Fault injection for the demo PRM (ARCHITECTURE §5), so sync can be tested against
 * a bad network and a struggling server. Every protocol request (not the admin
 * endpoints) is counted; with a fault set to N, every Nth request gets it:
 *
 * - `latency` MS: every request waits this long first.
 * - `failEvery` N: 503 with a JSON error body; the request is not processed.
 * - `dropEvery` N: the request IS processed, then the connection is destroyed without
 *   an answer (for a push: applied on the server, acknowledgement lost).
 * - `truncateEvery` N: processed, then the right status and headers are sent with only
 *   the first half of the body (chunked, so the response ends "cleanly" with half a
 *   JSON document).
 * - `rateLimit` N: 429 with `Retry-After: <retryAfter>` (seconds, default 1); not processed.
 *
 * When several fall on the same request: drop, then fail, then rate limit, then truncate.
 * Changing the configuration restarts the count.
 */
import { StoreError } from './store';

export interface FaultConfig {
  latency: number;
  failEvery: number;
  dropEvery: number;
  truncateEvery: number;
  rateLimit: number;
  /** Seconds sent in Retry-After with a 429. */
  retryAfter: number;
}

export type FaultAction = 'drop' | 'fail' | 'rate_limit' | 'truncate' | null;

export const NO_FAULTS: FaultConfig = { latency: 0, failEvery: 0, dropEvery: 0, truncateEvery: 0, rateLimit: 0, retryAfter: 1 };

const LIMITS: Record<keyof FaultConfig, number> = {
  latency: 120_000,
  failEvery: 1_000_000,
  dropEvery: 1_000_000,
  truncateEvery: 1_000_000,
  rateLimit: 1_000_000,
  retryAfter: 3600,
};

/** Validates a partial fault configuration; a StoreError (400) names the bad field. */
export function parseFaults(input: unknown): Partial<FaultConfig> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new StoreError(400, 'bad_request', 'expected a JSON object of faults');
  }
  const out: Partial<FaultConfig> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (!(k in LIMITS)) {
      throw new StoreError(400, 'bad_request', `unknown fault '${k}' (known: ${Object.keys(LIMITS).join(', ')})`, k);
    }
    const key = k as keyof FaultConfig;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > LIMITS[key]) {
      throw new StoreError(400, 'bad_request', `${k} must be a whole number from 0 to ${LIMITS[key]}`, k);
    }
    out[key] = v;
  }
  return out;
}

export class FaultInjector {
  private config: FaultConfig;
  private count = 0;

  constructor(initial: Partial<FaultConfig> = {}) {
    this.config = { ...NO_FAULTS, ...parseFaults(initial) };
  }

  current(): FaultConfig & { requests: number } {
    return { ...this.config, requests: this.count };
  }

  /** Merges a partial configuration (validated) and restarts the count. */
  set(partial: unknown): FaultConfig {
    this.config = { ...this.config, ...parseFaults(partial) };
    this.count = 0;
    return { ...this.config };
  }

  /** Counts a protocol request and says what to do to it. */
  next(): { latency: number; action: FaultAction } {
    const n = ++this.count;
    const hit = (every: number) => every > 0 && n % every === 0;
    const c = this.config;
    const action: FaultAction = hit(c.dropEvery)
      ? 'drop'
      : hit(c.failEvery)
        ? 'fail'
        : hit(c.rateLimit)
          ? 'rate_limit'
          : hit(c.truncateEvery)
            ? 'truncate'
            : null;
    return { latency: c.latency, action };
  }
}
