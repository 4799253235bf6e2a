/**
 * Property: whatever the interleaving of local edits, server-side edits, syncs and
 * faults — failures, dropped connections, truncated bodies, rate limiting, duplicated
 * delivery, lost acknowledgements, the client killed between any two steps or in the
 * middle of a sync — once the faults heal and a final sync runs:
 *  - the replica equals the server for every entity;
 *  - the outbox holds nothing pending, only conflicts and rejections the user can see;
 *  - every local edit is accounted for: the server applied it (its ledger says so and
 *    the value was on the record), or it is visible as a conflict or a rejection, or the
 *    user resolved it.
 *
 * One demo PRM (a tiny hand-made book) serves all cases; each case adds its own partner,
 * plan, objectives, initiatives and notes, and uses a fresh client database file.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import type { FaultConfig } from '../../../tools/demo-prm/faults';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { PrmStore } from '../../../tools/demo-prm/store';
import { createPrmClient } from '../../../src-main/sources/protocol-v1/client';
import type { Source } from '../../../src-main/sources/contract';
import { SourceError } from '../../../src-main/sources/contract';
import { fixedClock } from '../../../src-main/base/clock';
import { listOutbox, resolveConflict } from '../../../src-main/sync/conflicts';
import { queueEdits, type EditInput } from '../../../src-main/sync/edits';
import { readOneOverlaid } from '../../../src-main/sync/overlay';
import { pull } from '../../../src-main/sync/pull';
import { clientId, push } from '../../../src-main/sync/push';
import { createSyncService } from '../../../src-main/sync/service';
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import { differences } from '../../support/convergence';
import { seedBase, seedCase, T0, type CaseIds } from '../../support/tiny-book';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

const TOKEN = 'prop';
const RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const clock = fixedClock('2026-11-20T10:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'pb-prop-'));
let prm: DemoPrm;

beforeAll(async () => {
  const path = join(dir, 'prm.sqlite');
  const s = PrmStore.open(path);
  seedBase(s);
  s.close();
  prm = await startDemoPrm({ storePath: path, token: TOKEN, asOf: '2026-11-20' });
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ the steps

/** Record slots of a case: 0–1 objectives, 2–3 initiatives, 4–5 notes, 6 the plan. */
const SLOTS = 7;
const FIELDS: Record<EditableEntityName, [string, unknown[]][]> = {
  jbp_objective: [
    ['title', ['Alpha', 'Beta', 'Gamma']],
    ['target', [100, 110, 120, 130]],
    ['weight', [10, 20, 30]],
  ],
  jbp_initiative: [
    ['status', ['not_started', 'in_progress', 'done', 'blocked']],
    ['title', ['Kickoff', 'Webinar', 'Launch']],
  ],
  note: [['body', ['x', 'y', 'z']]],
  jbp: [['summary', ['s1', 's2', 's3']]],
  qbr_note: [],
  action_state: [],
};

