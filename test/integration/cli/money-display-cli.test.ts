/**
 * The money display on the command line (issue 14, point 2): `partnerbook actions` writes
 * amounts the way the workspace's setting says (the replica's `money_display`), as the
 * app does; without the setting, as before ("$").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { writeSetting } from '../../../src-main/settings';
import { PrmStore } from '../../../tools/demo-prm/store';
import { CLI, REPO } from '../../support/harness';
import { replicaOf } from '../../support/replica-of';
import { seedBase, seedCase } from '../../support/tiny-book';

const AS_OF = '2026-11-20';
const dir = mkdtempSync(join(tmpdir(), 'pb-money-'));
const replica = join(dir, 'replica.sqlite');

const stakeLines = () => {
  const r = spawnSync(process.execPath, [CLI, 'actions', '--db', replica, '--as-of', AS_OF, '--all'], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.split('\n').filter((l) => l.includes(' at stake · '));
  expect(lines.length).toBeGreaterThan(0);
  return lines;
};

beforeAll(() => {
  const store = PrmStore.open(':memory:');
  seedBase(store);
  seedCase(store, 'M');
  replicaOf(store, replica).close();
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('partnerbook actions', () => {
  it('writes amounts as the workspace says: "$" by default, de-DE with ISO codes once set', () => {
    for (const l of stakeLines()) expect(l).toMatch(/ · \$[\d.,]+[kMB]? at stake · \$[\d,]+ × /);

    const db = openDb(replica);
    writeSetting(db, 'money_display', { locale: 'de-DE', currencyAs: 'code', tableAmounts: 'compact' });
    db.close();
    for (const l of stakeLines()) {
      expect(l).not.toContain('$');
      expect(l).toMatch(/ · [\d.,]+[kMB]?\u00a0USD at stake · [\d.]+\u00a0USD × /);
    }
  });
});
