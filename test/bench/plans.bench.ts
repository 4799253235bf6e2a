/**
 * bench:plans — the Plans page and the plan editor on the large demo book (about 5,000
 * partners): `plans.list` across the book (every plan's objectives with live actuals and
 * pace) and `plans.get` of single plans, warm. Uses the cached synced replica of
 * test/bench/large-replica.ts. Prints figures and one JSON line; asserts nothing.
 *
 *   npm run bench:plans
 *   BENCH_SCALE=small npm run bench:plans
 */
import { openDb } from '../../src-main/db/connection';
import { fixedClock } from '../../src-main/base/clock';
import { getPlan, listPlans } from '../../src-main/services/plans';
import { benchScale, machine, median, peakRssMb, recording, replayer, timed, withFloor, type Read } from './figures';
import { cachedReplica, type BookKey } from './large-replica';

const scale = benchScale();
const asOf = process.env.BENCH_AS_OF ?? '2026-11-20';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const log = (m: string) => process.stderr.write(`${m}\n`);

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function main() {
  const path = await cachedReplica({ seed: 42, scale: scale as BookKey['scale'], asOf }, log);
  const db = openDb(path, { readonly: true });
  try {
    const clock = fixedClock(asOf);
    const plans = listPlans(db, clock);
    const objectives = plans.reduce((s, p) => s + p.objectives, 0);
    log(`${scale} book: ${plans.length} plans, ${objectives} objectives`);
    const listReads: Read[] = [];
    listPlans(recording(db, listReads), clock);
    const listFloor = replayer(db, listReads);
    listFloor();
    const list: number[] = [];
    const listFloorMs: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      if (i % 2) listFloorMs.push(time(listFloor));
      const r = timed(() => listPlans(db, clock));
      list.push(r.ms);
      cpu.push(r.cpuMs);
      if (i % 2 === 0) listFloorMs.push(time(listFloor));
    }
    const sample = plans.filter((_, i) => i % Math.max(1, Math.floor(plans.length / 25)) === 0).slice(0, 25);
    const get: number[] = [];
    const getFloor: number[] = [];
    for (const p of sample) {
      const reads: Read[] = [];
      getPlan(recording(db, reads), clock, p.id);
      const floor = replayer(db, reads);
      floor();
      getFloor.push(time(floor));
      get.push(time(() => getPlan(db, clock, p.id)));
    }
    const m = machine();
    const figures = {
      bench: 'plans',
      scale,
      plans: plans.length,
      objectives,
      ...withFloor('list', list, listFloorMs),
      list_ms_max: Math.round(Math.max(...list) * 10) / 10,
      ...withFloor('get', get, getFloor),
      get_ms_max: Math.round(Math.max(...get) * 10) / 10,
      cpu_ms: Math.round(median(cpu)),
      peak_rss_mb: peakRssMb(),
      ...m,
      floors: {
        list: `the SQL plans.list runs (${listReads.length} statements), replayed with its parameters`,
        get: "the SQL plans.get runs for the same plan, replayed with its parameters",
      },
    };
    log(`plans.list: median ${figures.list_ms} ms (max ${figures.list_ms_max}) over ${RUNS} runs; input-read floor ${figures.list_floor_ms} ms; ratio ${figures.list_ratio}`);
    log(`plans.get:  median ${figures.get_ms} ms (max ${figures.get_ms_max}) over ${sample.length} plans; input-read floor ${figures.get_floor_ms} ms; ratio ${figures.get_ratio}`);
    log(`load average (1 min) ${m.load1} on ${m.cores} cores`);
    console.log(JSON.stringify(figures));
  } finally {
    db.close();
  }
}

void main();
