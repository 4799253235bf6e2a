/**
 * What every fake endpoint speaks: a request already parsed (method, path, query,
 * lower-case headers, JSON body) and a response (status, JSON body, headers), so the
 * same handlers serve plain HTTP requests and `/composite` subrequests.
 *
 * Errors follow "Status Codes and Error Responses"
 * (https://developer.salesforce.com/docs/platform/api-rest/guide/errorcodes.md): the
 * body is an array of `{ message, errorCode }` (plus `fields` where a field is at fault).
 */

export const API_VERSION = '61.0';
export const DATA_PREFIX = `/services/data/v${API_VERSION}`;

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ApiRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the handler. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string | undefined>;
  /** Parsed JSON body; undefined without one. */
  body: unknown;
}

export interface ApiResponse {
  status: number;
  /** undefined: no body (204). */
  body?: Json;
  /** A text body instead of JSON (Bulk API 2.0 results: CSV); its Content-Type in `headers`. */
  text?: string;
  headers?: Record<string, string>;
}

/** A Salesforce error answer: `[{ message, errorCode, fields? }]` with an HTTP status. */
export class SfError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
    this.name = 'SfError';
  }

  toResponse(): ApiResponse {
    const item: Record<string, Json> = { message: this.message, errorCode: this.errorCode };
    if (this.fields) item.fields = this.fields;
    return { status: this.status, body: [item] };
  }
}

export const notFound = () => new SfError(404, 'NOT_FOUND', 'The requested resource does not exist');

export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SfError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object.');
  }
  return body as Record<string, unknown>;
}
