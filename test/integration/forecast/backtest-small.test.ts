/**
 * The forecast on the small demo book, pulled through the real sync path: the rolling-
 * origin backtest must beat both naive baselines (last quarter repeated, the trailing
 * 4-quarter average) on mean absolute error, and its 80% range must hold 70–90% of the
 * outcomes. Then `partnerbook forecast` prints the same book and backtest as JSON (the CLI
 * spawned asynchronously: it opens the replica file on its own).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/index';
import { fixedClock } from '../../../src-main/base/clock';
import { createForecastService } from '../../../src-main/services/forecast/service';
import { createSyncService } from '../../../src-main/sync/service';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import type { BacktestSummary, ForecastBook } from '../../../src-shared/methods/forecast';
import { CLI } from '../../support/harness';

const AS_OF = '2026-11-20';

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('forecast on the small demo book', () => {
  let prm: DemoPrm;
  let db: Db;
  let dir: string;
  let replica: string;
  beforeAll(async () => {
    prm = await startDemoPrm({ scale: 'small', seed: 42, asOf: AS_OF });
    dir = mkdtempSync(join(tmpdir(), 'pb-forecast-'));
    replica = join(dir, 'replica.sqlite');
    db = openDb(replica);
    const sync = createSyncService({ db, clock: fixedClock(AS_OF), events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: prm.token }) });
    const summary = await sync.run();
    expect(summary.ok, summary.error ?? '').toBe(true);
  }, 180_000);
  afterAll(async () => {
    db?.close();
    await prm?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('beats last quarter repeated and the 4-quarter average on MAE, with the 80% range holding 70–90% of outcomes', async () => {
    const b = (await createForecastService({ db, clock: fixedClock(AS_OF) }).backtest())!;
    console.log(`[forecast] small book backtest: ${b.line} MAE model ${b.model.mae} / last ${b.lastQuarter.mae} / avg4 ${b.trailing4.mae}; n=${b.n}`);
    expect(b.origins.length).toBeGreaterThanOrEqual(4);
    expect(b.model.mae).toBeLessThan(b.lastQuarter.mae);
    expect(b.model.mae).toBeLessThan(b.trailing4.mae);
    expect(b.coverage).toBeGreaterThanOrEqual(0.7);
    expect(b.coverage).toBeLessThanOrEqual(0.9);
  });

  it('labels every live partner and explains each in words', async () => {
    const f = await createForecastService({ db, clock: fixedClock(AS_OF) }).book();
    expect(f.quarters).toEqual(['2026-Q4', '2027-Q1']);
    const labels = new Set(f.rows.map((r) => r.label));
    expect(labels.has('taking_off') && labels.has('steady') && labels.has('stalling')).toBe(true);
    for (const r of f.rows) if (r.label !== 'steady') expect(r.drivers.length).toBeGreaterThan(0);
  });

  it('keeps the book in memory until the replica changes; serves it while a sync runs and recomputes once it is over', async () => {
    let syncing = false;
    const svc = createForecastService({ db, clock: fixedClock(AS_OF), syncing: () => syncing });
    const first = await svc.book();
    expect(await svc.book()).toBe(first);
    // An in-place edit: no row added, yet the book changed.
    const opp = db.sqlite
      .prepare("SELECT id, partner_id, amount FROM opportunity WHERE stage = 'closed_won' AND partner_role = 'sourced' AND close_date BETWEEN '2026-07-01' AND '2026-09-30' ORDER BY amount DESC LIMIT 1")
      .get() as { id: string; partner_id: string; amount: number };
    const before = first.rows.find((r) => r.id === opp.partner_id)!.lastQuarter;
    try {
      syncing = true;
      db.sqlite.prepare('UPDATE opportunity SET amount = amount + 100000000 WHERE id = ?').run(opp.id);
      expect(await svc.book()).toBe(first);
      syncing = false;
      const after = await svc.book();
      expect(after).not.toBe(first);
      expect(after.rows.find((r) => r.id === opp.partner_id)!.lastQuarter).toBe(before + 100000000);
      expect(svc.computations()).toBe(2);
    } finally {
      db.sqlite.prepare('UPDATE opportunity SET amount = amount - 100000000 WHERE id = ?').run(opp.id);
      await svc.close();
    }
  });

  it('`partnerbook forecast --json` and `--backtest --json` print the book and the backtest table', async () => {
    const book = await cli(['forecast', '--db', replica, '--as-of', AS_OF, '--all', '--json']);
    expect(book.stderr).toBe('');
    expect(book.code).toBe(0);
    const f = JSON.parse(book.stdout) as ForecastBook;
    const svc = await createForecastService({ db, clock: fixedClock(AS_OF) }).book();
    expect(f.rows.length).toBe(svc.rows.length);
    expect(f.rows[0]!.next[0]).toEqual(svc.rows[0]!.next[0]);
    const bt = await cli(['forecast', '--backtest', '--db', replica, '--as-of', AS_OF, '--json']);
    expect(bt.code).toBe(0);
    const b = (JSON.parse(bt.stdout) as { backtest: BacktestSummary }).backtest;
    expect(b.model.mae).toBeLessThan(b.lastQuarter.mae);
    const text = await cli(['forecast', '--backtest', '--db', replica, '--as-of', AS_OF]);
    expect(text.stdout).toMatch(/last quarter repeated/);
    expect(text.stdout).toMatch(/4-quarter average/);
  });
});
