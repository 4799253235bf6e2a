/**
 * Pull against the real demo PRM over loopback: fresh pull, replayed page, tombstones,
 * 410 refetch, and a sync process killed mid-pull and restarted.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { createPrmClient, type PrmClient } from '../../../src-main/sources/protocol-v1/client';
import { pull } from '../../../src-main/sync/pull';
import { getState, setState } from '../../../src-main/sync/state';
import { differences } from '../../support/convergence';
import { CLI, REPO } from '../../support/harness';

let prm: DemoPrm;

async function waitForCursor(dbPath: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      const probe = new Database(dbPath, { readonly: true, fileMustExist: true });
      try {
        const row = probe.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get();
        if (row) return;
      } finally {
        probe.close();
      }
    } catch {
      // not created yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the sync never committed a page');
}
const dir = mkdtempSync(join(tmpdir(), 'pb-pull-'));

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 7, scale: 'small', asOf: '2026-11-20', token: 'secret' });
});
afterAll(() => prm.close());

function client(): PrmClient {
  return createPrmClient({ url: prm.url, token: 'secret' });
}

describe('pull from the demo PRM', () => {
  it('a fresh pull gives a replica equal, row by row, to the server', async () => {
    const db = openDb(':memory:');
    const res = await pull(db.sqlite, client(), { pageSize: 2000 });
    expect(res.kind).toBe('full');
    expect(res.pulled).toBe(prm.store.count());
    expect(differences(db.sqlite, prm.store)).toEqual([]);
    expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('replaying a page changes nothing', async () => {
    const db = openDb(':memory:');
    const cursors: string[] = [];
    const c = client();
    const recording: PrmClient = { ...c, changes: async (cur, n) => { const p = await c.changes(cur, n); cursors.push(p.cursor); return p; } };
    await pull(db.sqlite, recording, { pageSize: 3000 });
    const snapshot = db.sqlite.prepare('SELECT id, version, name FROM partner ORDER BY id').all();
    // Pretend the commit of pages 3.. never happened: rewind the cursor and pull again.
    setState(db.sqlite, 'cursor', cursors[1]!);
    const again = await pull(db.sqlite, client(), { pageSize: 3000 });
    expect(again.pulled).toBeGreaterThan(0);
    expect(db.sqlite.prepare('SELECT id, version, name FROM partner ORDER BY id').all()).toEqual(snapshot);
    expect(differences(db.sqlite, prm.store)).toEqual([]);
  });

  it('applies server edits and tombstones incrementally', async () => {
    const db = openDb(':memory:');
    await pull(db.sqlite, client());
    const opp = prm.store.dump('opportunity').find((o) => o.data.partner_id !== null)!;
    const partner = prm.store.dump('partner').at(-1)!;
    prm.store.upsert('opportunity', opp.id, { ...opp.data, amount: opp.data.amount + 100_00 });
    prm.store.delete('partner', partner.id);
    const res = await pull(db.sqlite, client());
    expect(res.kind).toBe('incremental');
    expect(res.deleted).toBeGreaterThan(0);
    expect(db.sqlite.prepare('SELECT amount FROM opportunity WHERE id = ?').get(opp.id)).toEqual({ amount: opp.data.amount + 100_00 });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM partner WHERE id = ?').get(partner.id)).toEqual({ n: 0 });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM contact WHERE partner_id = ?').get(partner.id)).toEqual({ n: 0 });
    expect(differences(db.sqlite, prm.store)).toEqual([]);
  });

  it('on 410 refetches from the start, keeps local edits, and converges', async () => {
    const db = openDb(':memory:');
    await pull(db.sqlite, client());
    db.sqlite
      .prepare("INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES ('note','N-local','upsert',0,'{}','{}','x')")
      .run();
    // Changes the client never sees as log entries: the log is compacted past them.
    const victim = prm.store.dump('partner').at(-2)!;
    prm.store.delete('partner', victim.id);
    const p = prm.store.dump('partner')[0]!;
    prm.store.upsert('partner', p.id, { ...p.data, name: `${p.data.name} (renamed)` });
    prm.store.compact();
    const res = await pull(db.sqlite, client());
    expect(res.refetched).toBe(true);
    expect(differences(db.sqlite, prm.store)).toEqual([]);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(getState(db.sqlite, 'refetch')).toBeNull();
  });

  it('a sync process killed mid-pull and restarted ends equal to the server', async () => {
    const partials: number[] = [];
    const total = prm.store.count();
    for (let trial = 0; trial < 4; trial++) {
      const dbPath = join(dir, `killed-${trial}.sqlite`);
      const args = [CLI, 'sync', '--db', dbPath, '--prm', prm.url, '--token', 'secret', '--page-size', '500', '--quiet'];
      const child = spawn(process.execPath, args, { cwd: REPO, stdio: 'ignore' });
      // Kill once the first pages are in, a little later each trial.
      await waitForCursor(dbPath);
      await new Promise((r) => setTimeout(r, trial * 60));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const db = openDb(dbPath);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const partial = ENTITY_NAMES.reduce(
        (n, e) => n + (db.sqlite.prepare(`SELECT count(*) AS n FROM "${e}"`).get() as { n: number }).n,
        0,
      );
      partials.push(partial);
      const res = await pull(db.sqlite, client(), { pageSize: 500 });
      expect(res.pulled + partial).toBeGreaterThanOrEqual(total);
      expect(differences(db.sqlite, prm.store)).toEqual([]);
      db.close();
    }
    // At least one kill landed mid-pull (some rows in, not all).
    expect(partials.some((n) => n > 0 && n < total), `partial counts ${partials.join(', ')} of ${total}`).toBe(true);
    // Four CLI processes started and pulled in turn: on a loaded 2-core machine this takes
    // a minute, so it gets more than the default budget (a hang still fails it).
  }, 240_000);
});
