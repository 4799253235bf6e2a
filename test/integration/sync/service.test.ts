/** The sync service against the demo PRM: one sync at a time, status, run log, reset. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { fixedClock } from '../../../src-main/base/clock';
import { createSyncService } from '../../../src-main/sync/service';
import type { SyncStatus } from '../../../src-shared/methods/sync';
import { differences } from '../../support/convergence';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';

let prm: DemoPrm;
beforeAll(async () => {
  prm = await startDemoPrm({ seed: 11, scale: 'small', asOf: '2026-11-20', token: 't' });
});
afterAll(() => prm.close());

function service(url = prm.url, opts: { token?: string; editDebounceMs?: number; maxAttempts?: number } = {}) {
  const db = openDb(':memory:');
  const events = new EventBus();
  const statuses: SyncStatus[] = [];
  events.on('sync.status', (s) => statuses.push(s));
  const sync = createSyncService({
    db,
    clock: fixedClock('2026-11-20T09:00:00Z'),
    events,
    source: () => protocolV1Connector({ url, token: opts.token ?? 't' }),
    pageSize: 2000,
    editDebounceMs: opts.editDebounceMs,
    retry: { maxAttempts: opts.maxAttempts ?? 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  return { db, sync, statuses, events };
}

describe('sync service', () => {
  it('runs one sync at a time and reports progress, then idle with the last sync time', async () => {
    const { db, sync, statuses } = service();
    const [a, b] = [sync.run(), sync.run()];
    expect(a).toBe(b);
    const summary = await a;
    expect(summary).toMatchObject({ ok: true, kind: 'full', pulled: prm.store.count() });
    expect(statuses.some((s) => s.state === 'syncing' && s.progress !== null)).toBe(true);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', lastSyncedAt: '2026-11-20T09:00:00Z', message: null });
    expect(sync.runs(5)[0]).toMatchObject({ status: 'ok', kind: 'full', pulled: prm.store.count() });
    expect(differences(db.sqlite, prm.store)).toEqual([]);
  });

  it('tells the screens what changed while the pull is still going, not only at its end', async () => {
    const { sync, statuses, events } = service();
    // What each data.changed came with: was the run still going (no last sync yet)?
    const heard: { entities: string[]; midPull: boolean }[] = [];
    events.on('data.changed', ({ entities }) => heard.push({ entities, midPull: sync.status().lastSyncedAt === null }));
    await sync.run();
    expect(statuses.filter((s) => s.state === 'syncing').length).toBeGreaterThan(1);
    // The first page's partners are announced at once (a first sync's Portfolio lists them as they arrive).
    expect(heard.filter((h) => h.midPull).flatMap((h) => h.entities)).toContain('partner');
  });

  it('says offline in plain words when the PRM is unreachable, and logs the failed run', async () => {
    const { sync } = service('http://127.0.0.1:9');
    const summary = await sync.run();
    expect(summary.ok).toBe(false);
    expect(sync.status().state).toBe('offline');
    expect(sync.status().message).toMatch(/^Offline — Can't reach the PRM/);
    expect(sync.runs(1)[0]).toMatchObject({ status: 'error', retries: 1 });
  });

  it('an automatic run (the workspace opening, the schedule) that cannot reach the PRM is offline at once; "Sync now" retries first', async () => {
    const { sync, statuses } = service('http://127.0.0.1:9', { maxAttempts: 4 });
    expect(await sync.run({ auto: true })).toMatchObject({ ok: false, retries: 0 });
    expect(sync.status().state).toBe('offline');
    // No "Retrying in 1 s (attempt 2)" on the way: one attempt, then offline.
    expect(statuses.map((st) => st.message ?? '').filter((m) => m.includes('Retrying'))).toEqual([]);
    expect(sync.runs(1)[0]).toMatchObject({ status: 'error', retries: 0 });
    // The user's own "Sync now" gives the PRM its retries.
    expect(await sync.run()).toMatchObject({ ok: false, retries: 3 });
    expect(sync.status().state).toBe('offline');
  });

  it('reset aborts the running sync cleanly and refetches everything, keeping local edits', async () => {
    const { db, sync } = service();
    await sync.run();
    db.sqlite
      .prepare("INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at, status) VALUES ('note','N-x','upsert',0,'{}','{}','x','rejected')")
      .run();
    const running = sync.run();
    const summary = await sync.reset();
    await running;
    expect(summary).toMatchObject({ ok: true, kind: 'full', refetched: false });
    expect(summary.pulled).toBe(prm.store.count());
    expect(sync.runs(3).map((r) => r.status)).toEqual(['ok', 'aborted', 'ok']);
    expect(db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect(differences(db.sqlite, prm.store)).toEqual([]);
  });

  it('after a refused sign-in, edits start no automatic run until the user signs in or syncs', async () => {
    const { sync, statuses } = service(prm.url, { token: 'revoked', editDebounceMs: 5 });
    sync.startSchedule();
    try {
      await sync.run();
      expect(sync.status()).toMatchObject({ state: 'error', needsSignIn: true });
      const seen = statuses.length;
      sync.notifyEdit();
      await new Promise((r) => setTimeout(r, 150));
      // No run started: the status never left "error" (a run would flip it to syncing and
      // back, remounting the "Sign in again" dialog the user is typing into).
      expect(statuses.slice(seen).every((s) => s.state === 'error' && s.needsSignIn)).toBe(true);
      expect(sync.runs(10)).toHaveLength(1);
      // The user's own "Sync now" still runs.
      await sync.run();
      expect(sync.runs(10)).toHaveLength(2);
    } finally {
      sync.stopSchedule();
    }
  });

  it('a sync the user starts covers the automatic run an edit had scheduled', async () => {
    const { sync } = service(prm.url, { editDebounceMs: 300 });
    await sync.run(); // the full pull; the next run is a quick incremental one
    sync.startSchedule();
    try {
      sync.notifyEdit();
      await sync.run();
      await new Promise((r) => setTimeout(r, 600));
      expect(sync.runs(10)).toHaveLength(2);
    } finally {
      sync.stopSchedule();
    }
  });
  it('offline, an edit starts no run (no "Syncing…" every few seconds); the quiet probe syncs once the PRM answers again', async () => {
    let url = 'http://127.0.0.1:9';
    const db = openDb(':memory:');
    const events = new EventBus();
    const statuses: SyncStatus[] = [];
    events.on('sync.status', (st) => statuses.push(st));
    const sync = createSyncService({
      db,
      clock: fixedClock('2026-11-20T09:00:00Z'),
      events,
      source: () => protocolV1Connector({ url, token: 't' }),
      pageSize: 2000,
      editDebounceMs: 5,
      offlineProbeMs: 40,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    });
    sync.startSchedule();
    try {
      await sync.run();
      expect(sync.status().state).toBe('offline');
      const seen = statuses.length;
      sync.notifyEdit();
      sync.notifyEdit();
      await new Promise((r) => setTimeout(r, 200));
      // Still one run in the log, and the status never said "syncing".
      expect(sync.runs(10)).toHaveLength(1);
      expect(statuses.slice(seen).every((st) => st.state === 'offline')).toBe(true);
      // The PRM is back: the probe notices and syncs by itself.
      url = prm.url;
      await expect.poll(() => sync.status().state, { timeout: 90_000 }).toBe('idle');
      expect(sync.runs(10)[0]).toMatchObject({ status: 'ok' });
      expect(differences(db.sqlite, prm.store)).toEqual([]);
    } finally {
      sync.stopSchedule();
    }
  });

  it('a run that cannot even write its log (another program holds the book) ends in words, never a rejected promise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-sync-held-'));
    const path = join(dir, 'replica.sqlite');
    const db = openDb(path);
    db.sqlite.pragma('busy_timeout = 0');
    const other = new Database(path);
    const events = new EventBus();
    const sync = createSyncService({ db, clock: fixedClock('2026-11-20T09:00:00Z'), events, source: () => protocolV1Connector({ url: prm.url, token: 't' }), pageSize: 2000 });
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      const held = await sync.run();
      const words = 'Another program is writing this book just now (Partnerbook in another window, or the command line); the next sync will try again.';
      expect(held).toMatchObject({ ok: false, error: words });
      expect(sync.status()).toMatchObject({ state: 'error', message: words });
      other.prepare('ROLLBACK').run();
      expect(await sync.run()).toMatchObject({ ok: true, kind: 'full' });
      expect(sync.status()).toMatchObject({ state: 'idle', message: null });
    } finally {
      await sync.close();
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
