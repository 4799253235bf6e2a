/**
 * A replica an older build left with records pointing at records it lacks (here: a
 * partner gone, its contacts, plans… still there), opened by this build: the migration
 * finds it and keeps a repair to do, every later open tells it in one sentence (not
 * developer JSON), and the next sync repairs it with a full refresh from the PRM, keeping
 * the edits not yet sent.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { pendingRepair } from '../../../src-main/db/integrity';
import { EventBus } from '../../../src-main/events';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { differences } from '../../support/convergence';
import { runCli } from '../../support/harness';

let prm: DemoPrm;
beforeAll(async () => {
  prm = await startDemoPrm({ seed: 5, scale: 'small', asOf: '2026-11-20', token: 'tok' });
});
afterAll(() => prm.close());

const cli = runCli;

/** A synced replica put back to schema 8 (before source keys, the digest's recorded arrivals and the kept health derivations) with one partner deleted under it, and one edit queued. */
async function olderReplicaWithOrphans(): Promise<{ path: string; partner: string; contacts: number }> {
  const path = join(mkdtempSync(join(tmpdir(), 'pb-fk-repair-')), 'replica.sqlite');
  const db = openDb(path);
  const sync = createSyncService({
    db,
    clock: fixedClock('2026-11-20T09:00:00Z'),
    events: new EventBus(),
    source: () => protocolV1Connector({ url: prm.url, token: 'tok' }),
  });
  expect((await sync.run()).ok).toBe(true);
  await sync.close();
  db.close();
  const raw = new Database(path);
  raw.pragma('foreign_keys = OFF');
  const partner = raw.prepare('SELECT partner_id FROM contact GROUP BY partner_id ORDER BY count(*) DESC LIMIT 1').pluck().get() as string;
  const contacts = raw.prepare('SELECT count(*) FROM contact WHERE partner_id = ?').pluck().get(partner) as number;
  raw.prepare('DELETE FROM partner WHERE id = ?').run(partner);
  raw.exec(`DROP TABLE source_key; DROP TABLE action_snapshot_run; DROP TABLE health_derived; DELETE FROM schema_migration WHERE version > 8;`);
  raw
    .prepare("INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at, status) VALUES ('note','N-kept','upsert',0,'{}','{}','x','rejected')")
    .run();
  raw.close();
  return { path, partner, contacts };
}

describe('a replica with broken references, at a migration', () => {
  it('is told in words on every open, not only the one that migrated, and the next sync repairs it keeping local edits', async () => {
    const { path, partner, contacts } = await olderReplicaWithOrphans();
    const said = new RegExp(`${contacts} contact records point at a partner that is missing from it`);

    // The open that migrates, and the next one (nothing left to migrate): both know.
    for (let open = 1; open <= 2; open++) {
      const db = openDb(path);
      try {
        expect(pendingRepair(db.sqlite), `open ${open}`).toMatch(said);
        expect(pendingRepair(db.sqlite)).toMatch(/The next sync downloads the whole book from the PRM again to repair it; edits not yet sent are kept\.$/);
        expect(pendingRepair(db.sqlite)).not.toMatch(/[{}]/);
      } finally {
        db.close();
      }
    }

    // Any command says it, in one sentence on stderr; `sync` then repairs it.
    const synced = await cli(['sync', '--db', path, '--prm', prm.url, '--token', 'tok']);
    expect(synced.stderr).toMatch(said);
    expect(synced.stderr).not.toMatch(/foreign key|[{}]/);
    expect(synced.code, synced.stderr).toBe(0);
    expect(synced.stdout).toMatch(/^Synced \(full\)/);

    const db = openDb(path);
    try {
      expect(pendingRepair(db.sqlite)).toBeNull();
      expect(db.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
      expect(db.sqlite.prepare('SELECT count(*) FROM partner WHERE id = ?').pluck().get(partner)).toBe(1);
      expect(db.sqlite.prepare("SELECT record_id FROM outbox WHERE status = 'rejected'").pluck().all()).toContain('N-kept');
    } finally {
      db.close();
    }
    expect(differences(new Database(path, { readonly: true }), prm.store)).toEqual([]);
    const after = await cli(['sync', '--db', path, '--prm', prm.url, '--token', 'tok']);
    expect(after.stderr).toBe('');
  }, 240_000);
});
