/**
 * `npm run bench:salesforce` — the Salesforce connector against the fake org
 * (tools/fake-salesforce, seeded from ../shared/data AdventureWorks): the initial sync of
 * the book as rows/s against its floor measured in the same run (the same rows inserted
 * raw into a fresh replica), and an incremental sync of 1,000 server-side changes; then
 * the same for a scaled copy of about 500,000 records (tools/fake-salesforce/scale.ts:
 * the partner records copied deterministically, inserted into the org one copy at a
 * time), with the process's peak RSS (the fake org is in it too). `BENCH_SF_SCALED=0`
 * leaves the scaled run out. Prints figures; asserts nothing. The fake answers from this process, so its own CPU is
 * in the sync figure (the floor is not): the ratio is a lower bound for a real org.
 *
 * Last line: {"bench":"salesforce","rows":N,"initial_ms":N,"rows_per_s":N,"floor":"raw insert","raw_ms":N,"ratio":N,"incremental_1000_ms":N,
 *   "scaled":{"records":N,"rows":N,"initial_ms":N,"rows_per_s":N,"raw_ms":N,"ratio":N,"bulk_initial_ms":N,"bulk_rows_per_s":N,"bulk_jobs":N},"peak_rss_mb":N,...}
 * The scaled copy's `rows_per_s` is the load by REST query pages only; `bulk_rows_per_s` the
 * same load with objects of BULK_THRESHOLD rows or more through Bulk API 2.0 query jobs
 * (src-main/sources/salesforce/bulk.ts; the fake completes a job at its second state check,
 * so each job costs one poll interval, 2 s).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITY_NAMES } from '../../src-shared/domain/entities';
import { systemClock } from '../../src-main/base/clock';
import { openDb } from '../../src-main/db/connection';
import { EventBus } from '../../src-main/events';
import { BULK_THRESHOLD, type BulkOptions } from '../../src-main/sources/salesforce/bulk';
import { salesforceConnector } from '../../src-main/sources/salesforce/source';
import { COLUMNS } from '../../src-main/sync/apply';
import { createSyncService } from '../../src-main/sync/service';
import { scaleOrg } from '../../tools/fake-salesforce/scale';
import { DEFAULT_DATA_DIR } from '../../tools/fake-salesforce/seed';
import { startFakeSalesforce } from '../../tools/fake-salesforce/server';

const log = (m: string) => process.stderr.write(`[bench:salesforce] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!existsSync(DEFAULT_DATA_DIR)) {
    log(`skipped: ${DEFAULT_DATA_DIR} is not on this machine`);
    process.stdout.write(`${JSON.stringify({ bench: 'salesforce', skipped: 'no data folder' })}\n`);
    return;
  }
  const sf = await startFakeSalesforce({});
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-sf-'));
  const admin = (path: string, body: unknown) =>
    fetch(`${sf.url}/__fake/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
  try {
    const token = String((await admin('session', {})).access_token);
    const connector = salesforceConnector({ instanceUrl: sf.url, accessToken: token });
    const initial: number[] = [];
    let rows = 0;
    let lastDb = '';
    let incrementalMs = -1;
    let incrementalRows = 0;
    for (let i = 0; i < 3; i++) {
      lastDb = join(dir, `sync-${i}.sqlite`);
      const db = openDb(lastDb);
      const sync = createSyncService({ db, clock: systemClock, events: new EventBus(), source: () => connector });
      const t0 = performance.now();
      const s = await sync.run();
      initial.push(performance.now() - t0);
      if (!s.ok) throw new Error(s.error ?? 'sync failed');
      rows = s.pulled;
      if (i < 2) db.close();
      else {
        // Incremental: 1,000 opportunities edited in the org, covered once its minute has passed.
        await admin('edit', { object: 'Opportunity', count: 1000, seed: 11 });
        await admin('clock', { advanceSeconds: 120 });
        const t1 = performance.now();
        const inc = await sync.run();
        incrementalMs = performance.now() - t1;
        // The 1,000 deals, and what the connector derives from them (an influenced deal's partner row).
        if (!inc.ok || inc.pulled < 1000) throw new Error(`incremental pulled ${inc.pulled}: ${inc.error ?? ''}`);
        incrementalRows = inc.pulled;
        db.close();
      }
      log(`initial sync ${i + 1}: ${initial.at(-1)!.toFixed(0)} ms, ${rows} rows`);
    }
    const rm = median(await rawFloor(lastDb, dir, 3));
    const im = median(initial);
    await sf.close();
    const scaled = process.env.BENCH_SF_SCALED === '0' ? null : await scaledRun(dir);
    const result = {
      bench: 'salesforce',
      rows,
      initial_ms: Math.round(im),
      rows_per_s: Math.round((rows / im) * 1000),
      floor: 'raw insert of the same rows',
      raw_ms: Math.round(rm),
      ratio: Math.round((rm / im) * 1000) / 1000,
      incremental_1000_ms: Math.round(incrementalMs),
      incremental_rows: incrementalRows,
      scaled: scaled ?? 'left out (BENCH_SF_SCALED=0)',
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      load: loadavg().map((x) => Math.round(x * 100) / 100),
    };
    log(`initial ${result.rows_per_s} rows/s (ratio ${result.ratio} to the raw insert); incremental 1,000 changes ${result.incremental_1000_ms} ms`);
    if (scaled) log(`scaled: ${scaled.records} records in the org, ${scaled.rows} rows synced at ${scaled.rows_per_s} rows/s by REST (ratio ${scaled.ratio}), ${scaled.bulk_rows_per_s} rows/s with Bulk API 2.0; peak RSS ${result.peak_rss_mb} MB`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await sf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The floor: the rows a sync stored (in `path`), inserted raw into a fresh replica in one
 * transaction, `runs` times. Rows are read one entity at a time, outside the timing.
 */
