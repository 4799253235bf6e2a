/**
 * Whether the Salesforce connector's initial sync costs more per row as the org grows:
 * for each size (copies of the AdventureWorks book, scale.ts) a fake org in a child process
 * (scale-probe-child.ts) and one initial sync into a fresh replica file, printing CPU
 * microseconds per row for the client (this process) and for the fake (the child) apart.
 *
 *   npx tsx tools/fake-salesforce/scale-probe.ts 1,1,8 [bulk]
 *
 * (the first size warms the client up). `bulk`: objects above the connector's threshold
 * through Bulk API 2.0; else REST query pages only. PROF=dir profiles the fake (--cpu-prof).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src-main/base/clock';
import { openDb } from '../../src-main/db/connection';
import { EventBus } from '../../src-main/events';
import { salesforceConnector } from '../../src-main/sources/salesforce/source';
import { createSyncService } from '../../src-main/sync/service';

type Msg = { url?: string; token?: string; records?: number; cpu?: number };

async function one(copies: number, bulk: boolean): Promise<void> {
  const prof = process.env.PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROF}`] : [];
  const child = fork(join(import.meta.dirname, 'scale-probe-child.ts'), [String(copies)], { execArgv: ['--import', 'tsx', ...prof] });
  const next = () => new Promise<Msg>((resolve) => child.once('message', (m) => resolve(m as Msg)));
  const ready = await next();
  const dir = mkdtempSync(join(tmpdir(), 'pb-scale-probe-'));
  const db = openDb(join(dir, 'replica.sqlite'));
  const source = salesforceConnector({ instanceUrl: ready.url!, accessToken: ready.token!, bulk: bulk ? {} : { threshold: Number.POSITIVE_INFINITY } });
  const sync = createSyncService({ db, clock: systemClock, events: new EventBus(), source: () => source, timeoutMs: 600_000 });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const s = await sync.run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  child.send('cpu');
  const fake = (await next()).cpu ?? 0;
  child.send('exit');
  await sync.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
  const client = (c.user + c.system) / 1000;
  const perRow = (ms: number) => Math.round((ms * 1000) / Math.max(1, s.pulled));
  process.stdout.write(`${JSON.stringify({ copies, bulk, records: ready.records, rows: s.pulled, ok: s.ok, wall_ms: Math.round(wall), client_cpu_us_per_row: perRow(client), fake_cpu_us_per_row: perRow(fake) })}\n`);
}

async function main(): Promise<void> {
  const sizes = (process.argv[2] ?? '1,1,8').split(',').map(Number);
  for (const n of sizes) await one(n, process.argv[3] === 'bulk');
}

void main();
