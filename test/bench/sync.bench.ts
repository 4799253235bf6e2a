/**
 * bench:sync — the client's pull, each figure against a floor measured in the same run.
 * Prints progress on stderr and one JSON line on stdout; asserts nothing.
 *
 *   npm run bench:sync                          # large book (2.87M rows), ladder small → large
 *   npm run bench:sync -- --scale xlarge        # or BENCH_SCALE=xlarge (11.2M rows)
 *   npm run bench:sync -- --scale large --no-ladder --runs 3
 *   npm run bench:sync -- --incremental-only [--runs 5]   # only the incremental figures, from the
 *                                               # cached replica (seconds, not minutes)
 *   npm run bench:sync -- --incremental-only --no-background-checkpoint   # as before db/checkpoint
 *
 * Books, PRM stores and recorded pages are cached (large-replica.ts, recorded-pages.ts):
 * the first run at a scale generates and records them (xlarge: 4.3 + 6.7 minutes here,
 * at a load average of about 13; peak RSS 580 MB; 2.3 GB of store and 2.6 GB of pages).
 *
 * Figures (every one is `{…, floor, ratio}`; a rate's ratio is figure / floor, so higher
 * is better; a time's or a size's ratio is figure / floor, so lower is better):
 *  - `client_pull`: full pull of the recorded change pages served by a trivial static
 *    server in another process (static-pages-server.mjs), so the demo PRM's CPU is not in
 *    it. `rows_per_s`; `floor`: rows per second of the raw insert, the same rows inserted
 *    with prepared statements in one transaction into a fresh replica (sync-floor.ts).
 *    Target ratio ≥ 0.5.
 *  - `end_to_end`: the same pull from the demo PRM (its own process, as the app runs it),
 *    against the same raw floor.
 *  - `incremental_1000`: pull after 1,000 server-side edits, from the demo PRM, `ms` (median
 *    of the runs, at least 3); `floor`: ms of a pull with nothing to bring (one round trip).
 *    Target ratio ≤ 3. `background_checkpoint_ms`: how long the replica's checkpoint the
 *    pull asked for ran on after it, off its thread (db/checkpoint; not in `ms`).
 *  - `incremental_1000_client`: the same, the client alone: the pages those pulls received,
 *    recorded, pulled again into a copy of the replica as it was, from the static server;
 *    `floor`: an empty pull from it.
 *  - `write_floor` (in both incremental figures): the same pulls' rows written into another
 *    copy of the replica as it was by SQLite alone (sync-incremental.ts
 *    `incrementalWriteFloor`: the INSERTs, UPDATEs of the altered columns and DELETEs, each
 *    pull's in one committed transaction; no round trip, JSON or validation). `ms`, `ratio`
 *    (the pull ÷ its writes: what the client adds), `floor_vs_empty` (the writes alone ÷ an
 *    empty pull: when that is over 3, the ≤ 3× target is out of reach of any client of this
 *    replica on this disk).
 *  - `peak_rss_mb`: this (the main) process's peak RSS during the client pull at the
 *    chosen scale; floor = its RSS when the pull started. Target ≤ 1,024 MB at xlarge.
 *  - `per_row_us`: per scale of the ladder (small → the chosen one), the client pull's
 *    µs per row; floor = the raw insert's µs per row; `growth` = this scale's µs per row /
 *    the previous scale's. `xlarge_vs_large` (at xlarge): value = xlarge's µs per row,
 *    floor = large's, target ratio ≤ 1.3.
 *  - `cpu` (in client_pull, incremental_1000, per_row_us, xlarge_vs_large): the same
 *    figure and floor in CPU time of this process (process.cpuUsage) instead of wall time
 *    (for the incremental pulls that is the client's share alone: the demo PRM runs in
 *    another process). Other work on the machine stretches wall times; CPU times much less.
 * `load` is the 1/5/15-minute load average when the run ended (2 cores here).
 */
