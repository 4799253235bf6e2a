/**
 * The forecast's backtest on real data: the AdventureWorks reseller channel
 * (../shared/data/adventureworks-reseller-channel) imported through the spreadsheet import
 * with the committed mapping, as of the book's last day.
 *
 * The margin over last quarter repeated is thin (resellers here reorder on a steady
 * cadence): on MAE the model is ~2% better than it and ~18% better than the 4-quarter
 * average (7 origins, 2018-Q2 to 2019-Q4; 1 quarter ahead only ~0.6% better). MAPE is in
 * the hundreds of percent for all three here: many reseller-quarters are a few small
 * orders, whose percentage errors are huge; MAE is the measure the issue asks for.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { createForecastService } from '../../../src-main/services/forecast/service';
import { REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the AdventureWorks forecast backtest: ${DATA} is not on this machine`);

describe.skipIf(!present)('forecast backtest on the AdventureWorks reseller book', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-aw-forecast-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('beats last quarter repeated and the 4-quarter average on MAE; the 80% range holds 70–90%; no driver is the pipeline the files do not hold', async () => {
    const db = openDb(join(dir, 'replica.sqlite'));
    try {
      const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json'), 'utf8')));
      const files = await readFiles(['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'].map((f) => join(DATA, f)));
      expect(importTables(db, fixedClock('2026-11-30T10:00:00Z'), files, mapping).ok).toBe(true);
      const last = db.sqlite.prepare('SELECT max(close_date) FROM opportunity').pluck().get() as string;
      const b = (await createForecastService({ db, clock: fixedClock(last) }).backtest())!;
      console.log(`[forecast] AdventureWorks backtest as of ${last}: ${b.line} MAE model ${Math.round(b.model.mae)} / last ${Math.round(b.lastQuarter.mae)} / avg4 ${Math.round(b.trailing4.mae)}; MAPE ${b.model.mape} / ${b.lastQuarter.mape} / ${b.trailing4.mape}; n=${b.n}`);
      expect(b.origins.length).toBeGreaterThanOrEqual(4);
      expect(b.model.mae).toBeLessThan(b.lastQuarter.mae);
      expect(b.model.mae).toBeLessThan(b.trailing4.mae);
      expect(b.coverage).toBeGreaterThanOrEqual(0.7);
      expect(b.coverage).toBeLessThanOrEqual(0.9);

      // Its files hold closed deals only: the open pipeline is unknown, not $0, and "pipeline created" is
      // only the won orders again, so no forecast gives either as a reason.
      const book = await createForecastService({ db, clock: fixedClock(last) }).book();
      const drivers = book.rows.flatMap((r) => r.drivers.map((d) => d.text));
      expect(drivers.length).toBeGreaterThan(100);
      expect(drivers.filter((t) => /pipeline/i.test(t))).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
