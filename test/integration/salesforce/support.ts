/**
 * Plain-fetch helpers for the fake Salesforce tests (no Salesforce client library: the
 * tests check the wire shapes themselves).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import { DATA_PREFIX } from '../../../tools/fake-salesforce/api';
import { DEFAULT_DATA_DIR } from '../../../tools/fake-salesforce/seed';
import type { FakeSalesforce } from '../../../tools/fake-salesforce/server';

export const DATA = DEFAULT_DATA_DIR;
export const dataPresent = existsSync(DATA);
/** Call at the top of a data-dependent file: says why its tests are skipped. */
export function warnIfNoData(what: string): void {
  if (!dataPresent) console.warn(`skipping ${what}: the AdventureWorks files are not at ${DATA}`);
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue };
export type JsonObject = { [k: string]: JsonValue };

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body. */
  json: JsonValue;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text === '' ? null : (JSON.parse(text) as JsonValue) };
}

/** A data API client for one access token: paths are relative to /services/data/v61.0. */
export function client(sf: FakeSalesforce, token: string) {
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    reply(
      await fetch(`${sf.url}${path.startsWith('/services/') ? path : DATA_PREFIX + path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return {
    get: (path: string, headers?: Record<string, string>) => call('GET', path, undefined, headers),
    patch: (path: string, body: unknown, headers?: Record<string, string>) => call('PATCH', path, body, headers),
    post: (path: string, body: unknown) => call('POST', path, body),
    del: (path: string) => call('DELETE', path),
    query: (soql: string, headers?: Record<string, string>) => call('GET', `/query?q=${encodeURIComponent(soql)}`, undefined, headers),
    /** Every record of a query, following nextRecordsUrl; also how many pages it took. */
    async queryAll(soql: string, headers?: Record<string, string>): Promise<{ records: JsonObject[]; pages: number; totalSize: number }> {
      let r = await call('GET', `/query?q=${encodeURIComponent(soql)}`, undefined, headers);
      const records: JsonObject[] = [];
      let pages = 0;
      const totalSize = (r.json as JsonObject).totalSize as number;
      for (;;) {
        expect(r.status).toBe(200);
        const page = r.json as JsonObject;
        records.push(...(page.records as JsonObject[]));
        pages++;
        if (page.done === true) break;
        r = await call('GET', page.nextRecordsUrl as string);
      }
      return { records, pages, totalSize };
    },
  };
}

/** A `/__fake/…` admin call. */
export async function admin(sf: FakeSalesforce, path: string, body?: unknown): Promise<Reply> {
  return reply(
    await fetch(`${sf.url}/__fake/${path}`, {
      method: body === undefined && path === 'state' ? 'GET' : 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: body === undefined && path === 'state' ? undefined : JSON.stringify(body ?? {}),
    }),
  );
}

/** A session without the browser flow (POST /__fake/session). */
export async function session(sf: FakeSalesforce): Promise<{ access_token: string; refresh_token: string }> {
  const r = await admin(sf, 'session', {});
  expect(r.status).toBe(200);
  return r.json as { access_token: string; refresh_token: string };
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export const REDIRECT = 'http://127.0.0.1:53682/callback';

/** The authorize step: the redirect's query parameters. */
export async function authorize(sf: FakeSalesforce, params: Record<string, string>): Promise<{ status: number; location: URL | null; json: JsonValue }> {
  const q = new URLSearchParams({ response_type: 'code', client_id: sf.clientId, redirect_uri: REDIRECT, ...params });
  const res = await fetch(`${sf.url}/services/oauth2/authorize?${q}`, { redirect: 'manual' });
  const location = res.headers.get('location');
  const text = await res.text();
  return { status: res.status, location: location ? new URL(location) : null, json: text ? (JSON.parse(text) as JsonValue) : null };
}

export async function token(sf: FakeSalesforce, form: Record<string, string>): Promise<Reply> {
  return reply(
    await fetch(`${sf.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    }),
  );
}

/** The first error of a Salesforce error body. */
export function sfError(r: Reply): { errorCode: string; message: string } {
  expect(Array.isArray(r.json)).toBe(true);
  return (r.json as JsonObject[])[0] as { errorCode: string; message: string };
}
