/**
 * "Since last import": the actions digest of an imported book compares the fired sets at
 * its last two imports. Its syncs (every few minutes, bringing nothing) are not arrivals:
 * before, each one started a new comparison, so an import's changes showed for five
 * minutes and then read "no change". Real data: the AdventureWorks reseller channel.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import type { DigestEntry } from '../../../src-shared/methods/actions';
import type { Db } from '../../../src-main/db/connection';
import { needsRecording, recordSnapshot } from '../../../src-main/services/actions/digest';
import { actionDigest, listActions } from '../../../src-main/services/actions/service';
import { importTables, parseMapping, readFiles } from '../../../src-main/services/import/service';
import { setState } from '../../../src-main/sync/state';
import { REPO } from '../../support/harness';

const DATA = resolve(REPO, '../shared/data/adventureworks-reseller-channel');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the imported book's digest test: ${DATA} is not on this machine`);
const FILES = ['DimEmployee.csv', 'Resellers.csv', 'FactResellerSales.csv'];
const mapping = parseMapping(JSON.parse(readFileSync(join(REPO, 'resources/import-mappings/adventureworks-reseller-channel.json'), 'utf8')));

/** The fired set recorded at `at`, as the digest stores it. */
function readEntries(db: Db, at: string): DigestEntry[] {
  return db.sqlite
    .prepare('SELECT key, rule, partner_id AS partnerId, partner_name AS partnerName, suggestion, impact, currency FROM action_snapshot WHERE synced_at = ?')
    .all(at) as DigestEntry[];
}

describe.skipIf(!present)('the actions digest of an imported book', () => {
  it('compares the last two imports, whatever syncs ran between them', async () => {
    const db = openDb(':memory:');
    const tables = await readFiles(FILES.map((f) => join(DATA, f)));
    // Views compute as of the book's last date (its last order); the imports and syncs happen today.
    const actionsClock = fixedClock('2020-05-31');
    expect(importTables(db, fixedClock('2026-12-01T09:00:00Z'), tables, mapping).ok).toBe(true);
    const first = actionDigest(db, actionsClock);
    expect(first).toEqual({ syncedAt: '2026-12-01T09:00:00Z', previousSyncedAt: null, added: [], resolved: [] });

    // The app syncs an imported book every few minutes (its local edits); nothing arrives by it.
    setState(db.sqlite, 'last_synced_at', '2026-12-01T09:05:00Z');
    expect(actionDigest(db, actionsClock)).toEqual(first);

    // The next export no longer holds Westside Plaza's orders: its QBR is no longer due (no won ARR, no Gold tier).
    const fact = tables.find((t) => t.file === 'FactResellerSales.csv')!;
    const resellerKey = fact.headers.indexOf('ResellerKey');
    const without = tables.map((t) => (t === fact ? { ...t, rows: t.rows.filter((r) => r.cells[resellerKey] !== '599') } : t));
    expect(without.find((t) => t.file === 'FactResellerSales.csv')!.rows.length).toBeLessThan(fact.rows.length);
    const second = importTables(db, fixedClock('2026-12-01T10:00:00Z'), without, mapping, { confirmRemovals: true });
    expect(second.ok, second.message).toBe(true);
    setState(db.sqlite, 'last_synced_at', '2026-12-01T10:05:00Z');

    const digest = actionDigest(db, actionsClock);
    expect(digest.syncedAt).toBe('2026-12-01T10:00:00Z');
    expect(digest.previousSyncedAt).toBe('2026-12-01T09:00:00Z');
    expect(digest.resolved.map((e) => e.key)).toContain('qbr_due:599:2020-Q2');

    // Another sync later: the comparison stays the one between the two imports.
    setState(db.sqlite, 'last_synced_at', '2026-12-01T10:10:00Z');
    expect(actionDigest(db, actionsClock)).toEqual(digest);
    db.close();
  });

  it('a workspace that synced before its first import (nothing in it yet) compares nothing with that import', async () => {
    const db = openDb(':memory:');
    const tables = await readFiles(FILES.map((f) => join(DATA, f)));
    // The workspace the import makes syncs first, with nothing in it: not an arrival.
    setState(db.sqlite, 'last_synced_at', '2026-12-01T08:59:00Z');
    expect(actionDigest(db, fixedClock('2020-05-31'))).toEqual({ syncedAt: null, previousSyncedAt: null, added: [], resolved: [] });
    expect(importTables(db, fixedClock('2026-12-01T09:00:00Z'), tables, mapping).ok).toBe(true);
    // The first import is the first arrival: not every action of the book "new since" the empty workspace.
    expect(actionDigest(db, fixedClock('2020-05-31'))).toEqual({ syncedAt: '2026-12-01T09:00:00Z', previousSyncedAt: null, added: [], resolved: [] });
    db.close();
  });

  it('a book whose digest recorded a sync after its import (before the digest followed imports) is not recorded again on every call', async () => {
    const db = openDb(':memory:');
    const tables = await readFiles(FILES.map((f) => join(DATA, f)));
    expect(importTables(db, fixedClock('2026-12-01T09:00:00Z'), tables, mapping).ok).toBe(true);
    expect(actionDigest(db, fixedClock('2020-05-31')).syncedAt).toBe('2026-12-01T09:00:00Z');
    const entries = readEntries(db, '2026-12-01T09:00:00Z');
    expect(entries.length).toBeGreaterThan(0);
    // As the digest used to record it: at the sync that followed the import.
    recordSnapshot(db, '2026-12-01T09:05:00Z', entries);
    expect(needsRecording(db)).toBeNull();
    expect(actionDigest(db, fixedClock('2020-05-31'))).toMatchObject({ syncedAt: '2026-12-01T09:05:00Z', previousSyncedAt: '2026-12-01T09:00:00Z', added: [], resolved: [] });
    db.close();
  });
});

