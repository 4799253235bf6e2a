/**
 * The book's health inputs recomputed in the worker (services/health/background.ts,
 * worker/): a first open awaits the worker while other calls are answered; later, stale
 * health is served while the recompute runs and replaced when it lands; a write during a
 * job gives a fresh computation; closing the workspace fails a job and writes nothing. No
 * timing: the worker's reply is held (the pool's test-only `beforeReply`) until the test
 * has seen what it waits for.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter, type Router } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { createHealthService } from '../../../src-main/services/health/service';
import type { HealthWorkerOptions } from '../../../src-main/services/health/worker/pool';
import { createSyncService } from '../../../src-main/sync/service';
import type { HealthPartnerDetail, HealthPortfolio, HealthProgress, HealthRollup } from '../../../src-shared/methods/health';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { holdReply, value } from '../../support/worker-gate';
import { withAppHandlers } from '../../support/api';
import { AS_OF, craftedBook, type Book } from '../../unit/health/fixtures';

const clock = fixedClock(AS_OF);
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Setup {
  b: Book;
  db: Db;
  dir: string;
  events: EventBus;
  router: Router;
  close(): Promise<void>;
}

/** The crafted book in a replica file, served by the API with its health inputs recomputed in the worker. */
function setup(background: HealthWorkerOptions): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'pb-health-worker-'));
  const b = craftedBook(join(dir, 'replica.sqlite'));
  const db = b.db;
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const closers: (() => Promise<void> | void)[] = [];
  const handlers = createHandlers({ db, clock, events, sync, dataDir: dir, backgroundHealth: background, onClose: (fn) => closers.push(fn) });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  const close = async () => {
    for (const fn of closers.splice(0)) await fn();
  };
  cleanup.push(close);
  return { b, db, dir, events, router: createRouter(withAppHandlers(handlers, { clock })), close };
}

/** The portfolio of a fresh computation on this thread: a copy of the replica with no cached inputs. */
function freshPortfolio(s: Setup): HealthPortfolio {
  const copy = join(s.dir, `fresh-${Date.now()}-${Math.random().toString(36).slice(2)}.sqlite`);
  s.db.sqlite.prepare('VACUUM INTO ?').run(copy);
  const db = openDb(copy);
  try {
    db.sqlite.prepare('DELETE FROM health_snapshot').run();
    return createHealthService({ db, clock }).portfolio();
  } finally {
    db.close();
  }
}

const scoreOf = (p: HealthPortfolio, id: string) => p.rows.find((r) => r.id === id)!.score;

/** Resolves on the next data.changed that names `entity`. */
function nextChange(events: EventBus, entity: string): Promise<void> {
  return new Promise((resolve) => {
    const off = events.on('data.changed', ({ entities }) => {
      if (!entities.includes(entity)) return;
      off();
      resolve();
    });
  });
}

