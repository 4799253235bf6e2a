/**
 * Two books side by side: two demo PRMs with different seeds as two workspaces. Switching
 * while a sync runs is safe (no error, nothing half-applied); each workspace keeps its own
 * replica, outbox and settings; the CLI's --workspace picks the right replica and source.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../../src-shared/methods/workspaces';
import { asOfClock } from '../../../src-main/base/clock';
import { createCore, type Core } from '../../../src-main/core';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { call, statusWhen } from '../../support/core';
import { runCli } from '../../support/harness';

const AS_OF = '2026-11-20';
const dataDir = mkdtempSync(join(tmpdir(), 'pb-ws-switch-'));
let alphaPrm: DemoPrm;
let betaPrm: DemoPrm;
let core: Core;
let alpha: WorkspaceInfo;
let beta: WorkspaceInfo;

function value<T>(replica: string, sql: string): T {
  const db = new Database(replica, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}
const rows = (replica: string, sql: string) => value<number>(replica, sql);

const cli = (args: string[]) => runCli(args, { ...process.env, PARTNERBOOK_DATA_DIR: '' });

beforeAll(async () => {
  [alphaPrm, betaPrm] = await Promise.all([
    startDemoPrm({ seed: 3, scale: 'small', asOf: AS_OF, token: 'alpha-token' }),
    startDemoPrm({ seed: 11, scale: 'small', asOf: AS_OF, token: 'beta-token' }),
  ]);
  core = createCore({
    dataDir,
    clock: asOfClock(AS_OF),
    firstRun: 'welcome',
    demoCommand: null,
    // Edits stay queued until a sync is asked for; small pages make a sync last long enough to switch during it.
    sync: { editDebounceMs: 3_600_000, pageSize: 100 },
  });
  await core.start();
});
afterAll(async () => {
  await core?.close();
  await Promise.all([alphaPrm?.close(), betaPrm?.close()]);
});

describe('two workspaces', () => {
  it('starts on the welcome: no workspace, and workspace calls say so in a sentence', async () => {
    expect(await call(core, 'workspaces.current')).toBeNull();
    await expect(call(core, 'partners.list')).rejects.toThrow('No workspace is open. Open the demo book or connect a PRM first.');
  });

  it('creates each PRM workspace after checking it, and refuses a bad token or a wrong address plainly', async () => {
    await expect(
      call(core, 'workspaces.create', { source: { kind: 'protocol-v1', url: alphaPrm.url, token: 'wrong' } }),
    ).rejects.toThrow(`The PRM at ${alphaPrm.url} did not accept this token.`);
    await expect(
      call(core, 'workspaces.create', { source: { kind: 'protocol-v1', url: 'http://127.0.0.1:9', token: 'x' } }),
    ).rejects.toThrow(/^Can.t reach the PRM at http:\/\/127\.0\.0\.1:9/);
    expect((await call<{ workspaces: unknown[] }>(core, 'workspaces.list')).workspaces).toHaveLength(0);

    alpha = await call(core, 'workspaces.create', { name: 'Alpha', source: { kind: 'protocol-v1', url: alphaPrm.url, token: 'alpha-token' } });
    expect(alpha).toMatchObject({ name: 'Alpha', active: true, signedIn: true, source: { kind: 'protocol-v1', url: alphaPrm.url } });
    await statusWhen(core, (s) => s.state === 'idle' && !!s.lastSyncedAt);
    expect(rows(alpha.replica, 'SELECT count(*) FROM partner')).toBe(alphaPrm.store.countsByEntity().partner);

    // Alpha's own outbox and settings.
    const noteId = value<string | undefined>(alpha.replica, 'SELECT id FROM note LIMIT 1');
    expect(noteId).toBeTruthy();
    await call(core, 'records.edit', { entity: 'note', id: noteId, fields: { body: 'Alpha-only edit' } }, alpha.id);
    await call(core, 'sync.settings.set', { intervalMinutes: 17 }, alpha.id);
  });

  it('switches away while a sync runs: no error, and each replica keeps its own rows, outbox and settings', async () => {
    alphaPrm.faults.set({ latency: 0 });
    betaPrm.faults.set({ latency: 150 });
    const changed: (string | null)[] = [];
    const off = core.events.on('workspace.changed', (e) => changed.push(e.id));
    beta = await call(core, 'workspaces.create', { name: 'Beta', source: { kind: 'protocol-v1', url: betaPrm.url, token: 'beta-token' } });
    expect(changed).toEqual([beta.id]);

    // Beta's first sync is under way (slow pages): switch back to Alpha in the middle of it.
    await statusWhen(core, (s) => s.state === 'syncing' && (s.progress?.rows ?? 0) > 0);
    const partial = rows(beta.replica, 'SELECT count(*) FROM partner');
    const switched = await call<WorkspaceInfo>(core, 'workspaces.switch', { id: alpha.id });
    expect(switched).toMatchObject({ id: alpha.id, active: true });
    expect(changed).toEqual([beta.id, alpha.id]);
    off();

    // Beta stopped at a page boundary: fewer partners than its PRM has, its run recorded as aborted.
    expect(rows(beta.replica, 'SELECT count(*) FROM partner')).toBeLessThan(betaPrm.store.countsByEntity().partner);
    expect(rows(beta.replica, 'SELECT count(*) FROM partner')).toBeGreaterThanOrEqual(partial);
    expect(rows(beta.replica, "SELECT count(*) FROM sync_run WHERE status = 'aborted'")).toBe(1);

    // Alpha is as it was: its rows, its queued edit, its setting.
    const status = await call<{ pendingEdits: number }>(core, 'sync.status', {}, alpha.id);
    expect(status.pendingEdits).toBe(1);
    expect(await call(core, 'sync.settings')).toEqual({ intervalMinutes: 17 });
    expect(rows(alpha.replica, 'SELECT count(*) FROM partner')).toBe(alphaPrm.store.countsByEntity().partner);
    expect(rows(beta.replica, 'SELECT count(*) FROM outbox')).toBe(0);

    // A call made for Beta by a window that still shows it is refused, not applied to Alpha.
    await expect(call(core, 'sync.settings.set', { intervalMinutes: 3 }, beta.id)).rejects.toThrow(/meant for the workspace 'Beta'.*nothing was changed/);
    expect(await call(core, 'sync.settings')).toEqual({ intervalMinutes: 17 });

    // Back to Beta: its sync picks up where it stopped and completes; the books differ as the seeds do.
    betaPrm.faults.set({ latency: 0 });
    await call(core, 'workspaces.switch', { id: beta.id });
    await statusWhen(core, (s) => s.state === 'idle' && !!s.lastSyncedAt);
    expect(await call(core, 'sync.settings')).toEqual({ intervalMinutes: 5 });
    const alphaDeals = rows(alpha.replica, 'SELECT count(*) FROM opportunity');
    const betaDeals = rows(beta.replica, 'SELECT count(*) FROM opportunity');
    expect(rows(beta.replica, 'SELECT count(*) FROM partner')).toBe(betaPrm.store.countsByEntity().partner);
    expect(betaDeals).toBe(betaPrm.store.countsByEntity().opportunity);
    expect(alphaDeals).toBe(alphaPrm.store.countsByEntity().opportunity);
    expect(alphaDeals).not.toBe(betaDeals);
    expect(value(alpha.replica, 'SELECT name FROM partner ORDER BY id LIMIT 1')).not.toBe(value(beta.replica, 'SELECT name FROM partner ORDER BY id LIMIT 1'));
    expect(rows(alpha.replica, 'SELECT count(*) FROM outbox')).toBe(1);
  });

  it('lists both with the open one marked, renames, and app.info says which is open', async () => {
    const list = await call<{ workspaces: WorkspaceInfo[]; active: string }>(core, 'workspaces.list');
    expect(list.workspaces.map((w) => [w.name, w.active])).toEqual([
      ['Alpha', false],
      ['Beta', true],
    ]);
    expect(list.active).toBe(beta.id);
    await call(core, 'workspaces.rename', { id: beta.id, name: 'Beta PRM' });
    const info = await call<{ workspace: WorkspaceInfo; prm: { url: string } }>(core, 'app.info');
    expect(info.workspace).toMatchObject({ id: beta.id, name: 'Beta PRM' });
    expect(info.prm.url).toBe(betaPrm.url);
    await expect(call(core, 'workspaces.rename', { id: beta.id, name: 'alpha' })).rejects.toThrow(/^There is already a workspace called 'Alpha'\.$/);
  });

  it('CLI --workspace picks the right replica and the workspace\'s own PRM (token from the secret store)', async () => {
    await core.close();
    const alphaNotes = rows(alpha.replica, 'SELECT count(*) FROM outbox');
    const betaReplicaEdits = rows(beta.replica, 'SELECT count(*) FROM outbox');
    const noteId = value<string>(beta.replica, 'SELECT id FROM note LIMIT 1');
    const edit = await cli(['edit', '--workspace', 'beta prm', '--data-dir', dataDir, '--entity', 'note', '--id', noteId, '--set', 'body=From the CLI']);
    expect(edit.stderr).toBe('');
    expect(edit.code).toBe(0);
    expect(rows(beta.replica, 'SELECT count(*) FROM outbox')).toBe(betaReplicaEdits + 1);
    expect(rows(alpha.replica, 'SELECT count(*) FROM outbox')).toBe(alphaNotes);

    const synced = await cli(['sync', '--workspace', 'Alpha', '--data-dir', dataDir, '--json']);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.stdout)).toMatchObject({ ok: true, pushed: 1, pending_edits: 0 });
    expect(rows(alpha.replica, 'SELECT count(*) FROM outbox')).toBe(0);

    const missing = await cli(['health', '--workspace', 'Gamma', '--data-dir', dataDir, '--json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`partnerbook health: there is no workspace 'Gamma' in ${dataDir}; there are: 'Alpha', 'Beta PRM'`);
    const both = await cli(['health', '--workspace', 'Alpha', '--db', alpha.replica, '--data-dir', dataDir]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/use either --db or --workspace/);
  });
});
