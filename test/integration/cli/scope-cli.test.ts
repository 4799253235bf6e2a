/**
 * `--mine` / `--all` on the CLI's workspace-wide commands, with the app's default: the
 * scope remembered in the replica, else my book once the signed-in person is confirmed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { confirmIdentity, setScope } from '../../../src-main/services/identity';
import { selectPartners } from '../../../src-main/services/qbr/batch';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import type { ActionList } from '../../../src-shared/methods/actions';
import type { QbrBatchStatus } from '../../../src-shared/methods/qbr';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

const AS_OF = '2026-11-20';
const CLI = resolve(import.meta.dirname, '../../../bin/partnerbook.mjs');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });

let prm: DemoPrm;
let dir: string;
let replica: string;
let cam: { id: string; name: string };
let owned: Set<string>;
let total: number;

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 42, scale: 'small', asOf: AS_OF, token: 'cli-cam' });
  dir = mkdtempSync(join(tmpdir(), 'pb-scope-cli-'));
  replica = join(dir, 'replica.sqlite');
  const db = openDb(replica);
  const sync = createSyncService({
    db,
    clock: fixedClock(`${AS_OF}T09:00:00Z`),
    events: new EventBus(),
    source: () => protocolV1Connector({ url: prm.url, token: prm.tokens.cam }),
    pageSize: 5000,
  });
  expect((await sync.run()).error).toBeNull();
  db.close();
  const users = prm.store.dump('user').map((r) => r.data);
  cam = users.find((u) => u.role === 'cam')!;
  const partners = prm.store.dump('partner').map((r) => r.data);
  owned = new Set(partners.filter((p) => p.owner_id === cam.id).map((p) => p.id));
  total = partners.length;
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

const withReplica = (fn: (db: ReturnType<typeof openDb>) => void) => {
  const db = openDb(replica);
  try {
    fn(db);
  } finally {
    db.close();
  }
};

function health(...flags: string[]): { scope: string; partners: { id: string; owner_id: string }[] } {
  // Every partner, churned ones too (health counts live partners only unless asked).
  const r = cli('health', '--db', replica, '--as-of', AS_OF, '--json', '--include-churned', ...flags);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { scope: string; partners: { id: string; owner_id: string }[] };
}

describe('partnerbook health / actions / export-qbr --all with --mine and --all', () => {
  it('show every partner until the signed-in person is confirmed; --mine asks for my book', () => {
    expect(health()).toMatchObject({ scope: 'all' });
    expect(health().partners).toHaveLength(total);
    const mine = health('--mine');
    expect(mine.scope).toBe('mine');
    expect(new Set(mine.partners.map((p) => p.id))).toEqual(owned);
    const text = cli('health', '--db', replica, '--as-of', AS_OF, '--mine', '--include-churned');
    expect(text.stdout.split('\n')[0]).toMatch(new RegExp(`^${owned.size} partners in my book \\(${cam.name}, CAM\\) as of ${AS_OF}`));
    const everyone = cli('health', '--db', replica, '--as-of', AS_OF, '--include-churned');
    expect(everyone.stdout.split('\n')[0]).toMatch(new RegExp(`^${total} partners as of ${AS_OF}`));
  });

  it('open on my book once confirmed, like the app, and follow the remembered choice', () => {
    withReplica((db) => confirmIdentity(db));
    expect(health()).toMatchObject({ scope: 'mine' });
    expect(health().partners).toHaveLength(owned.size);
    expect(health('--all').partners).toHaveLength(total);
    expect(health('--scope', 'all').partners).toHaveLength(total);
    withReplica((db) => setScope(db, 'all'));
    expect(health().partners).toHaveLength(total);
    withReplica((db) => setScope(db, 'mine'));
  });

  it('list only my book\'s actions with --mine, everyone\'s with --all (--include-hidden for handled ones)', () => {
    const run = (...flags: string[]) => {
      const r = cli('actions', '--db', replica, '--as-of', AS_OF, '--json', ...flags);
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as ActionList & { scope: string };
    };
    const mine = run();
    expect(mine.scope).toBe('mine');
    expect(mine.actions.length).toBeGreaterThan(0);
    for (const a of mine.actions) expect(owned.has(a.partnerId)).toBe(true);
    const all = run('--all');
    expect(all.scope).toBe('all');
    expect(all.openCount).toBeGreaterThan(mine.openCount);
    expect(run('--mine', '--include-hidden').openCount).toBe(mine.openCount);
  });

  it('export a batch of my book with export-qbr --all --mine', () => {
    const out = join(dir, 'decks');
    const r = cli('export-qbr', '--db', replica, '--as-of', AS_OF, '--all', '--mine', '--tier', 'platinum', '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout) as QbrBatchStatus;
    expect(s.total).toBeGreaterThan(0);
    // Through the API like the app: a folder of its own inside --out, never over an earlier batch.
    expect(s.dir.startsWith(join(out, 'QBR Q4 2026 — '))).toBe(true);
    expect(s.state).toBe('done');
    for (const item of s.items) expect(owned.has(item.partnerId)).toBe(true);
    withReplica((db) => {
      const quarterStart = '2026-10-01';
      const expected = selectPartners(db, { tierId: 'platinum', owners: new Set([cam.id]) }, quarterStart, AS_OF);
      expect(s.items.map((i) => i.partnerId).sort()).toEqual(expected.map((p) => p.id).sort());
      expect(selectPartners(db, { tierId: 'platinum' }, quarterStart, AS_OF).length).toBeGreaterThan(expected.length);
    });
  });

  it('refuse --mine and --all together, and --mine when nobody is known', () => {
    const both = cli('health', '--db', replica, '--mine', '--all');
    expect(both.status).toBe(2);
    expect(both.stderr.trim()).toBe('partnerbook health: use either --mine or --all, not both');
    withReplica((db) => db.sqlite.prepare("DELETE FROM setting WHERE key = 'identity.reported'").run());
    const nobody = cli('actions', '--db', replica, '--as-of', AS_OF, '--mine');
    expect(nobody.status).toBe(1);
    expect(nobody.stderr.trim()).toBe(
      'partnerbook actions: this replica does not know who you are yet: sync first (the source says who is signed in), or use --all',
    );
    expect(health().partners).toHaveLength(total);
  });
});
