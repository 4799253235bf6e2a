/**
 * A "hostile PRM": a real node:http server on 127.0.0.1 that speaks just enough of sync
 * protocol v1 to be taken for a PRM, then misbehaves in one chosen way. Tests point a
 * replica synced from the real demo PRM at it and check that every sync ends, within a
 * bounded time, with one clear message and the replica untouched.
 *
 * Unless a mode says otherwise: /v1/info is a valid read-only PRM, /v1/me is 404 (the
 * server cannot say who you are), /v1/mutations is 503, and /v1/changes answers an honest
 * "nothing new" page (the cursor asked for, has_more false, no changes).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export const HOSTILE_MODES = [
  /** /v1/changes: a 200 whose JSON body never ends. */
  'endless-body',
  /** /v1/changes: has_more true forever, with the cursor that was asked for. */
  'same-cursor',
  /** /v1/changes: has_more true forever, cursors A → B → A. */
  'cursor-cycle',
  /** /v1/changes: headers at once, then the body at 1 byte per second. */
  'trickle',
  /** /v1/info: the first half of a valid answer, every time. */
  'truncated-info',
  /** /v1/info: the first half of a valid answer, the first time only. */
  'truncated-info-once',
  /** /v1/info: binary garbage labelled application/json. */
  'garbage-info',
  /** Every /v1 request: 429 with Retry-After: 3600. */
  'retry-after-huge',
  /** Every /v1 request: 429 with Retry-After as an HTTP-date two hours ahead. */
  'retry-after-date',
  /** /v1/changes: 410 cursor_expired, also for a refetch from the start. */
  'gone-forever',
  /** /v1/changes: `changes` is an object, not an array. */
  'changes-not-array',
  /** /v1/changes: one change of an entity that does not exist. */
  'bad-entity',
  /** /v1/changes: Content-Length of 2 GB, a few bytes, then nothing. */
  'huge-content-length',
  /** Everything: 200 with an HTML page. */
  'html',
  /** Everything: 302 to the same path. */
  'redirect-loop',
] as const;
export type HostileMode = (typeof HOSTILE_MODES)[number];

export interface HostilePrm {
  url: string;
  token: string;
  mode: HostileMode;
  /** Requests seen, as "METHOD /path". */
  requests: string[];
  close(): Promise<void>;
}

const INFO = JSON.stringify({ protocol: 'v1', name: 'Hostile PRM', as_of: '2026-11-20', writable: [] });
const A_CHANGE = JSON.stringify({
  entity: 'note',
  id: 'N-endless',
  version: 1,
  op: 'upsert',
  data: { id: 'N-endless', partner_id: 'P-0001', author_id: 'U-0001', body: 'x'.repeat(200), created_at: '2026-01-01T00:00:00Z' },
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes `chunk` for as long as the client reads, honouring backpressure. */
function writeForever(res: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

function trickle(res: ServerResponse, text: string): void {
  let i = 0;
  const timer = setInterval(() => {
    if (res.destroyed || i >= text.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(text[i++]!);
  }, 1000);
  res.once('close', () => clearInterval(timer));
}

function changes(mode: HostileMode, cursor: string | null, res: ServerResponse): void {
  const honest = () => json(res, 200, { cursor: cursor ?? 'hostile-0', has_more: false, changes: [] });
  switch (mode) {
    case 'endless-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"cursor":"endless","has_more":false,"changes":[${A_CHANGE}`);
      writeForever(res, Buffer.from(`,${A_CHANGE}`.repeat(64)));
      return;
    case 'same-cursor':
      return json(res, 200, { cursor: cursor ?? 'stuck', has_more: true, changes: [] });
    case 'cursor-cycle':
      return json(res, 200, { cursor: cursor === 'cycle-a' ? 'cycle-b' : 'cycle-a', has_more: true, changes: [] });
    case 'trickle':
      res.writeHead(200, { 'content-type': 'application/json' });
      return trickle(res, JSON.stringify({ cursor: cursor ?? 'slow', has_more: false, changes: [] }));
    case 'gone-forever':
      return json(res, 410, { error: { code: 'cursor_expired', message: 'Cursor expired; refetch from the start.' } });
    case 'changes-not-array':
      return json(res, 200, { cursor: 'shape-1', has_more: false, changes: { note: [] } });
    case 'bad-entity':
      return json(res, 200, {
        cursor: 'shape-2',
        has_more: false,
        changes: [{ entity: 'spaceship', id: 'X-1', version: 1, op: 'upsert', data: { id: 'X-1' } }],
      });
    case 'huge-content-length':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 * 1024 ** 3) });
      res.write('{"cursor":');
      return;
    default:
      return honest();
  }
}

function handler(state: { mode: HostileMode; requests: string[]; infoRequests: number }) {
  return (req: IncomingMessage, res: ServerResponse) => {
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://localhost');
    state.requests.push(`${req.method ?? 'GET'} ${url.pathname}`);
    const { mode } = state;
    if (mode === 'redirect-loop') {
      res.writeHead(302, { location: url.pathname + url.search });
      return res.end();
    }
    if (mode === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><html><body><h1>Welcome to the guest Wi-Fi</h1></body></html>');
    }
    if (mode === 'retry-after-huge' || mode === 'retry-after-date') {
      const retryAfter = mode === 'retry-after-huge' ? '3600' : new Date(Date.now() + 2 * 3600_000).toUTCString();
      return json(res, 429, { error: { code: 'rate_limited', message: 'Slow down.' } }, { 'retry-after': retryAfter });
    }
    if (url.pathname === '/v1/info') {
      state.infoRequests++;
      if (mode === 'truncated-info' || (mode === 'truncated-info-once' && state.infoRequests === 1)) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(INFO.slice(0, Math.floor(INFO.length / 2)));
      }
      if (mode === 'garbage-info') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x8b, 0x1f, 0x08, 0x00, 0xfe, 0xed]));
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(INFO);
    }
    if (url.pathname === '/v1/me') return json(res, 404, { error: { code: 'not_found', message: 'No such endpoint.' } });
    if (url.pathname === '/v1/mutations') return json(res, 503, { error: { code: 'unavailable', message: 'Not today.' } });
    if (url.pathname === '/v1/changes') return changes(mode, url.searchParams.get('cursor'), res);
    return json(res, 404, { error: { code: 'not_found', message: 'No such endpoint.' } });
  };
}

export async function startHostilePrm(mode: HostileMode, token = 'hostile'): Promise<HostilePrm> {
  const state = { mode, requests: [] as string[], infoRequests: 0 };
  const server = createServer(handler(state));
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    mode,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
