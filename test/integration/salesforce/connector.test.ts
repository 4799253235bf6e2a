/**
 * The Salesforce connector's pull against the fake Salesforce (tools/fake-salesforce,
 * seeded from the AdventureWorks files): the CLI syncs the book into a replica with counts
 * and the won amount equal to the source files; after 1,000 server-side edits the next
 * sync pulls only those; a delete arrives as a tombstone; an expired token is one sentence.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { SourceError } from '../../../src-main/sources/contract';
import { salesforceConnector } from '../../../src-main/sources/salesforce/source';
import { createSyncService } from '../../../src-main/sync/service';
import { startFakeSalesforce, type FakeSalesforce } from '../../../tools/fake-salesforce/server';
import { CLI } from '../../support/harness';
import { admin, DATA, dataPresent, session, warnIfNoData } from './support';

warnIfNoData('the Salesforce connector tests');

interface SyncJson {
  ok: boolean;
  kind: string;
  pulled: number;
  deleted: number;
  error: string | null;
}

describe.skipIf(!dataPresent)('Salesforce connector (pull) against the fake org', () => {
  let sf: FakeSalesforce;
  let token: string;
  const dir = mkdtempSync(join(tmpdir(), 'pb-sf-'));
  const replica = join(dir, 'replica.sqlite');
  // Async: the fake org answers from this process, so the CLI must not block its event loop.
  const sync = (...extra: string[]) =>
    new Promise<{ status: number | null; stderr: string; json: SyncJson | null }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'sync', '--db', replica, '--source', 'salesforce', '--instance-url', sf.url, '--access-token', token, '--json', ...extra]);
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (status) => resolve({ status, stderr: err, json: out.trim() ? (JSON.parse(out.trim().split('\n').pop()!) as SyncJson) : null }));
    });
  const q = (sql: string) => {
    const db = new Database(replica, { readonly: true });
    try {
      return db.prepare(sql).pluck().get();
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    sf = await startFakeSalesforce({});
    token = (await session(sf)).access_token;
  });
  afterAll(() => sf?.close());

  it('pulls the AdventureWorks book: partner and opportunity counts and the won amount match the source files', async () => {
    const r = await sync();
    expect(r.status, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: true, kind: 'full' });
    const lines = readFileSync(join(DATA, 'FactResellerSales.csv'), 'utf8').split(/\r?\n/).filter(Boolean).slice(1);
    const orders = new Set(lines.map((l) => l.split(',')[0]));
    const cents = lines.reduce((a, l) => a + Math.round(Number(l.split(',')[9]) * 100), 0);
    expect(q('SELECT count(*) FROM partner')).toBe(701);
    expect(q("SELECT count(*) FROM opportunity WHERE partner_role = 'sourced'")).toBe(orders.size);
    // Influence and co-sell (OpportunityPartner, synthetic: order numbers ≡ 0 mod 20 or 5 mod 50) are records of their own.
    const influenced = [...orders].filter((o) => Number(o!.slice(2)) % 20 === 0 || Number(o!.slice(2)) % 50 === 5).length;
    expect(q("SELECT count(*) FROM opportunity WHERE partner_role != 'sourced'")).toBe(influenced);
    expect(q("SELECT sum(amount) FROM opportunity WHERE stage = 'closed_won' AND partner_role = 'sourced'")).toBe(cents);
    expect(q('SELECT count(*) FROM user')).toBe(17);
    // Every partner's owner is a sales rep in the book; the tier's target is a figure of this book.
    expect(q('SELECT count(*) FROM partner WHERE owner_id NOT IN (SELECT id FROM user)')).toBe(0);
    expect(q("SELECT revenue_target > 100 FROM tier WHERE id = 'untiered'")).toBe(1);
  });

  it('a second sync after 1,000 server-side edits pulls only those; a deleted opportunity arrives as a tombstone', async () => {
    const edited = await admin(sf, 'edit', { object: 'Opportunity', count: 1000, seed: 7 });
    expect(edited.status).toBe(200);
    const del = await admin(sf, 'delete', { object: 'Opportunity', count: 1, seed: 3 });
    expect(del.status).toBe(200);
    // Salesforce covers whole minutes up to its current one: the edits are covered once it has passed.
    await admin(sf, 'clock', { advanceSeconds: 120 });
    const r = await sync();
    expect(r.status, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ ok: true, kind: 'incremental' });
    // The edited opportunities, and the influence / co-sell records of those that have partners besides the sourcing one.
    const n = (id: string) => Number(id.slice(3, 15));
    const withPartners = (edited.json as { ids: string[] }).ids.filter((id) => n(id) % 20 === 0 || n(id) % 50 === 5).length;
    expect(r.json!.pulled).toBe(1000 + withPartners);
    expect(r.json!.deleted).toBe(1);
    expect(q("SELECT count(*) FROM opportunity WHERE partner_role = 'sourced'")).toBe(3615);
    // Nothing changed: nothing pulled.
    const again = await sync();
    expect(again.json).toMatchObject({ ok: true, kind: 'incremental', pulled: 0, deleted: 0 });
  });

  it('an expired access token is one plain sentence, and the replica is kept', async () => {
    await admin(sf, 'expire-tokens', {});
    const r = await sync();
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe('partnerbook sync: Salesforce did not accept your sign-in. Sign in again.');
    expect(q('SELECT count(*) FROM partner')).toBe(701);
  });

  it('an expired session is renewed once and the sync completes; a refused renewal is "sign in again"', async () => {
    const fresh = (await session(sf)).access_token;
    await admin(sf, 'expire-tokens', {});
    let renewals = 0;
    const source = salesforceConnector({
      instanceUrl: sf.url,
      accessToken: fresh,
      refresh: async () => {
        renewals++;
        return (await session(sf)).access_token;
      },
    }).open();
    const page = await source.changes(null, 2000);
    expect(page.changes.length).toBeGreaterThan(0);
    expect(renewals).toBe(1);
    await admin(sf, 'expire-tokens', {});
    const refused = salesforceConnector({
      instanceUrl: sf.url,
      accessToken: fresh,
      refresh: () => Promise.reject(new SourceError('unauthorized', 'Salesforce no longer accepts this sign-in. Sign in again.')),
    }).open();
    await expect(refused.changes(null, 2000)).rejects.toThrow('Salesforce no longer accepts this sign-in. Sign in again.');
  });

  it("the org's daily API limit stops the sync cleanly and says when it will try again", async () => {
    token = (await session(sf)).access_token;
    await admin(sf, 'config', { apiLimit: 1, apiUsage: 1 });
    try {
      const db = openDb(':memory:');
      const events = new EventBus();
      const service = createSyncService({ db, clock: systemClock, events, source: () => salesforceConnector({ instanceUrl: sf.url, accessToken: token }) });
      const summary = await service.run();
      expect(summary.ok).toBe(false);
      expect(service.status().state).toBe('error');
      expect(service.status().message).toMatch(/^Your Salesforce org has used its API requests for now; Partnerbook will try again after \d\d:\d\d\.$/);
      expect(summary.retries).toBe(0);
      db.close();
    } finally {
      await admin(sf, 'config', { apiLimit: 1_000_000, apiUsage: 0 });
    }
  });

  it('while Salesforce answers 503 to everything, each call fails at once and the sync retries it visibly, not jsforce behind its back', async () => {
    token = (await session(sf)).access_token;
    await admin(sf, 'config', { failEvery: 1, apiUsage: 0 });
    try {
      const db = openDb(':memory:');
      const events = new EventBus();
      const messages: string[] = [];
      events.on('sync.status', (s) => (s.message ? messages.push(s.message) : undefined));
      const service = createSyncService({
        db,
        clock: systemClock,
        events,
        source: () => salesforceConnector({ instanceUrl: sf.url, accessToken: token }),
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });
      const summary = await service.run();
      expect(summary.ok).toBe(false);
      expect(summary.retries).toBe(1);
      expect(messages[0]).toMatch(/^Salesforce is busy right now; trying again shortly\. Retrying in 1 s \(attempt 2\)\.$/);
      // One data request per attempt: jsforce's own five retries of each (15.5 s of silent sleeps) are off.
      const state = (await admin(sf, 'state')).json as { apiUsage: number };
      expect(state.apiUsage).toBe(2);
      db.close();
    } finally {
      await admin(sf, 'config', { failEvery: 0, apiUsage: 0 });
    }
  });
});
