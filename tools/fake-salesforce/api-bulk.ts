/**
 * Bulk API 2.0 query jobs. Follows the "Bulk API 2.0 and Bulk API Developer Guide",
 * "Create a Query Job"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_create_job.htm),
 * "Get Information About a Query Job"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_one_job.htm),
 * "Get Results for a Query Job"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_get_job_results.htm)
 * and "Delete a Query Job"
 * (https://developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/query_delete_job.htm).
 *
 * - `POST …/jobs/query` `{ operation: 'query' | 'queryAll', query }` runs the SOQL at once
 *   (its result is fixed then, like Salesforce's) and answers the job info, state
 *   `UploadComplete`; the first `GET …/jobs/query/{id}` says `InProgress`, later ones
 *   `JobComplete` with `numberRecordsProcessed` (a client must poll).
 * - `GET …/jobs/query/{id}/results?locator=&maxRecords=` answers `text/csv` (RFC 4180:
 *   a header line of the selected field names, every value in double quotes, a quote inside
 *   doubled, commas and line breaks kept inside the quotes, a null as ""), with
 *   `Sforce-NumberOfRecords` and `Sforce-Locator` (the next page's, or the string `null`
 *   on the last). Before the job is complete: 400 `INVALIDJOBSTATE`-like error.
 * - A job unknown or deleted (Salesforce keeps results for 7 days): 404 NOT_FOUND. Tests
 *   expire every job with `BulkJobs.expireAll()`.
 * Only COMMA / LF are supported (the defaults); `columnDelimiter` or `lineEnding` other than
 * those is refused with 400 as an unsupported option of this fake.
 */
import { DATA_PREFIX, SfError, notFound, objectBody, type ApiRequest, type ApiResponse, type Json } from './api';
import type { FakeClock } from './clock';
import { sfId } from './ids';
import { runSoql } from './soql-eval';
import type { FakeOrg } from './store';

interface Job {
  id: string;
  operation: string;
  object: string;
  createdById: string;
  createdDate: string;
  checks: number;
  columns: string[];
  records: Record<string, Json>[];
}

const MAX_JOBS = 20;
const DEFAULT_MAX_RECORDS = 50_000;

export class BulkJobs {
  private readonly jobs = new Map<string, Job>();
  private n = 0;
  /** Jobs created, and every results page asked for (its job and locator; null: the first) — for tests. */
  created = 0;
  readonly reads: { id: string; locator: string | null }[] = [];
  constructor(private readonly clock: FakeClock) {}

  add(job: Omit<Job, 'id' | 'createdDate' | 'checks'>): Job {
    const id = sfId('750', ++this.n);
    this.created++;
    const full: Job = { ...job, id, createdDate: new Date(this.clock.now()).toISOString().replace('Z', '+0000'), checks: 0 };
    this.jobs.set(id, full);
    while (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    return full;
  }
  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }
  delete(id: string): boolean {
    return this.jobs.delete(id);
  }
  /** As if Salesforce had removed every job's results (older than 7 days). */
  expireAll(): void {
    this.jobs.clear();
  }
}

function info(job: Job, state: string): Record<string, Json> {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: job.createdDate,
    systemModstamp: job.createdDate,
    state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: 61.0,
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    ...(state === 'JobComplete' ? { numberRecordsProcessed: job.records.length, retries: 0, totalProcessingTime: 1 } : {}),
  };
}

const quote = (v: Json | undefined): string => {
  if (v === null || v === undefined) return '""';
  const s = typeof v === 'string' ? v.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\+0000$/, '$1Z') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return `"${s.replace(/"/g, '""')}"`;
};

export function toCsv(columns: readonly string[], records: readonly Record<string, Json>[]): string {
  const lines = [columns.map((c) => quote(c)).join(',')];
  // The record's own spelling of each column (SOQL names are case-insensitive).
  const keys = columns.map((c) => Object.keys(records[0] ?? {}).find((k) => k.toLowerCase() === c.toLowerCase()) ?? c);
  for (const r of records) lines.push(keys.map((k) => quote(r[k])).join(','));
  return `${lines.join('\n')}\n`;
}

const locatorOf = (offset: number) => Buffer.from(String(offset)).toString('base64').replace(/=+$/, '');
function offsetOf(locator: string): number {
  const n = Number(Buffer.from(locator, 'base64').toString('utf8'));
  if (!Number.isInteger(n) || n < 0) throw new SfError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator}`);
  return n;
}

/** `rest`: the path after `jobs/query` ([] · [id] · [id, 'results']). */
export function handleBulkQuery(org: FakeOrg, jobs: BulkJobs, userId: string, req: ApiRequest, rest: string[]): ApiResponse {
  if (rest.length === 0) {
    if (req.method !== 'POST') throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are POST,GET`);
    const body = objectBody(req.body);
    const operation = body.operation;
    if (operation !== 'query' && operation !== 'queryAll') throw new SfError(400, 'INVALIDJOB', 'InvalidJob : operation must be query or queryAll');
    if (typeof body.query !== 'string') throw new SfError(400, 'INVALIDJOB', 'InvalidJob : query is required');
    if ((body.columnDelimiter ?? 'COMMA') !== 'COMMA' || (body.lineEnding ?? 'LF') !== 'LF') {
      throw new SfError(400, 'INVALIDJOB', 'InvalidJob : this fake supports columnDelimiter COMMA and lineEnding LF only');
    }
    const result = runSoql(org, body.query);
    const m = /\bFROM\s+(\w+)/i.exec(body.query);
    const columns = /^\s*SELECT\s+(.+?)\s+FROM\s/is.exec(body.query)?.[1]?.split(',').map((c) => c.trim()) ?? [];
    const job = jobs.add({ operation, object: m?.[1] ?? '', createdById: userId, columns, records: result.records });
    return { status: 200, body: info(job, 'UploadComplete') };
  }
  const job = jobs.get(rest[0]!);
  if (!job) throw notFound();
  if (rest.length === 1) {
    if (req.method === 'DELETE') {
      jobs.delete(job.id);
      return { status: 204 };
    }
    if (req.method !== 'GET') throw new SfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,PATCH,DELETE`);
    job.checks++;
    return { status: 200, body: info(job, job.checks > 1 ? 'JobComplete' : 'InProgress') };
  }
  if (rest.length === 2 && rest[1] === 'results' && req.method === 'GET') {
    if (job.checks < 2) throw new SfError(400, 'INVALIDJOBSTATE', 'Job is not complete yet; poll its state until JobComplete.');
    const loc = req.query.get('locator');
    jobs.reads.push({ id: job.id, locator: loc });
    const from = loc ? offsetOf(loc) : 0;
    const max = Number(req.query.get('maxRecords') ?? DEFAULT_MAX_RECORDS);
    if (!Number.isInteger(max) || max < 1) throw new SfError(400, 'INVALID_MAX_RECORDS', 'maxRecords must be a positive integer');
    const page = job.records.slice(from, from + max);
    const next = from + max < job.records.length ? locatorOf(from + max) : 'null';
    return {
      status: 200,
      text: toCsv(job.columns, page),
      headers: { 'Content-Type': 'text/csv', 'Sforce-NumberOfRecords': String(page.length), 'Sforce-Locator': next },
    };
  }
  throw notFound();
}

export const BULK_QUERY_PREFIX = `${DATA_PREFIX}/jobs/query`;
