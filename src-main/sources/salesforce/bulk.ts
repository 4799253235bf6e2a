/**
 * The first load of a very large object through a Bulk API 2.0 query job instead of REST
 * query pages ("Bulk API 2.0 and Bulk API Developer Guide": Create a Query Job, Get
 * Information About a Query Job, Get Results for a Query Job).
 *
 * When: before loading an object, `SELECT COUNT() FROM X WHERE <its filter>` (one call).
 * A REST query answers at most 2,000 rows per call, so N rows cost N / 2,000 calls, each a
 * round trip the load waits for. A Bulk 2.0 job has a fixed cost — create (1), poll its
 * state until JobComplete (a few calls, and seconds of queueing in Salesforce even for a
 * small job) — then streams CSV pages of up to `maxRecords` rows (50,000 here: ~10 MB of
 * CSV, one replica transaction) per call. At 50,000 rows REST costs 25 calls and Bulk about
 * 1 + ~4 polls + 1 page ≈ 6, and the calls it saves outweigh the job's queueing time; at
 * 10,000 rows REST costs 5 calls, no more than the job's overhead, and is faster. So
 * objects of BULK_THRESHOLD = 50,000 rows or more go through Bulk (the same order as
 * Salesforce's own advice to use Bulk API for "more than 50,000 records").
 *
 * Resumable: the load's cursor keeps the job id and the `Sforce-Locator` of the next
 * results page, so a killed sync asks for that page again. A job Salesforce no longer has
 * (results are kept 7 days) or one that failed starts that object again with a new job;
 * records read twice are harmless (an upsert at the same version changes nothing).
 *
 * jsforce: the job is created and its state read through jsforce's Bulk 2.0 query job
 * (`QueryJobV2`, `conn.bulk2.job('query', { id })`). Its `conn.bulk2.query()` /
 * `QueryJobV2.result()` read every results page into one stream and never expose the
 * locator or `maxRecords`, which a resumable, bounded load needs, so the results pages are
 * requested through jsforce's HttpApi (same session, same error handling) with both.
 */
import { jsforceBulk } from './jsforce';
import type { Connection } from '@jsforce/jsforce-node';
import { SourceError } from '../contract';
import type { SfRow } from './records';

export const BULK_THRESHOLD = 50_000;
export const BULK_PAGE = 50_000;
const POLL_MS = 2_000;
/** How long one page waits for a job to finish before the sync is retried later. */
const JOB_WAIT_MS = 20 * 60_000;

export interface BulkOptions {
  /** Objects with at least this many rows in the book load through Bulk API 2.0 (BULK_THRESHOLD). */
  threshold?: number;
  /** Rows per results page (`maxRecords`). */
  pageSize?: number;
  /** Between two reads of a job's state. */
  pollMs?: number;
}

/** Where a Bulk load of the current object stands: its job and the next results page (null: the first). */
export interface BulkPosition {
  id: string;
  loc: string | null;
}

type Call = <T>(fn: () => PromiseLike<T>) => Promise<T>;

/**
 * Bulk CSV has only text; the records code reads numbers and booleans as such. These are
 * the fields it reads that are not text (plus the mapping's numeric fields, `numeric`).
 * An empty value is a null (Salesforce stores no empty strings).
 */
const BOOLEAN = new Set(['IsWon', 'IsClosed', 'IsConverted', 'IsPartner', 'IsDeleted']);
const NUMBER = new Set(['Amount', 'RequestedAmount', 'Rank', 'Probability']);

export function typedRow(raw: Record<string, string>, numeric: ReadonlySet<string>): SfRow {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === '') out[k] = null;
    else if (BOOLEAN.has(k)) out[k] = v === 'true';
    else if (NUMBER.has(k) || numeric.has(k)) {
      const n = Number(v);
      out[k] = Number.isFinite(n) ? n : null;
    } else out[k] = v;
  }
  return out as SfRow;
}

const gone = (object: string) =>
  new SourceError('bad_response', `Salesforce no longer has the Bulk API query job for ${object}; loading it again.`, 404, undefined, 'bulk_job_gone');

