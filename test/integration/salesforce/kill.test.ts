/**
 * kill -9 of a real `partnerbook sync --source salesforce` process at random moments, the
 * fake org (a hand-made book of 120 partners with their deals and Partnerbook package
 * records, ~1,500 records in query pages of 25; book.ts) answering from this process:
 *  - during the initial load: each sync resumes the page the one before was killed in; a
 *    last sync finishes it and the replica equals the org;
 *  - during push and incremental pull of a replica with queued edits of plans, objectives,
 *    initiatives and notes (one created, one deleted) while the org changes between trials.
 * After every kill the replica is intact and no edit is lost (each is still queued, or its
 * values are in Salesforce); after the next clean sync the replica equals the org's book
 * and every edit is in Salesforce or visible to the user.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { pull } from '../../../src-main/sync/pull';
import { createSyncService } from '../../../src-main/sync/service';
import { createRng } from '../../../tools/demo-prm/rng';
import { differencesFrom } from '../../conformance/source-conformance';
import { CLI, REPO } from '../../support/harness';
import { startSfBook, type SfBook } from './book';
import { anyInSalesforce, expectNothingLost, newTyped, queueRandomEdits, type Typed } from './local-edits';

const INITIAL_TRIALS = 4;
/** Kills wanted during push and incremental pull; a sync that finishes first doesn't count. */
const KILLS = 10;
const MAX_TRIALS = 18;
const clock = fixedClock('2026-11-20T10:00:00Z');
const dir = mkdtempSync(existsSync('/dev/shm') ? '/dev/shm/pb-sfkill-' : join(tmpdir(), 'pb-sfkill-'));
const template = join(dir, 'template.sqlite');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let book: SfBook;

function scalar(path: string, sql: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(sql).pluck().get() as number | null) ?? 0;
  } finally {
    db.close();
  }
}

/** Polls (read-only) until `sql` finds a row (the sync process got that far), or it exited. */
async function waitFor(path: string, exited: () => boolean, sql: string): Promise<void> {
  for (let i = 0; i < 3000 && !exited(); i++) {
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
    await sleep(5);
  }
}

/** The pid runs `partnerbook sync` itself (not a wrapper around the syncing process). */
function expectTheSyncingProcess(pid: number): void {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // gone: it finished on its own
  }
  if (raw === '') return; // exiting
  const cmdline = raw.split('\0');
  expect(cmdline[0]).toBe(process.execPath);
  expect(cmdline).toContain('sync');
}

/** Starts the sync in a child process (async: the fake answers from this one), kills it `delayMs` after `startedSql` finds a row. */
async function syncAndKill(path: string, startedSql: string, delayMs: number) {
  const child = spawn(
    process.execPath,
    [CLI, 'sync', '--db', path, '--source', 'salesforce', '--instance-url', book.sf.url, '--access-token', book.token, '--json'],
    { cwd: REPO, stdio: 'ignore' },
  );
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
  if (exitCode === undefined) expectTheSyncingProcess(child.pid!);
  const killed = exitCode === undefined && child.kill('SIGKILL');
  await exited;
  return { killed, exitCode, ranMs: performance.now() - began };
}

