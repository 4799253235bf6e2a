/**
 * Generated demo books cached under the OS temp directory (`partnerbook-bench-cache/`), so
 * benchmarks pay for generation and the pull only once:
 *  - `cachedPrmStore`: the demo PRM's store with the book generated into it;
 *  - `cachedReplica`: a replica synced from it (the client's tables, as after a first sync);
 *  - `cachedPages` (recorded-pages.ts): the change pages a full pull receives, as files.
 * Every name carries the generator's version, seed, scale and as-of date
 * (`…-g<version>-s<seed>-<scale>-<asOf>…`), so a generator change never serves a stale book.
 * A replica also carries the schema it was written with: one cached by an older build is
 * copied and migrated once into `replica-<book>-schema<N>.sqlite` (N: this build's latest
 * migration) and that copy is served; the older file is left as it is (other branches on
 * the machine may still read it at its own schema).
 * Each is written under a temporary name and renamed into place, so an interrupted run
 * never leaves a half-made file behind. Nothing here mutates a cached file: a bench that
 * changes the PRM's data (an incremental pull) works on a copy (`copyPrmStore`).
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../src-main/db/connection';
import { MIGRATIONS } from '../../src-main/db/migrations';
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

/** This build's replica schema: the latest migration's version. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The cached replica at this build's schema, when the one at `replicaCachePath` is at another. */
export function migratedReplicaCachePath(key: BookKey): string {
  return join(CACHE_DIR, `replica-${bookTag(key)}-schema${SCHEMA_VERSION}.sqlite`);
}

/** The schema version a replica file was written with (0 when it has none). */
export function schemaVersionOf(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
    return has ? ((db.prepare('SELECT max(version) FROM schema_migration').pluck().get() as number | null) ?? 0) : 0;
  } finally {
    db.close();
  }
}

/**
 * Copies the replica at `from` (read through SQLite's online backup, so a reader elsewhere
 * is not disturbed) to `to` and migrates the copy to this build's schema.
 */
export async function migrateCopy(from: string, to: string, log: (m: string) => void): Promise<string> {
  const work = `${to}.${process.pid}.tmp`;
  removeDb(work);
  const t0 = performance.now();
  const src = new Database(from, { readonly: true, fileMustExist: true });
  try {
    await src.backup(work);
  } finally {
    src.close();
  }
  try {
    const db = openDb(work);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  } catch (err) {
    removeDb(work);
    throw err;
  }
  renameSync(work, to);
  removeDb(work);
  log(`migrated a copy of ${from} to schema ${SCHEMA_VERSION} in ${seconds(performance.now() - t0)}: ${to}`);
  return to;
}

/**
 * Path of the cached replica at this build's schema: the cached one when its schema is
 * this build's; else a migrated copy of it (made once, then reused); else (none cached, or
 * one from a newer build) the book pulled from the cached PRM store.
 */
export async function cachedReplica(key: BookKey, log: (m: string) => void): Promise<string> {
  const path = replicaCachePath(key);
  const migrated = migratedReplicaCachePath(key);
  const version = existsSync(path) ? schemaVersionOf(path) : -1;
  if (version === SCHEMA_VERSION) {
    log(`reusing cached replica ${path}`);
    return path;
  }
  if (existsSync(migrated) && schemaVersionOf(migrated) === SCHEMA_VERSION) {
    log(`reusing cached replica ${migrated} (the one at ${path} has schema ${version})`);
    return migrated;
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  if (version > 0 && version < SCHEMA_VERSION) return migrateCopy(path, migrated, log);
  return pullReplica(key, version === -1 ? path : migrated, log);
}

/** Pulls the book from the cached PRM store into a new replica at `path`. */
async function pullReplica(key: BookKey, path: string, log: (m: string) => void): Promise<string> {
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
