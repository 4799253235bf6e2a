/**
 * The protocol v1 client's limits, against real loopback servers: a body over the byte cap
 * fails without being buffered (and names the cap), a Content-Length over it fails without
 * being read, the headers wait and the whole-request deadline are bounded, redirects are
 * followed only within the origin and only a few times, and a /v1/info answer cut short
 * is a transient fault while a complete answer that is not PRM info means "not a PRM".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SLOW_ANSWER } from '../../../src-main/sources/contract';
import { createPrmClient, formatBytes, type PrmClientOptions } from '../../../src-main/sources/protocol-v1/client';
import { startHostilePrm, type HostilePrm } from '../../support/hostile-prm';
import { sourceErrorOf } from '../../support/source-error';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server: Server = createServer((req, res) => {
    res.on('error', () => undefined);
    handler(req, res);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  open.push({
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  });
  const addr = server.address();
  return `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
}

async function hostile(mode: Parameters<typeof startHostilePrm>[0]): Promise<HostilePrm> {
  const h = await startHostilePrm(mode);
  open.push(h);
  return h;
}

const client = (url: string, opts: Partial<PrmClientOptions> = {}) => createPrmClient({ url, token: 't', ...opts });

describe('response size cap', () => {
  it('an endless body fails once past the cap, naming it, and is not worth retrying', async () => {
    const h = await hostile('endless-body');
    const err = await sourceErrorOf(client(h.url, { maxResponseBytes: 256 * 1024 }).changes('c', 10));
    expect(err.message).toBe('The PRM sent a page larger than 256 KB (asked for 10 changes); sync stopped. Contact your PRM admin.');
    expect(err).toMatchObject({ kind: 'protocol', code: 'too_large' });
    expect(err.transient).toBe(false);
  });

  it('a Content-Length over the cap fails without waiting for the body', async () => {
    const h = await hostile('huge-content-length');
    // The body never comes: only refusing it up front ends this before the (long) deadline.
    const err = await sourceErrorOf(client(h.url, { timeoutMs: 600_000, headersTimeoutMs: 600_000 }).changes('c', 10));
    expect(err.message).toMatch(/^The PRM sent a page larger than 64 MB /);
  });

  it('other answers over the cap name the endpoint', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ protocol: 'v1', name: 'x'.repeat(4096), as_of: '2026-11-20' }));
    });
    const err = await sourceErrorOf(client(url, { maxResponseBytes: 1024 }).info());
    expect(err.message).toBe("The PRM's answer to /v1/info was larger than 1 KB; sync stopped. Contact your PRM admin.");
    await expect(client(url).info()).resolves.toMatchObject({ protocol: 'v1' });
  });

  it('formats sizes', () => {
    expect(formatBytes(64 * 1024 * 1024)).toBe('64 MB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(256 * 1024)).toBe('256 KB');
  });
});

describe('bounded waits', () => {
  it('no headers: fails after the headers timeout as a timeout (offline-like)', async () => {
    const url = await serve(() => undefined);
    const err = await sourceErrorOf(client(url, { headersTimeoutMs: 200, timeoutMs: 600_000 }).info());
    expect(err).toMatchObject({ kind: 'timeout', message: `The PRM at ${url} did not answer within 1 s.` });
    expect(err.code).toBeUndefined();
  });

  it('a trickling body: fails at the whole-request deadline though bytes keep coming', async () => {
    const h = await hostile('trickle');
    const err = await sourceErrorOf(client(h.url, { timeoutMs: 1500 }).changes('c', 10));
    expect(err).toMatchObject({ kind: 'timeout', code: SLOW_ANSWER, message: `The PRM at ${h.url} did not finish sending its answer within 2 s.` });
  });

  it('an abort from the caller is a cancellation', async () => {
    const url = await serve(() => undefined);
    const ac = new AbortController();
    const p = sourceErrorOf(client(url, { signal: ac.signal }).info());
    setTimeout(() => ac.abort(), 20);
    expect((await p).message).toBe('Sync was cancelled.');
  });
});

describe('redirects', () => {
  it('follows a redirect within the same origin', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/v1/info') {
        res.writeHead(308, { location: '/prm/v1/info' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ protocol: 'v1', name: 'moved', as_of: '2026-11-20' }));
    });
    await expect(client(url).info()).resolves.toMatchObject({ name: 'moved' });
  });

  it('does not carry the token to another origin: says where the PRM went instead', async () => {
    let sawToken = false;
    const other = await serve((req, res) => {
      sawToken ||= req.headers.authorization !== undefined;
      res.end('{}');
    });
    const url = await serve((_req, res) => {
      res.writeHead(301, { location: `${other}/v1/info` });
      res.end();
    });
    const err = await sourceErrorOf(client(url).info());
    expect(err).toMatchObject({ kind: 'client', message: `The PRM at ${url} redirects to ${other}; use that address for the PRM instead.` });
    expect(sawToken).toBe(false);
  });

  it('a redirect loop ends after a few hops', async () => {
    const h = await hostile('redirect-loop');
    const err = await sourceErrorOf(client(h.url).info());
    expect(err).toMatchObject({ kind: 'protocol' });
    expect(err.message).toMatch(/kept redirecting \(more than 5 redirects, probably a loop\)/);
    expect(h.requests.length).toBe(6);
  });
});

describe('is it a PRM?', () => {
  it('/v1/info cut short is a transient fault, not "not a PRM"', async () => {
    const h = await hostile('truncated-info');
    const err = await sourceErrorOf(client(h.url).info());
    expect(err).toMatchObject({ kind: 'bad_response', message: 'The PRM sent an incomplete or garbled answer to /v1/info.' });
    expect(err.transient).toBe(true);
  });

  it('a complete JSON answer that is not PRM info, a web page or binary are "not a PRM"', async () => {
    const json = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    expect(await sourceErrorOf(client(json).info())).toMatchObject({ kind: 'not_source', message: `The server at ${json} does not look like a PRM (it has no PRM information page); check the address.` });
    const html = await hostile('html');
    expect((await sourceErrorOf(client(html.url).info())).kind).toBe('not_source');
    const garbage = await hostile('garbage-info');
    expect((await sourceErrorOf(client(garbage.url).info())).kind).toBe('not_source');
  });

  it('a page in the wrong shape is a protocol error naming what is wrong, not retried', async () => {
    const h = await hostile('changes-not-array');
    const err = await sourceErrorOf(client(h.url).changes('c', 10));
    expect(err).toMatchObject({ kind: 'protocol', code: 'shape' });
    expect(err.message).toBe("The PRM's answer to /v1/changes is not in the expected format (changes: expected array, received object); sync stopped.");
  });
});
