/**
 * `POST …/composite`. Follows "Send Multiple Requests Using Composite"
 * (https://developer.salesforce.com/docs/atlas.en-us.262.0.api_rest.meta/api_rest/resources_composite_composite_post.htm),
 * "Composite Request Body" (https://developer.salesforce.com/docs/platform/api-rest/guide/requests-composite.html)
 * and "Composite Subrequest Result"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-subrequest-result.html).
 *
 * Subrequests run in order against the same handlers as direct calls (query, queryMore,
 * sObject rows, upsert by external id, updated/deleted) and the whole call counts as one
 * API request. `@{ref.path}` in a url or body is replaced by a value from an earlier
 * result (`@{refPlan.id}`, `@{q.records[0].Id}`). The top level is always 200 with one
 * `{ body, httpHeaders, httpStatusCode, referenceId }` per subrequest.
 * allOrNone false: a failed subrequest does not stop the others; one that refers to a
 * failed one is not run. allOrNone true: the first failure undoes every write of the call
 * and the other subrequests answer 400 PROCESSING_HALTED.
 * At most 25 subrequests, of which at most 5 queries.
 */
import { DATA_PREFIX, SfError, objectBody, type ApiRequest, type ApiResponse, type Json } from './api';
import type { FakeOrg } from './store';

const MAX_SUBREQUESTS = 25;
const MAX_QUERIES = 5;
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body: unknown;
  httpHeaders: Record<string, string>;
}

function parseSubs(body: unknown): { allOrNone: boolean; subs: Sub[] } {
  const b = objectBody(body);
  const list = b.compositeRequest;
  if (!Array.isArray(list) || list.length === 0) throw new SfError(400, 'INVALID_INPUT', 'compositeRequest must be a non-empty list of subrequests');
  if (list.length > MAX_SUBREQUESTS) throw new SfError(400, 'LIMIT_EXCEEDED', `A composite request holds at most ${MAX_SUBREQUESTS} subrequests`);
  const seen = new Set<string>();
  const subs = list.map((raw, i): Sub => {
    const s = objectBody(raw);
    const { method, url, referenceId } = s;
    if (typeof method !== 'string' || typeof url !== 'string' || typeof referenceId !== 'string') {
      throw new SfError(400, 'INVALID_INPUT', `subrequest ${i + 1} needs method, url and referenceId`);
    }
    if (!/^[A-Za-z0-9_]+$/.test(referenceId) || seen.has(referenceId)) {
      throw new SfError(400, 'INVALID_INPUT', `referenceId '${referenceId}' must be unique and hold only letters, digits and underscores`);
    }
    seen.add(referenceId);
    const headers = typeof s.httpHeaders === 'object' && s.httpHeaders !== null ? (s.httpHeaders as Record<string, unknown>) : {};
    const httpHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return { method: method.toUpperCase(), url, referenceId, body: s.body, httpHeaders };
  });
  const queries = subs.filter((s) => s.method === 'GET' && /\/query(\/|\?|$)/.test(s.url)).length;
  if (queries > MAX_QUERIES) throw new SfError(400, 'LIMIT_EXCEEDED', `A composite request holds at most ${MAX_QUERIES} query subrequests`);
  return { allOrNone: b.allOrNone === true, subs };
}

class Unresolved extends Error {}

function lookup(results: Map<string, ApiResponse>, ref: string, path: string): Json {
  const result = results.get(ref);
  if (!result || result.status >= 400) throw new Unresolved(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
  let value: Json | undefined = result.body;
  for (const [, key, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') value = undefined;
    else if (key !== undefined) value = Array.isArray(value) ? undefined : value[key];
    else value = Array.isArray(value) ? value[Number(index)] : undefined;
    if (value === undefined) throw new Unresolved(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
  }
  return value ?? null;
}

function resolve(value: unknown, results: Map<string, ApiResponse>): unknown {
  if (typeof value === 'string') {
    const whole = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(value);
    if (whole) return lookup(results, whole[1]!, whole[2]!);
    return value.replace(REFERENCE, (_m, ref: string, path: string) => String(lookup(results, ref, path)));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, results));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
  }
  return value;
}

function subRequest(sub: Sub, results: Map<string, ApiResponse>): ApiRequest {
  const url = resolve(sub.url, results) as string;
  const parsed = new URL(url, 'http://composite.invalid');
  if (!parsed.pathname.startsWith(`${DATA_PREFIX}/`) || parsed.pathname.startsWith(`${DATA_PREFIX}/composite`)) {
    throw new SfError(400, 'INVALID_INPUT', `The url of a subrequest must be a ${DATA_PREFIX}/ resource other than composite: ${url}`);
  }
  return { method: sub.method, path: parsed.pathname, query: parsed.searchParams, headers: sub.httpHeaders, body: resolve(sub.body, results) };
}

function subResult(sub: Sub, res: ApiResponse): Json {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers ?? {})) if (!/^content-(length|type)$/i.test(k)) headers[k] = v;
  return { body: res.body ?? null, httpHeaders: headers, httpStatusCode: res.status, referenceId: sub.referenceId };
}

const halted = (message: string): ApiResponse => new SfError(400, 'PROCESSING_HALTED', message).toResponse();

export function handleComposite(org: FakeOrg, req: ApiRequest, dispatch: (sub: ApiRequest) => ApiResponse): ApiResponse {
  const { allOrNone, subs } = parseSubs(req.body);
  const results = new Map<string, ApiResponse>();
  const out: ApiResponse[] = [];
  if (allOrNone) org.begin();
  let failed: boolean;
  try {
    failed = run(subs, allOrNone, results, out, dispatch);
  } catch (err) {
    if (allOrNone) org.rollback();
    throw err;
  }
  if (allOrNone && failed) {
    org.rollback();
    for (let i = 0; i < out.length; i++) {
      if (out[i]!.status < 400) out[i] = halted('The transaction was rolled back since another operation in the same transaction failed.');
    }
  } else if (allOrNone) org.commit();
  return { status: 200, body: { compositeResponse: subs.map((sub, i) => subResult(sub, out[i]!)) } };
}

/** Runs the subrequests in order into `results` and `out`; true when one failed. */
function run(
  subs: Sub[],
  allOrNone: boolean,
  results: Map<string, ApiResponse>,
  out: ApiResponse[],
  dispatch: (sub: ApiRequest) => ApiResponse,
): boolean {
  let failed = false;
  for (const sub of subs) {
    let res: ApiResponse;
    if (failed && allOrNone) res = halted('The transaction was rolled back since another operation in the same transaction failed.');
    else {
      try {
        res = dispatch(subRequest(sub, results));
      } catch (err) {
        if (err instanceof Unresolved) res = halted(err.message);
        else if (err instanceof SfError) res = err.toResponse();
        else throw err;
      }
      if (res.status >= 400) failed = true;
    }
    results.set(sub.referenceId, res);
    out.push(res);
  }
  return failed;
}
