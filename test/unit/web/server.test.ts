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
import { startWebServer, type WebServer } from '../../../src-main/web/server';

const TOKEN = 'test-token-123';
let server: WebServer;
const events = new EventBus();

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

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-web-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  const db = openDb(':memory:');
  const clock = fixedClock('2026-06-30');
  const sync = createSyncService({ db, clock, events, source: () => null });
  const handlers: Handlers = withAppHandlers(createHandlers({ db, clock, events, sync, dataDir: dir }), { clock, version: 't', dataDir: dir });
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
