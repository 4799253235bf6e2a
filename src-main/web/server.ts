/**
 * The browser harness: serves the built renderer and the same API router over HTTP on
 * 127.0.0.1. Every API call needs the per-run bearer token; requests with a foreign
 * Host (DNS rebinding) or Origin are refused.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { EVENT_NAMES } from '../../src-shared/api';
import type { Router } from '../api/router';
import type { EventBus } from '../events';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const MAX_BODY = 5 * 1024 * 1024;

export interface WebServerOptions {
  router: Router;
  events: EventBus;
  /** The built renderer (out/renderer). */
  staticDir: string;
  token: string;
  port?: number;
  /** Extra routes for tests (e.g. a status endpoint); not used by the app. */
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const sockets = new Set<import('node:net').Socket>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const server = createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) {
      sendError(res, 403, 'forbidden_host', `Host '${host}' is not allowed.`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      sendError(res, 403, 'forbidden_origin', `Origin '${origin}' is not allowed.`);
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.headers.authorization !== `Bearer ${opts.token}`) {
        sendError(res, 401, 'unauthorized', 'Missing or wrong token. Open the URL the harness printed.');
        return;
      }
      if (url.pathname === '/api/invoke' && req.method === 'POST') {
        void handleInvoke(req, res);
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        handleEvents(req, res);
        return;
      }
      sendError(res, 404, 'not_found', `No API route ${req.method} ${url.pathname}.`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'method_not_allowed', 'Only GET is served here.');
      return;
    }
    serveStatic(url.pathname, res);
  });

  async function handleInvoke(req: IncomingMessage, res: ServerResponse) {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'Send JSON (content-type: application/json).');
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (err) {
      sendError(res, 400, 'bad_request', `The request body is not valid JSON: ${(err as Error).message}`);
      return;
    }
    const { method, input } = (body ?? {}) as { method?: unknown; input?: unknown };
    const envelope = await opts.router.handle(typeof method === 'string' ? method : String(method), input);
    send(res, 200, JSON.stringify(envelope));
  }

  function handleEvents(req: IncomingMessage, res: ServerResponse) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const offs = EVENT_NAMES.map((name) =>
      opts.events.on(name, (payload) => {
        res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(ping);
      for (const off of offs) off();
    });
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(opts.staticDir, rel);
    if (!file.startsWith(opts.staticDir + sep) && file !== opts.staticDir) {
      sendError(res, 400, 'bad_path', 'Bad path.');
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(opts.staticDir, 'index.html');
    if (!existsSync(file)) {
      send(res, 503, 'The renderer is not built. Run `npm run build` first.', 'text/plain; charset=utf-8');
      return;
    }
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CSP,
      'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  }

  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((r) => {
            for (const s of sockets) s.destroy();
            server.close(() => r());
          }),
      });
    });
  });
}
