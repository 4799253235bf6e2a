/**
 * Fault injection in the demo PRM: which request gets which fault, what each fault
 * looks like on the wire and to the protocol client, runtime switching through
 * /admin/faults, admin endpoints untouched, the CLI flags, and random server edits.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector, parseFaults } from '../../../tools/demo-prm/faults';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { PrmStore } from '../../../tools/demo-prm/store';
import { createPrmClient, } from '../../../src-main/sources/protocol-v1/client';
import { CLI, REPO } from '../../support/harness';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';
import { sourceErrorOf } from '../../support/source-error';

const dir = mkdtempSync(join(tmpdir(), 'pb-faults-'));
const storePath = join(dir, 'prm.sqlite');
let prm: DemoPrm;
let ids: CaseIds;

beforeAll(async () => {
  const s = PrmStore.open(storePath);
  seedBase(s);
  ids = seedCase(s, 'F');
  s.close();
  prm = await startDemoPrm({ storePath, token: 'tok', asOf: '2026-11-20' });
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  prm.faults.set({ latency: 0, failEvery: 0, dropEvery: 0, truncateEvery: 0, rateLimit: 0, retryAfter: 1 });
});

const headers = { authorization: 'Bearer tok', 'content-type': 'application/json' };
const get = (path: string) => fetch(`${prm.url}${path}`, { headers });
const post = (path: string, body: unknown) => fetch(`${prm.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
const setFaults = async (f: Record<string, number>) => {
  const res = await post('/admin/faults', f);
  expect(res.status).toBe(200);
};
const client = () => createPrmClient({ url: prm.url, token: 'tok', timeoutMs: 5000 });
describe('FaultInjector', () => {
  it('hits every Nth request, one fault per request in a fixed precedence, and restarts the count on change', () => {
    const f = new FaultInjector({ failEvery: 2, dropEvery: 3, rateLimit: 5, truncateEvery: 7, latency: 4 });
    const actions = Array.from({ length: 7 }, () => f.next().action);
    expect(actions).toEqual([null, 'fail', 'drop', 'fail', 'rate_limit', 'drop', 'truncate']);
    expect(f.next()).toEqual({ latency: 4, action: 'fail' });
    f.set({ failEvery: 0, dropEvery: 0, rateLimit: 0, truncateEvery: 1 });
    expect(f.current()).toMatchObject({ requests: 0, truncateEvery: 1, latency: 4 });
    expect(f.next().action).toBe('truncate');
  });

  it('refuses bad settings naming the field', () => {
    expect(() => parseFaults({ failEvery: -1 })).toThrow(/failEvery must be a whole number/);
    expect(() => parseFaults({ latency: 1.5 })).toThrow(/latency/);
    expect(() => parseFaults({ explode: 1 })).toThrow(/unknown fault 'explode'/);
    expect(() => parseFaults([])).toThrow(/JSON object/);
  });
});

describe('faults over HTTP', () => {
  it('fail-every answers 503 JSON without processing; admin endpoints neither count nor fail', async () => {
    await setFaults({ failEvery: 2 });
    expect((await get('/v1/info')).status).toBe(200);
    expect((await get('/admin/stats')).status).toBe(200);
    const res = await get('/v1/info');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'unavailable' } });
    await setFaults({ failEvery: 1 });
    expect((await get(`/admin/record?entity=note&id=${ids.notes[0]!}`)).status).toBe(200);
    expect((await sourceErrorOf(client().info())).kind).toBe('server');
  });

  it('rate-limit answers 429 with Retry-After, which the client reads', async () => {
    await setFaults({ rateLimit: 1 });
    const res = await get('/v1/info');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    const err = await sourceErrorOf(client().changes(null, 10));
    expect(err).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    expect(err.transient).toBe(true);
  });

  it('drop-every processes the request, then cuts the connection without an answer', async () => {
    const body = {
      client_id: 'drop-test',
      mutations: [{ mutation_id: 1, entity: 'note', id: ids.notes[0]!, op: 'upsert', base_version: 1, fields: { body: 'dropped ack' }, base: { body: 'Note 1' } }],
    };
    await setFaults({ dropEvery: 1 });
    const err = await sourceErrorOf(client().mutations(body as never));
    expect(err.kind).toBe('network');
    expect(prm.store.get('note', ids.notes[0]!)?.data.body).toBe('dropped ack');
    await setFaults({ dropEvery: 0 });
    const again = await client().mutations(body as never);
    expect(again.results).toEqual([expect.objectContaining({ status: 'applied', version: 2 })]);
    expect(prm.store.get('note', ids.notes[0]!)?.version).toBe(2);
  });

  it('truncate-every sends the status and headers with half the body', async () => {
    const full = await (await get('/v1/changes?limit=5')).text();
    await setFaults({ truncateEvery: 1 });
    const res = await get('/v1/changes?limit=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text.length).toBe(Math.floor(full.length / 2));
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect((await sourceErrorOf(client().changes(null, 5))).kind).toBe('bad_response');
  });

  it('latency delays protocol requests, not admin ones', async () => {
    // Told by order, not by the clock: a protocol request held a minute is still waiting
    // when an admin request sent after it has been answered.
    await setFaults({ latency: 60_000 });
    const held = new AbortController();
    let answered = false;
    const info = fetch(`${prm.url}/v1/info`, { headers, signal: held.signal }).then(
      () => (answered = true),
      () => undefined,
    );
    const admin = await get('/admin/faults');
    expect(admin.status).toBe(200);
    expect(answered).toBe(false);
    held.abort();
    await info;
    expect(answered).toBe(false);
  });

  it('/admin/faults reports the settings and refuses bad ones naming the field', async () => {
    const bad = await post('/admin/faults', { dropEvery: 'often' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/dropEvery/);
    await setFaults({ failEvery: 4, retryAfter: 0 });
    expect(await (await get('/admin/faults')).json()).toMatchObject({ failEvery: 4, retryAfter: 0, dropEvery: 0, requests: 0 });
  });
});

describe('server-side edits over time', () => {
  it('--edit-every makes random edits, including to client-editable records', async () => {
    const path = join(dir, 'edits.sqlite');
    const s = PrmStore.open(path);
    seedBase(s);
    for (let i = 0; i < 5; i++) seedCase(s, `E${i}`, 3);
    s.close();
    const p = await startDemoPrm({ storePath: path, token: 't', editEveryMs: 10 });
    try {
      const head = p.store.head();
      await new Promise((r) => setTimeout(r, 400));
      expect(p.store.head()).toBeGreaterThan(head + 5);
      const versions = ['jbp_objective', 'jbp_initiative', 'note', 'jbp'].flatMap((e) => p.store.dump(e as 'note').map((r) => r.version));
      expect(versions.some((v) => v > 1)).toBe(true);
    } finally {
      await p.close();
    }
  });
});

describe('demo-prm CLI fault flags', () => {
  it('starts with faults from the flags, and refuses a bad flag value naming it', async () => {
    const cliStore = join(dir, 'cli.sqlite');
    const s = PrmStore.open(cliStore);
    seedBase(s);
    s.close();
    const child = spawn(process.execPath, [CLI, 'demo-prm', '--store', cliStore, '--token', 'c', '--fail-every', '2', '--rate-limit', '3'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    try {
      const line = await new Promise<string>((res) => createInterface({ input: child.stdout }).once('line', res));
      const { url } = JSON.parse(line) as { url: string };
      const h = { authorization: 'Bearer c' };
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${url}/v1/info`, { headers: h })).status);
      expect(statuses).toEqual([200, 503, 429, 503]);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    const bad = spawn(process.execPath, [CLI, 'demo-prm', '--drop-every', 'often'], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    bad.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise((r) => bad.once('exit', r));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--drop-every must be a whole number, got 'often'/);
  });
});
