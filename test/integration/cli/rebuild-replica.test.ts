/**
 * A damaged replica from the command line (defect 7): `sync` names the file and what to
 * do, and changes nothing; `sync --rebuild-replica` keeps the damaged file aside, pulls a
 * fresh replica from the PRM and pushes the unsent edits it could still read.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { runCli } from '../../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'pb-cli-rebuild-'));
let prm: DemoPrm;

const cli = runCli;

const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 5, scale: 'small', asOf: '2026-11-20', token: 'tok' });
}, 120_000);
afterAll(async () => {
  await prm.close();
});

describe('partnerbook sync on a damaged replica', () => {
  it('says what is wrong and changes nothing without --rebuild-replica', async () => {
    const db = join(dir, 'garbage.sqlite');
    // What a damaged replica holds: bytes, not text (a text file is refused as not a replica, below).
    const garbage = Buffer.concat([Buffer.from([0x00, 0xa5, 0x13, 0x07]), Buffer.from('definitely not SQLite '.repeat(400))]);
    writeFileSync(db, garbage);
    const r = await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`The local replica at ${db} is damaged and cannot be opened (file is not a database).`);
    expect(r.stderr).toContain('--rebuild-replica');
    expect(readFileSync(db).equals(garbage)).toBe(true);

    const rebuilt = await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok', '--rebuild-replica']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stderr).toMatch(/Kept the damaged replica as .*garbage\.sqlite\.damaged-\d{8}T\d{6}Z and started a fresh one/);
    const kept = readdirSync(dir).find((f) => f.startsWith('garbage.sqlite.damaged-'))!;
    expect(readFileSync(join(dir, kept)).equals(garbage)).toBe(true);
    expect(count(db, 'partner')).toBeGreaterThan(0); // a full pull filled the fresh replica
  }, 180_000);

  it('refuses a CSV given as the replica as what it is, and never sets it aside, even with --rebuild-replica', async () => {
    const csv = join(dir, 'resellers.csv');
    const text = 'reseller_id,reseller_name\nR1,Acme Ltd\n';
    writeFileSync(csv, text);
    for (const extra of [[], ['--rebuild-replica']]) {
      const r = await cli(['sync', '--db', csv, '--prm', prm.url, '--token', 'tok', ...extra]);
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toBe(
        `partnerbook sync: ${csv} is not a Partnerbook replica (it looks like a CSV or text file); nothing was changed. Give the replica file (replica.sqlite in a workspace folder), or bring a spreadsheet in with \`partnerbook import\`.`,
      );
      expect(readFileSync(csv, 'utf8')).toBe(text);
      expect(readdirSync(dir).filter((f) => f.startsWith('resellers.csv'))).toEqual(['resellers.csv']);
    }
    const health = await cli(['health', '--db', csv]);
    expect(health.code).toBe(1);
    expect(health.stderr).toContain('is not a Partnerbook replica (it looks like a CSV or text file)');
  });

  it('carries the unsent edits it can read into the fresh replica and pushes them', async () => {
    const db = join(dir, 'damaged.sqlite');
    expect((await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok'])).code).toBe(0);
    // One unsent edit of a note, queued the way the app queues it.
    const replica = openDb(db);
    const note = replica.sqlite.prepare('SELECT id, version FROM note LIMIT 1').get() as { id: string; version: number };
    replica.close();
    const edit = await cli(['edit', '--db', db, '--entity', 'note', '--id', note.id, '--set', 'body=Carried over from a damaged replica']);
    expect(edit.code, edit.stderr).toBe(0);
    expect(count(db, 'outbox')).toBe(1);
    // Damage the last pages (bulk data written after the outbox) and check the damage is seen.
    const size = statSync(db).size;
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, size - 64 * 1024);
    closeSync(fd);

    const r = await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok', '--rebuild-replica', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 edit not yet sent to the PRM was carried over/);
    expect(JSON.parse(r.stdout)).toMatchObject({ pushed: 1 });
    expect(existsSync(db)).toBe(true);
    const fresh = openDb(db, { readonly: true });
    expect(fresh.sqlite.prepare('SELECT body FROM note WHERE id = ?').pluck().get(note.id)).toBe('Carried over from a damaged replica');
    fresh.close();
  }, 180_000);
});