type Step =
  | { t: 'local' | 'server'; slot: number; f: number; v: number }
  | { t: 'create' }
  | { t: 'deleteLocal' | 'deleteServer'; slot: number }
  | { t: 'sync'; mode: 'normal' | 'duplicate' | 'lostAck' | 'killMid'; k: number }
  | { t: 'faults'; kind: 'fail' | 'drop' | 'truncate' | 'rate' | 'latency' | 'heal'; n: number }
  | { t: 'kill' }
  | { t: 'resolve'; choice: 'mine' | 'theirs' | 'value' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 30, arbitrary: fc.record({ t: fc.constant('local' as const), slot: fc.nat(SLOTS - 1), f: fc.nat(5), v: fc.nat(5) }) },
  { weight: 14, arbitrary: fc.record({ t: fc.constant('server' as const), slot: fc.nat(SLOTS - 1), f: fc.nat(5), v: fc.nat(5) }) },
  { weight: 4, arbitrary: fc.constant({ t: 'create' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('deleteLocal' as const), slot: fc.integer({ min: 2, max: 5 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('deleteServer' as const), slot: fc.integer({ min: 2, max: 5 }) }) },
  {
    weight: 22,
    arbitrary: fc.record({
      t: fc.constant('sync' as const),
      mode: fc.constantFrom('normal' as const, 'normal' as const, 'duplicate' as const, 'lostAck' as const, 'killMid' as const),
      k: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      t: fc.constant('faults' as const),
      kind: fc.constantFrom('fail' as const, 'drop' as const, 'truncate' as const, 'rate' as const, 'latency' as const, 'heal' as const),
      n: fc.integer({ min: 2, max: 4 }),
    }),
  },
  { weight: 7, arbitrary: fc.constant({ t: 'kill' as const }) },
  { weight: 7, arbitrary: fc.record({ t: fc.constant('resolve' as const), choice: fc.constantFrom('mine' as const, 'theirs' as const, 'value' as const) }) },
);

// ------------------------------------------------------------------ one case

interface LocalEdit {
  mutation_id: number;
  entity: EditableEntityName;
  id: string;
  op: 'upsert' | 'delete';
  fields: Record<string, unknown>;
  /** The user settled it in the conflicts inbox (taking theirs, or re-queued as a new edit). */
  resolved?: boolean;
}

class Killed extends Error {}

function slotRecord(ids: CaseIds, slot: number): { entity: EditableEntityName; id: string } {
  if (slot <= 1) return { entity: 'jbp_objective', id: ids.objectives[slot]! };
  if (slot <= 3) return { entity: 'jbp_initiative', id: ids.initiatives[slot - 2]! };
  if (slot <= 5) return { entity: 'note', id: ids.notes[slot - 4]! };
  return { entity: 'jbp', id: ids.jbp };
}

function pick(entity: EditableEntityName, f: number, v: number): [string, unknown] {
  const fields = FIELDS[entity];
  const [field, values] = fields[f % fields.length]!;
  return [field, values[v % values.length]];
}

/** The real protocol client, with client-side delivery faults wrapped around it. */
function wrappedClient(mode: Extract<Step, { t: 'sync' }>['mode'], k: number, onKill: () => void): Source {
  const real = createPrmClient({ url: prm.url, token: TOKEN, timeoutMs: 3000 });
  let calls = 0;
  let ackLost = false;
  const killPoint = async <T>(p: Promise<T>): Promise<T> => {
    calls++;
    const value = await p;
    if (mode === 'killMid' && calls === k) {
      // the server answered, the process died before the client did anything with it
      onKill();
      throw new Killed('killed mid-sync');
    }
    return value;
  };
  return {
    label: real.label,
    describe: () => real.describe(),
    changes: (cursor, limit) => killPoint(real.changes(cursor, limit)),
    mutations: async (body) => {
      if (mode === 'duplicate') {
        // the same batch delivered twice (e.g. a proxy resent it)
        await real.mutations(body).catch(() => undefined);
        return killPoint(real.mutations(body));
      }
      if (mode === 'lostAck' && !ackLost) {
        ackLost = true;
        await real.mutations(body).catch(() => undefined);
        throw new SourceError('network', 'the acknowledgement was lost');
      }
      return killPoint(real.mutations(body));
    },
  };
}

async function setFaults(f: Partial<FaultConfig>): Promise<void> {
  const res = await fetch(`${prm.url}/admin/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(f),
  });
  if (!res.ok) throw new Error(`faults: ${res.status}`);
}
const HEALED = { latency: 0, failEvery: 0, dropEvery: 0, truncateEvery: 0, rateLimit: 0, retryAfter: 0 };

/** Every value a record's field ever had on the server (all versions kept by the store). */
function serverValues(entity: EditableEntityName, id: string): Record<string, unknown>[] {
  const current = prm.store.get(entity, id);
  const last = current?.version ?? prm.store.tombstoneVersion(entity, id) ?? 0;
  const out: Record<string, unknown>[] = [];
  for (let v = 1; v <= last; v++) {
    const d = prm.store.dataAt(entity, id, v);
    if (d) out.push(d as Record<string, unknown>);
  }
  return out;
}

function ledgerResult(client: string, mutationId: number): { status: string } | null {
  const row = prm.store.db
    .prepare('SELECT result FROM client_mutation WHERE client_id = ? AND mutation_id = ?')
    .get(client, mutationId) as { result: string } | undefined;
  return row ? (JSON.parse(row.result) as { status: string }) : null;
}

let caseNo = 0;

async function runCase(steps: Step[]): Promise<void> {
  caseNo++;
  const prefix = `c${caseNo}`;
  const ids = seedCase(prm.store, prefix, 2);
  const file = join(dir, `${prefix}.sqlite`);
  let db: Db = openDb(file);
  const edits: LocalEdit[] = [];
  let created = 0;
  const reopen = () => {
    db.close();
    db = openDb(file);
  };
  const syncOnce = async (mode: Extract<Step, { t: 'sync' }>['mode'], k: number) => {
    let killed = false;
    let active = true;
    const client = wrappedClient(mode, k, () => {
      // a prefetch still in flight after this sync gave up must not touch the next one
      if (!active) return;
      killed = true;
      db.close();
    });
    try {
      await push(db.sqlite, client, { retry: RETRY, now: clock.now });
      await pull(db.sqlite, client, { retry: RETRY, pageSize: 7 });
    } catch (err) {
      // Expected under faults: transient failures that outlasted the retries, a kill.
      if (!(err instanceof SourceError) && !(err instanceof Killed) && !killed) throw err;
    } finally {
      active = false;
    }
    if (killed) db = openDb(file);
  };
  const queue = (input: EditInput) => {
    try {
      const [q] = queueEdits(db.sqlite, clock, [input]);
      if (q?.changed) {
        edits.push({ mutation_id: q.mutation_id, entity: input.entity as EditableEntityName, id: input.id, op: input.op, fields: input.fields ?? {} });
      }
    } catch {
      // e.g. editing a record this client has deleted: refused, nothing queued
    }
  };

  try {
    await syncOnce('normal', 0);
    for (const step of steps) {
      switch (step.t) {
        case 'local': {
          const { entity, id } = slotRecord(ids, step.slot);
          const [field, value] = pick(entity, step.f, step.v);
          queue({ entity, id, op: 'upsert', fields: { [field]: value } });
          break;
        }
        case 'server': {
          const { entity, id } = slotRecord(ids, step.slot);
          const [field, value] = pick(entity, step.f + 1, step.v + 1);
          if (prm.store.get(entity, id)) prm.store.patch(entity, id, { [field]: value });
          break;
        }
        case 'create': {
          created++;
          queue({
            entity: 'note', id: `N-${prefix}-new-${created}`, op: 'upsert',
            fields: { partner_id: ids.partner, body: `new ${created}`, created_at: T0, updated_at: T0 },
          });
          break;
        }
        case 'deleteLocal': {
          const { entity, id } = slotRecord(ids, step.slot);
          queue({ entity, id, op: 'delete' });
          break;
        }
        case 'deleteServer': {
          const { entity, id } = slotRecord(ids, step.slot);
          if (prm.store.get(entity, id)) prm.store.delete(entity, id);
          break;
        }
        case 'sync':
          await syncOnce(step.mode, step.k);
          break;
        case 'faults': {
          const f =
            step.kind === 'fail' ? { failEvery: step.n }
            : step.kind === 'drop' ? { dropEvery: step.n }
            : step.kind === 'truncate' ? { truncateEvery: step.n }
            : step.kind === 'rate' ? { rateLimit: step.n, retryAfter: 0 }
            : step.kind === 'latency' ? { latency: step.n }
            : HEALED;
          await setFaults(f);
          break;
        }
        case 'kill':
          reopen();
          break;
        case 'resolve': {
          const entry = listOutbox(db.sqlite).find((e) => e.status === 'conflict' && e.conflicts.length > 0);
          if (!entry) break;
          const res = resolveConflict(
            db.sqlite,
            clock,
            entry.mutation_id,
            entry.conflicts.map((c) =>
              step.choice === 'value' ? { field: c.field, choice: 'value' as const, value: c.mine } : { field: c.field, choice: step.choice as 'mine' | 'theirs' },
            ),
          );
          for (const e of edits) if (e.mutation_id === entry.mutation_id) e.resolved = true;
          if (res.mutation_id !== null) {
            const row = db.sqlite.prepare('SELECT fields FROM outbox WHERE mutation_id = ?').get(res.mutation_id) as { fields: string };
            edits.push({ mutation_id: res.mutation_id, entity: entry.entity as EditableEntityName, id: entry.record_id, op: 'upsert', fields: JSON.parse(row.fields) as Record<string, unknown> });
          }
          break;
        }
      }
    }

    // Heal, then one ordinary sync through the sync service.
    await setFaults(HEALED);
    const service = createSyncService({
      db, clock, events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: TOKEN }), retry: RETRY, timeoutMs: 3000, pageSize: 50,
    });
    const summary = await service.run();
    expect(summary.error).toBeNull();

    // 1. the replica equals the server
    expect(differences(db.sqlite, prm.store)).toEqual([]);

    // 2. nothing pending; what is left is visible to the user
    const outbox = listOutbox(db.sqlite);
    for (const e of outbox) {
      expect(e.status, `edit #${e.mutation_id} still ${e.status}`).not.toBe('pending');
      if (e.status === 'conflict') {
        expect(e.conflicts.length).toBeGreaterThan(0);
        const shown = readOneOverlaid(db.sqlite, e.entity as EditableEntityName, e.record_id);
        for (const c of e.conflicts) {
          expect(c.mine).toEqual(e.fields[c.field]);
          if (shown) expect(shown.conflict_fields).toContain(c.field);
        }
      } else {
        expect(e.error).toBeTruthy();
      }
    }

    // 3. every local edit is accounted for
    const me = clientId(db.sqlite);
    const byId = new Map(outbox.map((e) => [e.mutation_id, e]));
    for (const e of edits) {
      if (e.resolved) continue;
      const left = byId.get(e.mutation_id);
      const what = `${e.op} #${e.mutation_id} ${e.entity} ${e.id} ${JSON.stringify(e.fields)}`;
      // the client and the server agree on what became of it
      expect(ledgerResult(me, e.mutation_id)?.status, `${what}: the server's result`).toBe(left ? left.status : 'applied');
      if (left?.status === 'rejected') continue;
      const inConflict = new Set(left?.status === 'conflict' ? left.conflicts.map((c) => c.field) : []);
      if (e.op === 'delete') {
        expect(prm.store.get(e.entity, e.id), `${what} applied but the record is still there`).toBeNull();
        continue;
      }
      const history = serverValues(e.entity, e.id);
      for (const [f, v] of Object.entries(e.fields)) {
        if (inConflict.has(f)) continue;
        expect(history.some((d) => JSON.stringify(d[f]) === JSON.stringify(v)), `${what}: ${f}=${JSON.stringify(v)} never reached the server`).toBe(true);
      }
    }
  } finally {
    db.close();
    for (const s of ['', '-wal', '-shm']) rmSync(`${file}${s}`, { force: true });
    await setFaults(HEALED);
  }
}

describe('sync under faults (property)', () => {
  it('converges, keeps every edit accounted for, and leaves only visible conflicts and rejections', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 24 }), (steps) => runCase(steps)),
      { numRuns: Number(process.env.PB_PROPERTY_RUNS ?? 200) },
    );
  }, 240_000);
});
