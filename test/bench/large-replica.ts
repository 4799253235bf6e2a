/**
 * Generated demo books cached under the OS temp directory (`partnerbook-bench-cache/`), so
 * benchmarks pay for generation and the pull only once:
 *  - `cachedPrmStore`: the demo PRM's store with the book generated into it;
 *  - `cachedReplica`: a replica synced from it (the client's tables, as after a first sync);
 *  - `cachedPages` (recorded-pages.ts): the change pages a full pull receives, as files.
 * Every name carries the generator's version, seed, scale and as-of date
 * (`…-g<version>-s<seed>-<scale>-<asOf>…`), so a generator change never serves a stale book.
 * Each is written under a temporary name and renamed into place, so an interrupted run
 * never leaves a half-made file behind. Nothing here mutates a cached file: a bench that
 * changes the PRM's data (an incremental pull) works on a copy (`copyPrmStore`).
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../../src-main/db/connection';
import { GENERATOR_VERSION } from '../../tools/demo-prm/generator';
import { startDemoPrm } from '../../tools/demo-prm/server';
import { PrmStore } from '../../tools/demo-prm/store';
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

export const CACHE_DIR = join(tmpdir(), 'partnerbook-bench-cache');

/** `g<generator version>-s<seed>-<scale>-<asOf>`: the part of every cache name that names the book. */
export function bookTag(key: BookKey): string {
  return `g${GENERATOR_VERSION}-s${key.seed}-${key.scale}-${key.asOf}`;
}

export function replicaCachePath(key: BookKey): string {
  return join(CACHE_DIR, `replica-${bookTag(key)}.sqlite`);
}

export function prmStoreCachePath(key: BookKey): string {
  return join(CACHE_DIR, `prm-${bookTag(key)}.sqlite`);
}

function removeDb(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Path of the cached demo PRM store holding the generated book, generating it first when absent. */
export function cachedPrmStore(key: BookKey, log: (m: string) => void): string {
  const path = prmStoreCachePath(key);
  if (existsSync(path)) return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = `${path}.${process.pid}.tmp`;
  removeDb(work);
  log(`generating the ${key.scale} book into ${work}…`);
  const t0 = performance.now();
  const store = PrmStore.open(work);
  try {
    store.loadBook(key, (n) => {
      if (n % 1_000_000 === 0) log(`  ${n.toLocaleString('en-US')} rows`);
    });
    store.db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    store.close();
    removeDb(work);
    throw err;
  }
  const rows = store.count();
  store.close();
  log(`generated ${rows.toLocaleString('en-US')} rows in ${seconds(performance.now() - t0)}`);
  renameSync(work, path);
  removeDb(work);
  return path;
}

/** A private copy of the cached PRM store (for a PRM whose data the bench changes). */
export function copyPrmStore(key: BookKey, to: string, log: (m: string) => void): string {
  const from = cachedPrmStore(key, log);
  const t0 = performance.now();
  copyFileSync(from, to);
  log(`copied the ${key.scale} PRM store in ${seconds(performance.now() - t0)}`);
  return to;
}

/** Path of the cached replica, pulling the book (from the cached PRM store) first when absent. */
export async function cachedReplica(key: BookKey, log: (m: string) => void): Promise<string> {
  const path = replicaCachePath(key);
  if (existsSync(path)) {
    log(`reusing cached replica ${path}`);
    return path;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const work = `${path}.${process.pid}.tmp`;
  removeDb(work);
  // Only read (a full pull), so the cached store itself is served.
  const prmStore = cachedPrmStore(key, log);
  const t0 = performance.now();
  const prm = await startDemoPrm({ ...key, storePath: prmStore, token: 'bench', onProgress: log });
  try {
    const db = openDb(work);
    try {
      const client = createPrmClient({ url: prm.url, token: 'bench', timeoutMs: 300_000 });
      const res = await pull(db.sqlite, client, { pageSize: 5000 });
      log(`pulled ${res.pulled.toLocaleString('en-US')} rows in ${seconds(performance.now() - t0)}`);
      db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } finally {
    await prm.close();
  }
  renameSync(work, path);
  removeDb(work);
  return path;
}
