import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Handlers } from '../../../src-main/api/router';
import { createHandlers } from '../../../src-main/api/handlers';
import { withAppHandlers } from '../../support/api';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { fixedClock } from '../../../src-main/base/clock';
import { createSyncService } from '../../../src-main/sync/service';
import { MAX_BATCH, startWebServer, type WebServer } from '../../../src-main/web/server';

const TOKEN = 'test-token-123';
let server: WebServer;
const events = new EventBus();
/** `app.info` waits for this while set (a call slower than the others in a batch). */
let slowInfo: Promise<void> | null = null;

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

const invoke = (body: unknown, headers: Record<string, string> = {}) =>
  raw('/api/invoke', {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', host: `127.0.0.1:${server.port}`, ...headers },
    body: JSON.stringify(body),
  });

const batch = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/api/invoke-batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** The batch answer's lines, each `[index, envelope]`, in the order they came. */
async function lines(res: Response): Promise<[number, { ok: boolean; value?: unknown; error?: { code: string } }][]> {
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as [number, { ok: boolean }]);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  const db = openDb(':memory:');
  const clock = fixedClock('2026-06-30');
  const sync = createSyncService({ db, clock, events, source: () => null });
  const app: Handlers = withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: dir }), { clock, version: 't', dataDir: dir });
  const handlers: Handlers = {
    ...app,
    'app.info': async (input, ctx) => {
      if (slowInfo) await slowInfo;
      return app['app.info'](input, ctx);
    },
  };
  server = await startWebServer({ router: createRouter(handlers), events, staticDir: dir, token: TOKEN });
});
afterAll(() => server.close());

describe('browser harness server', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await raw('/', { headers: { host: `127.0.0.1:${server.port}` } });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Partnerbook</title>');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('answers API calls with envelopes from the shared router', async () => {
    const res = await invoke({ method: 'app.info', input: {} });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { version: 't', today: '2026-06-30' } });
    const bad = JSON.parse((await invoke({ method: 'partners.get', input: {} })).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', issues: [{ path: 'id' }] } });
  });

  it('requires the per-run token', async () => {
    expect((await invoke({ method: 'app.info', input: {} }, { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await invoke({ method: 'app.info', input: {} }, { authorization: '' })).status).toBe(401);
  });

  it('rejects foreign Host and Origin headers', async () => {
    expect((await invoke({ method: 'app.info', input: {} }, { host: 'evil.example:80' })).status).toBe(403);
    expect((await invoke({ method: 'app.info', input: {} }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke({ method: 'app.info', input: {} }, { origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses non-JSON bodies with a clear error', async () => {
    const res = await raw('/api/invoke', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', host: `127.0.0.1:${server.port}` },
      body: '{nope',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/not valid JSON/);
  });

  it('answers a batch of calls, each on its own line tagged with its place, a failing call failing alone', async () => {
    const res = await batch({ calls: [{ method: 'app.info', input: {} }, { method: 'partners.get', input: {} }, { method: 'no.such', input: {} }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const byIndex = new Map(await lines(res));
    expect([...byIndex.keys()].sort()).toEqual([0, 1, 2]);
    expect(byIndex.get(0)).toMatchObject({ ok: true, value: { version: 't' } });
    expect(byIndex.get(1)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(byIndex.get(2)).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('sends each answer of a batch as soon as it is ready: a slow call does not hold the others back', async () => {
    let release = () => {};
    slowInfo = new Promise<void>((r) => (release = r));
    try {
      const res = await batch({ calls: [{ method: 'app.info', input: {} }, { method: 'display.get', input: {} }] });
      const reader = res.body!.getReader();
      const { value } = await reader.read();
      const first = JSON.parse(new TextDecoder().decode(value).trimEnd()) as [number, { ok: boolean }];
      expect(first).toMatchObject([1, { ok: true }]);
      release();
      let rest = '';
      for (;;) {
        const next = await reader.read();
        if (next.done) break;
        rest += new TextDecoder().decode(next.value);
      }
      expect(JSON.parse(rest.trimEnd())).toMatchObject([0, { ok: true, value: { version: 't' } }]);
    } finally {
      release();
      slowInfo = null;
    }
  });

  it('refuses a batch that is not one, with a sentence that says what one is', async () => {
    for (const body of [{}, { calls: 'app.info' }, { calls: [] }, { calls: Array.from({ length: MAX_BATCH + 1 }, () => ({ method: 'app.info', input: {} })) }]) {
      const res = await batch(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(`A batch is {"calls": [{"method": …, "input": …}, …]} with 1 to ${MAX_BATCH} calls.`);
    }
    expect((await batch({ calls: [{ method: 'app.info', input: {} }] }, { authorization: 'Bearer nope' })).status).toBe(401);
    const notJson = await fetch(`${server.url}/api/invoke-batch`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
  });

  it('streams events as server-sent events', async () => {
    const res = await fetch(`${server.url}/api/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    events.emit('data.changed', { entities: ['partner'] });
    let text = '';
    while (!text.includes('\n\n') || !text.includes('data.changed')) {
      const { value } = await reader.read();
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain('event: data.changed\ndata: {"entities":["partner"]}');
    await reader.cancel();
  });
});
