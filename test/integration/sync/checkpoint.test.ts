/**
 * Background checkpoints (db/checkpoint): pulls whose write-ahead log is copied into the
 * replica by a worker thread leave the same replica as before, equal row by row to the
 * server and to a fresh full pull; a checkpointer whose worker cannot run hands the job
 * back to SQLite's own checkpoints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backgroundCheckpoints, MAIN_AUTOCHECKPOINT_PAGES } from '../../../src-main/db/checkpoint/checkpointer';
import { openDb } from '../../../src-main/db/connection';
import { createPrmClient } from '../../../src-main/sources/protocol-v1/client';
import { pull } from '../../../src-main/sync/pull';
import { ENTITY_NAMES } from '../../../src-shared/domain/entities';
import { createRng } from '../../../tools/demo-prm/rng';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { differences, replicaRows } from '../../support/convergence';

let prm: DemoPrm;
const dir = mkdtempSync(join(tmpdir(), 'pb-checkpoint-'));

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 11, scale: 'small', asOf: '2026-11-20', token: 'secret' });
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

const client = () => createPrmClient({ url: prm.url, token: 'secret' });

describe('background checkpoints', () => {
  it('incremental pulls checkpointed by the worker leave a replica equal to the server and to a fresh full pull', async () => {
    const db = openDb(join(dir, 'incremental.sqlite'));
    const ckpt = backgroundCheckpoints(db.sqlite);
    expect(ckpt).not.toBeNull();
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(MAIN_AUTOCHECKPOINT_PAGES);
    const checkpoint = () => ckpt!.request();
    try {
      const first = await pull(db.sqlite, client(), { pageSize: 2000, checkpoint });
      expect(first.kind).toBe('full');
      const rng = createRng(5);
      for (let round = 0; round < 3; round++) {
        // Edits land while the previous round's checkpoint may still be running.
        expect(prm.store.editRandom(400, rng)).toBe(400);
        const res = await pull(db.sqlite, client(), { pageSize: 150, checkpoint });
        expect(res.kind).toBe('incremental');
        expect(res.pulled).toBeGreaterThan(0);
        expect(differences(db.sqlite, prm.store)).toEqual([]);
      }
      await ckpt!.idle();
      expect(ckpt!.failure).toBeNull();
      expect(ckpt!.completed).toBeGreaterThan(0);
      expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

      const fresh = openDb(join(dir, 'fresh.sqlite'));
      try {
        await pull(fresh.sqlite, client(), { pageSize: 2000 });
        for (const e of ENTITY_NAMES) expect(replicaRows(db.sqlite, e), e).toEqual(replicaRows(fresh.sqlite, e));
      } finally {
        fresh.close();
      }
    } finally {
      await ckpt?.close();
      db.close();
    }
  });

  it('the replica closed after its checkpointer opens again with every pulled row', async () => {
    const path = join(dir, 'reopen.sqlite');
    const db = openDb(path);
    const ckpt = backgroundCheckpoints(db.sqlite)!;
    await pull(db.sqlite, client(), { pageSize: 500, checkpoint: () => ckpt.request() });
    await ckpt.close();
    db.close();
    const again = openDb(path);
    try {
      expect(differences(again.sqlite, prm.store)).toEqual([]);
    } finally {
      again.close();
    }
  });

  it('a checkpointer whose worker cannot run gives the checkpoints back to the main connection', async () => {
    const db = openDb(join(dir, 'fallback.sqlite'));
    const ckpt = backgroundCheckpoints(db.sqlite, { entry: join(dir, 'no-such-worker.mjs') })!;
    try {
      expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(MAIN_AUTOCHECKPOINT_PAGES);
      ckpt.request();
      await ckpt.idle();
      expect(ckpt.failure).toMatch(/Checkpointing the replica failed/);
      expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      // Later requests are ignored; pulls still work, checkpointed by SQLite as before.
      await pull(db.sqlite, client(), { pageSize: 2000, checkpoint: () => ckpt.request() });
      await ckpt.idle();
      expect(differences(db.sqlite, prm.store)).toEqual([]);
    } finally {
      await ckpt.close();
      db.close();
    }
  });

  it('an in-memory replica has nothing to checkpoint', () => {
    const db = openDb(':memory:');
    try {
      expect(backgroundCheckpoints(db.sqlite)).toBeNull();
    } finally {
      db.close();
    }
  });
});
