/**
 * `npm run bench:salesforce` — the Salesforce connector against the fake org
 * (tools/fake-salesforce, seeded from ../shared/data AdventureWorks): the initial sync of
 * the book as rows/s against its floor measured in the same run (the same rows inserted
 * raw into a fresh replica), and an incremental sync of 1,000 server-side changes.
 * Prints figures; asserts nothing. The fake answers from this process, so its own CPU is
 * in the sync figure (the floor is not): the ratio is a lower bound for a real org.
 *
 * Last line: {"bench":"salesforce","rows":N,"initial_ms":N,"rows_per_s":N,"floor":"raw insert","raw_ms":N,"ratio":N,"incremental_1000_ms":N,...}
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ENTITY_NAMES } from '../../src-shared/domain/entities';
import { systemClock } from '../../src-main/base/clock';
import { openDb } from '../../src-main/db/connection';
import { EventBus } from '../../src-main/events';
import { salesforceConnector } from '../../src-main/sources/salesforce/source';
import { COLUMNS } from '../../src-main/sync/apply';
import { createSyncService } from '../../src-main/sync/service';
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
        if (!inc.ok || inc.pulled !== 1000) throw new Error(`incremental pulled ${inc.pulled}: ${inc.error ?? ''}`);
        db.close();
      }
      log(`initial sync ${i + 1}: ${initial.at(-1)!.toFixed(0)} ms, ${rows} rows`);
    }
    // The floor: the rows that sync stored, inserted raw into a fresh replica.
    const source = openDb(lastDb, { readonly: true });
    const data = ENTITY_NAMES.map((e) => ({ e, rows: source.sqlite.prepare(`SELECT * FROM "${e}"`).raw().all() as unknown[][] }));
    source.close();
    const raw: number[] = [];
    for (let i = 0; i < 3; i++) {
      const db = openDb(join(dir, `raw-${i}.sqlite`));
      db.sqlite.pragma('foreign_keys = OFF');
      const t0 = performance.now();
      db.sqlite.transaction(() => {
        for (const { e, rows: rs } of data) {
          if (rs.length === 0) continue;
          const cols = [...COLUMNS[e], 'version'];
          const stmt = db.sqlite.prepare(`INSERT INTO "${e}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
          for (const r of rs) stmt.run(...r.slice(0, cols.length));
        }
      })();
      raw.push(performance.now() - t0);
      db.close();
    }
    const im = median(initial);
    const rm = median(raw);
    const result = {
      bench: 'salesforce',
      rows,
      initial_ms: Math.round(im),
      rows_per_s: Math.round((rows / im) * 1000),
      floor: 'raw insert of the same rows',
      raw_ms: Math.round(rm),
      ratio: Math.round((rm / im) * 1000) / 1000,
      incremental_1000_ms: Math.round(incrementalMs),
      scaled_500k: 'not measured: the fake seeds the AdventureWorks book only',
      load: loadavg().map((x) => Math.round(x * 100) / 100),
    };
    log(`initial ${result.rows_per_s} rows/s (ratio ${result.ratio} to the raw insert); incremental 1,000 changes ${result.incremental_1000_ms} ms`);
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await sf.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
