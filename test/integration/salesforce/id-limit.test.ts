/**
 * EXCEEDED_ID_LIMIT on `sobjects/X/updated` splits the window instead of refetching the
 * book: with the fake's id limit far below the number of server-side edits (spread over
 * several minutes, since Salesforce cannot split below a minute), an incremental sync pulls
 * every edit and reports no refetch. Edits inside one minute beyond the limit cannot be
 * split: that sync falls back to a full refetch, and still ends with every edit. Against
 * the fake org in this process; the CLI runs as a child, spawned asynchronously.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceRegistry } from '../../../src-main/workspaces/registry';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { addSalesforceWorkspace, cli } from '../workspaces/salesforce-workspace-support';
import { admin } from './support';

const PARTNERS = 24;
const ID_LIMIT = 5;

let sf: FakeSalesforce;
let dir: string;
let dataDir: string;
let wsId: string;
const ids: string[] = [];

beforeAll(async () => {
  sf = await startFakeSalesforce({ dataDir: null });
  const account = sf.org.schema.objects.find((d) => d.name === 'Account')!;
  const user = String([...sf.org.rows(sf.org.schema.objects.find((d) => d.name === 'User')!)][0]!.Id);
  for (let i = 0; i < PARTNERS; i++) {
    ids.push(String(sf.org.insert(account, { Name: `Partner ${String(i).padStart(2, '0')}`, IsPartner: true, Type: 'Reseller', BillingCountry: 'France' }, user).Id));
  }
  dir = mkdtempSync(join(tmpdir(), 'pb-sf-idlimit-'));
  dataDir = join(dir, 'data');
  wsId = await addSalesforceWorkspace(sf, dataDir, 'SF ids');
});
afterAll(async () => {
  await sf?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const partnerNames = () => {
  const db = new Database(new WorkspaceRegistry(dataDir).replicaPath({ folder: `workspaces/${wsId}` }), { readonly: true });
  try {
    return db.prepare('SELECT name FROM partner ORDER BY name').pluck().all() as string[];
  } finally {
    db.close();
  }
};

async function sync(): Promise<Record<string, unknown>> {
  const r = await cli(['sync', '--workspace', 'SF ids', '--data-dir', dataDir, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

async function advance(seconds: number): Promise<void> {
  expect((await admin(sf, 'clock', { advanceSeconds: seconds })).status).toBe(200);
}

describe('EXCEEDED_ID_LIMIT on the updated feed', () => {
  it('splits the window: an incremental sync after more edits than the id limit pulls them all without a refetch', async () => {
    expect(await sync()).toMatchObject({ ok: true, kind: 'full' });
    expect(partnerNames()).toHaveLength(PARTNERS);
    await advance(120);
    expect((await admin(sf, 'config', { idLimit: ID_LIMIT })).status).toBe(200);
    // Three edits a minute over eight minutes: 24 ids, at most 3 in any one minute.
    for (let i = 0; i < PARTNERS; i++) {
      expect((await admin(sf, 'edit', { object: 'Account', ids: [ids[i]], fields: { Name: `Edited ${String(i).padStart(2, '0')}` } })).status).toBe(200);
      if (i % 3 === 2) await advance(60);
    }
    await advance(60);
    const one = await admin(sf, 'state');
    expect((one.json as { config: { idLimit: number } }).config.idLimit).toBe(ID_LIMIT);

    const summary = await sync();
    expect(summary).toMatchObject({ ok: true, kind: 'incremental' });
    expect(summary.refetched ?? false).toBe(false);
    expect(partnerNames()).toEqual(ids.map((_, i) => `Edited ${String(i).padStart(2, '0')}`));
  });

  it('falls back to a full refetch only when one minute holds more ids than the limit, and still ends with every edit', async () => {
    await advance(120);
    for (let i = 0; i < ID_LIMIT + 1; i++) {
      expect((await admin(sf, 'edit', { object: 'Account', ids: [ids[i]], fields: { Name: `Again ${String(i).padStart(2, '0')}` } })).status).toBe(200);
    }
    await advance(60);
    const summary = await sync();
    expect(summary).toMatchObject({ ok: true });
    expect(summary.refetched).toBe(true);
    const names = partnerNames();
    for (let i = 0; i < ID_LIMIT + 1; i++) expect(names).toContain(`Again ${String(i).padStart(2, '0')}`);
    expect(names).toHaveLength(PARTNERS);
  });
});
