/**
 * Commands that only read open the replica read-only (defect 8): `health` answers while
 * another process holds the write lock (it used to wait on it, then fail), writes nothing,
 * and says in one sentence when the replica must be migrated or is damaged; `actions
 * --partner NOPE` says the partner does not exist.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { MIGRATIONS } from '../../../src-main/db/migrations';
import { AS_OF, craftedBook } from '../health/fixtures';

const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
const hash = (path: string) => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'absent');

function replica(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pb-readonly-'));
  const path = join(dir, 'replica.sqlite');
  craftedBook(path).db.close();
  return path;
}

describe('read-only commands', () => {
  it('health answers while another process holds the write lock, and writes nothing', () => {
    const path = replica();
    const files = [path, `${path}-wal`];
    const before = files.map(hash);
    // Another writer (the app syncing) holds the write lock for the whole run.
    const writer = new Database(path);
    writer.pragma('busy_timeout = 0');
    writer.exec("BEGIN IMMEDIATE; INSERT INTO sync_state (key, value) VALUES ('writer', 'busy')");
    try {
      const r = cli('health', '--db', path, '--as-of', AS_OF, '--json');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect((JSON.parse(r.stdout) as { partners: unknown[] }).partners.length).toBeGreaterThan(0);
      const one = cli('health', '--db', path, '--as-of', AS_OF, '--partner', 'P-A');
      expect(one.status, one.stderr).toBe(0);
      expect(one.stdout).toMatch(/health 72/);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(files.map(hash)).toEqual(before);
  }, 120_000);

  it('actions answers under the write lock too, and names a partner that does not exist', () => {
    const path = replica();
    const writer = new Database(path);
    writer.exec("BEGIN IMMEDIATE; INSERT INTO sync_state (key, value) VALUES ('writer', 'busy')");
    try {
      const r = cli('actions', '--db', path, '--as-of', AS_OF, '--json');
      expect(r.status, r.stderr).toBe(0);
      const nope = cli('actions', '--db', path, '--as-of', AS_OF, '--partner', 'NOPE');
      expect(nope.status).toBe(1);
      expect(nope.stderr.trim()).toBe("partnerbook actions: there is no partner 'NOPE' in this replica");
      expect(nope.stdout).toBe('');
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  }, 120_000);

  it('says in one sentence that a replica from an older build must be updated first, and leaves it as it is', () => {
    const path = replica();
    const db = new Database(path);
    db.prepare('DELETE FROM schema_migration WHERE version = ?').run(MIGRATIONS.at(-1)!.version);
    db.close();
    const before = hash(path);
    const r = cli('health', '--db', path, '--as-of', AS_OF);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe(
      `partnerbook health: The replica at ${path} was written by an older Partnerbook and must be updated before it can be read; run \`partnerbook sync\` on it (or open it in the app) once.`,
    );
    expect(hash(path)).toBe(before);
  }, 120_000);

  it('names a damaged replica, its path and what to do, without a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-readonly-'));
    const path = join(dir, 'replica.sqlite');
    writeFileSync(path, Buffer.concat([Buffer.from([0, 0xa5, 1, 2]), Buffer.from('this is not a database '.repeat(500))]));
    for (const cmd of ['health', 'actions']) {
      const r = cli(cmd, '--db', path, '--as-of', AS_OF);
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`The local replica at ${path} is damaged and cannot be opened (file is not a database).`);
      expect(lines[0]).toContain('--rebuild-replica');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  }, 120_000);

  it('the read-only open refuses every write', () => {
    const path = replica();
    const db = openDb(path, { readonly: true });
    expect(db.readonly).toBe(true);
    expect(() => db.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/);
    db.close();
  }, 120_000);
});
