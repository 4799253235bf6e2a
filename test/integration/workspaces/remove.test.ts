/**
 * Removing a workspace: refused while it syncs, and while it holds edits that never reached
 * its source unless the user agrees to lose them; removing the open one opens another;
 * its folder and its token go with it. A book from files keeps what was made in it only in
 * its replica: removing it names those records and waits for the same agreement.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceInfo } from '../../../src-shared/methods/workspaces';
import { asOfClock } from '../../../src-main/base/clock';
import { createCore, type Core } from '../../../src-main/core';
import { dataRootSecrets, tokenKey } from '../../../src-main/workspaces/secrets';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { call, statusWhen } from '../../support/core';

const AS_OF = '2026-11-20';
const dataDir = mkdtempSync(join(tmpdir(), 'pb-ws-remove-'));
let prm: DemoPrm;
let core: Core;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 4, scale: 'small', asOf: AS_OF, token: 'tok' });
  core = createCore({ dataDir, clock: asOfClock(AS_OF), firstRun: 'welcome', demoCommand: null, sync: { editDebounceMs: 3_600_000, pageSize: 100 } });
  await core.start();
});
afterAll(async () => {
  await core?.close();
  await prm?.close();
});

describe('removing workspaces', () => {
  it('keeps unsynced edits unless told to lose them, opens another one, and deletes the folder and the token', async () => {
    const a = await call<WorkspaceInfo>(core, 'workspaces.create', { name: 'A', source: { kind: 'protocol-v1', url: prm.url, token: 'tok' } });
    await statusWhen(core, (s) => s.state === 'idle' && !!s.lastSyncedAt);
    const noteId = core.db()!.sqlite.prepare('SELECT id FROM note LIMIT 1').pluck().get() as string;
    await call(core, 'records.edit', { entity: 'note', id: noteId, fields: { body: 'never synced' } });
    const b = await call<WorkspaceInfo>(core, 'workspaces.create', { name: 'B', source: { kind: 'protocol-v1', url: prm.url, token: 'tok' }, open: false });
    expect((await call<WorkspaceInfo | null>(core, 'workspaces.current'))?.id).toBe(a.id);

    await expect(call(core, 'workspaces.remove', { id: a.id })).rejects.toThrow(
      "'A' holds 1 edit that never reached its source; sync first, or confirm that it may be lost.",
    );
    expect(existsSync(a.replica)).toBe(true);

    // B opens in A's place and starts its first sync (slow pages): B can't be removed while it syncs.
    prm.faults.set({ latency: 100 });
    const removed = await call<{ removed: string; active: string | null }>(core, 'workspaces.remove', { id: a.id, discardEdits: true });
    expect(removed).toEqual({ removed: a.id, active: b.id });
    await statusWhen(core, (s) => s.state === 'syncing');
    await expect(call(core, 'workspaces.remove', { id: b.id })).rejects.toThrow("'B' is syncing right now; wait for the sync to finish, then remove it.");
    prm.faults.set({ latency: 0 });
    expect(existsSync(a.folder)).toBe(false);
    expect(dataRootSecrets(dataDir).get(tokenKey(a.id))).toBeNull();
    expect((await call<{ workspaces: WorkspaceInfo[] }>(core, 'workspaces.list')).workspaces.map((w) => w.name)).toEqual(['B']);
    await statusWhen(core, (s) => s.state === 'idle' && !!s.lastSyncedAt);

    // The last one: the welcome is next.
    const last = await call<{ active: string | null }>(core, 'workspaces.remove', { id: b.id });
    expect(last.active).toBeNull();
    expect(await call(core, 'workspaces.current')).toBeNull();
    await expect(call(core, 'sync.status')).rejects.toThrow('No workspace is open.');
  });

  it("names the plans and notes a book from files keeps only here, and removes it once told they may be lost", async () => {
    const empty = await call<WorkspaceInfo>(core, 'workspaces.create', { name: 'Nothing made here', source: { kind: 'spreadsheet' } });
    const sheet = await call<WorkspaceInfo>(core, 'workspaces.create', { name: 'Files', source: { kind: 'spreadsheet' } });
    const sqlite = core.db()!.sqlite;
    const changes = validateChanges([
      { entity: 'user', id: 'U-1', version: 1, op: 'upsert', data: { id: 'U-1', name: 'Ada', email: 'a@x.io', role: 'cam', manager_id: null } },
      { entity: 'tier', id: 'gold', version: 1, op: 'upsert', data: { id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 1, min_certified: 2, revenue_target: 3, pipeline_target: 4, currency: 'USD', benefits: [] } },
      {
        entity: 'partner', id: 'P-1', version: 1, op: 'upsert',
        data: { id: 'P-1', name: 'Acme', type: 'reseller', tier_id: 'gold', region: 'EMEA', country: 'DE', owner_id: 'U-1', status: 'active', agreement_signed_at: '2024-01-10', churned_at: null, website: null, currency: 'USD' },
      },
      { entity: 'note', id: 'N-1', version: 1, op: 'upsert', data: { id: 'N-1', partner_id: 'P-1', body: 'Met the CEO', created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z' } },
    ]);
    sqlite.transaction(() => createApplier(sqlite).apply(changes, false))();
    await statusWhen(core, (s) => s.state === 'idle');

    await expect(call(core, 'workspaces.remove', { id: sheet.id })).rejects.toThrow(
      "'Files' holds 1 note made here, kept only on this computer (a book from files has no PRM to keep them); confirm that they may be lost.",
    );
    expect(existsSync(sheet.replica)).toBe(true);
    expect(await call(core, 'workspaces.remove', { id: sheet.id, discardEdits: true })).toMatchObject({ removed: sheet.id });
    expect(existsSync(sheet.folder)).toBe(false);
    // Nothing made there: no question (once it has opened in Files' place and synced).
    await statusWhen(core, (s) => s.state === 'idle');
    expect(await call(core, 'workspaces.remove', { id: empty.id })).toMatchObject({ removed: empty.id, active: null });
  });
});