export function bulkLoader(conn: Connection, call: Call, apiVersion: string, opts: BulkOptions, signal?: AbortSignal) {
  const threshold = opts.threshold ?? BULK_THRESHOLD;
  const pageSize = opts.pageSize ?? BULK_PAGE;
  const pollMs = opts.pollMs ?? POLL_MS;
  const sleep = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      const stop = () => (clearTimeout(t), reject(new SourceError('network', 'Sync was cancelled.')));
      const t = setTimeout(() => (signal?.removeEventListener('abort', stop), resolve()), ms);
      signal?.addEventListener('abort', stop, { once: true });
    });

  /** Rows of `soql` ("SELECT … FROM X WHERE …") when it should go through Bulk; null: page it by REST. */
  async function start(soql: string): Promise<BulkPosition | null> {
    const count = soql.replace(/^SELECT .+? FROM /s, 'SELECT COUNT() FROM ');
    const n = (await call(() => conn.query(count, { autoFetch: false }))).totalSize;
    if (n < threshold) return null;
    const job = new (jsforceBulk().QueryJobV2)(conn, { bodyParams: { operation: 'query', query: soql }, pollingOptions: { pollInterval: pollMs, pollTimeout: JOB_WAIT_MS } });
    const info = await call(() => job.open());
    return { id: info.id, loc: null };
  }

  /** Waits for the job to be complete; false when Salesforce no longer has it or it failed. */
  async function ready(id: string, object: string): Promise<boolean> {
    const until = Date.now() + JOB_WAIT_MS;
    for (;;) {
      let state: string;
      try {
        state = (await call(() => conn.bulk2.job('query', { id }).check())).state;
      } catch (err) {
        if (err instanceof SourceError && (err.status === 404 || err.code === 'NOT_FOUND')) return false;
        throw err;
      }
      if (state === 'JobComplete') return true;
      if (state === 'Failed' || state === 'Aborted') return false;
      if (Date.now() > until) {
        throw new SourceError('timeout', `Salesforce's Bulk API query of ${object} did not finish within ${JOB_WAIT_MS / 60_000} minutes; trying again later.`);
      }
      await sleep(pollMs);
    }
  }

  /** One results page of the job: its rows (text) and the next page's locator (null: the last). */
  async function page(object: string, pos: BulkPosition): Promise<{ rows: Record<string, string>[]; next: string | null }> {
    let locator: string | undefined;
    const url = `${conn.instanceUrl}/services/data/v${apiVersion}/jobs/query/${pos.id}/results?maxRecords=${pageSize}${pos.loc ? `&locator=${encodeURIComponent(pos.loc)}` : ''}`;
    const rows = await call(async () => {
      const api = new (jsforceBulk().HttpApi)(conn, { responseType: 'text/csv' });
      api.on('response', (res: { headers?: Record<string, string> }) => {
        locator = res.headers?.['sforce-locator'];
        const usage = /api-usage=(\d+)\/(\d+)/.exec(res.headers?.['sforce-limit-info'] ?? '');
        if (usage) conn.limitInfo = { apiUsage: { used: Number(usage[1]), limit: Number(usage[2]) } };
      });
      try {
        const body = await api.request<Record<string, string>[] | string>({ method: 'GET', url, headers: { Accept: 'text/csv' } });
        return Array.isArray(body) ? body : [];
      } catch (err) {
        const e = err as { errorCode?: string; statusCode?: number };
        if (e.errorCode === 'NOT_FOUND' || e.statusCode === 404) throw gone(object);
        throw err;
      }
    });
    return { rows, next: locator && locator !== 'null' ? locator : null };
  }

  return {
    start,
    /**
     * The rows of the page at `pos` (after waiting for the job), and where the next one is;
     * a job that is gone or failed starts again (`restart`: a new job of the same query).
     */
    async read(object: string, pos: BulkPosition, soql: string): Promise<{ rows: Record<string, string>[]; next: BulkPosition | null }> {
      let at = pos;
      for (let attempt = 0; ; attempt++) {
        try {
          if (!(await ready(at.id, object))) throw gone(object);
          const got = await page(object, at);
          return { rows: got.rows, next: got.next ? { id: at.id, loc: got.next } : null };
        } catch (err) {
          if (!(err instanceof SourceError && err.code === 'bulk_job_gone') || attempt > 0) throw err;
          const job = new (jsforceBulk().QueryJobV2)(conn, { bodyParams: { operation: 'query', query: soql }, pollingOptions: { pollInterval: pollMs, pollTimeout: JOB_WAIT_MS } });
          at = { id: (await call(() => job.open())).id, loc: null };
        }
      }
    },
  };
}
