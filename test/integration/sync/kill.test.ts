/**
 * kill -9 of a real `partnerbook sync` process at random moments of a medium-book sync:
 * a few during the initial pull, the rest during push and incremental pull of a replica
 * with hundreds of queued edits (one of them queued through `partnerbook edit`) while
 * the server keeps changing. After every kill:
 *  - `PRAGMA integrity_check` is ok;
 *  - no outbox row is lost: each queued edit is still in the outbox, or the server's
 *    ledger says it applied it and its values were on the record;
 *  - the next sync converges with the server and accounts for every edit.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { createRng, type Rng } from '../../../tools/demo-prm/rng';
import { ledgerOf } from '../../../tools/demo-prm/mutations';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { createPrmClient } from '../../../src-main/sources/protocol-v1/client';
import { fixedClock } from '../../../src-main/base/clock';
import { queueEdits, type EditInput } from '../../../src-main/sync/edits';
import { pull } from '../../../src-main/sync/pull';
import { createSyncService } from '../../../src-main/sync/service';
import { getState } from '../../../src-main/sync/state';
import type { EditableEntityName } from '../../../src-shared/domain/entities';
import { CLI, REPO } from '../../support/harness';
import { quickDifferences } from '../../support/quick-convergence';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

const TOKEN = 'kill';
const INITIAL_PULL_TRIALS = 4;
/**
 * Kills wanted in all; a sync that finishes before its kill moment doesn't count. Each takes
 * about 7 s: CI runs 20 (the test was most of Vitest's time at 30); `PB_KILLS=60` hunts longer.
 */
const KILLS = Math.max(8, Number(process.env.PB_KILLS ?? 20) || 20);
const MAX_TRIALS = KILLS + 12;
const clock = fixedClock('2026-11-20T10:00:00Z');
// Replica copies are ~100 MB: keep them in memory-backed storage when there is one.
const dir = mkdtempSync(existsSync('/dev/shm') ? '/dev/shm/pb-kill-' : join(tmpdir(), 'pb-kill-'));
const template = join(dir, 'template.sqlite');
let prm: DemoPrm;

beforeAll(async () => {
  prm = await startDemoPrm({ scale: 'medium', seed: 3, asOf: '2026-11-20', token: TOKEN });
  // the PRM's mutation ledger exists from the start: a trial killed before its first push still asks it
  ledgerOf(prm.store);
  const db = openDb(template);
  await pull(db.sqlite, createPrmClient({ url: prm.url, token: TOKEN, timeoutMs: 60_000 }), { pageSize: 5000 });
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}, 120_000);
afterAll(async () => {
  await prm?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Queued {
  mutation_id: number;
  entity: EditableEntityName;
  id: string;
  op: 'upsert' | 'delete';
  fields: Record<string, unknown>;
}

function scalar(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).pluck().get() as number | null) ?? 0;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((res) => child.once('exit', (code) => res({ code, stdout, stderr })));
}

/** Polls (read-only) until `sql` finds a row (the sync process got that far), or it exited. */
async function waitFor(path: string, exited: () => boolean, sql: string): Promise<void> {
  for (let i = 0; i < 1500 && !exited(); i++) {
    try {
      const probe = new Database(path, { readonly: true, fileMustExist: true });
      try {
        if (probe.prepare(sql).get()) return;
      } finally {
        probe.close();
      }
    } catch {
      // not created or not migrated yet
    }
    await sleep(10);
  }
}

/**
 * The SIGKILL must land on the process that does the sync, not on a wrapper that would
 * leave a syncing child running: the pid is a node process running `partnerbook sync`,
 * and no node process runs below it (its one helper child is tsx's esbuild transform
 * service in a checkout, which does no sync work).
 */
