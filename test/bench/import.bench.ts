/**
 * `npm run bench:import` — the AdventureWorks reseller channel (../shared/data) imported
 * from scratch with the example mapping, against its floor measured in the same run: the
 * same source rows inserted raw (prepared INSERTs in one transaction, no reading, parsing,
 * mapping or diffing). Prints figures; asserts nothing.
 *
 * Names as in test/bench/figures.ts:
 * - import_ms: read + parse + map + diff + apply, median of 3 fresh replicas
 * - import_floor_ms: the floor — the same source rows (57,851 order lines, 701 resellers, 296
 *   employees) inserted raw into tables of their columns, median of 3 fresh replicas,
 *   each run right after an import run
 * - import_ratio: import_ms ÷ import_floor_ms (target ≤ 4, i.e. at least a quarter of the
 *   raw insert rate)
 * - rows_per_s / raw_rows_per_s (source rows), records made, peak RSS, load1
 *
 * Last line: {"bench":"import","rows":N,"import_ms":N,"import_floor_ms":N,"import_ratio":N,"target_ratio":4,...,"floors":{"import":"…"}}
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fixedClock } from '../../src-main/base/clock';
import { openDb } from '../../src-main/db/connection';
import { importTables, parseMapping, readFiles } from '../../src-main/services/import/service';
import { machine, withFloor } from './figures';

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
    const rawMs: number[] = [];
    let rows = 0;
    let lines = 0;
    // The floor's input: the same source rows, read once (the floor is their raw insert).
    const source = await readFiles(FILES);
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
      // The floor, right after: each file's cells inserted raw into a table of its columns.
      const raw = openDb(join(dir, `raw-${i}.sqlite`));
      const r0 = performance.now();
      raw.sqlite.transaction(() => {
        source.forEach((t, n) => {
          const cols = t.headers.map((_, j) => `c${j}`);
          raw.sqlite.exec(`CREATE TABLE raw_${n} (${cols.map((c) => `${c} TEXT`).join(', ')})`);
          const stmt = raw.sqlite.prepare(`INSERT INTO raw_${n} VALUES (${cols.map(() => '?').join(', ')})`);
          for (const row of t.rows) stmt.run(row.cells);
        });
      })();
      rawMs.push(performance.now() - r0);
      raw.close();
    }
    const im = median(importMs);
    const rm = median(rawMs);
    const result = {
      bench: 'import',
      rows: lines,
      ...withFloor('import', importMs, rawMs),
      target_ratio: 4,
      records: rows,
      rows_per_s: Math.round((lines / im) * 1000),
      raw_rows_per_s: Math.round((lines / rm) * 1000),
      peak_rss_mb: Math.round(peak / 1024 / 1024),
      ...machine(),
      floors: { import: 'the same source rows inserted raw (prepared INSERTs of their cells in one transaction; no reading, parsing, mapping or diffing)' },
    };
    log(`import ${result.rows_per_s} source rows/s vs raw insert ${result.raw_rows_per_s} rows/s: ${result.import_ratio}× the floor's time (target ≤ 4); peak RSS ${result.peak_rss_mb} MB; load average (1 min) ${result.load1}`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    clearInterval(sample);
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
