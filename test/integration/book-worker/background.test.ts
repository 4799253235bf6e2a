/**
 * The book's forecast, ROPI and plans list computed in book workers (services/book-worker/), through the
 * API as the app builds it, on the small demo book in a replica file: while they are
 * computed, other calls are answered; the answer is the one computed on the calling thread; a
 * write while the forecast runs yields a fresh one; a QBR deck of the running quarter awaits
 * the forecast for its internal note; a worker that fails or a workspace that closes gives a
 * plain sentence. No timing: the worker's reply is held (the pool's test-only `beforeReply`)
 * until the test has seen what it waits for.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src-main/api/handlers';
import { createRouter } from '../../../src-main/api/router';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { createForecastService } from '../../../src-main/services/forecast/service';
import { computeRopi } from '../../../src-main/services/ropi/ropi';
import { listPlans } from '../../../src-main/services/plans';
import type { BookWorkerOptions } from '../../../src-main/services/book-worker/pool';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import type { ForecastBook, ForecastPartnerDetail, ForecastProgress } from '../../../src-shared/methods/forecast';
import type { QbrDownload, QbrPack } from '../../../src-shared/methods/qbr';
import { FORECAST_PENDING } from '../../../src-main/services/qbr/sources';
import type { RopiBook, RopiPartnerDetail } from '../../../src-shared/methods/ropi';
import type { PlanListRow } from '../../../src-shared/methods/plans';
import { startDemoPrm } from '../../../tools/demo-prm/index';
import { withAppHandlers } from '../../support/api';
import { holdReply, value } from '../../support/worker-gate';

const AS_OF = '2026-11-20';
const clock = fixedClock(AS_OF);
const FAILING_WORKER = resolve(import.meta.dirname, '../../support/failing-actions-worker.mjs');

let template: string;
let templateDir: string;
beforeAll(async () => {
  const prm = await startDemoPrm({ scale: 'small', seed: 42, asOf: AS_OF });
  templateDir = mkdtempSync(join(tmpdir(), 'pb-forecast-worker-'));
  template = join(templateDir, 'replica.sqlite');
  const db = openDb(template);
  try {
    const sync = createSyncService({ db, clock, events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const summary = await sync.run();
    expect(summary.ok, summary.error ?? '').toBe(true);
    // Its background checkpoint stopped first: one still copying pages into the file while
    // the file is copied gives a torn copy ("database disk image is malformed").
    await sync.close();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
    await prm.close();
  }
}, 300_000);
afterAll(() => rmSync(templateDir, { recursive: true, force: true }));

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A copy of the small book served by the API with its forecast computed in the worker. */
function setup(background: BookWorkerOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'pb-forecast-worker-'));
  copyFileSync(template, join(dir, 'replica.sqlite'));
  const db = openDb(join(dir, 'replica.sqlite'));
  const events = new EventBus();
  const sync = createSyncService({ db, clock, events, source: () => null });
  const closers: (() => Promise<void> | void)[] = [];
  const handlers = createHandlers({ db, clock, events, sync, dataDir: dir, backgroundBook: background, onClose: (fn) => closers.push(fn) });
  const close = async () => {
    for (const fn of closers.splice(0)) await fn();
  };
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanup.push(() => db.close());
  cleanup.push(close);
  return { db, events, router: createRouter(withAppHandlers(handlers, { clock })), close };
}

/** The same forecast computed on the calling thread. */
const here = (db: ReturnType<typeof setup>['db']) => createForecastService({ db, clock }).book();

