/**
 * HTTP plumbing for the harness that never lets one request take the process down:
 * JSON answers, a bounded body reader that turns an oversized body into a 413 (not a
 * reset), and the raw answer for requests Node's parser refuses.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** The largest request body the harness reads (an API call is a few KB). */
export const MAX_BODY = 5 * 1024 * 1024;
/** After a 413, the rest of an oversized body is read and dropped up to this much, then the connection is cut. */
const MAX_DRAIN = 64 * 1024 * 1024;

export function send(res: ServerResponse, status: number, body: string, type = 'application/json; charset=utf-8'): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A JSON answer already encoded as UTF-8 chunks (see base/unchanged-json.ts). */
export function sendChunks(res: ServerResponse, status: number, chunks: readonly Buffer[], type = 'application/json; charset=utf-8'): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const length = chunks.reduce((n, c) => n + c.length, 0);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'content-length': length });
  for (const c of chunks) res.write(c);
  res.end();
}

export function errorBody(code: string, message: string): string {
  return JSON.stringify({ ok: false, error: { code, message } });
}

export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, errorBody(code, message));
}

export function sendTooLarge(res: ServerResponse, max = MAX_BODY): void {
  sendError(res, 413, 'payload_too_large', `The request body is larger than the ${Math.round(max / (1024 * 1024))} MB the harness accepts.`);
}

/** The declared body size, or null when not declared (chunked) or not a number. */
export function declaredLength(req: IncomingMessage): number | null {
  const raw = req.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

export class BodyTooLarge extends Error {
  constructor() {
    super('request body too large');
  }
}

/**
 * Reads the body as UTF-8, at most `max` bytes. A larger body rejects with BodyTooLarge
 * at once, and the rest of it is read and dropped (up to MAX_DRAIN) so the client
 * receives the 413 instead of a reset connection.
 */
export function readBody(req: IncomingMessage, max = MAX_BODY): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let over = false;
    const chunks: Buffer[] = [];
    const tooLarge = () => {
      over = true;
      chunks.length = 0;
      reject(new BodyTooLarge());
    };
    const declared = declaredLength(req);
    if (declared !== null && declared > max) tooLarge();
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (over) {
        if (size > MAX_DRAIN) req.socket.destroy();
        return;
      }
      if (size > max) {
        tooLarge();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('the client went away before sending the whole body'));
    });
  });
}

/** Answers a request Node's parser refused (bad request line, huge headers…) and closes. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431 ? 'The request headers are too large.' : status === 408 ? 'The request took too long to arrive.' : 'The request could not be read as HTTP.';
  const body = errorBody(status === 400 ? 'bad_request' : status === 431 ? 'headers_too_large' : 'request_timeout', message);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
  );
}