async function rawFloor(path: string, dir: string, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const source = openDb(path, { readonly: true });
    const target = join(dir, `raw-${i}.sqlite`);
    const db = openDb(target);
    db.sqlite.pragma('foreign_keys = OFF');
    let ms = 0;
    db.sqlite.exec('BEGIN');
    for (const e of ENTITY_NAMES) {
      const rs = source.sqlite.prepare(`SELECT * FROM "${e}"`).raw().all() as unknown[][];
      if (rs.length === 0) continue;
      const cols = [...COLUMNS[e], 'version'];
      const stmt = db.sqlite.prepare(`INSERT INTO "${e}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      const t0 = performance.now();
      for (const r of rs) stmt.run(...r.slice(0, cols.length));
      ms += performance.now() - t0;
    }
    const t1 = performance.now();
    db.sqlite.exec('COMMIT');
    ms += performance.now() - t1;
    out.push(ms);
    db.close();
    source.close();
    for (const s of ['', '-wal', '-shm']) rmSync(`${target}${s}`, { force: true });
  }
  return out;
}

/** About 500,000 records: the AdventureWorks book and its copies; one initial sync against the raw-insert floor. */
async function scaledRun(dir: string) {
  const TARGET = 500_000;
  const sf = await startFakeSalesforce({});
  try {
    const base = sf.org.schema.objects.reduce((n, def) => n + sf.org.count(def), 0);
    const t0 = performance.now();
    const records = scaleOrg(sf.org, Math.max(1, Math.round(TARGET / base)));
    log(`scaled org: ${records} records (${Math.round(TARGET / base)} copies of ${base}) in ${(performance.now() - t0).toFixed(0)} ms`);
    const res = await fetch(`${sf.url}/__fake/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const token = String(((await res.json()) as Record<string, unknown>).access_token);
    const path = join(dir, 'scaled.sqlite');
    /** One initial sync into `file`: REST query pages only, or objects of BULK_THRESHOLD rows or more through Bulk API 2.0. */
    const initialSync = async (file: string, bulk: BulkOptions) => {
      const db = openDb(file);
      const sync = createSyncService({ db, clock: systemClock, events: new EventBus(), source: () => salesforceConnector({ instanceUrl: sf.url, accessToken: token, bulk }), timeoutMs: 600_000 });
      const t1 = performance.now();
      const s = await sync.run();
      const ms = performance.now() - t1;
      await sync.close();
      db.close();
      if (!s.ok) throw new Error(s.error ?? 'scaled sync failed');
      return { ms, pulled: s.pulled };
    };
    const { ms, pulled } = await initialSync(path, { threshold: Number.POSITIVE_INFINITY });
    const s = { pulled };
    log(`scaled initial sync (REST query pages): ${ms.toFixed(0)} ms, ${s.pulled} rows`);
    const jobs = sf.bulk.created;
    const bulk = await initialSync(join(dir, 'scaled-bulk.sqlite'), {});
    log(`scaled initial sync (Bulk API 2.0 for objects of ${BULK_THRESHOLD} rows or more, ${sf.bulk.created - jobs} jobs): ${bulk.ms.toFixed(0)} ms, ${bulk.pulled} rows`);
    if (bulk.pulled !== s.pulled) throw new Error(`the Bulk load pulled ${bulk.pulled} rows, the REST load ${s.pulled}`);
    await sf.close();
    const raw = median(await rawFloor(path, dir, 3));
    return {
      records,
      rows: s.pulled,
      initial_ms: Math.round(ms),
      rows_per_s: Math.round((s.pulled / ms) * 1000),
      raw_ms: Math.round(raw),
      ratio: Math.round((raw / ms) * 1000) / 1000,
      bulk_initial_ms: Math.round(bulk.ms),
      bulk_rows_per_s: Math.round((bulk.pulled / bulk.ms) * 1000),
      bulk_jobs: sf.bulk.created - jobs,
    };
  } finally {
    await sf.close();
  }
}

void main();
