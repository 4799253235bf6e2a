/**
 * The benches' cached replica (test/bench/large-replica.ts) when the cache holds one
 * written by an older build: `npm run bench:intelligence` used to stop at the medium
 * replica ("written by an older Partnerbook and must be updated"). Now a migrated copy is
 * made once and served, and the older file is left as it was (other branches on the
 * machine may read it at their own schema). The cache folder here is a temporary one
 * (TMPDIR), never the machine's.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { migrate } from '../../../src-main/db/migrate';
import { MIGRATIONS } from '../../../src-main/db/migrations';

const version = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT max(version) FROM schema_migration').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('the benches’ cached replica at an older schema', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-bench-cache-'));
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is served as a migrated copy that this build opens read-only; the older file is untouched', async () => {
    vi.stubEnv('TMPDIR', dir);
    const bench = await import('../../bench/large-replica');
    expect(bench.CACHE_DIR.startsWith(dir)).toBe(true);
    const key = { seed: 42, scale: 'small', asOf: '2026-11-20' } as const;
    const older = bench.replicaCachePath(key);
    mkdirSync(bench.CACHE_DIR, { recursive: true });
    const raw = new Database(older);
    migrate(raw, MIGRATIONS.slice(0, -1));
    raw.prepare("INSERT INTO tier VALUES ('t1', 'Gold', 1, 0, 0, 0, 0, 'USD', '[]', 1)").run();
    raw.close();
    const olderVersion = MIGRATIONS.at(-2)!.version;
    expect(version(older)).toBe(olderVersion);

    const served = await bench.cachedReplica(key, () => {});
    const db = openDb(served, { readonly: true });
    try {
      expect(db.sqlite.prepare('SELECT name FROM tier').pluck().all()).toEqual(['Gold']);
    } finally {
      db.close();
    }
    expect(served).not.toBe(older);
    expect(version(older)).toBe(olderVersion);
    // Made once: the next call reuses it.
    expect(await bench.cachedReplica(key, () => {})).toBe(served);
    expect(existsSync(`${served}.${process.pid}.tmp`)).toBe(false);
  });
});
