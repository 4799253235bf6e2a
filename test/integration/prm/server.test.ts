import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import { changesPageSchema, errorBodySchema, infoSchema } from '../../../src-shared/domain/protocol';
import { openDb } from '../../../src-main/db/connection';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { makeApplier } from './client-apply';

const AS_OF = '2026-11-20';

describe('demo PRM HTTP server', () => {
  let prm: DemoPrm;
  const get = (path: string, token = prm.token) => fetch(`${prm.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const post = (path: string, body: unknown) =>
    fetch(`${prm.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${prm.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    prm = await startDemoPrm({ seed: 7, scale: 'small', asOf: AS_OF, token: 't0ken', port: 0 });
  });
  afterAll(async () => {
    await prm.close();
  });

  it('listens on 127.0.0.1 and serves /v1/info', async () => {
    expect(prm.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await get('/v1/info');
    expect(res.status).toBe(200);
    expect(infoSchema.parse(await res.json())).toEqual({ protocol: 'v1', name: 'Partnerbook demo PRM', as_of: AS_OF });
  });

  it('answers 401 JSON without the right token, 404 JSON for unknown routes, mutations with results', async () => {
    for (const res of [await get('/v1/changes', 'wrong'), await fetch(`${prm.url}/v1/info`)]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(errorBodySchema.parse(await res.json()).error.code).toBe('unauthorized');
    }
    const nf = await get('/v2/nothing');
    expect(nf.status).toBe(404);
    expect(errorBodySchema.parse(await nf.json()).error.code).toBe('not_found');
    const mut = await post('/v1/mutations', { client_id: 'x', mutations: [] });
    expect(mut.status).toBe(200);
    expect(await mut.json()).toEqual({ results: [] });
    const bad = await get('/v1/changes?cursor=%%%');
    expect(bad.status).toBe(400);
    expect(errorBodySchema.parse(await bad.json()).error.code).toBe('bad_cursor');
    const badLimit = await get('/v1/changes?limit=abc');
    expect(badLimit.status).toBe(400);
  });

  it('pages every row exactly once, FK-safe, then tombstones, and 410 after compaction', async () => {
    const db = openDb(':memory:');
    const { applyPage } = makeApplier(db.sqlite);
    const pull = async (start: string | null, limit: number) => {
      let cursor = start;
      const seen: { entity: string; id: string; op: string; version: number }[] = [];
      for (;;) {
        const res = await get(`/v1/changes?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        expect(res.status).toBe(200);
        const page = changesPageSchema.parse(await res.json());
        applyPage(page.changes);
        seen.push(...(page.changes as typeof seen));
        cursor = page.cursor;
        if (!page.has_more) break;
      }
      return { cursor: cursor as string, seen };
    };
    const { cursor: firstCursor, seen } = await pull(null, 10_000);
    const total = prm.store.count();
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((c) => `${c.entity}:${c.id}`)).size).toBe(total);
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
    for (const e of ENTITY_NAMES) {
      const n = (db.sqlite.prepare(`SELECT count(*) AS n FROM "${e}"`).get() as { n: number }).n;
      expect(n, e).toBe(prm.store.count(e));
    }

    // admin edit → a new version of the record comes through the log
    const partner = ((await (await get('/admin/dump?entity=partner')).json()) as { rows: { id: string; version: number }[] }).rows[0];
    const edit = await post('/admin/edit', { entity: 'partner', id: partner?.id, fields: { name: 'Edited Partner GmbH' } });
    expect(edit.status).toBe(200);
    expect(((await edit.json()) as { version: number }).version).toBe(2);
    const invalid = await post('/admin/edit', { entity: 'partner', id: partner?.id, fields: { status: 'nope' } });
    expect(invalid.status).toBe(422);
    const rec = (await (await get(`/admin/record?entity=partner&id=${partner?.id}`)).json()) as { version: number; data: { name: string } };
    expect(rec).toMatchObject({ version: 2, data: { name: 'Edited Partner GmbH' } });
    expect((await get('/admin/record?entity=partner&id=P-77777')).status).toBe(404);

    // delete → tombstones, children before the partner
    const del = await post('/admin/delete', { entity: 'partner', id: partner?.id });
    expect(del.status).toBe(200);
    const { deleted } = (await del.json()) as { deleted: number };
    expect(deleted).toBeGreaterThan(10);
    const sim = await post('/admin/simulate', { count: 25 });
    expect(((await sim.json()) as { applied: number }).applied).toBe(25);
    const { cursor: secondCursor, seen: incr } = await pull(firstCursor, 50);
    const tombstones = incr.filter((c) => c.op === 'delete');
    expect(tombstones.length).toBe(deleted);
    const partnerTomb = incr.findIndex((c) => c.op === 'delete' && c.entity === 'partner' && c.id === partner?.id);
    expect(partnerTomb).toBeGreaterThan(0);
    expect(incr.slice(0, partnerTomb).some((c) => c.op === 'delete' && c.entity === 'contact')).toBe(true);
    expect(incr[partnerTomb]).toEqual({ entity: 'partner', id: partner?.id, version: 3, op: 'delete' });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM partner WHERE id = ?').get(partner?.id)).toEqual({ n: 0 });
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);

    // compaction: old cursors get 410 cursor_expired, the current one keeps working
    await post('/admin/simulate', { count: 5 });
    const compact = await post('/admin/compact', {});
    expect(compact.status).toBe(200);
    const old = await get(`/v1/changes?cursor=${encodeURIComponent(firstCursor)}`);
    expect(old.status).toBe(410);
    expect(errorBodySchema.parse(await old.json()).error.code).toBe('cursor_expired');
    expect((await get(`/v1/changes?cursor=${encodeURIComponent(secondCursor)}`)).status).toBe(410);
    const fresh = await pull(null, 10_000);
    expect(fresh.seen.length).toBe(prm.store.count());
    const after = await get(`/v1/changes?cursor=${encodeURIComponent(fresh.cursor)}`);
    expect(after.status).toBe(200);
    expect(changesPageSchema.parse(await after.json())).toMatchObject({ has_more: false, changes: [] });
    db.close();
  });
});

describe('partnerbook demo-prm (CLI)', () => {
  it('prints one JSON line when ready, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/partnerbook.mjs', 'demo-prm', '--as-of', AS_OF, '--seed', '3'], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] as string);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
    });
    const ready = JSON.parse(line) as { url: string; token: string; tokens: Record<string, string> };
    expect(Object.keys(ready).sort()).toEqual(['token', 'tokens', 'url']);
    expect(ready.token.length).toBeGreaterThan(10);
    expect(ready.tokens).toEqual({ cam: ready.token, manager: `${ready.token}.manager`, admin: `${ready.token}.admin` });
    const res = await fetch(`${ready.url}/v1/info`, { headers: { authorization: `Bearer ${ready.token}` } });
    expect(((await res.json()) as { as_of: string }).as_of).toBe(AS_OF);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('rejects bad flags with one clear line', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; err: string }>((resolve) => {
        const child = spawn(process.execPath, ['bin/partnerbook.mjs', 'demo-prm', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('exit', (code) => resolve({ code, err }));
      });
    const scale = await run(['--scale', 'huge']);
    expect(scale.code).toBe(2);
    expect(scale.err.trim()).toBe('partnerbook demo-prm: --scale must be small, medium, large or xlarge');
    const date = await run(['--as-of', '2026-13-45']);
    expect(date.code).toBe(2);
    expect(date.err).toMatch(/--as-of must be a date/);
  });
});
