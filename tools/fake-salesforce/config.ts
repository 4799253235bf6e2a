/**
 * The fake's knobs (constructor options, changed at runtime by `POST /__fake/config`)
 * and its counters: API usage against the daily limit, requests seen (for `failEvery`)
 * and writes seen (for `lockEvery`).
 */
import type { Visibility } from './schema';

export interface FakeConfig {
  /** Daily API request limit; over it every call is 403 REQUEST_LIMIT_EXCEEDED. */
  apiLimit: number;
  /** Every Nth API request is a 503 (0: never). */
  failEvery: number;
  /** Every Nth record write (PATCH, upsert, DELETE, also inside /composite) is UNABLE_TO_LOCK_ROW (0: never). */
  lockEvery: number;
  /** Most ids `updated` / `deleted` return before EXCEEDED_ID_LIMIT (Salesforce: 600,000). */
  idLimit: number;
  /** Records per query page when the request sets no `Sforce-Query-Options: batchSize`. */
  pageSize: number;
  /** Access token lifetime on the fake clock. */
  sessionTimeoutSeconds: number;
  /** The next N reads of an Identity URL (`GET /id/…`) answer 503 Service Unavailable (0: none). */
  identityFailures: number;
}

export const DEFAULT_CONFIG: FakeConfig = {
  apiLimit: 100_000,
  failEvery: 0,
  lockEvery: 0,
  idLimit: 600_000,
  pageSize: 2000,
  sessionTimeoutSeconds: 7200,
  identityFailures: 0,
};

const LIMITS: Record<keyof FakeConfig, [number, number]> = {
  apiLimit: [0, 1_000_000_000],
  failEvery: [0, 1_000_000],
  lockEvery: [0, 1_000_000],
  idLimit: [1, 10_000_000],
  pageSize: [1, 2000],
  sessionTimeoutSeconds: [1, 365 * 86_400],
  identityFailures: [0, 1_000_000],
};

export type ConfigInput = Partial<FakeConfig> & Partial<Visibility> & { apiUsage?: number };

/** Validates a partial configuration; throws a RangeError naming the bad key. */
export function parseConfig(input: unknown): ConfigInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new RangeError('expected a JSON object');
  const out: ConfigInput = {};
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    if (key === 'hiddenObjects') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new RangeError('hiddenObjects must be a list of object names');
      out.hiddenObjects = value as string[];
    } else if (key === 'hiddenFields') {
      const ok =
        typeof value === 'object' &&
        value !== null &&
        Object.values(value).every((v) => Array.isArray(v) && v.every((x) => typeof x === 'string'));
      if (!ok) throw new RangeError('hiddenFields must map object names to lists of field names');
      out.hiddenFields = value as Record<string, string[]>;
    } else if (key === 'apiUsage') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new RangeError('apiUsage must be a whole number');
      out.apiUsage = value;
    } else if (key in LIMITS) {
      const [min, max] = LIMITS[key as keyof FakeConfig];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new RangeError(`${key} must be a whole number from ${min} to ${max}`);
      }
      out[key as keyof FakeConfig] = value;
    } else {
      throw new RangeError(`unknown setting '${key}' (known: ${[...Object.keys(LIMITS), 'apiUsage', 'hiddenObjects', 'hiddenFields'].join(', ')})`);
    }
  }
  return out;
}

export class FakeState {
  config: FakeConfig;
  apiUsage = 0;
  /** Reads of an Identity URL seen, failed ones included. */
  identityReads = 0;
  private requests = 0;
  private writes = 0;

  constructor(initial: Partial<FakeConfig> = {}) {
    this.config = { ...DEFAULT_CONFIG, ...initial };
  }

  limitHeader(): string {
    return `api-usage=${this.apiUsage}/${this.config.apiLimit}`;
  }

  /** Counts an API request; true when the failEvery fault falls on it. */
  countRequest(): boolean {
    this.apiUsage++;
    const n = ++this.requests;
    return this.config.failEvery > 0 && n % this.config.failEvery === 0;
  }

  /** Counts a read of an Identity URL; true when it is to fail (identityFailures left). */
  countIdentityRead(): boolean {
    this.identityReads++;
    if (this.config.identityFailures <= 0) return false;
    this.config = { ...this.config, identityFailures: this.config.identityFailures - 1 };
    return true;
  }

  /** Counts a record write; true when the lockEvery fault falls on it. */
  countWrite(): boolean {
    const n = ++this.writes;
    return this.config.lockEvery > 0 && n % this.config.lockEvery === 0;
  }

  /** Applies `apply` settings and restarts the fault counts. */
  set(apply: ConfigInput): void {
    const { apiUsage, hiddenObjects: _h, hiddenFields: _f, ...rest } = apply;
    this.config = { ...this.config, ...rest };
    if (apiUsage !== undefined) this.apiUsage = apiUsage;
    this.requests = 0;
    this.writes = 0;
  }
}
