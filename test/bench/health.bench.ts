/**
 * `npm run bench:health [-- --scale large|xlarge]` (or BENCH_SCALE=…; default large) —
 * partner health on a demo book (large: ≈5,000 partners, 2.47M engagement events). Every
 * figure comes with its floor, measured in the same run and interleaved with the figure,
 * and the ratio of the two: milliseconds move with the machine's load, ratios much less.
 * Prints figures; asserts nothing.
 *
 * Figures (each `<name>_ms`, with `<name>_floor_ms` and `<name>_ratio` = figure ÷ floor):
 * - recompute: cold recompute of the 8 trend quarters' inputs and scores for every partner
 *   (median of 3). Floor: SQL reading every input row the recompute reads, same tables and
 *   windows, nothing grouped (health-floors.ts).
 * - portfolio: the warm `health.portfolio` (scores, deltas, churn risk of every partner;
 *   median of 15). Floor: SQL fetching its inputs — the partner records with owners, the
 *   tiers, the two dates' stored inputs — nothing decoded or computed (health-floors.ts).
 * - first_render: Chromium through the browser harness, a fresh load straight onto the
 *   Portfolio until its first rows are on screen (median of 5). Floor: a static page
 *   holding the same visible rows, loaded the same way (health-browser.ts).
 * - scroll_p95: the p95 frame time of a 240-frame fling over the whole grid, twice. Floor:
 *   a static page of the same height scrolled the same way.
 * Also: scale, partners, events; recompute_us_per_row (recompute ÷ the input rows its floor
 * reads) and portfolio_us_per_partner, so growth worse than linear shows across scales;
 * peak_rss_mb of this process (the service figures run here); load1, the 1-minute load
 * average (mean of samples taken before each phase).
 *
 * Issue 17's targets on the large book: portfolio_ratio ≤ 2, scroll_p95_ratio ≤ 1.15,
 * first_render_ratio ≤ 1.5; recompute_ratio is reported.
 *
 * Last line: {"bench":"health","scale":"large","partners":N,"events":N,"recompute_ms":N,
 * "recompute_floor_ms":N,"recompute_ratio":N,"portfolio_ms":N,…,"first_render_ms":N,…,
 * "scroll_p95_ms":N,…,"recompute_us_per_row":N,"portfolio_us_per_partner":N,"peak_rss_mb":N,"load1":N}
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../../src-main/db/connection';
import { createHealthService, previousQuarterEnd, TREND_QUARTERS, trendDates } from '../../src-main/services/health/service';
import { readCalendar } from '../../src-main/services/calendar';
import { fixedClock } from '../../src-main/base/clock';
import { cachedReplica, type BookKey } from './large-replica';
import { portfolioInputRead, recomputeInputRead } from './health-floors';
import { browserBench } from './health-browser';
import { setState } from '../../src-main/sync/state';

const AS_OF = '2026-11-20';
const REPO = resolve(import.meta.dirname, '../..');
const log = (m: string) => process.stderr.write(`[bench:health] ${m}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const ratio = (figure: number, floor: number) => Math.round((figure / floor) * 100) / 100;
const loads: number[] = [];
const sampleLoad = () => {
  const l = loadavg();
  loads.push(l[0]!);
  log(`load average ${l.map((x) => x.toFixed(2)).join(' ')} (2 cores shared: figures are noisy when it is busy)`);
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string' } } });
  // Passed through as given: large-replica.ts knows the scales.
  const scale = values.scale ?? process.env.BENCH_SCALE ?? 'large';
  const source = await cachedReplica({ seed: 42, scale: scale as BookKey['scale'], asOf: AS_OF }, log);
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-health-'));
  const dbPath = join(dir, 'partnerbook.sqlite');
  copyFileSync(source, dbPath);
  try {
    // ---- service figures ----
    const db = openDb(dbPath);
    // The cached replica is a finished full pull, recorded as the sync service records one:
    // without it the harness would show a book still loading (no figures, no Actions badge).
    setState(db.sqlite, 'last_synced_at', `${AS_OF}T08:00:00.000Z`);
    const counts = db.sqlite
      .prepare('SELECT (SELECT count(*) FROM partner) AS partners, (SELECT count(*) FROM engagement_event) AS events')
      .get() as { partners: number; events: number };
    sampleLoad();
    log(`book (${scale}): ${counts.partners.toLocaleString('en-US')} partners, ${counts.events.toLocaleString('en-US')} engagement events`);
    const health = createHealthService({ db, clock: fixedClock(AS_OF) });
    const dates = trendDates(AS_OF, TREND_QUARTERS, readCalendar(db)).map((t) => t.date);
    const recomputes: number[] = [];
    const recomputeFloors: number[] = [];
    let inputRows = 0;
    for (let i = 0; i < 3; i++) {
      const floor = recomputeInputRead(db, dates);
      recomputeFloors.push(floor.ms);
      inputRows = floor.rows;
      health.invalidate();
      recomputes.push(health.recompute());
    }
    log(`cold recompute of 8 quarters: ${recomputes.map(round).join(', ')} ms; floor, reading its ${inputRows.toLocaleString('en-US')} input rows: ${recomputeFloors.map(round).join(', ')} ms`);
    let t = performance.now();
    const first = health.portfolio();
    log(`first portfolio after recompute (fits the churn model: ${first.model.kind}, AUC ${first.model.auc?.toFixed(3) ?? 'n/a'}): ${round(performance.now() - t)} ms`);
    sampleLoad();
    const previous = previousQuarterEnd(AS_OF, readCalendar(db));
    const warm: number[] = [];
    const warmFloors: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 15; i++) {
      warmFloors.push(portfolioInputRead(db, AS_OF, previous));
      t = performance.now();
      const p = health.portfolio();
      warm.push(performance.now() - t);
      if (i === 0) bytes = JSON.stringify(p).length;
    }
    t = performance.now();
    JSON.stringify(health.portfolio());
    log(`warm portfolio: median ${round(median(warm))} ms (max ${round(Math.max(...warm))}); floor, reading its inputs: median ${round(median(warmFloors))} ms; with JSON encoding ${round(performance.now() - t)} ms for ${(bytes / 1e6).toFixed(1)} MB`);
    t = performance.now();
    health.partner(first.rows[Math.floor(first.rows.length / 2)]!.id);
    log(`partner health page query: ${round(performance.now() - t)} ms; rollup ${(() => {
      const s = performance.now();
      health.rollup();
      return round(performance.now() - s);
    })()} ms`);
    const restart = createHealthService({ db, clock: fixedClock(AS_OF) });
    t = performance.now();
    restart.portfolio();
    log(`portfolio after a restart (per-quarter cache on disk, model refit): ${round(performance.now() - t)} ms`);
    health.dispose();
    restart.dispose();
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

    // ---- browser figures ----
    sampleLoad();
    const b = await browserBench(REPO, dir, AS_OF, log);
    sampleLoad();
    const figure = (name: string, ms: number | null, floor: number | null) => ({
      [`${name}_ms`]: ms === null ? null : round(ms),
      [`${name}_floor_ms`]: floor === null ? null : round(floor),
      [`${name}_ratio`]: ms === null || floor === null ? null : ratio(ms, floor),
    });
    const line = {
      bench: 'health',
      scale,
      partners: counts.partners,
      events: counts.events,
      ...figure('recompute', median(recomputes), median(recomputeFloors)),
      ...figure('portfolio', median(warm), median(warmFloors)),
      ...figure('first_render', b?.firstRender ?? null, b?.firstRenderFloor ?? null),
      ...figure('scroll_p95', b?.scrollP95 ?? null, b?.scrollP95Floor ?? null),
      recompute_us_per_row: round((median(recomputes) * 1000) / inputRows),
      portfolio_us_per_partner: round((median(warm) * 1000) / counts.partners),
      peak_rss_mb: peakRssMb,
      load1: round(loads.reduce((a, l) => a + l, 0) / loads.length),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:health failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
