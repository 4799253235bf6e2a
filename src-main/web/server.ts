/**
 * The browser harness: serves the built renderer and the same API router over HTTP on
 * 127.0.0.1. Every API call needs the per-run bearer token; requests with a foreign
 * Host (DNS rebinding) or Origin are refused.
 *
 * No request can take the process down: every request is handled inside one try/catch
 * that turns any failure into a JSON answer (never a stack trace or a file path), the
 * parser's refusals get a 400/431 (`clientError`), streams have error handlers, and an
 * oversized body gets a 413.
 *
 * `POST /api/invoke` carries one call. `POST /api/invoke-batch` carries a few (the window's
 * start-up reads) in one request, and answers each as soon as it is ready, one line of
 * NDJSON per call, `[index, envelope]`, in the order they finish. One request instead of
 * four took 5–7 ms off the bench's first render of the Portfolio (80–83 → 75–76 ms; issue
 * 17): each request cost the page's thread a `fetch` and, at start-up, often a new connection.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { EVENT_NAMES } from '../../src-shared/api';
import type { Router } from '../api/router';
import { jsonChunks } from '../base/unchanged-json';
import type { EventBus } from '../events';
import { SHARE_PREFIX, type FolderShares } from './shares';
import { answerClientError, BodyTooLarge, declaredLength, errorBody, MAX_BODY, readBody, send, sendChunks, sendError, sendTooLarge } from './http';

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
  "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Most calls one batch may carry (the start-up reads are four). */
export const MAX_BATCH = 8;

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

export interface WebServerOptions {
  router: Router;
  events: EventBus;
  /** The built renderer (out/renderer). */
  staticDir: string;
  token: string;
  port?: number;
  /** Folders served read-only under /files/<key>/ (a batch export's index and decks). */
  shares?: FolderShares;
  /**
   * Told about every failure while handling a request (for the shell's log on stderr).
   * The client only ever gets a plain JSON message.
   */
  onError?: (where: string, err: unknown) => void;
}

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A JSON value's fields when it is an object (an array or a scalar has none). */
function fields(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The decoded, normalized path below the static root, or null when it is not a usable path. */
export function staticRelativePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed percent-encoding: '/%', '/%ff', '/%c0%ae'
  }
  if (decoded.includes('\0')) return null;
  return normalize(decoded).replace(/^([/\\])+/, '');
}

