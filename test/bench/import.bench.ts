/**
 * `npm run bench:import` — the AdventureWorks reseller channel (../shared/data) imported
 * from scratch with the example mapping, against its floor measured in the same run: the
 * same source rows inserted raw (prepared INSERTs in one transaction, no reading, parsing,
 * mapping or diffing). Prints figures; asserts nothing.
 *
 * - import_ms: read + parse + map + diff + apply, median of 3 fresh replicas
 * - raw_ms: the floor — the same source rows (57,851 order lines, 701 resellers, 296
 *   employees) inserted raw into tables of their columns, median of 3 fresh replicas
 * - rows_per_s / raw_rows_per_s (source rows), ratio (target ≥ 0.25), records made, peak RSS
 *
 * Last line: {"bench":"import","rows":N,"import_ms":N,"raw_ms":N,"ratio":N,"floor":"raw insert",...}
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixedClock } from '../../src-main/base/clock';
import { openDb } from '../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../src-main/services/import/service';

const REPO = resolve(import.meta.dirname, '../..');
const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const FILES = ['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'].map((f) => join(DATA, f));
const log = (m: string) => process.stderr.write(`[bench:import] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    log(`skipped: ${DATA} is not on this machine`);
    process.stdout.write(`${JSON.stringify({ bench: 'import', skipped: 'no data folder' })}\n`);
    return;
  }
  const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json'), 'utf8')));
  const clock = fixedClock('2026-11-30T10:00:00Z');
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-import-'));
  let peak = process.memoryUsage().rss;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const importMs: number[] = [];
    let rows = 0;
    let lines = 0;
    for (let i = 0; i < 3; i++) {
      const db = openDb(join(dir, `import-${i}.sqlite`));
      const t0 = performance.now();
      const tables = await readFiles(FILES);
      const r = importTables(db, clock, tables, mapping);
      importMs.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.message);
      rows = r.outcome!.totals.added;
      lines = tables.reduce((a, t) => a + t.rows.length, 0);
      db.close();
      log(`import ${i + 1}: ${importMs.at(-1)!.toFixed(0)} ms, ${rows} records from ${lines} lines`);
    }
    // The floor: the same source rows, inserted raw (each file's cells into a table of its columns).
    const tables = await readFiles(FILES);
    const rawMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const db = openDb(join(dir, `raw-${i}.sqlite`));
      const t0 = performance.now();
      db.sqlite.transaction(() => {
        tables.forEach((t, n) => {
          const cols = t.headers.map((_, j) => `c${j}`);
          db.sqlite.exec(`CREATE TABLE raw_${n} (${cols.map((c) => `${c} TEXT`).join(', ')})`);
          const stmt = db.sqlite.prepare(`INSERT INTO raw_${n} VALUES (${cols.map(() => '?').join(', ')})`);
          for (const r of t.rows) stmt.run(r.cells);
        });
      })();
      rawMs.push(performance.now() - t0);
      db.close();
    }
    const im = median(importMs);
    const rm = median(rawMs);
    const result = {
      bench: 'import',
      rows: lines,
      import_ms: Math.round(im),
      raw_ms: Math.round(rm),
      records: rows,
      rows_per_s: Math.round((lines / im) * 1000),
      raw_rows_per_s: Math.round((lines / rm) * 1000),
      floor: 'raw insert of the same source rows',
      ratio: Math.round((rm / im) * 1000) / 1000,
      target_ratio: 0.25,
      peak_rss_mb: Math.round(peak / 1024 / 1024),
      load: loadavg().map((x) => Math.round(x * 100) / 100),
    };
    log(`import ${result.rows_per_s} source rows/s vs raw insert ${result.raw_rows_per_s} rows/s: ratio ${result.ratio} (target ≥ 0.25); peak RSS ${result.peak_rss_mb} MB`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(sample);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
