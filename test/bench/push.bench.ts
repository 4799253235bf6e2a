/**
 * bench:push — push 1,000 queued local edits to the demo PRM (a separate process, small
 * book) over loopback: ordered batches, per-field compare-and-set and result recording
 * on the server, results recorded and base rows refreshed on the client. Several
 * trials, each on a fresh copy of a synced replica (brought up to date with an
 * incremental pull first, so every edit applies cleanly). Prints figures; asserts nothing.
 *
 * Floor, measured in the same run before each trial: the push's round trips with nothing
 * in them — as many empty requests to the same server (`GET /v1/info`: HTTP, JSON, the
 * token) as the push sends batches. Final JSON line (names as in
 * test/bench/figures.ts):
 *   {"bench":"push","edits":1000,"batches":N,"push_ms":N,"push_floor_ms":N,"push_ratio":N,
 *    "median_ms":N,"cpu_ms":N,"load1":N,"cores":N,"floors":{"push":"…"}}
 * - push_ms (and median_ms, its earlier name): pushing the 1,000 edits, median of the trials
 * - push_floor_ms: the same number of empty round trips, median of the trials
 * - cpu_ms: this process's CPU time per push (the client's side), median
 *
 *   npm run bench:push
 *   BENCH_TRIALS=9 npm run bench:push
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src-main/db/connection';
import { startDemoPrmProcess } from '../../src-main/embedded-prm';
import { createPrmClient } from '../../src-main/sources/protocol-v1/client';
import { fixedClock } from '../../src-main/base/clock';
import { queueEdits, type EditInput } from '../../src-main/sync/edits';
import { pull } from '../../src-main/sync/pull';
import { push } from '../../src-main/sync/push';
import { CLI } from '../support/harness';
import { machine, median as med, withFloor } from './figures';

const EDITS = 1000;
const trials = Number(process.env.BENCH_TRIALS ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'pb-bench-push-'));
const clock = fixedClock('2026-11-20T10:00:00Z');
const log = (m: string) => process.stderr.write(`${m}\n`);

/** 1,000 edits spread over the book's objectives, initiatives, QBR notes and notes. */
function plan(db: Db, trial: number): EditInput[] {
  const ids = (sql: string) => (db.sqlite.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  const all = (e: string) => ids(`SELECT id FROM "${e}" ORDER BY id`);
  // objectives and initiatives of draft plans (a signed plan is locked); targets in whole units, so no win rates
  const inDraft = (e: string, where = '') =>
    ids(`SELECT x.id FROM "${e}" x JOIN jbp j ON j.id = x.jbp_id WHERE j.status = 'draft'${where} ORDER BY x.id`);
  const objectives = inDraft('jbp_objective', " AND x.metric != 'win_rate'");
  const initiatives = inDraft('jbp_initiative');
  const qbrNotes = all('qbr_note');
  const notes = all('note');
  const out: EditInput[] = [];
  for (let i = 0; out.length < EDITS; i++) {
    const k = i % 4;
    const pickFrom = [objectives, initiatives, qbrNotes, notes][k]!;
    const id = pickFrom[Math.floor(i / 4) % pickFrom.length]!;
    if (k === 0) out.push({ entity: 'jbp_objective', id, op: 'upsert', fields: { target: 1000 * (trial * 7919 + i + 1) } });
    else if (k === 1) out.push({ entity: 'jbp_initiative', id, op: 'upsert', fields: { notes: `Trial ${trial}, edit ${i}` } });
    else if (k === 2) out.push({ entity: 'qbr_note', id, op: 'upsert', fields: { body: `Trial ${trial}, edit ${i}` } });
    else out.push({ entity: 'note', id, op: 'upsert', fields: { body: `Trial ${trial}, edit ${i}` } });
  }
  return out;
}

async function main() {
  log('starting the demo PRM (small book, separate process)…');
  const prm = await startDemoPrmProcess({
    command: [process.execPath, CLI, 'demo-prm'],
    storePath: join(dir, 'prm.sqlite'),
    token: 'bench',
    scale: 'small',
    seed: 42,
    asOf: '2026-11-20',
  });
  try {
    const client = createPrmClient({ url: prm.url, token: 'bench', timeoutMs: 60_000 });
    const template = join(dir, 'template.sqlite');
    const t0 = performance.now();
    const first = openDb(template);
    await pull(first.sqlite, client, { pageSize: 5000 });
    first.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    first.close();
    log(`replica synced in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const times: number[] = [];
    const floors: number[] = [];
    const cpu: number[] = [];
    const batches = Math.ceil(EDITS / 250); // push's default batch size
    for (let t = 0; t < trials; t++) {
      const path = join(dir, `trial-${t}.sqlite`);
      copyFileSync(template, path);
      const db = openDb(path);
      await pull(db.sqlite, client, { pageSize: 5000 });
      // one transaction per edit, as the UI makes them
      for (const e of plan(db, t)) queueEdits(db.sqlite, clock, [e]);
      const queued = (db.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
      // A live connection first, so the floor times round trips, not connects (a kept-alive
      // socket the server closed while the edits were queued fails once; the push retries it too).
      await client.info().catch(() => client.info());
      const f0 = performance.now();
      for (let b = 0; b < batches; b++) await client.info();
      floors.push(performance.now() - f0);
      const start = performance.now();
      const c0 = process.cpuUsage();
      const res = await push(db.sqlite, client, { now: clock.now });
      const ms = performance.now() - start;
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(ms);
      log(
        `trial ${t + 1}: ${queued} edits pushed in ${ms.toFixed(0)} ms — applied ${res.applied}, merged ${res.merged}, conflicts ${res.conflicts}, rejected ${res.rejected}`,
      );
      if (res.pushed !== queued) log(`  warning: only ${res.pushed} of ${queued} were answered`);
      db.close();
      for (const s of ['', '-wal', '-shm']) rmSync(`${path}${s}`, { force: true });
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const fig = withFloor('push', times, floors);
    const m = machine();
    log(`push of ${EDITS} edits: median ${median.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (target ≤ 500 ms)`);
    log(`floor, ${batches} empty round trips: median ${fig.push_floor_ms} ms; ratio ${fig.push_ratio}; load average (1 min) ${m.load1} on ${m.cores} cores`);
    const line = {
      bench: 'push',
      edits: EDITS,
      batches,
      ...fig,
      median_ms: Math.round(median),
      cpu_ms: Math.round(med(cpu)),
      ...m,
      floors: { push: `${batches} empty round trips to the same server (GET /v1/info; as many as the push's batches)` },
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await prm.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:push failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