describe('the actions digest of a book in which nothing fires', () => {
  const clock = fixedClock('2026-11-20');
  /** A book of one partner with nothing the rules act on (a book with no partners has not arrived). */
  const withOnePartner = (db: Db) =>
    db.sqlite.exec(`
      INSERT INTO user (id, name, email, role, manager_id, version) VALUES ('U-1', 'Ada', 'ada@x.example', 'cam', NULL, 1);
      INSERT INTO tier (id, name, rank, min_sourced_arr, min_certified, revenue_target, pipeline_target, currency, benefits, version)
        VALUES ('registered', 'Registered', 1, 0, 0, 0, 0, 'USD', '[]', 1);
      INSERT INTO partner (id, name, type, tier_id, region, country, owner_id, status, agreement_signed_at, churned_at, website, currency, version)
        VALUES ('P-1', 'Acme', 'reseller', 'registered', 'EMEA', 'DE', 'U-1', 'active', '2024-01-01', NULL, NULL, 'USD', 1);
    `);
  const entry = (key: string): DigestEntry => ({ key, rule: 'qbr_due', partnerId: 'P-1', partnerName: 'Acme', suggestion: 'Hold the QBR', impact: 0, currency: 'USD' });

  it('records the arrival: it says when the book arrived, not "not synced yet", and does not rank the book again on every call', () => {
    const db = openDb(':memory:');
    withOnePartner(db);
    expect(listActions(db, clock).openCount).toBe(0);
    setState(db.sqlite, 'last_synced_at', '2026-11-20T09:00:00Z');
    expect(actionDigest(db, clock)).toEqual({ syncedAt: '2026-11-20T09:00:00Z', previousSyncedAt: null, added: [], resolved: [] });
    expect(needsRecording(db)).toBeNull();
    db.close();
  });

  it('after an arrival at which actions fired, lists them all as resolved', () => {
    const db = openDb(':memory:');
    withOnePartner(db);
    recordSnapshot(db, '2026-11-19T09:00:00Z', [entry('qbr_due:P-1:2026-Q4'), entry('qbr_due:P-2:2026-Q4')]);
    setState(db.sqlite, 'last_synced_at', '2026-11-20T09:00:00Z');
    const digest = actionDigest(db, clock);
    expect(digest).toMatchObject({ syncedAt: '2026-11-20T09:00:00Z', previousSyncedAt: '2026-11-19T09:00:00Z', added: [] });
    expect(digest.resolved.map((e) => e.key).sort()).toEqual(['qbr_due:P-1:2026-Q4', 'qbr_due:P-2:2026-Q4']);
    // Two arrivals later, the first is forgotten, rows and arrival alike.
    recordSnapshot(db, '2026-11-21T09:00:00Z', [entry('qbr_due:P-3:2026-Q4')]);
    expect(db.sqlite.prepare('SELECT count(*) FROM action_snapshot WHERE synced_at = ?').pluck().get('2026-11-19T09:00:00Z')).toBe(0);
    expect(actionDigest(db, clock)).toMatchObject({ syncedAt: '2026-11-21T09:00:00Z', previousSyncedAt: '2026-11-20T09:00:00Z', resolved: [] });
    expect(actionDigest(db, clock).added.map((e) => e.key)).toEqual(['qbr_due:P-3:2026-Q4']);
    db.close();
  });
});
