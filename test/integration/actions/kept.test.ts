/**
 * The book's ranking kept on disk (services/actions/kept.ts): after a restart, the first
 * ranking is read back, not computed, when the book is as it was ranked, and only then. A
 * "restart" here closes the replica and its worker and opens both again.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { createActionsCache, type ActionsCache } from '../../../src-main/services/actions/background';
import { keptFileOf } from '../../../src-main/services/actions/kept';
import { listActions, listRanked, type RankedSource } from '../../../src-main/services/actions/service';
import { getActionSettings } from '../../../src-main/services/actions/settings';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import { queueEdit } from '../../../src-main/sync/edits';
import { setMoneyDisplay } from '../../../src-shared/format';
import type { ActionItem, ActionSettings } from '../../../src-shared/methods/actions';
import { DEFAULT_MONEY_DISPLAY } from '../../../src-shared/money-display';
import { AS_OF, stalledBook } from '../../unit/actions/fixture';

const clock = fixedClock(AS_OF);
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  setMoneyDisplay(DEFAULT_MONEY_DISPLAY);
});

/** The stalled book in a replica file; `start()` opens it with its actions worker, as the app does on each start. */
function replica() {
  const dir = mkdtempSync(join(tmpdir(), 'pb-actions-kept-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'replica.sqlite');
  const b = stalledBook();
  b.db.sqlite.prepare('VACUUM INTO ?').run(path);
  b.db.close();
  let open: { db: Db; cache: ActionsCache } | null = null;
  const stop = async () => {
    if (!open) return;
    await open.cache.close();
    open.db.close();
    open = null;
  };
  cleanup.push(stop);
  return {
    path,
    file: keptFileOf(path, AS_OF),
    /** Opens the replica and its actions (after stopping what was open): a start of the app. */
    async start() {
      await stop();
      const db = openDb(path);
      open = { db, cache: createActionsCache(db, {}) };
      return open;
    },
  };
}

/** Ranks through the cache (awaiting the ranking's copy on disk) and returns what a list shows. */
async function rankAndKeep(cache: ActionsCache, db: Db): Promise<{ items: ActionItem[]; evidence: unknown }> {
  const r = await cache.ranked(AS_OF, getActionSettings(db));
  const evidence = await r.evidence(r.items.map((a) => a.key));
  expect(await cache.keptOnDisk()).toBe(true);
  return { items: r.items, evidence: built(evidence) };
}

/** Evidence as a list shows it (each entry built). */
const built = (ev: ReadonlyMap<string, () => unknown> | null) => ev && Object.fromEntries([...ev].map(([k, f]) => [k, f()]));

const listThrough = async (cache: ActionsCache, db: Db) => {
  const settings = getActionSettings(db);
  const r = await cache.ranked(AS_OF, settings);
  const source: RankedSource = () => ({ items: r.items, evidence: new Map(), shared: true });
  const { list } = listRanked(db, clock, {}, source);
  const ev = await r.evidence(list.actions.map((a) => a.key));
  for (const a of list.actions) Object.assign(a, ev?.get(a.key)?.() ?? {});
  return { ...list, computeMs: 0 };
};

/** A pulled change of opportunity O-OTHER's stage, applied as a sync page would be. */
function pullStage(db: Db, stage: string): void {
  const row = db.sqlite.prepare("SELECT * FROM opportunity WHERE id = 'O-OTHER'").get() as Record<string, unknown>;
  const { version, ...data } = row;
  const changes = validateChanges([{ entity: 'opportunity', id: 'O-OTHER', version: (version as number) + 1, op: 'upsert', data: { ...data, stage } }]);
  db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
}

describe('the ranking kept on disk', () => {
  it('answers the first ranking after a restart, with the same items and evidence, without ranking', async () => {
    const r = replica();
    const first = await r.start();
    const ranked = await rankAndKeep(first.cache, first.db);
    expect(first.cache.computations()).toBe(1);
    expect(ranked.items.length).toBeGreaterThan(2);
    const shown = await listThrough(first.cache, first.db);

    const again = await r.start();
    const r2 = await again.cache.ranked(AS_OF, getActionSettings(again.db));
    expect(again.cache.computations()).toBe(0);
    expect(r2.items).toEqual(ranked.items);
    const ev = await r2.evidence(r2.items.map((a) => a.key));
    expect(built(ev)).toEqual(ranked.evidence);
    expect(Object.keys(ranked.evidence ?? {})).toHaveLength(ranked.items.length);
    // What the Actions list shows is the same, and the same as ranking on this thread.
    expect(await listThrough(again.cache, again.db)).toEqual(shown);
    const here = listActions(again.db, clock);
    expect(shown.actions).toEqual(here.actions);
    expect(again.cache.computations()).toBe(0);
  });

  it('ranks again after a restart when a pulled page changed the book, and keeps that ranking instead', async () => {
    const r = replica();
    const first = await r.start();
    const before = await rankAndKeep(first.cache, first.db);
    expect(before.items.some((a) => a.key.includes('O-OTHER'))).toBe(true);
    pullStage(first.db, 'closed_lost');

    const again = await r.start();
    const after = await again.cache.ranked(AS_OF, getActionSettings(again.db));
    expect(again.cache.computations()).toBe(1);
    expect(after.items.some((a) => a.key.includes('O-OTHER'))).toBe(false);
    expect(await again.cache.keptOnDisk()).toBe(true);

    const third = await r.start();
    expect((await third.cache.ranked(AS_OF, getActionSettings(third.db))).items).toEqual(after.items);
    expect(third.cache.computations()).toBe(0);
  });

  it('ranks again after a restart when a local edit waits in the outbox', async () => {
    const r = replica();
    const first = await r.start();
    await rankAndKeep(first.cache, first.db);
    queueEdit(first.db.sqlite, clock, { entity: 'note', id: 'N-NEW', op: 'upsert', fields: { partner_id: 'P-1', body: 'Called them about O-BIG', created_at: '2026-11-19T10:00:00Z', updated_at: '2026-11-19T10:00:00Z' } });

    const again = await r.start();
    await again.cache.ranked(AS_OF, getActionSettings(again.db));
    expect(again.cache.computations()).toBe(1);
  });

  it('ranks again under other action settings or another money display', async () => {
    const r = replica();
    const first = await r.start();
    const settings = getActionSettings(first.db);
    await rankAndKeep(first.cache, first.db);

    const again = await r.start();
    const other: ActionSettings = { ...settings, stalledDays: settings.stalledDays + 5 };
    await again.cache.ranked(AS_OF, other);
    expect(again.cache.computations()).toBe(1);

    const third = await r.start();
    setMoneyDisplay({ locale: 'de-DE', currencyAs: 'code', tableAmounts: 'full' });
    const r3 = await third.cache.ranked(AS_OF, settings);
    expect(third.cache.computations()).toBe(1);
    expect(r3.items.map((a) => a.suggestion).join(' ')).toMatch(/USD/);
  });

  it('ranks again, without an error, when the kept file is damaged', async () => {
    const r = replica();
    const first = await r.start();
    const ranked = await rankAndKeep(first.cache, first.db);
    await first.cache.close();
    // The key read back intact, the rest cut short; then a file of garbage.
    const whole = readFileSync(r.file);
    writeFileSync(r.file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const again = await r.start();
    expect((await again.cache.ranked(AS_OF, getActionSettings(again.db))).items).toEqual(ranked.items);
    expect(again.cache.computations()).toBe(1);
    // That ranking is kept in its place; then the file is garbage.
    expect(await again.cache.keptOnDisk()).toBe(true);
    writeFileSync(r.file, 'not a ranking');
    const third = await r.start();
    expect((await third.cache.ranked(AS_OF, getActionSettings(third.db))).items).toEqual(ranked.items);
    expect(third.cache.computations()).toBe(1);
  });
});
