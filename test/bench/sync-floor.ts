/**
 * Pieces of bench:sync: a client pull into a fresh replica with its peak RSS, and the raw
 * floor it is compared with (the same rows inserted with prepared statements in one
 * transaction into a fresh replica, read from the pulled one in chunks so the floor
 * process never holds the whole book; only the inserts are timed).
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { backgroundCheckpoints } from '../../src-main/db/checkpoint/checkpointer';
import { openDb } from '../../src-main/db/connection';
import { createPrmClient } from '../../src-main/sources/protocol-v1/client';
import { COLUMNS } from '../../src-main/sync/apply';
import { pull, type PullResult } from '../../src-main/sync/pull';
import { ENTITY_NAMES } from '../../src-shared/domain/entities';

export const PAGE_SIZE = 5000;
const CHUNK = 20_000;

export function removeDb(path: string): void {
  for (const p of [path, `${path}-wal`, `${path}-shm`]) rmSync(p, { force: true });
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** This process's peak RSS in bytes since the last reset (Linux: VmHWM), else null. */
export function highWaterMark(): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Starts a new peak-RSS measurement (Linux: resets VmHWM to the current RSS). */
export function resetHighWaterMark(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // not Linux: the sampler alone measures the peak
  }
}

/** CPU time (user + system) this process has used, in ms. */
export function cpuMs(): number {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
}

export interface PullFigures {
  rows: number;
  ms: number;
  /** CPU time of this process during the pull (the client's own work, whatever the machine's load). */
  cpuMs: number;
  result: PullResult;
  /** RSS when the pull started, and the peak during it (bytes). */
  rssBefore: number;
  rssPeak: number;
  /** The largest the replica's write-ahead log file was seen during the pull (bytes). */
  walPeak: number;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * A full pull from `url` into a fresh replica at `path` (left in place for the caller), as
 * the sync service makes it: with the replica's background checkpoints (db/checkpoint),
 * waited for after the timing.
 */
export async function timedPull(url: string, path: string): Promise<PullFigures> {
  removeDb(path);
  const db = openDb(path);
  const ckpt = backgroundCheckpoints(db.sqlite);
  try {
    // Its worker started, as after a workspace's first sync.
    ckpt?.request();
    await ckpt?.idle();
    const client = createPrmClient({ url, token: 'bench', timeoutMs: 300_000 });
    (globalThis as { gc?: () => void }).gc?.();
    const rssBefore = process.memoryUsage().rss;
    resetHighWaterMark();
    let peak = rssBefore;
    let walPeak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
      walPeak = Math.max(walPeak, fileSize(`${path}-wal`));
    }, 20);
    const c0 = cpuMs();
    const t0 = performance.now();
    const result = await pull(db.sqlite, client, { pageSize: PAGE_SIZE, checkpoint: ckpt ? () => ckpt.request() : undefined });
    const ms = performance.now() - t0;
    const cpu = cpuMs() - c0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss, highWaterMark() ?? 0);
    walPeak = Math.max(walPeak, fileSize(`${path}-wal`));
    await ckpt?.idle();
    if (ckpt?.failure) throw new Error(`the background checkpoint failed: ${ckpt.failure}`);
    return { rows: result.pulled, ms, cpuMs: cpu, result, rssBefore, rssPeak: peak, walPeak };
  } finally {
    await ckpt?.close();
    db.close();
  }
}

/** Inserts every row of the replica at `from` into a fresh replica at `to`; the time of the inserts alone. */
export function rawInsert(from: string, to: string): { rows: number; ms: number; cpuMs: number } {
  removeDb(to);
  const src = new Database(from, { readonly: true });
  const raw = openDb(to).sqlite;
  let ms = 0;
  let cpu = 0;
  let rows = 0;
  try {
    raw.exec('BEGIN');
    for (const e of ENTITY_NAMES) {
      const cols = [...COLUMNS[e], 'version'].map((c) => `"${c}"`).join(', ');
      const insert = raw.prepare(`INSERT INTO "${e}" (${cols}) VALUES (${COLUMNS[e].map(() => '?').join(', ')}, ?)`);
      const read = src.prepare(`SELECT ${cols} FROM "${e}" ORDER BY rowid`).raw();
      let chunk: unknown[][] = [];
      const flush = () => {
        const c0 = cpuMs();
        const t0 = performance.now();
        for (const r of chunk) insert.run(r);
        ms += performance.now() - t0;
        cpu += cpuMs() - c0;
        rows += chunk.length;
        chunk = [];
      };
      for (const r of read.iterate() as IterableIterator<unknown[]>) {
        chunk.push(r);
        if (chunk.length === CHUNK) flush();
      }
      flush();
    }
    const c0 = cpuMs();
    const t0 = performance.now();
    raw.exec('COMMIT');
    ms += performance.now() - t0;
    cpu += cpuMs() - c0;
  } finally {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    raw.close();
    src.close();
    removeDb(to);
  }
  return { rows, ms, cpuMs: cpu };
}
