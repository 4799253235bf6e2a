/**
 * A damaged replica (defect 7), on real files in a temp dir: a garbage file, a truncated
 * file, and a file whose data pages are damaged but whose outbox can still be read.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, ReplicaDamagedError } from '../../../src-main/db/connection';
import {
  damagedPath,
  describeRebuild,
  describeSalvage,
  inspectReplica,
  openReplicaWithRecovery,
  rebuildReplica,
  salvageReplica,
} from '../../../src-main/db/recover';

const dir = () => mkdtempSync(join(tmpdir(), 'pb-recover-'));
const NOW = new Date('2026-06-30T10:15:00.000Z');

/** A replica with 3 queued edits (one in conflict), a client id, an edit counter at 41 and a setting. */
function replicaWithEdits(path: string, filler = 0): void {
  const db = openDb(path);
  const s = db.sqlite;
  s.prepare("INSERT INTO sync_state (key, value) VALUES ('client_id', 'client-abc'), ('cursor', 'c-99')").run();
  s.prepare("INSERT INTO setting (key, value) VALUES ('health', '{\"weights\":1}')").run();
  const add = s.prepare(
    `INSERT INTO outbox (mutation_id, entity, record_id, op, base_version, fields, base, status, created_at)
     VALUES (?, 'jbp', ?, 'upsert', 3, ?, '{}', ?, '2026-06-29T09:00:00Z')`,
  );
  add.run(38, 'JBP-1', '{"summary":"first"}', 'pending');
  add.run(39, 'JBP-2', '{"summary":"second"}', 'conflict');
  add.run(40, 'JBP-3', '{"summary":"third"}', 'pending');
  // Acknowledged edits were deleted; the counter stays where it was.
  s.prepare("UPDATE sqlite_sequence SET seq = 41 WHERE name = 'outbox'").run();
  s.prepare(
    `INSERT INTO conflict (id, mutation_id, entity, record_id, field, base, theirs, mine, server_version, created_at)
     VALUES (7, 39, 'jbp', 'JBP-2', 'summary', '"a"', '"b"', '"second"', 4, '2026-06-29T10:00:00Z')`,
  ).run();
  // The plans' change history, written only here (ids 1–2; a later edit continues at 3).
  const hist = s.prepare(
    `INSERT INTO jbp_history (jbp_id, revision, at, actor, action, entity, record_id, label, field, old_value, new_value, mutation_id)
     VALUES ('JBP-1', ?, '2026-06-29T09:00:00Z', 'U-1', 'update', 'jbp', 'JBP-1', 'Summary', 'summary', ?, ?, ?)`,
  );
  hist.run(4, '"before"', '"first"', 38);
  hist.run(5, '"first"', '"first, again"', null);
  // Data written after the outbox lands in later pages (damaged below, outbox spared).
  const fill = s.prepare('INSERT INTO health_snapshot (as_of, fingerprint, computed_at, inputs) VALUES (?, ?, ?, ?)');
  for (let i = 0; i < filler; i++) fill.run(`2020-01-${String(i).padStart(4, '0')}`, 'fp', 'now', JSON.stringify({ pad: 'x'.repeat(3000), i }));
  db.close(); // checkpoints: everything is in the main file
}

/** Overwrites the last `pages` pages with random bytes (the file keeps its size). */
function damageTail(path: string, pages: number): void {
  const size = statSync(path).size;
  const fd = openSync(path, 'r+');
  writeSync(fd, randomBytes(pages * 4096), 0, pages * 4096, size - pages * 4096);
  closeSync(fd);
}

