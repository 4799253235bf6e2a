/**
 * bench:sync — initial pull of the large demo book over loopback into a fresh file
 * database, against the raw limit (the same rows inserted with prepared statements in
 * one transaction), an incremental pull of 1,000 changed rows, and peak RSS of this
 * (the "main") process during the large pull. Prints figures; asserts nothing.
 *
 *   npm run bench:sync                 # large book (about 2.5M rows)
 *   BENCH_SCALE=small npm run bench:sync
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src-main/db/connection';
import { startDemoPrmProcess } from '../../src-main/embedded-prm';
import { createPrmClient } from '../../src-main/sources/protocol-v1/client';
import { ENTITY_NAMES } from '../../src-shared/domain/entities';
import { COLUMNS } from '../../src-main/sync/apply';
import { pull } from '../../src-main/sync/pull';
import { CLI } from '../support/harness';

const scale = (process.env.BENCH_SCALE ?? 'large') as 'small' | 'medium' | 'large';
const dir = mkdtempSync(join(tmpdir(), 'pb-bench-sync-'));
const log = (m: string) => process.stderr.write(`${m}\n`);

async function main() {
  log(`generating the ${scale} demo book (in a separate PRM process)…`);
  const t0 = performance.now();
  const prm = await startDemoPrmProcess({
    command: [process.execPath, CLI, 'demo-prm'],
    storePath: join(dir, 'prm.sqlite'),
    token: 'bench',
    scale,
    seed: 42,
    asOf: '2026-11-20',
    timeoutMs: 900_000,
  });
  log(`PRM ready in ${((performance.now() - t0) / 1000).toFixed(1)} s at ${prm.url}`);
  try {
    const client = createPrmClient({ url: prm.url, token: 'bench', timeoutMs: 120_000 });

    // 1. initial pull, sampling RSS
    const db = openDb(join(dir, 'replica.sqlite'));
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const t1 = performance.now();
    const res = await pull(db.sqlite, client, { pageSize: 5000 });
    const initialMs = performance.now() - t1;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const rows = res.pulled;
    log(`initial pull: ${rows.toLocaleString('en-US')} rows in ${(initialMs / 1000).toFixed(1)} s, ${res.pages} pages`);

    // 2. incremental pull of 1,000 changed rows
    const sim = await fetch(`${prm.url}/admin/simulate`, {
      method: 'POST',
      headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
      body: JSON.stringify({ count: 0, edits: 1000 }),
    });
    if (!sim.ok) throw new Error(`simulate failed: ${sim.status}`);
    const t2 = performance.now();
    const inc = await pull(db.sqlite, client, { pageSize: 5000 });
    const incrementalMs = performance.now() - t2;
    log(`incremental pull: ${inc.pulled + inc.deleted} rows in ${incrementalMs.toFixed(0)} ms`);

    // 3. raw limit: the same rows, prepared statements, one transaction, fresh file db
    log('raw limit: loading the rows into memory…');
    const perEntity = ENTITY_NAMES.map((e) => ({
      e,
      cols: [...COLUMNS[e], 'version'],
      rows: db.sqlite.prepare(`SELECT ${[...COLUMNS[e], 'version'].map((c) => `"${c}"`).join(', ')} FROM "${e}"`).raw().all() as unknown[][],
    }));
    db.close();
    const raw = openDb(join(dir, 'raw.sqlite')).sqlite as Database.Database;
    const t3 = performance.now();
    raw.transaction(() => {
      for (const { e, cols, rows: list } of perEntity) {
        const st = raw.prepare(`INSERT INTO "${e}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        for (const r of list) st.run(r);
      }
    })();
    const rawMs = performance.now() - t3;
    const rawRows = perEntity.reduce((n, p) => n + p.rows.length, 0);
    raw.close();
    log(`raw insert: ${rawRows.toLocaleString('en-US')} rows in ${(rawMs / 1000).toFixed(1)} s`);

    const initialRate = Math.round(rows / (initialMs / 1000));
    const rawRate = Math.round(rawRows / (rawMs / 1000));
    const out = {
      bench: 'sync',
      initial_rows_per_s: initialRate,
      raw_rows_per_s: rawRate,
      ratio: Number((initialRate / rawRate).toFixed(3)),
      incremental_1000_ms: Math.round(incrementalMs),
      peak_rss_mb: Math.round(peak / 1024 / 1024),
    };
    log(
      `targets: ratio ≥ 0.35 (${out.ratio >= 0.35 ? 'met' : 'MISSED'}), incremental ≤ 150 ms (${out.incremental_1000_ms <= 150 ? 'met' : 'MISSED'}), peak RSS ≤ 500 MB (${out.peak_rss_mb <= 500 ? 'met' : 'MISSED'})`,
    );
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    await prm.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sync failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
