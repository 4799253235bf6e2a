/**
 * Routes a data API request (`/services/data/v61.0/…`, already authenticated and
 * counted) to its handler; `/composite` subrequests come through here too. Any
 * SfError becomes its Salesforce error answer.
 */
import { DATA_PREFIX, SfError, notFound, type ApiRequest, type ApiResponse } from './api';
import { handleBulkQuery, type BulkJobs } from './api-bulk';
import { handleComposite } from './api-composite';
import { handleQuery, handleQueryMore, type QueryCursors } from './api-query';
import { handleDeleted, handleUpdated } from './api-replication';
import { handleExternalId, handleRow, methodNotAllowed, type WriteContext } from './api-sobjects';
import type { FakeState } from './config';

export interface DispatchContext extends WriteContext {
  state: FakeState;
  cursors: QueryCursors;
  bulk: BulkJobs;
}

export function dispatch(ctx: DispatchContext, req: ApiRequest): ApiResponse {
  try {
    return route(ctx, req);
  } catch (err) {
    if (err instanceof SfError) return err.toResponse();
    throw err;
  }
}

function segments(path: string): string[] {
  try {
    return path
      .slice(DATA_PREFIX.length)
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    throw notFound();
  }
}

function only(req: ApiRequest, method: string): void {
  if (req.method !== method) throw methodNotAllowed(req.method, method);
}

function route(ctx: DispatchContext, req: ApiRequest): ApiResponse {
  if (req.path !== DATA_PREFIX && !req.path.startsWith(`${DATA_PREFIX}/`)) throw notFound();
  const seg = segments(req.path);
  const [head, ...rest] = seg;
  if (head === undefined) {
    only(req, 'GET');
    return {
      status: 200,
      body: { sobjects: `${DATA_PREFIX}/sobjects`, query: `${DATA_PREFIX}/query`, composite: `${DATA_PREFIX}/composite` },
    };
  }
  if (head === 'query' && rest.length <= 1) {
    only(req, 'GET');
    return rest.length === 0 ? handleQuery(ctx.org, ctx.cursors, ctx.state.config.pageSize, req) : handleQueryMore(ctx.cursors, rest[0]!);
  }
  if (head === 'jobs' && rest[0] === 'query' && rest.length <= 3) {
    return handleBulkQuery(ctx.org, ctx.bulk, ctx.userId, req, rest.slice(1));
  }
  if (head === 'composite' && rest.length === 0) {
    only(req, 'POST');
    return handleComposite(ctx.org, req, (sub) => dispatch(ctx, sub));
  }
  if (head === 'sobjects' && rest.length >= 2 && rest.length <= 3) {
    const def = ctx.org.schema.object(rest[0]!);
    if (!def) throw notFound();
    if (rest.length === 2 && (rest[1] === 'updated' || rest[1] === 'deleted')) {
      only(req, 'GET');
      return rest[1] === 'updated'
        ? handleUpdated(ctx.org, def, ctx.state.config.idLimit, req)
        : handleDeleted(ctx.org, def, ctx.state.config.idLimit, req);
    }
    return rest.length === 2 ? handleRow(ctx, def, rest[1]!, req) : handleExternalId(ctx, def, rest[1]!, rest[2]!, req);
  }
  throw notFound();
}
