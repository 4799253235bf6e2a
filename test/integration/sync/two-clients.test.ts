/**
 * Two laptops edit the same JBP objective through the real sync service and the demo
 * PRM: different fields merge; the same field becomes a conflict that keeps base,
 * theirs and mine; resolving it makes a new mutation that reaches the server and the
 * other laptop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { PrmStore } from '../../../tools/demo-prm/store';
import { fixedClock } from '../../../src-main/base/clock';
import { listOutbox, resolveConflict } from '../../../src-main/sync/conflicts';
import { queueEdit } from '../../../src-main/sync/edits';
import { readOneOverlaid } from '../../../src-main/sync/overlay';
import { createSyncService, type SyncService } from '../../../src-main/sync/service';
import { differences } from '../../support/convergence';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

const dir = mkdtempSync(join(tmpdir(), 'pb-two-'));
const clock = fixedClock('2026-11-20T10:00:00Z');
let prm: DemoPrm;
let ids: CaseIds;

interface Laptop {
  db: Db;
  sync: SyncService;
}

function laptop(name: string): Laptop {
  const db = openDb(join(dir, `${name}.sqlite`));
  const sync = createSyncService({
    db,
    clock,
    events: new EventBus(),
    source: () => protocolV1Connector({ url: prm.url, token: 'two' }),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { db, sync };
}

beforeAll(async () => {
  const path = join(dir, 'prm.sqlite');
  const s = PrmStore.open(path);
  seedBase(s);
  ids = seedCase(s, 'TWO');
  s.close();
  prm = await startDemoPrm({ storePath: path, token: 'two' });
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('two clients edit the same JBP objective', () => {
  it('merges different fields, keeps a same-field conflict with both values, and a resolution reaches the server', async () => {
    const a = laptop('a');
    const b = laptop('b');
    const obj = ids.objectives[0]!;
    expect((await a.sync.run()).ok).toBe(true);
    expect((await b.sync.run()).ok).toBe(true);

    // 1. different fields: A raises the target, B renames; both survive.
    queueEdit(a.db.sqlite, clock, { entity: 'jbp_objective', id: obj, op: 'upsert', fields: { target: 150 } });
    queueEdit(b.db.sqlite, clock, { entity: 'jbp_objective', id: obj, op: 'upsert', fields: { title: 'Workshops with the partner SEs' } });
    expect(await a.sync.run()).toMatchObject({ ok: true, pushed: 1, applied: 1, merged: 0, conflicts: 0 });
    expect(await b.sync.run()).toMatchObject({ ok: true, pushed: 1, applied: 1, merged: 1, conflicts: 0 });
    await a.sync.run();
    const merged = { target: 150, title: 'Workshops with the partner SEs' };
    expect(prm.store.get('jbp_objective', obj)?.data).toMatchObject(merged);
    expect(readOneOverlaid(a.db.sqlite, 'jbp_objective', obj)).toMatchObject({ ...merged, pending_fields: [], conflict_fields: [] });
    expect(readOneOverlaid(b.db.sqlite, 'jbp_objective', obj)).toMatchObject(merged);

    // 2. the same field: A sets weight 60, B sets 70 on the same base (50).
    queueEdit(a.db.sqlite, clock, { entity: 'jbp_objective', id: obj, op: 'upsert', fields: { weight: 60 } });
    queueEdit(b.db.sqlite, clock, { entity: 'jbp_objective', id: obj, op: 'upsert', fields: { weight: 70, custom_actual: 3 } });
    expect(await a.sync.run()).toMatchObject({ ok: true, applied: 1 });
    expect(await b.sync.run()).toMatchObject({ ok: true, pushed: 1, applied: 0, conflicts: 1 });
    // B's other field went through; the conflict keeps base, theirs and mine.
    expect(prm.store.get('jbp_objective', obj)?.data).toMatchObject({ weight: 60, custom_actual: 3 });
    const [entry, ...rest] = listOutbox(b.db.sqlite);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      status: 'conflict',
      record_id: obj,
      fields: { weight: 70 },
      conflicts: [{ field: 'weight', base: 50, theirs: 60, mine: 70 }],
    });
    // B still sees its own value, flagged; its base copy is the server's.
    expect(readOneOverlaid(b.db.sqlite, 'jbp_objective', obj)).toMatchObject({ weight: 70, conflict_fields: ['weight'] });
    expect(differences(b.db.sqlite, prm.store)).toEqual([]);
    // Syncing again leaves the conflict alone until the user decides.
    expect(await b.sync.run()).toMatchObject({ ok: true, pushed: 0 });
    expect(listOutbox(b.db.sqlite)).toHaveLength(1);

    // 3. B keeps its value: a new mutation on the server's version reaches the server and A.
    const resolved = resolveConflict(b.db.sqlite, clock, entry!.mutation_id, [{ field: 'weight', choice: 'mine' }]);
    expect(resolved.mutation_id).toBeGreaterThan(entry!.mutation_id);
    expect(await b.sync.run()).toMatchObject({ ok: true, pushed: 1, applied: 1, conflicts: 0 });
    expect(listOutbox(b.db.sqlite)).toEqual([]);
    expect(prm.store.get('jbp_objective', obj)?.data).toMatchObject({ weight: 70, custom_actual: 3, target: 150 });
    await a.sync.run();
    expect(readOneOverlaid(a.db.sqlite, 'jbp_objective', obj)).toMatchObject({ weight: 70, custom_actual: 3 });
    expect(differences(a.db.sqlite, prm.store)).toEqual([]);
    expect(differences(b.db.sqlite, prm.store)).toEqual([]);
    a.db.close();
    b.db.close();
  });
});