describe('the forecast computed in the worker', () => {
  it('answers other calls while the forecast is computed, then the same book as on this thread', async () => {
    const gate = holdReply('forecast');
    const { db, events, router } = setup({ beforeReply: gate.beforeReply });
    const progress: ForecastProgress[] = [];
    events.on('forecast.progress', (p) => progress.push(p));
    const order: string[] = [];
    const book = router.handle('forecast.book', { scope: 'all' }).then((r) => {
      order.push('forecast.book');
      return r;
    });
    await gate.workerReplied;
    const partners = await router.handle('partners.list', {});
    order.push('partners.list');
    const status = await router.handle('sync.status', {});
    order.push('sync.status');
    expect(order).toEqual(['partners.list', 'sync.status']);
    expect(value<unknown[]>(partners).length).toBeGreaterThan(100);
    expect(status.ok).toBe(true);
    gate.release();
    const f = value<ForecastBook>(await book);
    expect(order.at(-1)).toBe('forecast.book');
    // While it ran, the worker said how far it had got: the history, the fit, then each origin of the backtest.
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.map((p) => p.done)).toEqual(progress.map((_, i) => i + 1));
    expect(progress.every((p) => p.total === progress.length)).toBe(true);
    expect(f.rows.length).toBeGreaterThan(100);
    expect(f.backtest?.line).toMatch(/last quarter repeated/);
    expect(f).toEqual(await here(db));
    // Kept: the partner's detail and the backtest come from the same computation.
    const detail = value<ForecastPartnerDetail>(await router.handle('forecast.partner', { id: f.rows[0]!.id }));
    expect(detail.forecast).toEqual(f.rows[0]);
    expect(detail.history.length).toBe(8);
    expect(value(await router.handle('forecast.backtest', {}))).toEqual(f.backtest);
    expect(gate.replies()).toBe(1);
  });

  it('computes again when the replica changes while the forecast runs: the answer is a fresh forecast after the write', async () => {
    const gate = holdReply('forecast');
    const { db, router } = setup({ beforeReply: gate.beforeReply });
    const opp = db.sqlite
      .prepare("SELECT id, partner_id FROM opportunity WHERE stage = 'closed_won' AND partner_role = 'sourced' AND close_date BETWEEN '2026-07-01' AND '2026-09-30' ORDER BY amount DESC LIMIT 1")
      .get() as { id: string; partner_id: string };
    const pending = router.handle('forecast.book', { scope: 'all' });
    await gate.workerReplied;
    // The worker read the book before the deal grew; that answer is not the one given.
    db.sqlite.prepare('UPDATE opportunity SET amount = amount + 100000000 WHERE id = ?').run(opp.id);
    gate.release();
    const f = value<ForecastBook>(await pending);
    expect(gate.replies()).toBe(2);
    expect(f).toEqual(await here(db));
    const row = f.rows.find((r) => r.id === opp.partner_id)!;
    expect(row.lastQuarter).toBeGreaterThanOrEqual(100000000);
  });

  it("a QBR preview does not wait for the forecast: it says it is being computed, then shows it once it lands; an export waits for it", async () => {
    const gate = holdReply('forecast');
    const { db, events, router } = setup({ beforeReply: gate.beforeReply });
    const id = (await here(db)).rows[0]!.id;
    const noteOf = (p: QbrPack) => p.sections.find((s) => s.key === 'summary')!.internal.find((l) => l.startsWith('Forecast (internal):'));
    const landed = new Promise<void>((res) => events.on('data.changed', ({ entities }) => entities.includes('forecast') && res()));
    // Answered while the worker's forecast is held.
    const first = value<QbrPack>(await router.handle('qbr.pack', { partnerId: id }));
    expect(noteOf(first)).toBe(FORECAST_PENDING);
    await gate.workerReplied;
    // An export asked while the forecast is still held carries it all the same: it waited.
    const download = router.handle('qbr.download', { partnerId: id, format: 'pptx', internalAppendix: true });
    gate.release();
    await landed;
    const again = value<QbrPack>(await router.handle('qbr.pack', { partnerId: id }));
    const note = noteOf(again);
    const f = value<ForecastPartnerDetail>(await router.handle('forecast.partner', { id })).forecast!;
    expect(note).toMatch(/^Forecast \(internal\): Q4 2026 /);
    expect(note).toContain(`80% range`);
    expect(note).toContain(f.drivers[0]?.text ?? '');
    const zip = await JSZip.loadAsync(Buffer.from(value<QbrDownload>(await download).base64, 'base64'));
    const slides = await Promise.all(Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    const text = slides.join(' ');
    expect(text).toContain('Forecast (internal): Q4 2026');
    expect(text).not.toContain('being computed');
    expect(gate.replies()).toBe(1);
  });

  it('a worker that fails: forecast.book says so in a sentence, and the deck is made with a note saying why', async () => {
    const { db, router } = setup({ entry: FAILING_WORKER });
    const res = await router.handle('forecast.book', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toBe('Computing the forecast failed: the worker ran out of memory.');
    const id = (await here(db)).rows[0]!.id;
    // The preview says why (the failure is kept while the replica is unchanged), as does an export.
    const pack = value<QbrPack>(await router.handle('qbr.pack', { partnerId: id }));
    const notes = pack.sections.find((s) => s.key === 'summary')!.internal;
    expect(notes).toContain('Forecast (internal): could not be computed: Computing the forecast failed: the worker ran out of memory.');
  });

  it('closing the workspace fails a forecast still running with a plain sentence', async () => {
    const gate = holdReply('forecast');
    const { router, close } = setup({ beforeReply: gate.beforeReply });
    const pending = router.handle('forecast.book', {});
    await gate.workerReplied;
    await close();
    gate.release();
    const res = await pending;
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toEqual({ code: 'unavailable', message: 'The workspace was closed while its forecast was being computed.' });
  });
});

describe('ROPI computed in the worker', () => {
  it('answers other calls while ROPI is computed, then the same book as on this thread, and a partner from it', async () => {
    const gate = holdReply('ropi');
    const { db, router } = setup({ beforeReply: gate.beforeReply });
    const book = router.handle('ropi.book', { scope: 'all' });
    await gate.workerReplied;
    const partners = await router.handle('partners.list', {});
    expect(value<unknown[]>(partners).length).toBeGreaterThan(100);
    gate.release();
    const b = value<RopiBook>(await book);
    expect(b).toEqual(computeRopi(db, AS_OF));
    const row = b.rows.find((r) => r.trailing.ropi !== null)!;
    const one = value<RopiPartnerDetail>(await router.handle('ropi.partner', { id: row.id }));
    expect(one.row).toEqual(row);
    expect(gate.replies()).toBe(1);
  });

  it('a worker that fails: ropi.book says so in a sentence', async () => {
    const { router } = setup({ entry: FAILING_WORKER });
    const res = await router.handle('ropi.book', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.message).toBe('Computing ROPI failed: the worker ran out of memory.');
  });
});

describe('the plans list made in the worker', () => {
  it('answers other calls meanwhile; each filter gives the rows listed on this thread; an edit shows at once', async () => {
    const gate = holdReply('plans');
    const { db, router } = setup({ beforeReply: gate.beforeReply });
    const all = router.handle('plans.list', { scope: 'all' });
    await gate.workerReplied;
    expect(value<unknown[]>(await router.handle('partners.list', {})).length).toBeGreaterThan(100);
    gate.release();
    const rows = value<PlanListRow[]>(await all);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows).toEqual(listPlans(db, clock));
    // Filters over the kept list: the same rows as listed with the filter on this thread.
    const owner = rows[0]!.owner_id;
    for (const f of [{ status: 'signed' as const }, { status: 'draft' as const }, { ownerId: owner }, { period: rows[0]!.period }]) {
      expect(value<PlanListRow[]>(await router.handle('plans.list', { scope: 'all', ...f }))).toEqual(listPlans(db, clock, f));
    }
    expect(gate.replies()).toBe(1);
    // An edit: the next list is made afresh and shows it, with its pending edit counted.
    const draft = rows.find((r) => r.status === 'draft')!;
    value(await router.handle('plans.update', { id: draft.id, fields: { title: 'Renamed in the test' } }));
    const after = value<PlanListRow[]>(await router.handle('plans.list', { scope: 'all' }));
    const edited = after.find((r) => r.id === draft.id)!;
    expect(edited.title).toBe('Renamed in the test');
    expect(edited.pending).toBeGreaterThan(0);
    expect(gate.replies()).toBe(2);
  });
});
