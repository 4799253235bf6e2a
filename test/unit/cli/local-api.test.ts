/**
 * The CLI's reads go through the app's router (src-main/cli/local-api.ts): the method's zod
 * schema refuses bad input with its own plain message before any service runs, and the
 * handler table can be built over a read-only replica without writing to it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { CliError } from '../../../src-main/cli/args';
import { createLocalApi } from '../../../src-main/cli/local-api';
import { openDb } from '../../../src-main/db/connection';
import { AS_OF, craftedBook } from '../health/fixtures';

const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });

describe('CLI commands through the API router', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pb-cli-router-'));
  const replica = join(dir, 'replica.sqlite');
  craftedBook(replica).db.close();

  it('health --partner says in one sentence what is wrong with an id the method refuses, in one line, exit 1', () => {
    const long = cli('health', '--db', replica, '--as-of', AS_OF, '--partner', 'P'.repeat(65));
    expect(long.status).toBe(1);
    expect(long.stderr).toBe('partnerbook health: Partner id can be at most 64 characters; shorten it.\n');
    expect(long.stdout).toBe('');
    const empty = cli('health', '--db', replica, '--as-of', AS_OF, '--partner', '');
    expect(empty.status).toBe(1);
    expect(empty.stderr).toBe('partnerbook health: Say which partner: its id is empty.\n');
  });

  it('validates input, turns error envelopes into CliError and writes nothing to a read-only replica', async () => {
    const w = openDb(replica);
    w.sqlite.prepare("INSERT INTO sync_run (started_at, kind, status) VALUES ('2026-06-01T00:00:00Z', 'full', 'running')").run();
    w.close();
    const db = openDb(replica, { readonly: true });
    const api = createLocalApi({ db, clock: fixedClock(AS_OF), dataDir: dir });
    try {
      await expect(api.call('health.portfolio', { asOf: '2026-02-30' })).rejects.toThrow(CliError);
      await expect(api.call('health.portfolio', { asOf: '2026-02-30' })).rejects.toThrow('Date: 2026-02-30 is not a real date (that month has 28 days).');
      await expect(api.call('health.partner', { id: 'P-NOPE', asOf: AS_OF })).rejects.toThrow("No partner with id 'P-NOPE' in this book.");
      await expect(api.call('app.info', {})).rejects.toThrow('app.info is not available from the command line.');
      const portfolio = await api.call('health.portfolio', { asOf: AS_OF, scope: 'all' });
      expect(portfolio.rows.map((r) => r.id)).toContain('P-A');
    } finally {
      await api.close();
      db.close();
    }
    // The sync service of the table did not mark the interrupted run aborted on the read-only open.
    const after = openDb(replica, { readonly: true });
    expect(after.sqlite.prepare("SELECT count(*) AS n FROM sync_run WHERE status = 'running'").get()).toEqual({ n: 1 });
    after.close();
  });
});
