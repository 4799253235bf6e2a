/**
 * `partnerbook actions` reads the ranking the app's actions worker kept on disk
 * (services/actions/kept.ts) when it is of the book as it is now, instead of ranking the
 * book again (seconds on a 20,000-partner book), and ranks when the book has changed since.
 * The kept file here is written as the worker writes it, with one title changed, so the
 * output shows which of the two the command printed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../../src-main/db/connection';
import { encodeEvidence, keptFileOf, keptKey, rankingCodeKey, writeKept } from '../../../src-main/services/actions/kept';
import { rankActions } from '../../../src-main/services/actions/service';
import { getActionSettings } from '../../../src-main/services/actions/settings';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import type { ActionList } from '../../../src-shared/methods/actions';
import { DEFAULT_MONEY_DISPLAY } from '../../../src-shared/money-display';
import { AS_OF, stalledBook } from '../../unit/actions/fixture';

const REPO = resolve(import.meta.dirname, '../../..');
const CLI = join(REPO, 'bin/partnerbook.mjs');
// The command runs from the TypeScript sources here (whether or not a build is current), so
// the actions worker's script is the sources' loader: its hash is part of the key.
const WORKER = join(REPO, 'src-main/services/actions/worker/worker-dev.mjs');
const dir = mkdtempSync(join(tmpdir(), 'pb-actions-kept-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (path: string) => {
  const r = spawnSync(process.execPath, [CLI, 'actions', '--db', path, '--as-of', AS_OF, '--all', '--json'], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PARTNERBOOK_FROM_SOURCE: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ActionList;
};

describe('partnerbook actions and the ranking kept on disk', () => {
  it('prints the kept ranking while the book is unchanged, and ranks again once a pulled page changed it', () => {
    const path = join(dir, 'replica.sqlite');
    const b = stalledBook();
    b.db.sqlite.prepare('VACUUM INTO ?').run(path);
    b.db.close();
    const ranked = cli(path);
    expect(ranked.actions.length).toBeGreaterThan(2);

    const db = openDb(path);
    try {
      const { items, evidence } = rankActions(db, AS_OF);
      const top = items[0]!;
      const marked = items.map((a) => (a === top ? { ...a, suggestion: `${a.suggestion} (as kept)` } : a));
      const key = keptKey(db, AS_OF, getActionSettings(db), DEFAULT_MONEY_DISPLAY, rankingCodeKey(WORKER));
      writeKept(keptFileOf(path, AS_OF), key, marked, items.map((a) => encodeEvidence(evidence.get(a.key)!())));

      const kept = cli(path);
      expect(kept.actions.find((a) => a.key === top.key)?.suggestion).toBe(`${top.suggestion} (as kept)`);
      // Everything else as ranked, evidence included.
      const strip = (l: ActionList) => l.actions.map((a) => ({ ...a, suggestion: a.key === top.key ? '' : a.suggestion }));
      expect(strip(kept)).toEqual(strip(ranked));

      // A pulled page changes a deal in place: the kept ranking is of another book now.
      const row = db.sqlite.prepare("SELECT * FROM opportunity WHERE id = 'O-SMALL'").get() as Record<string, unknown>;
      const { version, ...data } = row;
      const changes = validateChanges([{ entity: 'opportunity', id: 'O-SMALL', version: (version as number) + 1, op: 'upsert', data: { ...data, amount: 3_000_000 } }]);
      db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
    } finally {
      db.close();
    }
    const after = cli(path);
    expect(after.actions.some((a) => a.suggestion.endsWith('(as kept)'))).toBe(false);
    expect(after.actions.find((a) => a.key.includes('O-SMALL'))?.suggestion).toContain('$30k');
  });
});
