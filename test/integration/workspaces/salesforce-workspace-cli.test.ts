/**
 * `partnerbook sync --workspace NAME` on a Salesforce workspace uses the session the
 * sign-in stored (not a refusal asking for --instance-url and --access-token): it pulls
 * the book, renews an expired session with the refresh token and stores the rotated
 * session, and a refused refresh says to sign in again. Against the fake org in this
 * process; the CLI runs as a child, spawned asynchronously.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { admin, token } from '../salesforce/support';
import { addSalesforceWorkspace, cli, seedOrg, storedSession } from './salesforce-workspace-support';

let sf: FakeSalesforce;
let dir: string;
let dataDir: string;
let wsId: string;

beforeAll(async () => {
  sf = await startFakeSalesforce({ dataDir: null });
  seedOrg(sf);
  dir = mkdtempSync(join(tmpdir(), 'pb-sf-ws-cli-'));
  dataDir = join(dir, 'data');
  wsId = await addSalesforceWorkspace(sf, dataDir, 'SF Book');
});
afterAll(async () => {
  await sf?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const partners = () => {
  const db = new Database(new WorkspaceRegistry(dataDir).replicaPath({ folder: `workspaces/${wsId}` }), { readonly: true });
  try {
    return db.prepare('SELECT name FROM partner ORDER BY name').pluck().all();
  } finally {
    db.close();
  }
};

describe('partnerbook sync --workspace on a Salesforce workspace', () => {
  it('syncs with the stored sign-in', async () => {
    const r = await cli(['sync', '--workspace', 'sf book', '--data-dir', dataDir, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, kind: 'full' });
    expect(partners()).toEqual(['Contoso', 'Fabrikam']);
  });

  it('renews an expired session with the refresh token and stores the rotated session', async () => {
    const before = storedSession(dataDir, wsId);
    expect((await admin(sf, 'expire-tokens')).status).toBe(200);
    // The current workspace of the data folder, without naming it.
    const r = await cli(['sync', '--data-dir', dataDir, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, kind: 'incremental' });
    const after = storedSession(dataDir, wsId);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The old refresh token is spent at Salesforce; the stored one is the live one.
    expect((await token(sf, { grant_type: 'refresh_token', client_id: sf.clientId, refresh_token: before.refreshToken! })).status).toBe(400);
  });

  it('a refresh Salesforce refuses says to sign in again', async () => {
    const stored = storedSession(dataDir, wsId);
    expect((await token(sf, { grant_type: 'refresh_token', client_id: sf.clientId, refresh_token: stored.refreshToken! })).status).toBe(200);
    await admin(sf, 'expire-tokens');
    const r = await cli(['sync', '--workspace', 'SF Book', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('partnerbook sync: Salesforce no longer accepts this sign-in. Sign in again.');
  });

  it('a workspace keeps its own mapping: --mapping with it is refused in one line', async () => {
    const r = await cli(['sync', '--workspace', 'SF Book', '--data-dir', dataDir, '--mapping', join(dir, 'm.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^partnerbook sync: workspace 'SF Book' keeps its own Salesforce mapping/);
  });
});
