/**
 * The harness serves a batch export's folder read-only under /files/<key>/: the index as a
 * page (with the app's CSP), decks as attachments, nothing else — no other folder, no
 * path tricks, no unknown key — and still only to its own Host.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src-main/events';
import { startWebServer, type WebServer } from '../../../src-main/web/server';
import { FolderShares } from '../../../src-main/web/shares';

let server: WebServer;
let prefix = '';

function get(path: string, host = `127.0.0.1:${server.port}`) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-shares-'));
  const batch = join(dir, 'QBR Q4 2026 — 2026-11-30 14-05');
  mkdirSync(batch);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Partnerbook</title>');
  writeFileSync(join(dir, 'replica.sqlite'), 'not for the browser');
  writeFileSync(join(batch, 'index.html'), '<!doctype html><h1>QBR decks</h1>');
  writeFileSync(join(batch, 'Beacon — QBR Q4 2026.pptx'), 'PK deck');
  const shares = new FolderShares();
  prefix = shares.add(batch);
  server = await startWebServer({ router: { handle: () => Promise.reject(new Error('this test serves files, not the API')) }, events: new EventBus(), staticDir: dir, token: 't', shares });
});
afterAll(() => server.close());

describe('shared batch folders in the harness', () => {
  it('serves the index as a page and a deck as a download', async () => {
    const index = await get(`${prefix}index.html`);
    expect(index.status).toBe(200);
    expect(index.body).toContain('<h1>QBR decks</h1>');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    const deck = await get(`${prefix}${encodeURIComponent('Beacon — QBR Q4 2026.pptx')}`);
    expect(deck.status).toBe(200);
    expect(deck.body).toBe('PK deck');
    expect(deck.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('Beacon — QBR Q4 2026.pptx')}`);
  });

  it('serves nothing outside the shared folder, nor to a foreign host', async () => {
    for (const path of [`${prefix}..%2Freplica.sqlite`, `${prefix}..%2Findex.html`, `${prefix}%2e%2e/index.html`, '/files/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/index.html', `${prefix}missing.pptx`, `${prefix}%ff.pptx`]) {
      const res = await get(path);
      expect(res.status, path).not.toBe(200);
      expect(res.body, path).not.toContain('not for the browser');
    }
    expect((await get(`${prefix}index.html`, 'evil.example')).status).toBe(403);
  });
});
