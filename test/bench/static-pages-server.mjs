// A trivial static server for recorded change pages (recorded-pages.ts): answers
// GET /v1/changes?cursor=C with the file recorded for cursor C, byte for byte, and
// nothing else. Plain Node (no TypeScript loader), one JSON line {"url"} on stdout when
// listening; ends with its parent (stdin closes).
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const dir = process.argv[2];
const { cursors } = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
const byCursor = new Map(cursors.map((c, i) => [c, i]));

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const i = url.pathname === '/v1/changes' ? byCursor.get(url.searchParams.get('cursor') ?? '') : undefined;
  if (i === undefined) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'not_found', message: `no recorded page for ${req.url}` } }));
    return;
  }
  readFile(join(dir, `${i}.json`)).then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(body.length) });
      res.end(body);
    },
    (err) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal', message: String(err) } }));
    },
  );
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${addr.port}` })}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('data', () => undefined);
process.on('SIGTERM', () => process.exit(0));
