/**
 * Revoked credentials: the PRM restarts with another token. The sync fails with one plain
 * sentence and offers to sign in again; the queued edit stays in the outbox and is pushed
 * once the new token is given.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOfClock } from '../../../src-main/base/clock';
import { createCore, type Core } from '../../../src-main/core';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { call, statusWhen, type StatusLike } from '../../support/core';

const AS_OF = '2026-11-20';
const dir = mkdtempSync(join(tmpdir(), 'pb-signin-'));
const store = join(dir, 'prm-store.sqlite');
let prm: DemoPrm;
let core: Core;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 9, scale: 'small', asOf: AS_OF, token: 'first-token', storePath: store });
  core = createCore({ dataDir: join(dir, 'data'), clock: asOfClock(AS_OF), firstRun: 'welcome', demoCommand: null, sync: { editDebounceMs: 3_600_000 } });
  await core.start();
});
afterAll(async () => {
  await core?.close();
  await prm?.close();
});

describe('sign in again', () => {
  it('a revoked token gives one sentence and a way to sign in; nothing queued is lost', async () => {
    const ws = await call<{ id: string }>(core, 'workspaces.create', { name: 'Acme', source: { kind: 'protocol-v1', url: prm.url, token: 'first-token' } });
    await statusWhen(core, (s) => s.state === 'idle' && !!s.lastSyncedAt);
    expect(await call<unknown[]>(core, 'sync.outbox')).toHaveLength(0);
    const db = core.db()!;
    const noteId = db.sqlite.prepare('SELECT id FROM note LIMIT 1').pluck().get() as string;
    await call(core, 'records.edit', { entity: 'note', id: noteId, fields: { body: 'Kept through a sign-in' } });

    // The PRM revokes the token: restarted on the same address and data with another one.
    const port = Number(new URL(prm.url).port);
    await prm.close();
    prm = await startDemoPrm({ seed: 9, scale: 'small', asOf: AS_OF, token: 'second-token', storePath: store, port });

    const failed = await call<{ ok: boolean; error: string }>(core, 'sync.run');
    expect(failed.ok).toBe(false);
    const status = await call<StatusLike>(core, 'sync.status');
    expect(status).toMatchObject({ state: 'error', needsSignIn: true, pendingEdits: 1 });
    expect(status.message).toBe('The PRM did not accept your sign-in. Sign in again.');

    await expect(call(core, 'workspaces.signIn', { id: ws.id, token: 'still-wrong' })).rejects.toThrow(`The PRM at ${prm.url} did not accept this token.`);
    expect((await call<StatusLike>(core, 'sync.status')).pendingEdits).toBe(1);

    await call(core, 'workspaces.signIn', { id: ws.id, token: 'second-token' });
    const after = await statusWhen(core, (s) => s.state === 'idle' && s.pendingEdits === 0);
    expect(after.needsSignIn).toBe(false);
    expect(prm.store.get('note', noteId)?.data.body).toBe('Kept through a sign-in');
  });

  it('names a workspace that does not exist', async () => {
    await expect(call(core, 'workspaces.signIn', { id: 'nope', token: 'x' })).rejects.toThrow("There is no workspace 'nope'.");
  });
});
