/**
 * What the health views derive in bulk from the inputs — every partner's score on the
 * view's dates and the churn model's fit, 0.5–1 s on the large book — is computed in the
 * health worker beside the inputs and lands with them (services/health/derive.ts,
 * background.ts): after new inputs land, and when a workspace opens on inputs already
 * stored, the views answer without scoring or fitting on the API's thread, while other
 * calls are answered, and with exactly what the calling thread computes. On the small demo
 * book in a replica file (a fitted logistic model, hundreds of partners). No timing: the
 * worker's reply is held (the pool's test-only `beforeReply`) until the test has seen what
 * it waits for; the API thread's scoring and fitting are counted (derive.ts, wrapped here:
 * the worker thread loads its own, unwrapped copy).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter, type Router } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { createHealthService } from '../../../src-main/services/health/service';
import type { HealthWorkerOptions } from '../../../src-main/services/health/worker/pool';
import { createSyncService } from '../../../src-main/sync/service';
import type { ChurnModelInfo, HealthPartnerDetail, HealthPortfolio, HealthRollup, HealthSettings } from '../../../src-shared/methods/health';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { holdReply, value } from '../../support/worker-gate';
import { withAppHandlers } from '../../support/api';
import { demoReplicaFile } from '../../support/replica-of';

/** Calls of the bulk derivations on this (the API's) thread. */
const onThisThread = vi.hoisted(() => ({ scoreBook: 0, fitChurn: 0 }));
vi.mock('../../../src-main/services/health/derive', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src-main/services/health/derive')>();
  return {
    ...real,
    scoreBook: (...a: Parameters<typeof real.scoreBook>) => {
      onThisThread.scoreBook++;
      return real.scoreBook(...a);
    },
    fitChurn: (...a: Parameters<typeof real.fitChurn>) => {
      onThisThread.fitChurn++;
      return real.fitChurn(...a);
    },
  };
});

