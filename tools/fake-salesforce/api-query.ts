/**
 * Query and queryMore. Follows "Query"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query.md),
 * "Query More Results"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-query-more-results.md),
 * "Execute a SOQL Query" (https://developer.salesforce.com/docs/platform/api-rest/guide/dome-query.html)
 * and "Query Options Header" (https://developer.salesforce.com/docs/platform/api-rest/guide/headers-queryoptions.html).
 *
 * `GET …/query?q=SOQL` answers `{ totalSize, done, nextRecordsUrl?, records }`; when more
 * records remain, `nextRecordsUrl` is `…/query/<locator>-<offset>`. The result is fixed
 * when the query runs (later edits do not shift pages) and a locator can be read again
 * (a retried page after a lost answer works) until 15 minutes without use.
 * Page size: `Sforce-Query-Options: batchSize=N` (200..2000), else the configured size.
 */
import { DATA_PREFIX, SfError, type ApiRequest, type ApiResponse, type Json } from './api';
import type { FakeClock } from './clock';
import { sfId } from './ids';
import { runSoql } from './soql-eval';
import type { FakeOrg } from './store';

const IDLE_MS = 15 * 60_000;
const MAX_OPEN = 50;

interface Cursor {
  records: Json[];
  totalSize: number;
  batch: number;
  lastUsed: number;
}

export class QueryCursors {
  private readonly open = new Map<string, Cursor>();
  private n = 0;

  constructor(private readonly clock: FakeClock) {}

  add(cursor: Cursor): string {
    const id = sfId('01g', ++this.n);
    this.open.set(id, cursor);
    while (this.open.size > MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    return id;
  }

  get(id: string): Cursor | undefined {
    const c = this.open.get(id);
    if (!c) return undefined;
    if (c.lastUsed + IDLE_MS <= this.clock.now()) {
      this.open.delete(id);
      return undefined;
    }
    c.lastUsed = this.clock.now();
    return c;
  }
}

function batchSize(req: ApiRequest, fallback: number): number {
  const m = /batchSize\s*=\s*(\d+)/i.exec(req.headers['sforce-query-options'] ?? '');
  if (!m) return fallback;
  return Math.min(2000, Math.max(200, Number(m[1])));
}

function page(cursors: QueryCursors, locator: string | null, c: Cursor, offset: number): ApiResponse {
  const end = offset + c.batch;
  const records = c.records.slice(offset, end);
  const done = end >= c.records.length;
  const body: Record<string, Json> = { totalSize: c.totalSize, done };
  if (!done) {
    const id = locator ?? cursors.add(c);
    body.nextRecordsUrl = `${DATA_PREFIX}/query/${id}-${end}`;
  }
  body.records = records;
  return { status: 200, body };
}

export function handleQuery(org: FakeOrg, cursors: QueryCursors, pageSize: number, req: ApiRequest): ApiResponse {
  const q = req.query.get('q');
  if (!q) throw new SfError(400, 'MALFORMED_QUERY', 'A SOQL query is required: /query?q=SELECT+…');
  const result = runSoql(org, q);
  const cursor: Cursor = { records: result.records, totalSize: result.totalSize, batch: batchSize(req, pageSize), lastUsed: org.clock.now() };
  return page(cursors, null, cursor, 0);
}

export function handleQueryMore(cursors: QueryCursors, locator: string): ApiResponse {
  const m = /^([A-Za-z0-9]{18})-(\d+)$/.exec(locator);
  const cursor = m ? cursors.get(m[1]!) : undefined;
  if (!m || !cursor) throw new SfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return page(cursors, m[1]!, cursor, Number(m[2]));
}
