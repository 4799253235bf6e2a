import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { runCli } from '../../support/harness';

const dir = mkdtempSync(join(tmpdir(), 'pb-cli-sync-'));
let prm: DemoPrm;
let notPrm: Server;
let notPrmUrl = '';

const cli = runCli;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 3, scale: 'small', asOf: '2026-11-20', token: 'tok' });
  notPrm = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html>hello</html>');
  });
  await new Promise<void>((r) => notPrm.listen(0, '127.0.0.1', () => r()));
  const addr = notPrm.address();
  notPrmUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  await prm.close();
  notPrm.close();
});

describe('partnerbook sync', () => {
  it('syncs and prints a summary; --json reports the counts', async () => {
    const db = join(dir, 'ok.sqlite');
    const first = await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Synced \(full\): [\d,]+ changes pulled, 0 deletions, in [\d.]+ s\.\n$/);
    const second = await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok', '--json']);
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ ok: true, kind: 'incremental', pulled: 0, pushed: 0, conflicts: 0, rejected: 0, retries: 0, pending_edits: 0 });
  });

  it.each([
    ['a bad token', () => ['--prm', prm.url, '--token', 'wrong'], /did not accept your sign-in\. Sign in again\./],
    ['a wrong URL', () => ['--prm', 'http://127.0.0.1:9', '--token', 'tok'], /Can't reach the PRM at http:\/\/127\.0\.0\.1:9/],
    ['a server that is not a PRM', () => ['--prm', notPrmUrl, '--token', 'tok'], /does not look like a PRM/],
    ['a malformed URL', () => ['--prm', 'ftp:/x', '--token', 'tok'], /not an http\(s\) URL|not a valid PRM URL/],
  ])('fails with one plain line on %s and leaves no replica behind', async (_name, args, message) => {
    const db = join(dir, `fail-${Math.random().toString(36).slice(2)}.sqlite`);
    const res = await cli(['sync', '--db', db, ...args()]);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    expect(existsSync(db)).toBe(false);
  });

  it('names a missing option', async () => {
    const res = await cli(['sync', '--prm', prm.url]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/missing --db/);
  });

  it('refuses to sync a book imported from spreadsheet files with a PRM, and writes nothing', async () => {
    const db = join(dir, 'imported.sqlite');
    const csv = join(dir, 'resellers.csv');
    writeFileSync(csv, 'reseller_id,reseller_name,sales_rep\nR1,Acme Ltd,Ann Smith\nR2,Beta GmbH,Bo Li\n');
    const imported = await cli(['import', '--db', db, csv]);
    expect(imported.code, imported.stderr).toBe(0);
    const count = () => {
      const d = new Database(db, { readonly: true });
      try {
        return [d.prepare('SELECT count(*) FROM partner').pluck().get(), d.prepare('SELECT count(*) FROM sync_run').pluck().get()];
      } finally {
        d.close();
      }
    };
    const before = count();
    const res = await cli(['sync', '--db', db, '--prm', prm.url, '--token', 'tok']);
    expect(res.code).not.toBe(0);
    expect(res.stderr.trim()).toBe(
      'partnerbook sync: This book was imported from spreadsheet files; syncing it with a PRM would mix two books, so nothing was synced. Update it by importing the files again, and sync the PRM into a replica of its own.',
    );
    expect(count()).toEqual(before);
  });
});
