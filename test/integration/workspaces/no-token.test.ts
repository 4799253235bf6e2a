/**
 * The replica holds no token: not after syncing a workspace, and not after an old data
 * folder (one replica with the PRM and its token in its `setting` table) is migrated —
 * checked on the raw bytes of every file in every workspace folder, -wal and -shm included.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asOfClock } from '../../../src-main/base/clock';
import { createCore } from '../../../src-main/core';
import { openDb } from '../../../src-main/db/connection';
import { writeSetting } from '../../../src-main/settings';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { EventBus } from '../../../src-main/events';
import { createSyncService } from '../../../src-main/sync/service';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { dataRootSecrets, SECRETS_FILE, tokenKey } from '../../../src-main/workspaces/secrets';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { call, statusWhen } from '../../support/core';

const AS_OF = '2026-11-20';
const TOKEN = 'tok-Zq8wX1vR7pLm3Ka9';
const NEWER_TOKEN = 'tok-Newer-4Hd82JsQ0';
let prm: DemoPrm;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 5, scale: 'small', asOf: AS_OF, token: TOKEN });
});
afterAll(() => prm?.close());

/** Every file under `dir` (recursively) except the secrets file, with its bytes. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (name !== SECRETS_FILE) out.push({ path, bytes: readFileSync(path) });
  }
  return out;
}

function expectNoToken(dir: string, ...tokens: string[]) {
  const files = filesUnder(dir);
  expect(files.some((f) => f.path.endsWith('replica.sqlite'))).toBe(true);
  for (const f of files) {
    for (const t of tokens) {
      // The raw bytes, as UTF-8 and as UTF-16 (SQLite can store text either way).
      expect(f.bytes.includes(Buffer.from(t, 'utf8')), `${t} in ${f.path}`).toBe(false);
      expect(f.bytes.includes(Buffer.from(t, 'utf16le')), `${t} (UTF-16) in ${f.path}`).toBe(false);
    }
  }
}

describe('no token in any replica file', () => {
  it('after creating and syncing a PRM workspace (replica, -wal and -shm while it is open)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pb-notoken-'));
    const core = createCore({ dataDir, clock: asOfClock(AS_OF), firstRun: 'welcome', demoCommand: null });
    await core.start();
    const ws = await call<{ id: string; replica: string }>(core, 'workspaces.create', { source: { kind: 'protocol-v1', url: prm.url, token: TOKEN } });
    await statusWhen(core, (s) => s.state === 'idle' && !!s.lastSyncedAt);
    expect(existsSync(`${ws.replica}-wal`)).toBe(true);
    expectNoToken(join(dataDir, 'workspaces'), TOKEN);
    expectNoToken(dataDir, TOKEN);
    expect(dataRootSecrets(dataDir).get(tokenKey(ws.id))).toBe(TOKEN);
    await core.close();
    expectNoToken(dataDir, TOKEN);
  });

  it('after migrating an old data folder whose replica (and its hot WAL) held the token', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pb-legacy-'));
    const staging = mkdtempSync(join(tmpdir(), 'pb-legacy-src-'));
    const legacyPath = join(staging, 'partnerbook.sqlite');
    // An old replica: synced, the PRM setting with its token written and checkpointed into
    // the file, then a newer token written to the WAL only, and the app "crashed" (the
    // files copied while the connection is still open, so the WAL is hot).
    const db = openDb(legacyPath);
    writeSetting(db, 'prm', { kind: 'custom', url: prm.url, token: TOKEN });
    const sync = createSyncService({ db, clock: asOfClock(AS_OF), events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: TOKEN }) });
    expect((await sync.run()).ok).toBe(true);
    await sync.close(); // no background checkpoint running while the files are copied
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.sqlite.pragma('wal_autocheckpoint = 0');
    writeSetting(db, 'prm', { kind: 'custom', url: prm.url, token: NEWER_TOKEN });
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(legacyPath + suffix, join(dataDir, `partnerbook.sqlite${suffix}`));
    db.close();
    expect(readFileSync(join(dataDir, 'partnerbook.sqlite')).includes(Buffer.from(TOKEN))).toBe(true);
    expect(readFileSync(join(dataDir, 'partnerbook.sqlite-wal')).includes(Buffer.from(NEWER_TOKEN))).toBe(true);

    const core = createCore({ dataDir, clock: asOfClock(AS_OF), demoCommand: null });
    await core.start();
    const ws = await call<{ id: string; name: string; source: { kind: string; url: string }; replica: string } | null>(core, 'workspaces.current');
    expect(ws).toMatchObject({ source: { kind: 'protocol-v1', url: prm.url } });
    // The newest token moved to the secret store; the replica kept its rows.
    expect(dataRootSecrets(dataDir).get(tokenKey(ws!.id))).toBe(NEWER_TOKEN);
    expect(existsSync(join(dataDir, 'partnerbook.sqlite'))).toBe(false);
    const partners = await call<unknown[]>(core, 'partners.list', {}, ws!.id);
    expect(partners.length).toBe(prm.store.countsByEntity().partner);
    expectNoToken(dataDir, TOKEN, NEWER_TOKEN);
    await core.close();
    expectNoToken(dataDir, TOKEN, NEWER_TOKEN);
    expect(new WorkspaceRegistry(dataDir).list()).toHaveLength(1);
  });
});