import { loadavg, tmpdir } from 'node:os';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startDemoPrmProcess } from '../../src-main/embedded-prm';
import { CLI } from '../support/harness';
import { BENCH_SCALES, benchScale, cachedReplica, copyPrmStore, type BenchScale, type BookKey } from './large-replica';
import { cachedPages, serveRecordedPages, type RecordedPages } from './recorded-pages';
import { clientIncremental, incrementalRuns, incrementalWriteFloor, warmCopy, type IncrementalFigures, type IncrementalOptions, type WriteFloor } from './sync-incremental';
import { median, PAGE_SIZE, rawInsert, removeDb, timedPull, type PullFigures } from './sync-floor';

const AS_OF = '2026-11-20';
const log = (m: string) => process.stderr.write(`[sync] ${m}\n`);
const round = (n: number, digits = 3) => Number(n.toFixed(digits));
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const keyOf = (scale: BenchScale): BookKey => ({ seed: 42, scale, asOf: AS_OF });

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface ScaleFigures {
  rows: number;
  pullMs: number;
  pullCpuMs: number;
  rawMs: number;
  rawCpuMs: number;
  last: PullFigures;
}

/** Client pulls of the recorded pages at one scale (`runs` times, median), then the raw floor. */
async function clientOnly(scale: BenchScale, dir: string, runs: number): Promise<ScaleFigures> {
  const pages = cachedPages(keyOf(scale), PAGE_SIZE, log);
  const server = await serveRecordedPages(pages);
  const replica = join(dir, `client-${scale}.sqlite`);
  const times: number[] = [];
  const cpus: number[] = [];
  let last: PullFigures | undefined;
  try {
    for (let r = 0; r < runs; r++) {
      last = await timedPull(server.url, replica);
      if (last.rows !== pages.rows) throw new Error(`pulled ${last.rows} rows of the ${pages.rows} recorded`);
      times.push(last.ms);
      cpus.push(last.cpuMs);
      log(`${scale}: client pull ${r + 1}/${runs}: ${last.rows.toLocaleString('en-US')} rows in ${(last.ms / 1000).toFixed(1)} s (CPU ${(last.cpuMs / 1000).toFixed(1)} s), peak RSS ${mb(last.rssPeak)} MB, largest WAL ${mb(last.walPeak)} MB`);
    }
  } finally {
    await server.stop();
  }
  if (!last) throw new Error('no run');
  const raw = rawInsert(replica, join(dir, `raw-${scale}.sqlite`));
  log(`${scale}: raw insert: ${raw.rows.toLocaleString('en-US')} rows in ${(raw.ms / 1000).toFixed(1)} s (CPU ${(raw.cpuMs / 1000).toFixed(1)} s)`);
  removeDb(replica);
  return { rows: last.rows, pullMs: median(times), pullCpuMs: median(cpus), rawMs: raw.ms, rawCpuMs: raw.cpuMs, last };
}

/**
 * The full pull from the demo PRM, then empty and 1,000-row incremental pulls from it (their
 * pages recorded), then the same incremental pulls of the recorded pages from a static
 * server into a copy of the replica as it was before them (the client alone).
 */
