/**
 * Identity and "my book" (services/identity.ts) over an in-memory replica: what the
 * source reported at the last sync, the user's answer, the owners a scope covers, the
 * default scope, and the names edits are recorded under.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb, type Db } from '../../../src-main/db/connection';
import { listActions } from '../../../src-main/services/actions/service';
import {
  bookFilter,
  bookLead,
  bookOwnerIds,
  confirmIdentity,
  currentIdentity,
  defaultScope,
  getScope,
  rejectIdentity,
  setScope,
  signedInName,
} from '../../../src-main/services/identity';
import { listPartners } from '../../../src-main/services/partners';
import { actorName, editorName, setActorName } from '../../../src-main/services/plans/store';
import { saveNote, setCommitmentStatus } from '../../../src-main/services/qbr/notes';
import { createApplier, validateChanges } from '../../../src-main/sync/apply';
import { readReportedIdentity, recordReportedIdentity } from '../../../src-main/sync/identity';
import type { SourceUser } from '../../../src-main/sources/contract';

const clock = fixedClock('2026-11-20T10:00:00Z');
let v = 0;
const row = (entity: string, data: Record<string, unknown>) => ({ entity, id: String(data.id), version: ++v, op: 'upsert' as const, data });
const user = (id: string, name: string, role: 'cam' | 'manager', manager: string | null) =>
  row('user', { id, name, email: `${id.toLowerCase()}@vendor.example`, role, manager_id: manager });
const partner = (id: string, owner: string) =>
  row('partner', {
    id, name: `Partner ${id}`, type: 'msp', tier_id: 'gold', region: 'EMEA', country: 'DE', owner_id: owner,
    status: 'active', agreement_signed_at: '2024-01-01', churned_at: null, website: null, currency: 'USD',
  });

/** Two managers; M-1 leads Dana (2 partners) and Lee (1); M-2 leads Kim (1) and owns one partner. */
function book(): Db {
  const db = openDb(':memory:');
  const changes = validateChanges([
    user('M-1', 'Morgan Lead', 'manager', null),
    user('M-2', 'Sam Other', 'manager', null),
    user('U-1', 'Dana Reyes', 'cam', 'M-1'),
    user('U-2', 'Lee Park', 'cam', 'M-1'),
    user('U-3', 'Kim Ode', 'cam', 'M-2'),
    row('tier', { id: 'gold', name: 'Gold', rank: 3, min_sourced_arr: 0, min_certified: 0, revenue_target: 1, pipeline_target: 1, currency: 'USD', benefits: [] }),
    partner('P-1', 'U-1'),
    partner('P-2', 'U-1'),
    partner('P-3', 'U-2'),
    partner('P-4', 'U-3'),
    partner('P-5', 'M-2'),
  ]);
  db.sqlite.transaction(() => createApplier(db.sqlite).apply(changes, false))();
  return db;
}

const dana: SourceUser = { id: 'U-1', name: 'Dana Reyes', email: 'u-1@vendor.example', role: 'cam' };
const morgan: SourceUser = { id: 'M-1', name: 'Morgan Lead', email: null, role: 'manager' };
const admin: SourceUser = { id: null, name: 'PRM Administrator', email: null, role: 'admin' };
const report = (db: Db, u: SourceUser | null, source = 'Acme PRM') => recordReportedIdentity(db, { name: source, user: u, writable: [] }, clock.now());

let db: Db;
beforeEach(() => {
  v = 0;
  db = book();
});
afterEach(() => db.close());

describe('the reported identity', () => {
  it('is unknown before any sync, and scopes nothing', () => {
    expect(currentIdentity(db)).toMatchObject({ source: null, user: null, status: 'unknown', scope: 'all', book: { kind: 'everyone', partners: 5 } });
    expect(bookOwnerIds(db, 'mine')).toBeNull();
    expect(getScope(db)).toEqual({ scope: 'all', remembered: false, scoped: false });
  });

  it('is recorded in the replica at each sync and says when the person changed', () => {
    expect(report(db, dana)).toBe(true);
    expect(report(db, dana)).toBe(false);
    expect(readReportedIdentity(db)).toMatchObject({ source: 'Acme PRM', user: dana, reportedAt: clock.now() });
    expect(report(db, morgan)).toBe(true);
    expect(report(db, morgan, 'Other PRM')).toBe(true);
    expect(report(db, null, 'Other PRM')).toBe(true);
    expect(currentIdentity(db)).toMatchObject({ source: 'Other PRM', user: null, status: 'unknown' });
  });

  it('asks until confirmed, and again when the source reports someone else', () => {
    report(db, dana);
    expect(currentIdentity(db)).toMatchObject({ user: dana, status: 'unconfirmed', scope: 'all' });
    expect(confirmIdentity(db)).toMatchObject({ status: 'confirmed', scope: 'mine', book: { kind: 'own', ownerIds: ['U-1'], partners: 2 } });
    report(db, dana);
    expect(currentIdentity(db).status).toBe('confirmed');
    report(db, morgan);
    expect(currentIdentity(db)).toMatchObject({ user: morgan, status: 'unconfirmed' });
    report(db, { ...dana, name: 'Dana Reyes-Ortiz' });
    expect(currentIdentity(db).status).toBe('unconfirmed');
  });

  it('cannot be confirmed or rejected before the source said who is signed in', () => {
    expect(() => confirmIdentity(db)).toThrow(/does not know who is signed in yet/);
    report(db, null);
    expect(() => rejectIdentity(db)).toThrow(/sync with your source first/);
  });

  it('"not me" stops treating that person\'s partners as mine until someone else is reported', () => {
    report(db, dana);
    confirmIdentity(db);
    expect(rejectIdentity(db)).toMatchObject({ status: 'rejected', scope: 'all', book: { kind: 'everyone' } });
    expect(bookOwnerIds(db, 'mine')).toBeNull();
    expect(signedInName(db)).toBeNull();
    report(db, dana);
    expect(currentIdentity(db).status).toBe('rejected');
    report(db, morgan);
    expect(currentIdentity(db).status).toBe('unconfirmed');
    expect(confirmIdentity(db).status).toBe('confirmed');
  });
});