async function converge(path: string, typed: Typed, where: string): Promise<void> {
  const db = openDb(path);
  try {
    expect(db.sqlite.pragma('integrity_check', { simple: true }), where).toBe('ok');
    expectNothingLost(db, book, typed, `${where}, after the kill`);
    const sync = createSyncService({ db, clock, events: new EventBus(), source: () => book.connector(), retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    // what the killed sync wrote is covered by the next replication window
    book.tick();
    const summary = await sync.run();
    expect(summary.error, where).toBeNull();
    await sync.close();
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get(), where).toEqual({ n: 0 });
    expectNothingLost(db, book, typed, `${where}, after the next sync`);
    expect(differencesFrom(db, book), where).toEqual([]);
    expect(db.sqlite.pragma('foreign_key_check'), where).toEqual([]);
  } finally {
    db.close();
  }
  for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
}

describe('kill -9 of a real Salesforce sync process', () => {
  beforeAll(async () => {
    book = await startSfBook({ frozen: false, partners: 120, config: { pageSize: 25 } });
    const db = openDb(template);
    await pull(db.sqlite, book.connector().open(), { pageSize: 2000 });
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }, 120_000);
  afterAll(async () => {
    await book?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`converges after kills during the initial load, and ${KILLS} during push and incremental pull`, async () => {
    const rng = createRng(20261130);
    const outcomes: string[] = [];

    // 1. The initial load, killed again and again; the last sync finishes it.
    const initial = join(dir, 'initial.sqlite');
    let rowsBefore = 0;
    let window = 800;
    for (let t = 0; t < INITIAL_TRIALS; t++) {
      const lastRun = t === 0 ? 0 : scalar(initial, 'SELECT max(id) FROM sync_run');
      const startedSql = t === 0 ? "SELECT 1 FROM sync_state WHERE key = 'cursor'" : `SELECT 1 FROM sync_run WHERE id > ${lastRun}`;
      const r = await syncAndKill(initial, startedSql, rng.int(0, window));
      if (!r.killed) window = Math.max(50, Math.round(r.ranMs * 0.8));
      const rows = scalar(initial, 'SELECT count(*) FROM opportunity');
      expect(scalar(initial, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), `initial load trial ${t}`).toBe(1);
      expect(rows, 'a resumed load never goes backwards').toBeGreaterThanOrEqual(rowsBefore);
      rowsBefore = rows;
      outcomes.push(r.killed ? `initial-load (${rows} deals)` : `exited ${String(r.exitCode)}`);
    }
    await converge(initial, newTyped(), 'initial load');

    // 2. Push and incremental pull, the org changing between trials.
    window = 1500;
    const kills = () => outcomes.slice(INITIAL_TRIALS).filter((o) => !o.startsWith('exited')).length;
    // Kills that landed once Salesforce had taken the edits: an unacknowledged push, or the pull after it.
    const late = () => outcomes.filter((o) => ['push-ack-lost', 'mid-push', 'pull'].includes(o)).length;
    for (let t = 0; (kills() < KILLS || late() < 3) && outcomes.length - INITIAL_TRIALS < MAX_TRIALS; t++) {
      const accounts = book.rows('partner');
      book.edit('partner', rng.pick(accounts).id, { name: `Renamed in Salesforce ${t}` });
      book.edit('opportunity', rng.pick(book.rows('opportunity')).id, { customer: `Customer ${t}` });
      const notes = book.rows('note');
      book.remove('note', rng.pick(notes).id);
      const path = join(dir, `push-${t}.sqlite`);
      copyFileSync(template, path);
      const typed = newTyped();
      const db = openDb(path);
      const queued = queueRandomEdits(db, clock, rng, rng.int(10, 60), typed);
      db.close();

      const r = await syncAndKill(path, "SELECT 1 FROM sync_run WHERE status = 'running'", rng.int(0, window));
      if (!r.killed) {
        window = Math.max(50, Math.round(r.ranMs * 0.9));
        outcomes.push(`exited ${String(r.exitCode)}`);
      } else {
        const left = scalar(path, "SELECT count(*) FROM outbox WHERE status = 'pending'");
        const running = scalar(path, "SELECT count(*) FROM sync_run WHERE status = 'running' AND pushed > 0");
        const outcome = left === queued ? (anyInSalesforce(book, typed) ? 'push-ack-lost' : 'before-push') : left > 0 ? 'mid-push' : running ? 'pull' : 'after';
        // Killed once the run was over: aim the next kill sooner (a busy machine stretches the runs unevenly).
        if (outcome === 'after') window = Math.max(50, Math.round(window * 0.8));
        outcomes.push(outcome);
      }
      await converge(path, typed, `push trial ${t}`);
    }
    process.stderr.write(`salesforce kill test outcomes: ${outcomes.join(', ')}\n`);
    expect(kills(), outcomes.join(', ')).toBeGreaterThanOrEqual(KILLS);
    expect(late(), outcomes.join(', ')).toBeGreaterThanOrEqual(3);
  }, 900_000);
});