async function endToEnd(scale: BenchScale, dir: string, runs: number, o: IncrementalOptions & { incrementalOnly: boolean }) {
  const storePath = copyPrmStore(keyOf(scale), join(dir, 'prm.sqlite'), log);
  const path = join(dir, 'e2e.sqlite');
  const before = join(dir, 'client-incremental.sqlite');
  const n = Math.max(3, runs);
  let full: PullFigures | null = null;
  let e2e: IncrementalFigures;
  let recorded: (RecordedPages & { lastCursor: string }) | undefined;
  const prm = await startDemoPrmProcess({ command: [process.execPath, CLI, 'demo-prm'], storePath, token: 'bench', scale, seed: 42, asOf: AS_OF, timeoutMs: 900_000 });
  try {
    if (o.incrementalOnly) {
      // The cached replica was pulled from the cached store: it is at the store's head.
      copyFileSync(await cachedReplica(keyOf(scale), log), path);
      warmCopy(path);
    } else {
      full = await timedPull(prm.url, path);
      log(`${scale}: end-to-end pull: ${full.rows.toLocaleString('en-US')} rows in ${(full.ms / 1000).toFixed(1)} s, largest WAL ${mb(full.walPeak)} MB`);
    }
    copyFileSync(path, before);
    ({ figures: e2e, recorded } = await incrementalRuns(prm.url, path, n, 1000, o, join(dir, 'incremental-pages')));
  } finally {
    await prm.stop();
  }
  const runsText = (xs: number[]) => xs.map((t) => t.toFixed(1)).join(', ');
  log(`${scale}: end-to-end: empty pulls ${runsText(e2e.all.emptyMs)} ms; 1,000-edit pulls (${e2e.rows} rows) ${runsText(e2e.all.ms)} ms`);
  log(`${scale}: end-to-end: client CPU of the empty pulls ${runsText(e2e.all.emptyCpuMs)} ms; of the 1,000-edit pulls ${runsText(e2e.all.cpuMs)} ms; background checkpoint ${e2e.checkpointMs.toFixed(1)} ms`);
  if (!recorded) throw new Error('no incremental pages were recorded');
  const floorCopy = join(dir, 'write-floor.sqlite');
  copyFileSync(before, floorCopy);
  const server = await serveRecordedPages(recorded);
  let client: IncrementalFigures;
  try {
    client = await clientIncremental(server.url, before, n, o, recorded.lastCursor);
  } finally {
    await server.stop();
  }
  log(`${scale}: client only (static pages): empty pulls ${runsText(client.all.emptyMs)} ms; 1,000-edit pulls (${client.rows} rows) ${runsText(client.all.ms)} ms`);
  log(`${scale}: client only: CPU of the empty pulls ${runsText(client.all.emptyCpuMs)} ms; of the 1,000-edit pulls ${runsText(client.all.cpuMs)} ms; background checkpoint ${client.checkpointMs.toFixed(1)} ms`);
  removeDb(before);
  const writes = await incrementalWriteFloor(recorded.dir, floorCopy, o);
  log(`${scale}: write floor (the same pulls' ${writes.writes} row writes and commit alone): ${runsText(writes.all.ms)} ms; CPU ${runsText(writes.all.cpuMs)} ms`);
  removeDb(floorCopy);
  return { full, e2e, client, writes };
}

/**
 * An incremental figure: against the empty pull (`floor`, the target: ratio ≤ 3), and
 * against the write floor (`write_floor`: the same rows written by SQLite alone, which no
 * client of this replica can beat; its `ratio` says what the pull adds to those writes).
 */
function incrementalFigure(f: IncrementalFigures, w: WriteFloor) {
  return {
    ms: round(f.ms, 1),
    rows: f.rows,
    floor: round(f.emptyMs, 1),
    ratio: round(f.ms / f.emptyMs, 2),
    cpu: { ms: round(f.cpuMs, 1), floor: round(f.emptyCpuMs, 1), ratio: round(f.cpuMs / f.emptyCpuMs, 2) },
    write_floor: { ms: round(w.ms, 1), ratio: round(f.ms / w.ms, 2), writes: w.writes, floor_vs_empty: round(w.ms / f.emptyMs, 2) },
    background_checkpoint_ms: round(f.checkpointMs, 1),
  };
}