function assertIsTheSyncingProcess(pid: number): void {
  if (!existsSync(`/proc/${pid}`)) return; // it finished on its own just now; nothing to kill
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // gone between the two reads
  }
  // An exiting (zombie) process has an empty command line: it finished; nothing to kill.
  if (raw === '') return;
  const cmdline = raw.split('\0');
  expect(cmdline[0]).toBe(process.execPath);
  expect(cmdline).toContain('sync');
  const children = readdirSync(`/proc/${pid}/task`)
    .flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/))
    .filter(Boolean);
  const nodeChildren = children.filter((c) => {
    try {
      return readFileSync(`/proc/${c}/cmdline`, 'utf8').split('\0')[0] === process.execPath;
    } catch {
      return false; // gone already
    }
  });
  expect(nodeChildren, 'partnerbook sync runs the sync in its own process').toEqual([]);
}

/** Starts `partnerbook sync`, kills it with SIGKILL `delayMs` after `startedSql` finds a row. */
async function syncAndKill(path: string, pageSize: number, startedSql: string, delayMs: number) {
  const child = spawn(process.execPath, [CLI, 'sync', '--db', path, '--prm', prm.url, '--token', TOKEN, '--page-size', String(pageSize), '--quiet'], {
    cwd: REPO,
    stdio: 'ignore',
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exitCode = code;
      r();
    }),
  );
  await waitFor(path, () => exitCode !== undefined, startedSql);
  const began = performance.now();
  await sleep(delayMs);
  if (exitCode === undefined) assertIsTheSyncingProcess(child.pid!);
  const killed = exitCode === undefined && child.kill('SIGKILL');
  await exited;
  return { killed, exitCode, ranMs: performance.now() - began };
}

/** Random local edits of the replica's editable records, queued the way the UI does. */
function queueRandomEdits(db: Db, rng: Rng, n: number): Queued[] {
  const pick = (sql: string, k: number) => (db.sqlite.prepare(sql).all(k) as { id: string }[]).map((r) => r.id);
  const pickIds = (entity: string, k: number) => pick(`SELECT id FROM "${entity}" ORDER BY random() LIMIT ?`, k);
  // Objectives and initiatives of draft plans only: a signed plan is locked and refuses edits.
  // Targets in whole units, so none of a win rate (a ratio up to 1).
  const inDraft = (entity: string, where = '') =>
    `SELECT x.id FROM "${entity}" x JOIN jbp j ON j.id = x.jbp_id WHERE j.status = 'draft'${where} ORDER BY random() LIMIT ?`;
  const plan: EditInput[] = [];
  const objectives = pick(inDraft('jbp_objective', " AND x.metric != 'win_rate'"), n);
  const initiatives = pick(inDraft('jbp_initiative'), n);
  const notes = pickIds('qbr_note', n);
  for (let i = 0; i < n; i++) {
    const kind = rng.int(0, 3);
    if (kind === 0 && objectives[i]) plan.push({ entity: 'jbp_objective', id: objectives[i]!, op: 'upsert', fields: { target: rng.int(1, 500) * 1000 } });
    else if (kind === 1 && initiatives[i]) plan.push({ entity: 'jbp_initiative', id: initiatives[i]!, op: 'upsert', fields: { status: rng.pick(['in_progress', 'done', 'blocked'] as const) } });
    else if (kind === 2 && notes[i]) plan.push({ entity: 'qbr_note', id: notes[i]!, op: 'upsert', fields: { body: `Local note ${rng.int(1, 1e6)}` } });
    else if (objectives[i]) plan.push({ entity: 'jbp_objective', id: objectives[i]!, op: 'upsert', fields: { title: `Objective ${rng.int(1, 1e6)}` } });
  }
  const partner = (db.sqlite.prepare('SELECT id FROM partner LIMIT 1').get() as { id: string }).id;
  const now = clock.now();
  plan.push({ entity: 'note', id: `N-kill-${rng.int(1, 1e9)}`, op: 'upsert', fields: { partner_id: partner, body: 'Created offline', created_at: now, updated_at: now } });
  const doomed = pickIds('note', 1)[0];
  if (doomed) plan.push({ entity: 'note', id: doomed, op: 'delete' });
  // One transaction per edit, as the UI makes them.
  const out: Queued[] = [];
  for (const e of plan) {
    const [q] = queueEdits(db.sqlite, clock, [e]);
    if (q?.changed) out.push({ mutation_id: q.mutation_id, entity: e.entity as EditableEntityName, id: e.id, op: e.op, fields: e.fields ?? {} });
  }
  return out;
}

