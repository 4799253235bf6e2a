/**
 * Bounds on numbers (issue 14, points 7 and 8): an 18-digit target is refused with a
 * sentence naming the field, on the command line and through the API; a value a source
 * sends out of range is clamped with a note, not stored as is; and a value stored before
 * the bounds (a target of 1e20) no longer breaks the actions digest for everyone.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { createLocalApi } from '../../../src-main/cli/local-api';
import { openDb } from '../../../src-main/db/connection';
import { clampNotes, createApplier, validateChanges } from '../../../src-main/sync/apply';
import { MAX_MONEY_MINOR } from '../../../src-shared/domain/money';
import { PrmStore } from '../../../tools/demo-prm/store';
import { CLI, REPO } from '../../support/harness';
import { replicaOf } from '../../support/replica-of';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';

const AS_OF = '2026-11-20';
const dir = mkdtempSync(join(tmpdir(), 'pb-bounds-'));
const replica = join(dir, 'replica.sqlite');
let ids: CaseIds;

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });

function outboxCount(): number {
  const db = new Database(replica, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  const store = PrmStore.open(':memory:');
  seedBase(store);
  ids = seedCase(store, 'B');
  replicaOf(store, replica).close();
  store.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an 18-digit target', () => {
  it('is refused by `partnerbook edit` with one sentence naming the field; nothing is queued', () => {
    const before = outboxCount();
    const r = cli('edit', '--db', replica, '--entity', 'jbp_objective', '--id', ids.objectives[0]!, '--set', 'target=999999999999999999');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/The target can be at most 10,000,000,000; check the number of digits\.\n$/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(outboxCount()).toBe(before);
  });

  it('is refused by the API in the user’s words, through the same router the app uses', async () => {
    const db = openDb(replica);
    const api = createLocalApi({ db, clock: fixedClock(AS_OF), dataDir: dir });
    try {
      await expect(api.call('objectives.upsert', { planId: ids.jbp, id: ids.objectives[0]!, fields: { target: Number('999999999999999999') } })).rejects.toThrow(
        /^The target can be at most 10,000,000,000; check the number of digits\.$/,
      );
      await expect(api.call('initiatives.upsert', { planId: ids.jbp, id: ids.initiatives[0]!, fields: { mdf_investment: 1e16 } })).rejects.toThrow(
        /^The MDF investment can be at most 10,000,000,000; check the number of digits\.$/,
      );
      // within the bound it is taken
      await expect(api.call('initiatives.upsert', { planId: ids.jbp, id: ids.initiatives[0]!, fields: { mdf_investment: MAX_MONEY_MINOR } })).resolves.toMatchObject({ changed: true });
    } finally {
      await api.close();
      db.close();
    }
  });
});

describe('a value stored before the bounds', () => {
  it('no longer breaks the actions digest (an INTEGER column refused the impact)', async () => {
    // What the old UI stored for "999999999999999999" dollars: 1e20 cents, on a money objective far behind its pace.
    const w = openDb(replica);
    w.sqlite
      .prepare("UPDATE jbp_objective SET metric = 'sourced_arr', unit = NULL, custom_actual = NULL, baseline = 0, target = 1e20 WHERE id = ?")
      .run(ids.objectives[0]!);
    w.sqlite.prepare("INSERT INTO sync_state (key, value) VALUES ('last_synced_at', '2026-11-19T09:00:00Z') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    w.close();
    const db = openDb(replica);
    const api = createLocalApi({ db, clock: fixedClock(AS_OF), dataDir: dir });
    try {
      const list = await api.call('actions.list', { asOf: AS_OF, scope: 'all', rule: 'jbp_off_pace' });
      const off = list.actions.find((a) => a.key.includes(ids.objectives[0]!));
      expect(off, 'the objective is off pace').toBeDefined();
      expect(off!.impact).toBe(MAX_MONEY_MINOR);
      const digest = await api.call('actions.digest', {});
      expect(digest.syncedAt).toBe('2026-11-19T09:00:00Z');
      const stored = db.sqlite.prepare('SELECT max(impact) AS m FROM action_snapshot').get() as { m: number };
      expect(stored.m).toBeLessThanOrEqual(MAX_MONEY_MINOR);
    } finally {
      await api.close();
      db.close();
    }
  });
});

describe('an absurd amount from a source', () => {
  it('is clamped to the bound with a note, and the page still applies', () => {
    const db = openDb(':memory:');
    try {
      const changes = validateChanges([
        {
          entity: 'tier', id: 'gold', version: 1, op: 'upsert',
          data: { id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 1, min_certified: 1, revenue_target: 5e15, pipeline_target: 1, currency: 'USD', benefits: [] },
        },
      ]);
      db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
      expect(db.sqlite.prepare("SELECT revenue_target FROM tier WHERE id = 'gold'").pluck().get()).toBe(MAX_MONEY_MINOR);
      expect(clampNotes(db.sqlite)).toEqual(['tier gold: revenue_target 5000000000000000 is out of range; kept as 1000000000000.']);
    } finally {
      db.close();
    }
  });
});
