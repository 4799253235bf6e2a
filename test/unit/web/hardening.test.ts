/**
 * The harness answers every request, whatever it is (defect 2), and an oversized body
 * gets a 413 JSON answer rather than a reset connection (defect 8). Each case here
 * killed the process or reset the connection before.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../../src-main/api/router';
import { EventBus } from '../../../src-main/events';
import { MAX_BODY } from '../../../src-main/web/http';
import { startWebServer, staticRelativePath, type WebServer } from '../../../src-main/web/server';

const TOKEN = 'hardening-token';
let server: WebServer;
const logged: string[] = [];

/** The API behind the server: echoes, or fails the way a broken service would. */
const router: Router = {
  handle(method, input) {
    if (method === 'test.throw') throw new Error(`boom at ${import.meta.filename}:1`);
    if (method === 'test.reject') return Promise.reject(new TypeError('cannot read properties of undefined'));
    return Promise.resolve({ ok: true, value: { method, input } });
  },
};

interface Answer {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}

function raw(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } },
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

/** Sends bytes as they are (no client-side validation) and reads until the server closes. */
function rawSocket(bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(server.port, '127.0.0.1');
    let out = '';
    s.on('data', (c: Buffer) => (out += c.toString('latin1')));
    s.on('end', () => resolve(out));
    s.on('error', reject);
    s.setTimeout(5000, () => {
      s.destroy();
      resolve(out);
    });
    s.end(bytes);
  });
}

const api = (body: string | Buffer, headers: Record<string, string> = {}) =>
  raw('/api/invoke', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body });

function expectPlainJsonError(a: Answer, status: number, code: string) {
  expect(a.status).toBe(status);
  expect(String(a.headers['content-type'])).toMatch(/^application\/json/);
  expect(JSON.parse(a.body)).toMatchObject({ ok: false, error: { code } });
  expect(a.body).not.toMatch(/\n\s+at |\.ts:\d|node:internal|\/work\//);
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-web-hard-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  writeFileSync(join(dir, 'big.js'), Buffer.alloc(32 * 1024 * 1024, 0x20));
  server = await startWebServer({
    router,
    events: new EventBus(),
    staticDir: dir,
    token: TOKEN,
    onError: (where, err) => logged.push(`${where}: ${String(err)}`),
  });
});
afterAll(() => server.close());

describe('malformed paths (defect 2)', () => {
  it.each(['/%', '/%ff', '/%c0%ae', '/%E0%A4%A', '/assets/%', '/a%00b'])('answers %s with a 400 and keeps serving', async (path) => {
    expectPlainJsonError(await raw(path), 400, 'bad_path');
    expect((await raw('/')).status).toBe(200);
  });

  it('the static path decoder never throws', () => {
    expect(staticRelativePath('/%')).toBeNull();
    expect(staticRelativePath('/%c0%ae')).toBeNull();
    expect(staticRelativePath('/a%00')).toBeNull();
    expect(staticRelativePath('/assets/app%2Ejs')).toBe('assets/app.js');
    expect(staticRelativePath('/../../etc/passwd')).toBe('etc/passwd');
  });
});

describe('a handler that fails', () => {
  it('turns a thrown error or a rejection into a 500 without a stack trace or a file path', async () => {
    for (const method of ['test.throw', 'test.reject']) {
      const a = await api(JSON.stringify({ method, input: {} }));
      expectPlainJsonError(a, 500, 'internal');
    }
    expect(logged.some((l) => l.includes('boom'))).toBe(true); // the details go to the log
    expect(JSON.parse((await api(JSON.stringify({ method: 'x.y', input: 1 }))).body)).toEqual({ ok: true, value: { method: 'x.y', input: 1 } });
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answers a broken request line with a 400 JSON answer', async () => {
    const out = await rawSocket('GARBAGE\r\n\r\n');
    expect(out).toMatch(/^HTTP\/1\.1 400 /);
    expect(out).toContain('"code":"bad_request"');
  });

  it('answers oversized headers with a 431', async () => {
    const out = await rawSocket(`GET / HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nx-big: ${'a'.repeat(40_000)}\r\n\r\n`);
    expect(out).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('survives a client that leaves half-way through a body', async () => {
    const out = await rawSocket(
      `POST /api/invoke HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"method":`,
    );
    expect(out).not.toMatch(/\n\s+at /);
    expect((await raw('/')).status).toBe(200);
  });
});

describe('a client that goes away', () => {
  /** Asks for `path` and closes the connection once the first bytes of the answer arrive. */
  const leaveEarly = (path: string, headers: Record<string, string> = {}) =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
        res.once('data', () => {
          req.destroy();
          setTimeout(resolve, 300);
        });
      });
      req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? undefined : reject(err)));
      req.end();
    });

  it('is not logged as a fault (a page reloaded while a script or the event stream was open)', async () => {
    logged.length = 0;
    await leaveEarly('/big.js');
    await leaveEarly('/api/events', { authorization: `Bearer ${TOKEN}` });
    expect(logged).toEqual([]);
    expect((await raw('/')).status).toBe(200);
  });
});

describe('bodies over the limit (defect 8)', () => {
  const big = Buffer.alloc(MAX_BODY + 1024 * 1024, 0x61);

  it('answer 413 JSON with a declared length, instead of resetting the connection', async () => {
    expectPlainJsonError(await api(big), 413, 'payload_too_large');
  });

  it('answer 413 JSON for a chunked body too', async () => {
    expectPlainJsonError(await api(big, { 'transfer-encoding': 'chunked' }), 413, 'payload_too_large');
  });

  it('answer 413 before the body is sent when the client asks first (Expect: 100-continue)', async () => {
    const out = await rawSocket(
      `POST /api/invoke HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\nauthorization: Bearer ${TOKEN}\r\ncontent-type: application/json\r\ncontent-length: ${big.length}\r\nexpect: 100-continue\r\n\r\n`,
    );
    expect(out).toMatch(/^HTTP\/1\.1 413 /);
    expect(out).toContain('"code":"payload_too_large"');
  });

  it('still answers a body just under the limit', async () => {
    const body = JSON.stringify({ method: 'x.y', input: 'a'.repeat(MAX_BODY - 100) });
    const a = await api(body);
    expect(a.status).toBe(200);
  });
});
