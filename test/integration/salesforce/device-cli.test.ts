/**
 * `partnerbook connect-salesforce` (the device flow) against the fake org in this process:
 * the CLI prints the code on stderr, the test approves it through /__fake/device/approve,
 * and the workspace exists with its session only in secrets.json; `sync --workspace` then
 * pulls the book. Signing in again replaces the session of the same workspace; a denied
 * code is one sentence and exit 1. Also the fake's device endpoint itself: slow_down when
 * polled too fast, and the token answer only once. The CLI runs as a child, spawned
 * asynchronously (the fake answers from this process).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { CLI, REPO } from '../../support/harness';
import { cli, seedOrg, storedSession } from '../workspaces/salesforce-workspace-support';
import { admin } from './support';

let sf: FakeSalesforce;
let dir: string;
let dataDir: string;

beforeAll(async () => {
  sf = await startFakeSalesforce({ dataDir: null, deviceIntervalSeconds: 1 });
  seedOrg(sf);
  dir = mkdtempSync(join(tmpdir(), 'pb-sf-device-'));
  dataDir = join(dir, 'data');
});
afterAll(async () => {
  await sf?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  /** The user code, once the CLI printed "Go to … and enter CODE". */
  code: Promise<{ uri: string; userCode: string }>;
  done: Promise<{ exit: number | null; stdout: string; stderr: string }>;
}

/** Spawns `partnerbook connect-salesforce …` and watches its stderr for the code. */
function connect(args: string[]): Run {
  const child = spawn(process.execPath, [CLI, 'connect-salesforce', '--data-dir', dataDir, '--client-id', sf.clientId, '--login-url', sf.url, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PARTNERBOOK_FROM_SOURCE: '1' },
  });
  let stdout = '';
  let stderr = '';
  let gotCode!: (c: { uri: string; userCode: string }) => void;
  let noCode!: (e: Error) => void;
  const code = new Promise<{ uri: string; userCode: string }>((res, rej) => {
    gotCode = res;
    noCode = rej;
  });
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    const m = /^Go to (\S+) and enter ([A-Z]+)$/m.exec(stderr);
    if (m) gotCode({ uri: m[1]!, userCode: m[2]! });
  });
  const done = new Promise<{ exit: number | null; stdout: string; stderr: string }>((res) =>
    child.once('exit', (exit) => {
      noCode(new Error(`the CLI ended without a code: ${stderr}`));
      res({ exit, stdout, stderr });
    }),
  );
  return { code, done };
}

describe('partnerbook connect-salesforce (device flow)', () => {
  it('lists each option on one line in --help', async () => {
    const r = await cli(['connect-salesforce', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--workspace NAME', '--client-id ID', '--login-url URL', '--sandbox', '--my-domain D', '--data-dir DIR']) {
      expect(r.stdout.split('\n').filter((l) => l.trimStart().startsWith(flag))).toHaveLength(1);
    }
  });

  it('adds the workspace once the code is approved, with the tokens only in secrets.json, and sync pulls the book', async () => {
    const run = connect(['--workspace', 'SF device']);
    const { uri, userCode } = await run.code;
    expect(uri.startsWith(sf.url)).toBe(true);
    expect((await admin(sf, 'device/approve', { user_code: userCode })).status).toBe(200);
    const r = await run.done;
    expect(r.exit, r.stderr).toBe(0);
    expect(r.stdout).toContain("added the workspace 'SF device'");

    const entry = new WorkspaceRegistry(dataDir).find('SF device');
    expect(entry?.source).toMatchObject({ kind: 'salesforce', instanceUrl: sf.url, loginUrl: sf.url, clientId: sf.clientId });
    const tokens = storedSession(dataDir, entry!.id);
    expect(tokens.refreshToken).toBeTruthy();
    const registryFile = readFileSync(join(dataDir, 'workspaces.json'), 'utf8');
    expect(registryFile).not.toContain(tokens.accessToken);
    expect(registryFile).not.toContain(tokens.refreshToken!);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toContain(tokens.refreshToken!);

    const synced = await cli(['sync', '--workspace', 'SF device', '--data-dir', dataDir, '--json']);
    expect(synced.code, synced.stderr).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, kind: 'full' });
    const db = new Database(new WorkspaceRegistry(dataDir).replicaPath({ folder: `workspaces/${entry!.id}` }), { readonly: true });
    try {
      expect(db.prepare('SELECT name FROM partner ORDER BY name').pluck().all()).toEqual(['Contoso', 'Fabrikam']);
    } finally {
      db.close();
    }
  });

  it('signing in again replaces the session of the same workspace', async () => {
    const before = new WorkspaceRegistry(dataDir).list().length;
    const id = new WorkspaceRegistry(dataDir).find('SF device')!.id;
    const old = storedSession(dataDir, id);
    const run = connect(['--workspace', 'sf DEVICE']);
    const { userCode } = await run.code;
    expect((await admin(sf, 'device/approve', { user_code: userCode })).status).toBe(200);
    const r = await run.done;
    expect(r.exit, r.stderr).toBe(0);
    expect(r.stdout).toContain('uses the new sign-in');
    expect(new WorkspaceRegistry(dataDir).list()).toHaveLength(before);
    expect(storedSession(dataDir, id).refreshToken).not.toBe(old.refreshToken);
  });

  it('a denied code is one sentence and exit 1, and nothing is added', async () => {
    const before = new WorkspaceRegistry(dataDir).list().length;
    const run = connect(['--workspace', 'Denied']);
    const { userCode } = await run.code;
    expect((await admin(sf, 'device/deny', { user_code: userCode })).status).toBe(200);
    const r = await run.done;
    expect(r.exit).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^Go to /);
    expect(lines.slice(1)).toEqual(['partnerbook connect-salesforce: The Salesforce sign-in was declined, so Partnerbook is not signed in.']);
    expect(new WorkspaceRegistry(dataDir).list()).toHaveLength(before);
    expect(new WorkspaceRegistry(dataDir).find('Denied')).toBeNull();
  });

  it('refuses an unknown user code at the admin knob', async () => {
    const r = await admin(sf, 'device/approve', { user_code: 'NOSUCHCD' });
    expect(r.status).toBe(400);
  });
});

describe("the fake org's device endpoint", () => {
  const post = async (form: Record<string, string>) => {
    const res = await fetch(`${sf.url}/services/oauth2/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers slow_down to a poll right after the code, pending otherwise, and the token once', async () => {
    const start = await post({ response_type: 'device_code', client_id: sf.clientId, scope: 'api refresh_token' });
    expect(start.status).toBe(200);
    expect(start.body).toMatchObject({ interval: 1 });
    const deviceCode = String(start.body.device_code);
    const poll = () => post({ grant_type: 'device', client_id: sf.clientId, code: deviceCode });
    // Polled at once: well under the one-second interval.
    expect((await poll()).body.error).toBe('slow_down');
    await new Promise((r) => setTimeout(r, 1100));
    expect((await poll()).body.error).toBe('authorization_pending');
    expect((await admin(sf, 'device/approve', { user_code: String(start.body.user_code) })).status).toBe(200);
    const granted = await poll();
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ instance_url: sf.url, token_type: 'Bearer' });
    expect(typeof granted.body.refresh_token).toBe('string');
    expect((await poll()).body.error).toBe('invalid_grant');
    expect((await post({ grant_type: 'device', client_id: 'someone-else', code: deviceCode })).body.error).toBe('invalid_client_id');
  });
});