export function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const sockets = new Set<Socket>();
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  const report = (where: string, err: unknown) => {
    try {
      opts.onError?.(where, err);
    } catch {
      // A logger that throws must not take the server down either.
    }
  };

  /** The one entry point for every request: whatever goes wrong becomes an answer. */
  function handle(req: IncomingMessage, res: ServerResponse): void {
    const where = `${String(req.method)} ${String(req.url).slice(0, 200)}`;
    // A client that goes away mid-request (a page navigated or reloaded) is not a fault.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ECONNRESET') report(`${where} (request stream)`, err);
    });
    res.on('error', (err) => report(`${where} (response stream)`, err));
    route(req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLarge) {
        sendTooLarge(res);
        return;
      }
      report(where, err);
      if (res.headersSent) res.destroy();
      else sendError(res, 500, 'internal', 'The harness could not answer this request; the details are in its log.');
    });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) {
      sendError(res, 403, 'forbidden_host', `Host '${host.slice(0, 200)}' is not allowed.`);
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) {
      sendError(res, 403, 'forbidden_origin', `Origin '${origin.slice(0, 200)}' is not allowed.`);
      return;
    }
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    } catch {
      sendError(res, 400, 'bad_path', 'The request path is not a valid URL path.');
      return;
    }
    if (pathname.startsWith('/api/')) {
      if (req.headers.authorization !== `Bearer ${opts.token}`) {
        sendError(res, 401, 'unauthorized', 'Missing or wrong token. Open the URL the harness printed.');
        return;
      }
      if (pathname === '/api/invoke' && req.method === 'POST') return handleInvoke(req, res);
      if (pathname === '/api/invoke-batch' && req.method === 'POST') return handleBatch(req, res);
      if (pathname === '/api/events' && req.method === 'GET') return handleEvents(res);
      sendError(res, 404, 'not_found', `No API route ${String(req.method).slice(0, 20)} ${pathname.slice(0, 200)}.`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(res, 405, 'method_not_allowed', 'Only GET is served here.');
      return;
    }
    if (pathname.startsWith(SHARE_PREFIX)) return serveShared(pathname, res);
    await serveStatic(pathname, res);
  }

  async function serveShared(pathname: string, res: ServerResponse): Promise<void> {
    const file = opts.shares?.resolve(pathname);
    if (!file) {
      sendError(res, 404, 'not_found', 'There is no such exported file here (the harness serves exports only while it runs).');
      return;
    }
    const stream = createReadStream(file.path);
    await once(stream, 'open');
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': CSP,
      'cache-control': 'no-store',
      ...(file.attachment ? { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` } : {}),
    });
    pipeline(stream, res, (err) => {
      if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') report(`shared ${file.name}`, err);
    });
  }

  /** The request's JSON body as an object's fields, or null once a 415/400 has been sent. */
  async function readJson(req: IncomingMessage, res: ServerResponse): Promise<Record<string, unknown> | null> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'Send JSON (content-type: application/json).');
      return null;
    }
    const text = await readBody(req);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      sendError(res, 400, 'bad_request', `The request body is not valid JSON: ${(err as Error).message.slice(0, 200)}`);
      return null;
    }
    return fields(body);
  }

  /** The workspace the window shows: a call meant for one that is no longer open is refused. */
  const callContext = (workspace: unknown) => (typeof workspace === 'string' ? { workspace } : {});

  function answer(call: Record<string, unknown>, workspace: unknown) {
    const { method, input } = call;
    return opts.router.handle(typeof method === 'string' ? method : String(method), input, callContext(workspace));
  }

  async function handleInvoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req, res);
    if (!body) return;
    const envelope = await answer(body, body.workspace);
    // Large unchanged values (the portfolio's rows) are encoded once, not per call.
    sendChunks(res, 200, jsonChunks(envelope));
  }

  async function handleBatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req, res);
    if (!body) return;
    const { calls } = body;
    if (!Array.isArray(calls) || calls.length === 0 || calls.length > MAX_BATCH) {
      sendError(res, 400, 'bad_request', `A batch is {"calls": [{"method": …, "input": …}, …]} with 1 to ${MAX_BATCH} calls.`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    // Each answer is written as soon as it is ready: a slow call does not hold the others back.
    await Promise.all(
      calls.map(async (call: unknown, i) => {
        const envelope = await answer(fields(call), body.workspace);
        if (res.destroyed || res.writableEnded) return;
        let encoded: readonly Buffer[];
        try {
          encoded = jsonChunks(envelope);
        } catch (err) {
          // An answer JSON cannot carry fails alone, as `/api/invoke` would fail it.
          report(`batch call ${i}`, err);
          encoded = [Buffer.from(errorBody('internal', 'The harness could not answer this call; the details are in its log.'))];
        }
        res.write(Buffer.concat([Buffer.from(`[${i},`), ...encoded, Buffer.from(']\n')]));
      }),
    );
    res.end();
  }

  function handleEvents(res: ServerResponse): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    const write = (chunk: string) => {
      if (!res.destroyed && !res.writableEnded) res.write(chunk);
    };
    write(': connected\n\n');
    const offs = EVENT_NAMES.map((name) =>
      opts.events.on(name, (payload) => {
        write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
      }),
    );
    const ping = setInterval(() => write(': ping\n\n'), 15_000);
    res.on('close', () => {
      clearInterval(ping);
      for (const off of offs) off();
    });
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const rel = staticRelativePath(pathname);
    if (rel === null) {
      sendError(res, 400, 'bad_path', 'The request path is not valid URL encoding.');
      return;
    }
    let file = join(opts.staticDir, rel);
    if (!file.startsWith(opts.staticDir + sep) && file !== opts.staticDir) {
      sendError(res, 400, 'bad_path', 'Bad path.');
      return;
    }
    const isFile = (f: string) => stat(f).then((s) => s.isFile(), () => false);
    if (!(await isFile(file))) file = join(opts.staticDir, 'index.html');
    if (!(await isFile(file))) {
      send(res, 503, 'The renderer is not built. Run `npm run build` first.', 'text/plain; charset=utf-8');
      return;
    }
    const stream = createReadStream(file);
    await once(stream, 'open'); // an unreadable file fails here, before any header is sent
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CSP,
      'cache-control': extname(file) === '.html' ? 'no-store' : 'max-age=3600',
    });
    pipeline(stream, res, (err) => {
      if (err && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') report(`static ${rel}`, err);
    });
  }

  const server = createServer(handle);
  // `Expect: 100-continue` with a body over the limit: answer 413 before the body is sent.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredLength(req);
    if (declared !== null && declared > MAX_BODY) {
      res.setHeader('connection', 'close');
      sendTooLarge(res);
      return;
    }
    res.writeContinue();
    handle(req, res);
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => answerClientError(err, socket));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (err) => report('server', err));
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