describe('a garbage replica', () => {
  it('is detected, kept aside byte for byte, and replaced by an empty replica', () => {
    const d = dir();
    const path = join(d, 'replica.sqlite');
    const garbage = randomBytes(50_000);
    writeFileSync(path, garbage);

    const damage = inspectReplica(path);
    expect(damage).toBeInstanceOf(ReplicaDamagedError);
    expect(damage!.path).toBe(path);
    expect(damage!.message).toContain(path);
    expect(() => openDb(path)).toThrow(ReplicaDamagedError);
    expect(readFileSync(path).equals(garbage)).toBe(true); // detecting changed nothing

    const salvage = salvageReplica(path);
    expect(salvage.outbox).toEqual([]);
    expect(salvage.outboxCount).toBeNull();
    expect(salvage.problems[0]).toMatch(/could not be read at all/);

    const r = rebuildReplica(path, { now: NOW });
    expect(r.keptAs).toBe(`${path}.damaged-20260630T101500Z`);
    expect(readFileSync(r.keptAs).equals(garbage)).toBe(true);
    expect(r.carriedEdits).toBe(0);
    expect(r.lostEdits).toBeNull();
    expect(describeRebuild(r)).toContain(r.keptAs);

    const fresh = openDb(path);
    expect(fresh.sqlite.prepare('SELECT count(*) AS n FROM partner').get()).toEqual({ n: 0 });
    expect(fresh.sqlite.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get()).toBeUndefined(); // next sync: full pull
    fresh.close();
    expect(inspectReplica(path)).toBeNull();
  });
});

describe('a truncated replica', () => {
  it('is detected; what cannot be read is said, and the rebuild still succeeds', () => {
    const d = dir();
    const path = join(d, 'replica.sqlite');
    replicaWithEdits(path, 200);
    truncateSync(path, Math.floor(statSync(path).size / 2));

    const damage = inspectReplica(path);
    expect(damage).toBeInstanceOf(ReplicaDamagedError);
    const r = rebuildReplica(path, { now: NOW });
    expect(existsSync(r.keptAs)).toBe(true);
    expect(r.carriedEdits + r.problems.length).toBeGreaterThan(0); // either carried or said why not
    const fresh = openDb(path, { quickCheck: true });
    expect(fresh.sqlite.prepare('SELECT count(*) AS n FROM health_snapshot').get()).toEqual({ n: 0 });
    fresh.close();
  });
});

