/**
 * bench:plans — the Plans page and the plan editor on the large demo book (about 5,000
 * partners): `plans.list` across the book (every plan's objectives with live actuals and
 * pace) and `plans.get` of single plans, warm. Uses the cached synced replica of
 * test/bench/large-replica.ts. Prints figures and one JSON line; asserts nothing.
 *
 *   npx tsx test/bench/plans.bench.ts
 *   BENCH_SCALE=small npx tsx test/bench/plans.bench.ts
 */
import { openDb } from '../../src-main/db/connection';
import { fixedClock } from '../../src-main/base/clock';
import { getPlan, listPlans } from '../../src-main/services/plans';
import { cachedReplica } from './large-replica';

const scale = (process.env.BENCH_SCALE ?? 'large') as 'small' | 'medium' | 'large';
const asOf = process.env.BENCH_AS_OF ?? '2026-11-20';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const log = (m: string) => process.stderr.write(`${m}\n`);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

async function main() {
  const path = await cachedReplica({ seed: 42, scale, asOf }, log);
  const db = openDb(path);
  try {
    const clock = fixedClock(asOf);
    const plans = listPlans(db, clock);
    const objectives = plans.reduce((s, p) => s + p.objectives, 0);
    log(`book: ${plans.length} plans, ${objectives} objectives`);
    const list = Array.from({ length: RUNS }, () => time(() => listPlans(db, clock)));
    const sample = plans.filter((_, i) => i % Math.max(1, Math.floor(plans.length / 25)) === 0).slice(0, 25);
    const get = sample.map((p) => time(() => getPlan(db, clock, p.id)));
    const figures = {
      bench: 'plans',
      scale,
      plans: plans.length,
      objectives,
      list_ms_median: Math.round(median(list) * 10) / 10,
      list_ms_max: Math.round(Math.max(...list) * 10) / 10,
      get_ms_median: Math.round(median(get) * 10) / 10,
      get_ms_max: Math.round(Math.max(...get) * 10) / 10,
    };
    log(`plans.list: median ${figures.list_ms_median} ms, max ${figures.list_ms_max} ms over ${RUNS} runs`);
    log(`plans.get:  median ${figures.get_ms_median} ms, max ${figures.get_ms_max} ms over ${sample.length} plans`);
    console.log(JSON.stringify(figures));
  } finally {
    db.close();
  }
}

void main();