describe('my book', () => {
  it('is a CAM\'s own partners', () => {
    report(db, dana);
    expect(bookOwnerIds(db, 'mine')).toEqual(['U-1']);
    expect(bookOwnerIds(db, 'all')).toBeNull();
    expect(bookLead(db, 'mine')).toBe('U-1');
    expect(bookLead(db, 'all')).toBeUndefined();
  });

  it('counts the live partners the views open on, and the churned ones apart', () => {
    // Dana owns P-1 and P-2; P-2 churned: the views list one partner unless churned ones are asked for.
    const churned = { ...partner('P-2', 'U-1'), version: ++v };
    churned.data = { ...churned.data, status: 'churned', churned_at: '2026-06-30' };
    db.sqlite.transaction(() => createApplier(db.sqlite).apply(validateChanges([churned]), false))();
    report(db, dana);
    expect(confirmIdentity(db).book).toEqual({ kind: 'own', ownerIds: ['U-1'], partners: 1, churned: 1 });
    // Before anyone is known, every partner of the book: 4 live, 1 churned.
    rejectIdentity(db);
    expect(currentIdentity(db).book).toMatchObject({ kind: 'everyone', partners: 4, churned: 1 });
  });

  it('is a manager\'s own and their team\'s partners', () => {
    report(db, morgan);
    expect(bookOwnerIds(db, 'mine')).toEqual(['M-1', 'U-1', 'U-2']);
    confirmIdentity(db);
    expect(currentIdentity(db).book).toEqual({ kind: 'team', ownerIds: ['M-1', 'U-1', 'U-2'], partners: 3, churned: 0 });
  });

  it('is everyone for an admin, who has no partners of their own', () => {
    report(db, admin);
    confirmIdentity(db);
    expect(bookOwnerIds(db, 'mine')).toBeNull();
    expect(currentIdentity(db)).toMatchObject({ status: 'confirmed', book: { kind: 'everyone', partners: 5 } });
    expect(getScope(db).scoped).toBe(false);
  });

  it('scopes the reads that take it', async () => {
    report(db, dana);
    confirmIdentity(db);
    const mine = await listPartners(db, clock, bookFilter(db).owners);
    expect(mine.map((p) => p.id)).toEqual(['P-1', 'P-2']);
    expect((await listPartners(db, clock, bookFilter(db, 'all').owners)).length).toBe(5);
    expect(await listPartners(db, clock, new Set())).toEqual([]);
    const actions = listActions(db, clock, { owners: bookFilter(db).owners });
    for (const a of actions.actions) expect(a.ownerId).toBe('U-1');
  });
});

describe('the scope views open on', () => {
  it('is everyone until an identity is confirmed, then my book, unless a choice is remembered', () => {
    report(db, dana);
    expect(defaultScope(db)).toBe('all');
    confirmIdentity(db);
    expect(defaultScope(db)).toBe('mine');
    expect(setScope(db, 'all')).toEqual({ scope: 'all', remembered: true, scoped: true });
    expect(bookFilter(db)).toEqual({ scope: 'all', owners: null });
    expect(bookFilter(db, 'mine')).toEqual({ scope: 'mine', owners: new Set(['U-1']) });
    expect(setScope(db, 'mine').scope).toBe('mine');
    expect(currentIdentity(db).scope).toBe('mine');
  });

  it('covers everyone when "mine" means nobody known', () => {
    setScope(db, 'mine');
    expect(bookFilter(db)).toEqual({ scope: 'mine', owners: null });
    expect(getScope(db)).toEqual({ scope: 'mine', remembered: true, scoped: false });
  });
});

describe('the editor recorded', () => {
  it('is the signed-in person; the old "your name" setting only when nobody is known', () => {
    expect(actorName(db, 'P-3')).toEqual({ name: 'Lee Park', fromSetting: false });
    expect(editorName(db)).toBeNull();
    setActorName(db, 'Pat Typed');
    expect(actorName(db, 'P-3')).toEqual({ name: 'Pat Typed', fromSetting: true });
    expect(editorName(db)).toBe('Pat Typed');
    report(db, dana);
    expect(actorName(db, 'P-3')).toEqual({ name: 'Dana Reyes', fromSetting: false });
    expect(editorName(db)).toBe('Dana Reyes');
    rejectIdentity(db);
    expect(editorName(db)).toBe('Pat Typed');
  });

  it('is a QBR note\'s author, sent to the source with the note', () => {
    const note = { partnerId: 'P-1', quarter: '2026-Q4', section: 'summary' as const, kind: 'commitment' as const, body: 'Two joint webinars' };
    expect(saveNote(db, clock, note).author).toBeNull();
    report(db, dana);
    const saved = saveNote(db, clock, note);
    expect(saved.author).toBe('Dana Reyes');
    report(db, morgan);
    expect(setCommitmentStatus(db, clock, saved.id, 'done').author).toBe('Morgan Lead');
    const sent = db.sqlite.prepare("SELECT fields FROM outbox WHERE entity = 'qbr_note' AND record_id = ? ORDER BY mutation_id").pluck().all(saved.id) as string[];
    expect(sent.map((f) => (JSON.parse(f) as { author?: string }).author)).toEqual(['Dana Reyes', 'Morgan Lead']);
  });
});