describe('a replica with damaged data pages and a readable outbox', () => {
  it("carries the queued edits, their conflict, the plans' change history, the settings, the client id and the edit counter", () => {
    const d = dir();
    const path = join(d, 'replica.sqlite');
    replicaWithEdits(path, 300);
    damageTail(path, 40);
    // A -wal and -shm beside it must move with it (a stale WAL must never meet the fresh file).
    writeFileSync(`${path}-wal`, '');
    writeFileSync(`${path}-shm`, '');

    expect(() => openDb(path)).not.toThrow(); // the cheap open does not read those pages…
    const damage = inspectReplica(path); // …the check at app start does
    expect(damage).toBeInstanceOf(ReplicaDamagedError);

    const salvage = salvageReplica(path);
    expect(salvage.outbox.map((r) => r.mutation_id)).toEqual([38, 39, 40]);
    expect(salvage.outboxCount).toBe(3);
    expect(salvage.identity).toEqual({ clientId: 'client-abc', lastMutationId: 41 });
    expect(describeSalvage(salvage)).toBe("3 edits not yet sent to the PRM can be carried over. The plans' change history (2 changes) can be carried over too.");

    const r = rebuildReplica(path, { now: NOW, salvage });
    expect(r).toMatchObject({ carriedEdits: 3, carriedConflicts: 1, carriedHistory: 2, carriedSettings: 1, lostEdits: 0 });
    expect(r.keptFiles.sort()).toEqual([r.keptAs, `${r.keptAs}-shm`, `${r.keptAs}-wal`].sort());
    expect(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0).toBe(false);
    expect(describeRebuild(r)).toMatch(/3 edits not yet sent to the PRM were carried over\. The plans' change history \(2 changes\) was carried over\./);

    const fresh = openDb(path, { quickCheck: true });
    const s = fresh.sqlite;
    expect(s.prepare('SELECT mutation_id, record_id, status, fields FROM outbox ORDER BY mutation_id').all()).toEqual([
      { mutation_id: 38, record_id: 'JBP-1', status: 'pending', fields: '{"summary":"first"}' },
      { mutation_id: 39, record_id: 'JBP-2', status: 'conflict', fields: '{"summary":"second"}' },
      { mutation_id: 40, record_id: 'JBP-3', status: 'pending', fields: '{"summary":"third"}' },
    ]);
    expect(s.prepare('SELECT id, mutation_id, field FROM conflict').all()).toEqual([{ id: 7, mutation_id: 39, field: 'summary' }]);
    expect(s.prepare('SELECT id, revision, old_value, new_value, mutation_id FROM jbp_history ORDER BY id').all()).toEqual([
      { id: 1, revision: 4, old_value: '"before"', new_value: '"first"', mutation_id: 38 },
      { id: 2, revision: 5, old_value: '"first"', new_value: '"first, again"', mutation_id: null },
    ]);
    expect(
      s.prepare("INSERT INTO jbp_history (jbp_id, revision, at, actor, action, entity, record_id, label) VALUES ('JBP-1', 6, 'now', 'U-1', 'signoff', 'jbp', 'JBP-1', 'Plan') RETURNING id").pluck().get(),
    ).toBe(3);
    expect(s.prepare("SELECT value FROM setting WHERE key = 'health'").pluck().get()).toBe('{"weights":1}');
    expect(s.prepare("SELECT value FROM sync_state WHERE key = 'client_id'").pluck().get()).toBe('client-abc');
    expect(s.prepare("SELECT value FROM sync_state WHERE key = 'cursor'").get()).toBeUndefined();
    // The next edit continues after the old counter: the PRM has seen ids up to 41 from this client.
    const next = s
      .prepare(
        `INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at)
         VALUES ('jbp', 'JBP-4', 'upsert', 1, '{}', '{}', 'now') RETURNING mutation_id`,
      )
      .pluck()
      .get();
    expect(next).toBe(42);
    fresh.close();
  });
});

describe('openReplicaWithRecovery', () => {
  it('asks before touching anything, and changes nothing when the answer is no', () => {
    const d = dir();
    const path = join(d, 'replica.sqlite');
    writeFileSync(path, Buffer.concat([Buffer.from([0, 1, 2, 3]), Buffer.from('not a database, just bytes that are long enough to have a header'.repeat(100))]));
    const before = readFileSync(path);
    let asked: { keptAs: string; salvageText: string } | null = null;
    expect(() =>
      openReplicaWithRecovery(path, (plan) => {
        asked = plan;
        return false;
      }),
    ).toThrow(ReplicaDamagedError);
    expect(asked!.keptAs).toMatch(/replica\.sqlite\.damaged-\d{8}T\d{6}Z$/);
    expect(asked!.salvageText).toMatch(/could not be read/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(asked!.keptAs)).toBe(false);

    let rebuilt = '';
    const db = openReplicaWithRecovery(
      path,
      () => true,
      (r) => (rebuilt = r.keptAs),
    );
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    db.close();
    expect(readFileSync(rebuilt).equals(before)).toBe(true);
  });

  it('opens a healthy replica as it is', () => {
    const d = dir();
    const path = join(d, 'replica.sqlite');
    replicaWithEdits(path);
    const db = openReplicaWithRecovery(path, () => {
      throw new Error('must not ask');
    });
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 3 });
    db.close();
  });

  it('never reuses the name of an earlier damaged copy', () => {
    const d = dir();
    const path = join(d, 'replica.sqlite');
    writeFileSync(`${path}.damaged-20260630T101500Z`, 'old');
    expect(damagedPath(path, NOW)).toBe(`${path}.damaged-20260630T101500Z-2`);
  });
});