const AS_OF = '2026-11-20';
const clock = fixedClock(`${AS_OF}T09:00:00Z`);
let dir: string;
let book: string;
const cleanup: (() => Promise<void> | void)[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-health-derived-'));
  book = join(dir, 'book.sqlite');
  demoReplicaFile(book, { seed: 42, scale: 'small', asOf: AS_OF });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

let copies = 0;
/** A copy of the book's replica (or of `from`), opened. */
function copyOf(from?: Db): { db: Db; path: string } {
  const path = join(dir, `replica-${++copies}.sqlite`);
  const src = from ?? openDb(book, { readonly: true });
  src.sqlite.prepare('VACUUM INTO ?').run(path);
  if (!from) src.close();
  return { db: openDb(path), path };
}

/** The replica served by the API, its health computed in the worker. */
function serve(db: Db, background: HealthWorkerOptions): { router: Router; events: EventBus } {
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const closers: (() => Promise<void> | void)[] = [];
  const handlers = createHandlers({ db, clock, events, sync, dataDir: dir, backgroundHealth: background, onClose: (fn) => closers.push(fn) });
  cleanup.push(async () => {
    for (const fn of closers.splice(0)) await fn();
  });
  return { router: createRouter(withAppHandlers(handlers, { clock })), events };
}

interface Views {
  portfolio: HealthPortfolio;
  partners: HealthPartnerDetail[];
  rollup: HealthRollup;
  model: ChurnModelInfo;
}

/** The partners whose pages are compared: the worst and best scores, a churned one, one in the middle. */
function pick(p: HealthPortfolio): string[] {
  const byScore = [...p.rows].sort((a, b) => a.score - b.score || a.id.localeCompare(b.id));
  const churned = p.rows.find((r) => !r.live);
  return [...new Set([byScore[0]!.id, byScore.at(-1)!.id, byScore[Math.floor(byScore.length / 2)]!.id, ...(churned ? [churned.id] : [])])];
}

async function viewsOf(router: Router, ids: readonly string[]): Promise<Views> {
  const partners: HealthPartnerDetail[] = [];
  for (const id of ids) partners.push(value(await router.handle('health.partner', { id })));
  return {
    portfolio: value(await router.handle('health.portfolio', {})),
    partners,
    rollup: value(await router.handle('health.rollup', {})),
    model: value(await router.handle('health.model', {})),
  };
}

/** The same views computed on the calling thread, as without a worker: a copy of `db` with no stored inputs. */
function inThread(db: Db, ids: readonly string[]): Views {
  const { db: copy } = copyOf(db);
  try {
    copy.sqlite.prepare('DELETE FROM health_snapshot').run();
    const health = createHealthService({ db: copy, clock });
    return { portfolio: health.portfolio(), partners: ids.map((id) => health.partner(id)), rollup: health.rollup(), model: health.model() };
  } finally {
    copy.close();
  }
}

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

/**
 * A replica a first session (health computed in the worker) used and closed, `before` run on
 * it in the same session, `edit` on the closed file, then opened again.
 */
async function restarted(edit?: (db: Db) => void, before?: (router: Router) => Promise<void>): Promise<{ reopened: Db; ids: string[] }> {
  const { db, path } = copyOf();
  const first = serve(db, {});
  const ids = pick(value<HealthPortfolio>(await first.router.handle('health.portfolio', {})));
  await before?.(first.router);
  for (const fn of cleanup.splice(0).reverse()) await fn();
  edit?.(db);
  db.close();
  const reopened = openDb(path);
  cleanup.push(() => reopened.close());
  expect(reopened.sqlite.prepare('SELECT count(*) FROM health_snapshot').pluck().get()).toBeGreaterThan(0);
  return { reopened, ids };
}

describe('health scores and the churn fit derived in the worker', () => {
  it('after new inputs land, the views answer from what the worker scored and fitted (nothing on the API thread), equal to the calling thread', async () => {
    const { db } = copyOf();
    cleanup.push(() => db.close());
    const gate = holdReply('inputs', 2);
    const s = serve(db, { beforeReply: gate.beforeReply });
    onThisThread.scoreBook = onThisThread.fitChurn = 0;
    const first = value<HealthPortfolio>(await s.router.handle('health.portfolio', {}));
    expect(first.model.kind).toBe('logistic');
    const ids = pick(first);
    await viewsOf(s.router, ids);
    // A sync lands a detractor's survey for the worst partner: new inputs, recomputed in the worker.
    const worst = ids[0]!;
    db.sqlite
      .prepare("INSERT INTO psat_response (id, partner_id, responded_at, score, comment, version) VALUES ('psat-new', ?, '2026-11-19', 2, '', 1)")
      .run(worst);
    s.events.emit('data.changed', { entities: ['psat_response'] });
    const told = nextChange(s.events, 'health');
    expect(value<HealthPortfolio>(await s.router.handle('health.portfolio', {})).refreshing).toBe(true);
    await gate.workerReplied;
    // The worker has scored and fitted; its answer is held: the API answers other calls.
    expect(value<unknown[]>(await s.router.handle('partners.list', {})).length).toBe(first.rows.length);
    gate.release();
    await told;
    const landed = await viewsOf(s.router, ids);
    expect(landed.portfolio.refreshing).toBeUndefined();
    expect(onThisThread).toEqual({ scoreBook: 0, fitChurn: 0 });
    expect(gate.replies()).toBe(2);
    const expected = inThread(db, ids);
    expect(landed).toEqual(expected);
    expect(landed.partners[0]!.current.measures.some((m) => m.key === 'satisfaction.psat' && m.raw === 2)).toBe(true);
  }, 120_000);

  it('a workspace opened on stored current inputs with nothing derived kept awaits the worker’s scores and fit while other calls are answered, equal to the calling thread', async () => {
    // A replica whose inputs an earlier build stored (no health_derived rows).
    const { reopened, ids } = await restarted((db) => db.sqlite.prepare('DELETE FROM health_derived').run());
    const gate = holdReply('inputs', 1);
    const s = serve(reopened, { beforeReply: gate.beforeReply });
    onThisThread.scoreBook = onThisThread.fitChurn = 0;
    const order: string[] = [];
    const portfolio = s.router.handle('health.portfolio', {}).then((r) => {
      order.push('health.portfolio');
      return r;
    });
    // Before, the portfolio scored and fitted right here and answered first; now the worker does, its answer held.
    await Promise.race([gate.workerReplied, portfolio]);
    expect(order).toEqual([]);
    expect(value<unknown[]>(await s.router.handle('partners.list', {})).length).toBeGreaterThan(0);
    order.push('partners.list');
    gate.release();
    const p = value<HealthPortfolio>(await portfolio);
    expect(order).toEqual(['partners.list', 'health.portfolio']);
    const views = await viewsOf(s.router, ids);
    expect(onThisThread).toEqual({ scoreBook: 0, fitChurn: 0 });
    expect(gate.replies()).toBe(1);
    expect(views.portfolio).toEqual(p);
    expect(views).toEqual(inThread(reopened, ids));
    // What it derived is kept for the next restart.
    expect(reopened.sqlite.prepare('SELECT as_of FROM health_derived').pluck().all()).toEqual([AS_OF]);
  }, 120_000);

  it('a restart on the inputs and what was derived from them answers with no worker job and nothing scored or fitted, equal to the calling thread', async () => {
    const { reopened, ids } = await restarted();
    expect(reopened.sqlite.prepare('SELECT as_of FROM health_derived').pluck().all()).toEqual([AS_OF]);
    // Counts the worker's replies (holds none).
    const gate = holdReply('inputs', Infinity);
    const s = serve(reopened, { beforeReply: gate.beforeReply });
    onThisThread.scoreBook = onThisThread.fitChurn = 0;
    const views = await viewsOf(s.router, ids);
    expect(gate.replies()).toBe(0);
    expect(onThisThread).toEqual({ scoreBook: 0, fitChurn: 0 });
    expect(views.portfolio.refreshing).toBeUndefined();
    expect(views).toEqual(inThread(reopened, ids));
  }, 120_000);

  it('a QBR deck after a restart awaits the health worker (or what it kept) instead of scoring and fitting on the API thread', async () => {
    for (const kept of [true, false]) {
      const { reopened, ids } = await restarted(kept ? undefined : (db) => db.sqlite.prepare('DELETE FROM health_derived').run());
      const gate = holdReply('inputs', Infinity);
      const s = serve(reopened, { beforeReply: gate.beforeReply });
      onThisThread.scoreBook = onThisThread.fitChurn = 0;
      const pack = value<QbrPack>(await s.router.handle('qbr.pack', { partnerId: ids[0]! }));
      expect(pack.partner.id).toBe(ids[0]);
      expect(onThisThread, kept ? 'with what was kept' : 'with nothing kept').toEqual({ scoreBook: 0, fitChurn: 0 });
      expect(gate.replies()).toBe(kept ? 0 : 1);
      for (const fn of cleanup.splice(0).reverse()) await fn();
    }
  }, 120_000);

  it('what was kept is not used under other health settings, nor once an input changed in place: the worker derives again', async () => {
    // Weights changed after the last landing: the kept scores were made under the old ones.
    const { reopened, ids } = await restarted(undefined, async (router) => {
      const settings = value<HealthSettings>(await router.handle('health.settings.get', {}));
      value(await router.handle('health.settings.set', { settings: { ...settings, weights: { ...settings.weights, revenue: settings.weights.revenue + 10, pipeline: settings.weights.pipeline - 10 } } }));
    });
    const gate = holdReply('inputs', 1);
    const s = serve(reopened, { beforeReply: gate.beforeReply });
    onThisThread.scoreBook = onThisThread.fitChurn = 0;
    const portfolio = s.router.handle('health.portfolio', {});
    await gate.workerReplied;
    gate.release();
    await portfolio;
    const views = await viewsOf(s.router, ids);
    expect(gate.replies()).toBe(1);
    expect(onThisThread).toEqual({ scoreBook: 0, fitChurn: 0 });
    expect(views).toEqual(inThread(reopened, ids));

    // An in-place edit (the fingerprint does not move): the kept rows go with the inputs.
    const worst = ids[0]!;
    reopened.sqlite.prepare('UPDATE psat_response SET score = 1 WHERE partner_id = ?').run(worst);
    s.events.emit('data.changed', { entities: ['psat_response'] });
    expect(reopened.sqlite.prepare('SELECT count(*) FROM health_derived').pluck().get()).toBe(0);
    const told = nextChange(s.events, 'health');
    expect(value<HealthPortfolio>(await s.router.handle('health.portfolio', {})).refreshing).toBe(true);
    await told;
    const after = await viewsOf(s.router, ids);
    expect(after).toEqual(inThread(reopened, ids));
    // Kept again, from the new inputs.
    expect(reopened.sqlite.prepare('SELECT as_of FROM health_derived').pluck().all()).toEqual([AS_OF]);
  }, 120_000);
});