async function main() {
  const scale = benchScale('large');
  const runs = Math.max(1, Number(option('--runs') ?? process.env.BENCH_RUNS ?? 1));
  const ladder = process.argv.includes('--no-ladder') ? [scale] : BENCH_SCALES.slice(0, BENCH_SCALES.indexOf(scale) + 1);
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-sync-'));
  const incremental = { backgroundCheckpoint: !process.argv.includes('--no-background-checkpoint'), incrementalOnly: process.argv.includes('--incremental-only') };
  try {
    if (incremental.incrementalOnly) {
      const e2e = await endToEnd(scale, dir, runs, incremental);
      const out = {
        bench: 'sync',
        scale,
        runs: Math.max(3, runs),
        background_checkpoint: incremental.backgroundCheckpoint,
        incremental_1000: incrementalFigure(e2e.e2e, e2e.writes),
        incremental_1000_client: incrementalFigure(e2e.client, e2e.writes),
        load: loadavg().map((l) => round(l, 2)),
      };
      log(
        `targets: incremental ≤ 3× empty (end to end ${out.incremental_1000.ratio}; client only ${out.incremental_1000_client.ratio}); ` +
          `the writes alone are ${out.incremental_1000_client.write_floor.floor_vs_empty}× an empty pull, and the client's pull ${out.incremental_1000_client.write_floor.ratio}× its writes`,
      );
      process.stdout.write(`${JSON.stringify(out)}\n`);
      return;
    }
    const perScale = new Map<BenchScale, ScaleFigures>();
    for (const s of ladder) perScale.set(s, await clientOnly(s, dir, s === scale ? runs : 1));
    const at = perScale.get(scale) as ScaleFigures;
    const rawRate = at.rows / (at.rawMs / 1000);
    const e2e = await endToEnd(scale, dir, runs, incremental);

    type PerRow = { value: number; floor: number; ratio: number; growth: number | null };
    const perRow: Record<string, PerRow & { cpu: PerRow }> = {};
    let previous: { wall: number; cpu: number } | null = null;
    for (const [s, f] of perScale) {
      const value = (f.pullMs * 1000) / f.rows;
      const floor = (f.rawMs * 1000) / f.rows;
      const cpuValue = (f.pullCpuMs * 1000) / f.rows;
      const cpuFloor = (f.rawCpuMs * 1000) / f.rows;
      perRow[s] = {
        value: round(value),
        floor: round(floor),
        ratio: round(value / floor),
        growth: previous ? round(value / previous.wall) : null,
        cpu: { value: round(cpuValue), floor: round(cpuFloor), ratio: round(cpuValue / cpuFloor), growth: previous ? round(cpuValue / previous.cpu) : null },
      };
      previous = { wall: value, cpu: cpuValue };
    }
    const clientCpuRate = at.rows / (at.pullCpuMs / 1000);
    const rawCpuRate = at.rows / (at.rawCpuMs / 1000);
    const clientRate = at.rows / (at.pullMs / 1000);
    if (!e2e.full) throw new Error('no end-to-end pull');
    const e2eRate = e2e.full.rows / (e2e.full.ms / 1000);
    const large = perRow.large;
    const xlarge = perRow.xlarge;
    const out = {
      bench: 'sync',
      scale,
      rows: at.rows,
      runs,
      client_pull: {
        rows_per_s: Math.round(clientRate),
        floor: Math.round(rawRate),
        ratio: round(clientRate / rawRate),
        cpu: { rows_per_cpu_s: Math.round(clientCpuRate), floor: Math.round(rawCpuRate), ratio: round(clientCpuRate / rawCpuRate) },
      },
      end_to_end: { rows_per_s: Math.round(e2eRate), floor: Math.round(rawRate), ratio: round(e2eRate / rawRate) },
      incremental_1000: incrementalFigure(e2e.e2e, e2e.writes),
      incremental_1000_client: incrementalFigure(e2e.client, e2e.writes),
      peak_rss_mb: { mb: mb(at.last.rssPeak), floor: mb(at.last.rssBefore), ratio: round(at.last.rssPeak / at.last.rssBefore, 2) },
      per_row_us: perRow,
      ...(large && xlarge
        ? {
            xlarge_vs_large: {
              value: xlarge.value,
              floor: large.value,
              ratio: round(xlarge.value / large.value),
              cpu: { value: xlarge.cpu.value, floor: large.cpu.value, ratio: round(xlarge.cpu.value / large.cpu.value) },
            },
          }
        : {}),
      load: loadavg().map((l) => round(l, 2)),
    };
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    log(
      `targets: client pull ≥ 0.5 of raw (${out.client_pull.ratio}, ${verdict(out.client_pull.ratio >= 0.5)}); incremental ≤ 3× empty (end to end ${out.incremental_1000.ratio}, ${verdict(out.incremental_1000.ratio <= 3)}; client only ${out.incremental_1000_client.ratio}, ${verdict(out.incremental_1000_client.ratio <= 3)}; the writes alone ${out.incremental_1000_client.write_floor.floor_vs_empty}× empty, the client ${out.incremental_1000_client.write_floor.ratio}× its writes)` +
        (scale === 'xlarge'
          ? `; peak RSS ≤ 1024 MB (${out.peak_rss_mb.mb}, ${verdict(out.peak_rss_mb.mb <= 1024)})` +
            (out.xlarge_vs_large ? `; per-row xlarge ≤ 1.3× large (${out.xlarge_vs_large.ratio}, ${verdict(out.xlarge_vs_large.ratio <= 1.3)})` : '')
          : ''),
    );
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sync failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
