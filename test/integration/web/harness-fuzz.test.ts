/**
 * Fuzzing the browser harness (defect 2): a few thousand random requests — paths with
 * malformed percent-encodings, any method, random headers and bodies, broken HTTP — sent
 * as raw bytes to a real `partnerbook web` process on 127.0.0.1. The process never exits
 * and no answer carries a stack trace or a source file path. Bounded in count and time,
 * seeded, so a failure reproduces.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeHarness, REPO, startHarness, type Harness } from '../../support/harness';

const RUNS = 2000;
const TIME_LIMIT_MS = 120_000;
const SEED = 20_251_130;
/** Just over the harness's 5 MB body limit. */
const OVER_LIMIT = 5 * 1024 * 1024 + 10;

let h: Harness;
let stderr = '';

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'pb-fuzz-'));
  const staticDir = join(root, 'renderer');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  // A PRM nobody listens on: the harness comes up, its background sync fails quietly.
  h = await startHarness(['--data-dir', join(root, 'data'), '--port', '0', '--prm', 'http://127.0.0.1:9', '--token', 'fuzz', '--static-dir', staticDir]);
  h.child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
}, 120_000);

afterAll(() => {
  h?.child.kill('SIGKILL');
});

const alive = () => h.child.exitCode === null && h.child.signalCode === null;

interface FuzzRequest {
  method: string;
  path: string;
  host: 'good' | 'localhost' | 'evil' | 'none';
  origin: 'none' | 'good' | 'evil';
  auth: 'none' | 'good' | 'bad';
  contentType: string | null;
  extra: [string, string][];
  body: string;
  framing: 'length' | 'none' | 'chunked' | 'short' | 'lie';
}

const hex = fc.constantFrom(...'0123456789abcdefABCDEFgz%'.split(''));
const percent = fc.tuple(hex, hex).map(([a, b]) => `%${a}${b}`);
const segment = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcz09-_.~!$&\'()*+,;=:@'.split('')), maxLength: 12 }),
  percent,
  fc.constantFrom('%', '%f', '%ff', '%c0%ae', '%e0%a4%a', '%00', '..', '%2e%2e', '%2f', '\\..', 'index.html', 'assets', 'app.js', 'api', 'invoke', 'events'),
  fc.string({ unit: 'binary-ascii', maxLength: 6 }), // control characters, spaces: the parser's business
);
const path = fc.oneof(
  { weight: 3, arbitrary: fc.array(segment, { maxLength: 6 }).map((s) => `/${s.join('/')}`) },
  { weight: 2, arbitrary: fc.constantFrom('/', '/%', '/%ff', '/%c0%ae', '/api/invoke', '/api/invoke-batch', '/api/events', '/api/nope', '/assets/app.js', '//', '*', '/..%2f..%2fetc%2fpasswd', 'http://evil/x') },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => `/${'a%'.repeat(n / 2)}`) },
);
const method = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE', 'CONNECT') },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ABCXYZ-_ ()/'.split('')), minLength: 1, maxLength: 12 }) },
);
const invokeCall = fc.record({
  method: fc.oneof(fc.constantFrom('app.info', 'sync.status', 'partners.list', 'qbr.capabilities', 'health.scores', 'actions.list', '__proto__', 'constructor'), fc.string({ maxLength: 20 })),
  input: fc.jsonValue({ maxDepth: 3 }),
});
const invokeBody = invokeCall.map((b) => JSON.stringify(b));
/** `/api/invoke-batch`'s body: calls (some not calls at all), up to a few more than it takes. */
const batchBody = fc
  .record({ calls: fc.oneof({ weight: 4, arbitrary: fc.array(fc.oneof({ weight: 4, arbitrary: invokeCall }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 10 }) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }) })
  .map((b) => JSON.stringify(b));
const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: invokeBody },
  { weight: 2, arbitrary: batchBody },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.constant('x'.repeat(OVER_LIMIT)) },
);
const headerName = fc.string({ unit: fc.constantFrom(...'abcxyz-_:'.split('')), minLength: 1, maxLength: 10 });
const headerValue = fc.string({ unit: 'binary-ascii', maxLength: 40 });

const anyRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  method,
  path,
  host: fc.constantFrom('good', 'good', 'good', 'localhost', 'evil', 'none'),
  origin: fc.constantFrom('none', 'none', 'good', 'evil'),
  auth: fc.constantFrom('good', 'good', 'none', 'bad'),
  contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', null),
  extra: fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }),
  body,
  framing: fc.constantFrom('length', 'length', 'length', 'none', 'chunked', 'short', 'lie'),
});
/** A well-formed API call with a random body: reaches the router. */
const apiCall: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.constant('POST'),
  path: fc.constantFrom('/api/invoke', '/api/invoke-batch'),
  host: fc.constant('good' as const),
  origin: fc.constantFrom('none' as const, 'good' as const),
  auth: fc.constant('good' as const),
  contentType: fc.constant('application/json'),
  extra: fc.constant([]),
  body,
  framing: fc.constantFrom('length' as const, 'chunked' as const),
});
const request = fc.oneof({ weight: 3, arbitrary: anyRequest }, { weight: 1, arbitrary: apiCall });

function bytesOf(r: FuzzRequest): Buffer {
  const port = h.base.split(':').pop();
  const lines = [`${r.method} ${r.path} HTTP/1.1`];
  if (r.host === 'good') lines.push(`host: 127.0.0.1:${port}`);
  if (r.host === 'localhost') lines.push(`host: localhost:${port}`);
  if (r.host === 'evil') lines.push('host: evil.example');
  if (r.origin === 'good') lines.push(`origin: http://127.0.0.1:${port}`);
  if (r.origin === 'evil') lines.push('origin: http://evil.example');
  if (r.auth === 'good') lines.push(`authorization: Bearer ${h.token}`);
  if (r.auth === 'bad') lines.push('authorization: Bearer nope');
  if (r.contentType) lines.push(`content-type: ${r.contentType}`);
  for (const [k, v] of r.extra) lines.push(`${k}: ${v}`);
  lines.push('connection: close');
  const payload = Buffer.from(r.body, 'latin1');
  let framed: Buffer = payload;
  if (r.framing === 'length') lines.push(`content-length: ${payload.length}`);
  if (r.framing === 'short') lines.push(`content-length: ${payload.length + 50}`);
  if (r.framing === 'lie') lines.push('content-length: -1, 12');
  if (r.framing === 'chunked') {
    lines.push('transfer-encoding: chunked');
    framed = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), framed]);
}

/** Sends the bytes and reads the answer until the server closes (an event stream: until its headers). */
function exchange(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(Number(h.base.split(':').pop()), '127.0.0.1');
    let out = '';
    const done = () => {
      s.destroy();
      resolve(out);
    };
    s.on('data', (c: Buffer) => {
      out += c.toString('latin1');
      if (out.includes('text/event-stream') && out.includes('\r\n\r\n')) done();
    });
    s.on('end', done);
    s.on('close', done);
    s.on('error', (err: NodeJS.ErrnoException) => {
      // A reset after the server answered and closed is fine; a refused connection is not.
      if (err.code === 'ECONNREFUSED') reject(err);
      else done();
    });
    s.setTimeout(4000, done);
    s.end(bytes);
  });
}

const LEAKS = [/\n\s+at /, /\.(ts|js|mjs|cjs):\d+/, /node:internal/, /node_modules/, new RegExp(REPO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))];

describe('harness fuzz', () => {
  it(
    `survives ${RUNS} random requests without exiting or leaking a stack trace`,
    async () => {
      let sent = 0;
      const statuses = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const answer = await exchange(bytesOf(r));
          sent++;
          const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? (answer === '' ? 'closed' : 'other');
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (!alive()) throw new Error(`the harness exited (code ${h.child.exitCode}, signal ${h.child.signalCode}); stderr:\n${stderr}`);
          expect(status).not.toBe('other');
          for (const leak of LEAKS) expect(answer, `answer leaks ${leak}`).not.toMatch(leak);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
      );
      // Most requests got a real answer, across the whole range of outcomes.
      expect(sent).toBeGreaterThan(500);
      expect(statuses.get('400') ?? 0).toBeGreaterThan(0);
      expect(statuses.get('200') ?? 0).toBeGreaterThan(0);
      expect(statuses.get('413') ?? 0).toBeGreaterThan(0);
      expect(statuses.get('403') ?? 0).toBeGreaterThan(0);
      expect(alive()).toBe(true);
      // …and it still works.
      const info = await invokeHarness<{ version: string }>(h, 'app.info');
      expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
      const page = await fetch(`${h.base}/`);
      expect(page.status).toBe(200);
    },
    TIME_LIMIT_MS + 60_000,
  );
});