function ledger(client: string | null, mutationId: number): string | null {
  if (!client) return null;
  const row = prm.store.db
    .prepare('SELECT result FROM client_mutation WHERE client_id = ? AND mutation_id = ?')
    .get(client, mutationId) as { result: string } | undefined;
  return row ? (JSON.parse(row.result) as { status: string }).status : null;
}

function everWas(e: Queued): boolean {
  if (e.op === 'delete') return prm.store.get(e.entity, e.id) === null;
  const last = prm.store.get(e.entity, e.id)?.version ?? prm.store.tombstoneVersion(e.entity, e.id) ?? 0;
  for (let v = last; v >= 1; v--) {
    const d = prm.store.dataAt(e.entity, e.id, v) as Record<string, unknown> | null;
    if (d && Object.entries(e.fields).every(([f, val]) => JSON.stringify(d[f]) === JSON.stringify(val))) return true;
  }
  return false;
}

/** Each queued edit is in the outbox, or the server applied it (per its ledger and its data). */
function expectNoEditLost(db: Db, edits: Queued[], where: string): void {
  const client = getState(db.sqlite, 'client_id');
  const rows = new Map(
    (db.sqlite.prepare('SELECT mutation_id, status FROM outbox').all() as { mutation_id: number; status: string }[]).map((r) => [r.mutation_id, r.status]),
  );
  for (const e of edits) {
    const status = rows.get(e.mutation_id);
    const what = `${where}: ${e.op} #${e.mutation_id} ${e.entity} ${e.id}`;
    if (status === 'pending') continue;
    const server = ledger(client, e.mutation_id);
    if (status === undefined) {
      expect(server, `${what} left the outbox`).toBe('applied');
      expect(everWas(e), `${what} applied but its values never were on the server`).toBe(true);
    } else {
      expect(server, `${what} is ${status} locally`).toBe(status);
    }
  }
}

async function converge(path: string, edits: Queued[], where: string): Promise<void> {
  const db = openDb(path);
  try {
    expect(db.sqlite.pragma('integrity_check', { simple: true }), where).toBe('ok');
    expectNoEditLost(db, edits, `${where} after the kill`);
    const sync = createSyncService({
      db, clock, events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: TOKEN }), pageSize: 5000,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const summary = await sync.run();
    expect(summary.error, where).toBeNull();
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get(), where).toEqual({ n: 0 });
    expectNoEditLost(db, edits, `${where} after the next sync`);
    expect(quickDifferences(db.sqlite, prm.store), where).toEqual([]);
    expect(db.sqlite.pragma('foreign_key_check'), where).toEqual([]);
    await sync.close();
  } finally {
    db.close();
  }
  for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
}

