/**
 * Steps in between the page and the harness's API, call by call, whether the call went
 * alone (`POST /api/invoke`) or with others (`POST /api/invoke-batch`: the window's
 * start-up reads, answered as NDJSON lines `[index, envelope]`). A batch is answered whole
 * once every call in it is (Playwright cannot send half an answer), so holding one call of
 * it holds them all, as a slow call would not: tests that hold a start-up read say so.
 */
import type { Page, Route } from '@playwright/test';

export interface ApiCall {
  method: string;
  input: unknown;
}

export interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: unknown;
}

/**
 * What to do with one call: return an envelope to answer it with, or undefined to let the
 * real answer through. `real()` fetches the real answer (once per request); the handler
 * may wait before returning, which holds the answer back.
 */
export type CallHandler = (call: ApiCall, real: () => Promise<Envelope>) => Promise<Envelope | undefined> | Envelope | undefined;

function callOf(value: unknown): ApiCall {
  const o = (value !== null && typeof value === 'object' ? value : {}) as Partial<ApiCall>;
  return { method: String(o.method), input: o.input };
}

async function single(route: Route, handle: CallHandler): Promise<void> {
  const call = callOf(route.request().postDataJSON());
  let fetched: Promise<Envelope> | null = null;
  const real = () => (fetched ??= route.fetch().then((r) => r.json() as Promise<Envelope>));
  const answer = await handle(call, real);
  if (answer) return route.fulfill({ json: answer });
  if (fetched) return route.fulfill({ json: await fetched });
  return route.fallback();
}

async function batch(route: Route, handle: CallHandler): Promise<void> {
  const body = route.request().postDataJSON() as { calls?: unknown[] };
  const calls = (body.calls ?? []).map(callOf);
  let fetched: Promise<Map<number, Envelope>> | null = null;
  const realAll = () =>
    (fetched ??= route.fetch().then(async (r) => {
      const lines = (await r.text()).split('\n').filter(Boolean);
      return new Map(lines.map((l) => JSON.parse(l) as [number, Envelope]));
    }));
  const answers = await Promise.all(calls.map((c, i) => handle(c, () => realAll().then((m) => m.get(i)!))));
  if (answers.every((a) => a === undefined) && !fetched) return route.fallback();
  const real = answers.some((a) => a === undefined) ? await realAll() : new Map<number, Envelope>();
  const text = answers.map((a, i) => `${JSON.stringify([i, a ?? real.get(i)])}\n`).join('');
  return route.fulfill({ status: 200, contentType: 'application/x-ndjson; charset=utf-8', body: text });
}

/** Routes every API call of `page` through `handle` until `page.unrouteAll()`. */
export async function routeCalls(page: Page, handle: CallHandler): Promise<void> {
  await page.route('**/api/invoke', (route) => single(route, handle));
  await page.route('**/api/invoke-batch', (route) => batch(route, handle));
}

/** The methods a request to the API carries: one, or a batch's, in order (none for any other request). */
export function methodsOf(url: string, postData: string | null): string[] {
  if (!/\/api\/invoke(-batch)?$/.test(url)) return [];
  const body = JSON.parse(postData ?? '{}') as { method?: string; calls?: { method?: string }[] };
  return url.endsWith('-batch') ? (body.calls ?? []).map((c) => String(c.method)) : [String(body.method)];
}
