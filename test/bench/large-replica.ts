/**
 * A synced replica of a generated demo book, cached under the OS temp directory and
 * keyed by seed, scale and as-of date, so benchmarks pay for generation and the pull
 * only once. The cache is written to a temporary name and renamed into place, so an
 * interrupted run never leaves a half-synced file behind.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src-main/db/connection';
import { startDemoPrm } from '../../tools/demo-prm/server';
import { createPrmClient } from '../../src-main/sources/protocol-v1/client';
import { pull } from '../../src-main/sync/pull';

/** The demo book sizes a bench can run at (tools/demo-prm/generator.ts SCALES). */
export const BENCH_SCALES = ['small', 'medium', 'large', 'xlarge'] as const;
export type BenchScale = (typeof BENCH_SCALES)[number];

/**
 * The scale a bench was asked for: `--scale NAME` on its command line, else BENCH_SCALE,
 * else `fallback`. An unknown name throws, naming the ones there are.
 */
export function benchScale(fallback: BenchScale = 'large', argv: readonly string[] = process.argv.slice(2)): BenchScale {
  const i = argv.indexOf('--scale');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--scale='))?.slice('--scale='.length);
  const raw = flag ?? process.env.BENCH_SCALE ?? fallback;
  if (!(BENCH_SCALES as readonly string[]).includes(raw)) throw new RangeError(`the scale must be one of ${BENCH_SCALES.join(', ')}, not '${raw}'`);
  return raw as BenchScale;
}

export interface BookKey {
  seed: number;
  scale: BenchScale;
  asOf: string;
}

export function replicaCachePath(key: BookKey): string {
  return join(tmpdir(), 'partnerbook-bench-cache', `replica-s${key.seed}-${key.scale}-${key.asOf}.sqlite`);
}

/** Path of the cached replica, generating the book and pulling it first when absent. */
export async function cachedReplica(key: BookKey, log: (m: string) => void): Promise<string> {
  const path = replicaCachePath(key);
  if (existsSync(path)) {
    log(`reusing cached replica ${path}`);
    return path;
  }
  const dir = join(tmpdir(), 'partnerbook-bench-cache');
  mkdirSync(dir, { recursive: true });
  const work = `${path}.${process.pid}.tmp`;
  const prmStore = `${work}.prm`;
  const t0 = performance.now();
  const prm = await startDemoPrm({ ...key, storePath: prmStore, token: 'bench', onProgress: log });
  try {
    const db = openDb(work);
    try {
      const client = createPrmClient({ url: prm.url, token: 'bench', timeoutMs: 300_000 });
      const res = await pull(db.sqlite, client, { pageSize: 5000 });
      log(`pulled ${res.pulled.toLocaleString('en-US')} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } finally {
    await prm.close();
    rmSync(prmStore, { force: true });
    rmSync(`${prmStore}-wal`, { force: true });
    rmSync(`${prmStore}-shm`, { force: true });
  }
  renameSync(work, path);
  rmSync(`${work}-wal`, { force: true });
  rmSync(`${work}-shm`, { force: true });
  return path;
}