describe('kill -9 of a real sync process', () => {
  it(`survives ${KILLS} kills during a medium-book pull and push`, async () => {
    const rng = createRng(20261120);
    const outcomes: string[] = [];

    // 1. During the initial pull of the medium book: each sync resumes the pull the
    //    previous one was killed in, and is killed again; the last kill is followed by a
    //    sync that must finish it.
    const initial = join(dir, 'initial.sqlite');
    let rowsBefore = 0;
    for (let t = 0; t < INITIAL_PULL_TRIALS; t++) {
      const lastRun = t === 0 ? 0 : scalar(initial, 'SELECT max(id) FROM sync_run');
      const startedSql = t === 0 ? "SELECT 1 FROM sync_state WHERE key = 'cursor'" : `SELECT 1 FROM sync_run WHERE id > ${lastRun}`;
      const r = await syncAndKill(initial, 2000, startedSql, rng.int(200, 1500));
      const rows = scalar(initial, 'SELECT count(*) FROM engagement_event');
      const open = new Database(initial, { readonly: true });
      expect(open.pragma('integrity_check', { simple: true }), `initial pull trial ${t}`).toBe('ok');
      open.close();
      expect(rows, 'a resumed pull never goes backwards').toBeGreaterThanOrEqual(rowsBefore);
      rowsBefore = rows;
      outcomes.push(r.killed ? 'initial-pull' : `exited ${String(r.exitCode)}`);
    }
    await converge(initial, [], 'initial pull');

    // 2. During push and incremental pull, the server changing between trials.
    let window = 1000;
    const kills = () => outcomes.filter((o) => !o.startsWith('exited')).length;
    for (let t = 0; kills() < KILLS && outcomes.length < MAX_TRIALS; t++) {
      prm.store.simulateActivity(60, rng);
      prm.store.editRandom(30, rng);
      const path = join(dir, `push-${t}.sqlite`);
      copyFileSync(template, path);
      const obj = (() => {
        const db = new Database(path, { readonly: true });
        try {
          // an objective of a draft plan: a signed plan is locked
          return (
            db
              .prepare("SELECT o.id FROM jbp_objective o JOIN jbp j ON j.id = o.jbp_id WHERE j.status = 'draft' ORDER BY o.id LIMIT 1 OFFSET ?")
              .get(t) as { id: string }
          ).id;
        } finally {
          db.close();
        }
      })();
      // one edit through the CLI, as a script would; then the "UI" queues the rest
      const fields = { weight: rng.int(0, 100), title: `Kill trial ${t}` };
      const edited = await run(['edit', '--db', path, '--entity', 'jbp_objective', '--id', obj, '--set', `weight=${fields.weight}`, '--set', `title=${fields.title}`, '--json']);
      expect(edited.code, edited.stderr).toBe(0);
      const queued = JSON.parse(edited.stdout) as { mutation_id: number; changed: boolean };
      expect(queued.changed).toBe(true);
      const db = openDb(path);
      const edits: Queued[] = [{ mutation_id: queued.mutation_id, entity: 'jbp_objective', id: obj, op: 'upsert', fields }];
      edits.push(...queueRandomEdits(db, rng, rng.int(100, 400)));
      db.close();

      const r = await syncAndKill(path, 500, "SELECT 1 FROM sync_run WHERE status = 'running'", rng.int(0, window));
      if (!r.killed) {
        // it finished first: aim the next kills inside the time a whole sync takes
        window = Math.max(100, Math.round(r.ranMs * 0.9));
        outcomes.push(`exited ${String(r.exitCode)}`);
      } else {
        const probe = new Database(path, { readonly: true });
        const left = (probe.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
        const ran = probe.prepare("SELECT pushed FROM sync_run WHERE status = 'running'").get() as { pushed: number } | undefined;
        const client = getState(probe, 'client_id');
        probe.close();
        const sent = edits.some((e) => ledger(client, e.mutation_id) !== null);
        outcomes.push(left === edits.length ? (sent ? 'push-ack-lost' : 'before-push') : left > 0 ? 'mid-push' : ran ? 'pull' : 'after');
      }
      await converge(path, edits, `push trial ${t}`);
    }
    const killed = outcomes.filter((o) => !o.startsWith('exited'));
    process.stderr.write(`kill test outcomes: ${outcomes.join(', ')}\n`);
    expect(killed.length, outcomes.join(', ')).toBeGreaterThanOrEqual(KILLS);
    expect(outcomes.filter((o) => ['push-ack-lost', 'mid-push', 'pull'].includes(o)).length, outcomes.join(', ')).toBeGreaterThanOrEqual(5);
  }, 600_000);
});
