/**
 * Identity and "my book" end to end: a replica synced from the demo PRM with the CAM's,
 * the manager's or the admin's token knows who is signed in, opens on that person's book
 * once confirmed (everything else one scope away), counts only their actions, and a plan
 * edit pushed as the CAM shows the CAM in the server's audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { listActions, summarizeActions } from '../../../src-main/services/actions/service';
import { createHealthService } from '../../../src-main/services/health/service';
import { bookFilter, confirmIdentity, currentIdentity } from '../../../src-main/services/identity';
import { listPartners } from '../../../src-main/services/partners';
import { listHistory, listPlans, updatePlan } from '../../../src-main/services/plans';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

const clock = fixedClock('2026-11-20T09:00:00Z');
let prm: DemoPrm;
let users: { id: string; name: string; role: string; manager_id: string | null }[];
let partners: { id: string; owner_id: string; status: string }[];

beforeAll(async () => {
  prm = await startDemoPrm({ seed: 42, scale: 'small', asOf: '2026-11-20', token: 'demo-cam' });
  users = prm.store.dump('user').map((r) => r.data);
  partners = prm.store.dump('partner').map((r) => r.data);
});
afterAll(() => prm.close());

/** A fresh replica synced with `token`; `connect` switches the token for later syncs. */
async function replica(token: string) {
  const db = openDb(':memory:');
  let current = token;
  const sync = createSyncService({
    db,
    clock,
    events: new EventBus(),
    source: () => protocolV1Connector({ url: prm.url, token: current }),
    pageSize: 5000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
  });
  const run = async () => {
    const summary = await sync.run();
    expect(summary.error).toBeNull();
    expect(summary.rejected + summary.conflicts).toBe(0);
  };
  await run();
  return { db, sync: run, connect: (t: string) => (current = t) };
}

const ownedBy = (owners: ReadonlySet<string>) => partners.filter((p) => owners.has(p.owner_id)).map((p) => p.id).sort();
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('my book, signed in as the demo CAM', () => {
  let db: Db;
  let sync: () => Promise<void>;
  let cam: (typeof users)[number];
  beforeAll(async () => {
    ({ db, sync } = await replica(prm.tokens.cam));
    cam = users.find((u) => u.role === 'cam')!;
  });
  afterAll(() => db.close());

  it('knows the CAM after the sync, and opens on their 30–60 partners once confirmed', async () => {
    expect(currentIdentity(db)).toMatchObject({
      source: 'Partnerbook demo PRM',
      user: { id: cam.id, name: cam.name, role: 'cam' },
      status: 'unconfirmed',
      scope: 'all',
    });
    const view = confirmIdentity(db);
    expect(view).toMatchObject({ status: 'confirmed', scope: 'mine', book: { kind: 'own', ownerIds: [cam.id] } });
    expect(view.book.partners).toBeGreaterThanOrEqual(30);
    expect(view.book.partners).toBeLessThanOrEqual(60);

    const mine = await listPartners(db, clock, bookFilter(db).owners);
    expect(ids(mine)).toEqual(ownedBy(new Set([cam.id])));
    // The count the views open on is the live book; the churned ones are counted apart.
    expect(mine.filter((p) => p.status !== 'churned')).toHaveLength(view.book.partners);
    expect(mine.filter((p) => p.status === 'churned')).toHaveLength(view.book.churned);
    expect(await listPartners(db, clock, bookFilter(db, 'all').owners)).toHaveLength(partners.length);
  });

  it('scopes health, plans and the actions badge to the same book', () => {
    const { owners } = bookFilter(db);
    expect(owners).toEqual(new Set([cam.id]));
    const health = createHealthService({ db, clock });
    const scored = health.portfolio().rows.filter((r) => owners!.has(r.owner_id));
    expect(ids(scored)).toEqual(ownedBy(owners!));
    for (const plan of listPlans(db, clock, { owners })) expect(plan.owner_id).toBe(cam.id);
    expect(listPlans(db, clock, { owners }).length).toBeLessThan(listPlans(db, clock).length);

    const everyone = listActions(db, clock, { includeHidden: false });
    const mine = listActions(db, clock, { owners });
    expect(mine.actions.length).toBeGreaterThan(0);
    for (const a of mine.actions) expect(a.ownerId).toBe(cam.id);
    expect(mine.openCount).toBe(everyone.actions.filter((a) => a.ownerId === cam.id).length);
    const badge = summarizeActions(db, clock, { owners });
    expect(badge.open).toBe(mine.openCount);
    expect(badge.open).toBeLessThan(summarizeActions(db, clock).open);
    health.dispose();
  });

  it('records a plan edit as the CAM, locally and on the server', async () => {
    const plan = listPlans(db, clock, { owners: bookFilter(db).owners }).find((p) => p.status === 'draft');
    expect(plan).toBeDefined();
    expect(updatePlan(db, clock, plan!.id, { summary: 'Joint pipeline review every other week.' })).toEqual({ changed: true });
    expect(listHistory(db, plan!.id)[0]).toMatchObject({ actor: cam.name, field: 'summary' });

    await sync();
    expect(db.sqlite.prepare("SELECT count(*) FROM outbox WHERE status = 'pending'").pluck().get()).toBe(0);
    const res = await fetch(`${prm.url}/admin/audit?entity=jbp&id=${encodeURIComponent(plan!.id)}`, { headers: { authorization: `Bearer ${prm.tokens.cam}` } });
    const audit = (await res.json()) as { entries: { fields: string[]; edited_by: { id: string; name: string; role: string } }[] };
    expect(audit.entries.at(-1)).toMatchObject({ fields: ['summary'], edited_by: { id: cam.id, name: cam.name, role: 'cam' } });
  });
});

describe('my book, signed in as the manager', () => {
  it('is the team\'s partners', async () => {
    const { db } = await replica(prm.tokens.manager);
    const cam = users.find((u) => u.role === 'cam')!;
    const manager = users.find((u) => u.id === cam.manager_id)!;
    expect(currentIdentity(db).user).toMatchObject({ id: manager.id, name: manager.name, role: 'manager' });
    expect(confirmIdentity(db)).toMatchObject({ scope: 'mine', book: { kind: 'team' } });
    const team = new Set([manager.id, ...users.filter((u) => u.manager_id === manager.id).map((u) => u.id)]);
    expect(team.has(cam.id)).toBe(true);
    const mine = await listPartners(db, clock, bookFilter(db).owners);
    expect(ids(mine)).toEqual(ownedBy(team));
    expect(mine.length).toBeGreaterThan(ownedBy(new Set([cam.id])).length);
    expect(mine.length).toBeLessThan(partners.length);
    db.close();
  });
});

describe('another person signing in to the same replica', () => {
  it('asks again, and an admin\'s book is everyone', async () => {
    const { db, sync, connect } = await replica(prm.tokens.cam);
    confirmIdentity(db);
    connect(prm.tokens.admin);
    await sync();
    expect(currentIdentity(db)).toMatchObject({ user: { id: null, role: 'admin' }, status: 'unconfirmed' });
    const churned = partners.filter((p) => p.status === 'churned').length;
    expect(confirmIdentity(db)).toMatchObject({ status: 'confirmed', book: { kind: 'everyone', partners: partners.length - churned, churned } });
    expect(bookFilter(db).owners).toBeNull();
    db.close();
  });
});