describe('health inputs recomputed in the worker', () => {
  it('a first open awaits the worker while other calls are answered, and returns what the synchronous path does', async () => {
    const gate = holdReply('inputs');
    const s = setup({ beforeReply: gate.beforeReply });
    const order: string[] = [];
    const portfolio = s.router.handle('health.portfolio', {}).then((r) => {
      order.push('health.portfolio');
      return r;
    });
    await gate.workerReplied;
    // The worker has computed the inputs; its answer is held: the API answers the others meanwhile.
    const partners = await s.router.handle('partners.list', {});
    order.push('partners.list');
    const status = await s.router.handle('sync.status', {});
    order.push('sync.status');
    expect(order).toEqual(['partners.list', 'sync.status']);
    expect(value<unknown[]>(partners).length).toBe(2);
    expect(status.ok).toBe(true);
    gate.release();
    const p = value<HealthPortfolio>(await portfolio);
    expect(order).toEqual(['partners.list', 'sync.status', 'health.portfolio']);
    expect(p.refreshing).toBeUndefined();
    expect(p).toEqual(freshPortfolio(s));
    expect(scoreOf(p, 'P-A')).toBe(72);
    // Kept like the synchronous path's: the next views read them (no second job).
    expect(s.db.sqlite.prepare('SELECT count(*) FROM health_snapshot').pluck().get()).toBeGreaterThan(0);
    value(await s.router.handle('health.partner', { id: 'P-A' }));
    value(await s.router.handle('health.rollup', {}));
    expect(gate.replies()).toBe(1);
  });

  it('an early portfolio of a book not scored yet lists its partners at once, tells how far the scoring has got, then tells the views', async () => {
    const gate = holdReply('inputs');
    const s = setup({ beforeReply: gate.beforeReply });
    const heard: HealthProgress[] = [];
    // What `health.scoring` (a page opened mid-job asks it) answers at each note.
    const asked: ReturnType<typeof s.router.handle>[] = [];
    s.events.on('health.progress', (p) => {
      heard.push(p);
      asked.push(s.router.handle('health.scoring', {}));
    });
    const told = nextChange(s.events, 'health');
    // The worker's answer is held: the Portfolio's early ask is answered with the partners, unscored.
    const early = value<HealthPortfolio>(await s.router.handle('health.portfolio', { early: true }));
    // Where the scoring was when the answer left: the job is under way, not over.
    expect(early.scoring).toEqual({ done: expect.any(Number), total: 100 });
    expect(early.scoring!.done).toBeLessThan(100);
    expect(early.rows).toEqual([]);
    expect(early.arriving?.records.map((r) => r.id)).toEqual(value<{ id: string }[]>(await s.router.handle('partners.list', {})).map((p) => p.id).sort());
    const head = value<HealthPortfolio>(await s.router.handle('health.portfolio', { early: true, first: 1 }));
    expect([!!head.scoring, head.arriving?.records.length, head.head?.total]).toEqual([true, 1, 2]);
    await gate.workerReplied;
    // Percent of the job, never going back, the last one the whole job.
    expect(heard.length).toBeGreaterThan(1);
    expect(heard.every((p, i) => p.total === 100 && (i === 0 || p.done >= heard[i - 1]!.done))).toBe(true);
    expect(heard.at(-1)).toEqual({ done: 100, total: 100 });
    // That note while the job ran; nothing once the worker has done it all.
    expect((await Promise.all(asked)).map((e) => value<HealthProgress | null>(e))).toEqual(heard.map((p) => (p.done < p.total ? p : null)));
    gate.release();
    await told;
    expect(value(await s.router.handle('health.scoring', {}))).toBeNull();
    const scored = value<HealthPortfolio>(await s.router.handle('health.portfolio', { early: true }));
    expect(scored.scoring).toBeUndefined();
    expect(scored.arriving).toBeUndefined();
    expect(scored).toEqual(freshPortfolio(s));
    expect(gate.replies()).toBe(1);
  });

  it('serves the last health, marked refreshing, while inputs are recomputed, then tells the views and serves a fresh computation', async () => {
    const gate = holdReply('inputs', 2);
    const s = setup({ beforeReply: gate.beforeReply });
    const before = value<HealthPortfolio>(await s.router.handle('health.portfolio', {}));
    expect(scoreOf(before, 'P-B')).toBe(8);
    // A sync page lands a new PSAT response for P-B (+7 points once recomputed).
    s.b.psat('P-B', 10, '2026-06-01');
    s.events.emit('data.changed', { entities: ['psat_response'] });
    const told = nextChange(s.events, 'health');
    const stale = value<HealthPortfolio>(await s.router.handle('health.portfolio', {}));
    expect(stale.refreshing).toBe(true);
    expect(stale.rows).toEqual(before.rows);
    await gate.workerReplied;
    // The recompute's answer is held: other calls are answered.
    expect(value<unknown[]>(await s.router.handle('partners.list', {})).length).toBe(2);
    expect(value<HealthPortfolio>(await s.router.handle('health.portfolio', {})).refreshing).toBe(true);
    gate.release();
    await told;
    const fresh = value<HealthPortfolio>(await s.router.handle('health.portfolio', {}));
    expect(fresh.refreshing).toBeUndefined();
    expect(scoreOf(fresh, 'P-B')).toBe(15);
    expect(fresh).toEqual(freshPortfolio(s));
    expect(gate.replies()).toBe(2);
  });

  it('the partner health page and the Team roll-up are marked refreshing too while they show the last health', async () => {
    const gate = holdReply('inputs', 2);
    const s = setup({ beforeReply: gate.beforeReply });
    value(await s.router.handle('health.portfolio', {}));
    expect(value<HealthPartnerDetail>(await s.router.handle('health.partner', { id: 'P-B' })).refreshing).toBeUndefined();
    expect(value<HealthRollup>(await s.router.handle('health.rollup', {})).refreshing).toBeUndefined();
    s.b.psat('P-B', 10, '2026-06-01');
    s.events.emit('data.changed', { entities: ['psat_response'] });
    const told = nextChange(s.events, 'health');
    const partner = value<HealthPartnerDetail>(await s.router.handle('health.partner', { id: 'P-B' }));
    expect(partner.refreshing).toBe(true);
    expect(partner.current.score).toBe(8);
    expect(value<HealthRollup>(await s.router.handle('health.rollup', {})).refreshing).toBe(true);
    await gate.workerReplied;
    gate.release();
    await told;
    const fresh = value<HealthPartnerDetail>(await s.router.handle('health.partner', { id: 'P-B' }));
    expect(fresh.refreshing).toBeUndefined();
    expect(fresh.current.score).toBe(15);
    expect(value<HealthRollup>(await s.router.handle('health.rollup', {})).refreshing).toBeUndefined();
  });

  it('a QBR deck built while the worker recomputes shows current health, never the stale scores', async () => {
    const gate = holdReply('inputs', 2);
    const s = setup({ beforeReply: gate.beforeReply });
    value(await s.router.handle('health.portfolio', {}));
    s.b.psat('P-B', 10, '2026-06-01');
    s.events.emit('data.changed', { entities: ['psat_response'] });
    expect(value<HealthPortfolio>(await s.router.handle('health.portfolio', {})).refreshing).toBe(true);
    await gate.workerReplied;
    const pack = value<QbrPack>(await s.router.handle('qbr.pack', { partnerId: 'P-B' }));
    const health = pack.sections.find((x) => x.key === 'health');
    expect(health?.key === 'health' ? health.data?.score : null).toBe(15);
    gate.release();
  });

  it('computes again when the replica changes during a job: the answer is a fresh computation after the write', async () => {
    const gate = holdReply('inputs');
    const s = setup({ beforeReply: gate.beforeReply });
    const pending = s.router.handle('health.portfolio', {});
    await gate.workerReplied;
    // The worker read the book before this edit (an in-place update: the fingerprint stays, the event tells).
    s.db.sqlite.prepare("UPDATE psat_response SET score = 10, version = 2 WHERE partner_id = 'P-A'").run();
    s.events.emit('data.changed', { entities: ['psat_response'] });
    gate.release();
    const p = value<HealthPortfolio>(await pending);
    expect(gate.replies()).toBe(2);
    expect(p).toEqual(freshPortfolio(s));
    expect(scoreOf(p, 'P-A')).not.toBe(72);
  });

  it('never serves inputs cached by another version of the health algorithm: the view awaits the recompute', async () => {
    const gate = holdReply('inputs', 2);
    const s = setup({ beforeReply: gate.beforeReply });
    value(await s.router.handle('health.portfolio', {}));
    s.b.psat('P-B', 10, '2026-06-01');
    s.events.emit('data.changed', { entities: ['psat_response'] });
    // As if written by an older build (its inputs meant something else), and nothing in memory.
    s.db.sqlite.prepare("UPDATE health_snapshot SET fingerprint = 'v0|' || fingerprint").run();
    // A workspace opened anew on that replica.
    const closers: (() => Promise<void> | void)[] = [];
    cleanup.push(async () => {
      for (const fn of closers) await fn();
    });
    const sync = createSyncService({ db: s.db, clock, events: s.events, source: () => null });
    const reopened = createHandlers({ db: s.db, clock, events: s.events, sync, dataDir: s.dir, backgroundHealth: { beforeReply: gate.beforeReply }, onClose: (fn) => closers.push(fn) });
    const order: string[] = [];
    const pending = createRouter(withAppHandlers(reopened, { clock }))
      .handle('health.portfolio', {})
      .then((r) => {
        order.push('health.portfolio');
        return r;
      });
    await gate.workerReplied;
    expect(order).toEqual([]);
    gate.release();
    const p = value<HealthPortfolio>(await pending);
    expect(p.refreshing).toBeUndefined();
    expect(p).toEqual(freshPortfolio(s));
  });

  it('closing the workspace fails a job still running with a plain sentence, and writes nothing', async () => {
    const gate = holdReply('inputs');
    const s = setup({ beforeReply: gate.beforeReply });
    const pending = s.router.handle('health.portfolio', {});
    await gate.workerReplied;
    await s.close();
    gate.release();
    const res = await pending;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toEqual({ code: 'unavailable', message: 'The workspace was closed while its partner health was being computed.' });
    expect(s.db.sqlite.prepare('SELECT count(*) FROM health_snapshot').pluck().get()).toBe(0);
  });

  it('closing the workspace during a background recompute keeps the last stored health as it was', async () => {
    const gate = holdReply('inputs', 2);
    const s = setup({ beforeReply: gate.beforeReply });
    value(await s.router.handle('health.portfolio', {}));
    s.b.psat('P-B', 10, '2026-06-01');
    s.events.emit('data.changed', { entities: ['psat_response'] });
    const rows = () => s.db.sqlite.prepare('SELECT as_of, fingerprint, inputs FROM health_snapshot ORDER BY as_of').all();
    expect(value<HealthPortfolio>(await s.router.handle('health.portfolio', {})).refreshing).toBe(true);
    await gate.workerReplied;
    const kept = rows();
    await s.close();
    gate.release();
    // Let the held reply's turn pass: nothing lands.
    await new Promise((r) => setImmediate(r));
    expect(rows()).toEqual(kept);
  });
});
