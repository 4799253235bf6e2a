/**
 * What the benches owned by issue 17 share: the scale argument, medians, and each figure's
 * floor and ratio in the final JSON line.
 *
 * Naming in the final JSON line, for a figure `x` (a time in milliseconds, median of the
 * runs the bench makes):
 *   x_ms        the figure
 *   x_floor_ms  its floor, measured in the same run, interleaved with the figure's runs
 *   x_ratio     x_ms ÷ x_floor_ms (1 = as fast as the floor; lower is better)
 *   floors.x    what the floor is, in words
 * and for the machine: `load1` (the 1-minute load average when the figures were taken),
 * `cores`, and where a bench measures it, `cpu_ms` (CPU time of the process per run,
 * median) and `peak_rss_mb`.
 */
import type Database from 'better-sqlite3';
import { availableParallelism, loadavg } from 'node:os';
import type { Db } from '../../src-main/db/connection';

/** `--scale <name>` on the command line, else BENCH_SCALE, else `large`; passed through as given. */
export function benchScale(fallback = 'large'): string {
  const i = process.argv.indexOf('--scale');
  const arg = i >= 0 ? process.argv[i + 1] : process.argv.find((a) => a.startsWith('--scale='))?.slice('--scale='.length);
  return arg ?? process.env.BENCH_SCALE ?? fallback;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** `{x_ms, x_floor_ms, x_ratio}` from the runs of a figure and of its floor. */
export function withFloor<N extends string>(
  name: N,
  runs: readonly number[],
  floorRuns: readonly number[],
): Record<`${N}_ms` | `${N}_floor_ms` | `${N}_ratio`, number> {
  const ms = median(runs);
  const floor = median(floorRuns);
  return { [`${name}_ms`]: r1(ms), [`${name}_floor_ms`]: r1(floor), [`${name}_ratio`]: r2(ms / floor) } as Record<`${N}_ms` | `${N}_floor_ms` | `${N}_ratio`, number>;
}

/** The machine's state when the figures were taken. */
export function machine(): { load1: number; cores: number } {
  return { load1: r2(loadavg()[0]!), cores: availableParallelism() };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** CPU time (user + system) that `fn` took in this process, in ms, and its wall time. */
export function timed<T>(fn: () => T): { result: T; ms: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { result, ms, cpuMs: (c.user + c.system) / 1000 };
}

// ---- input-read floors: the SQL a call runs, recorded once and replayed ----

/** One read a call made: its SQL, the method and the parameters. */
export interface Read {
  sql: string;
  method: 'all' | 'get' | 'iterate';
  args: unknown[];
}

/** A Db whose statements record every read (SQL, method, parameters) they run. */
export function recording(db: Db, reads: Read[]): Db {
  const wrap = (st: Database.Statement, sql: string): Database.Statement =>
    new Proxy(st, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'all' || prop === 'get' || prop === 'iterate') {
          return (...args: unknown[]) => {
            reads.push({ sql, method: prop, args });
            return (v as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        // pluck(), raw(), expand() return the statement itself: keep recording through them.
        return (...args: unknown[]) => {
          const r = (v as (...a: unknown[]) => unknown).apply(target, args);
          return r === target ? wrap(target, sql) : r;
        };
      },
    });
  const sqlite = new Proxy(db.sqlite, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (prop === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...db, sqlite };
}

/** Replays the recorded reads: each statement prepared once, then run with its parameters, rows read. */
export function replayer(db: Db, reads: readonly Read[]): () => number {
  const prepared = new Map<string, Database.Statement>();
  const steps = reads.map((r) => {
    let st = prepared.get(r.sql);
    if (!st) prepared.set(r.sql, (st = db.sqlite.prepare(r.sql)));
    return { st, r };
  });
  return () => {
    let rows = 0;
    for (const { st, r } of steps) {
      if (r.method === 'get') rows += st.get(...r.args) === undefined ? 0 : 1;
      else rows += st.all(...r.args).length;
    }
    return rows;
  };
}
