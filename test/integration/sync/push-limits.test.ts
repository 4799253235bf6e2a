/**
 * One edit can't stop sync (against the real demo PRM over loopback):
 *  - an edit too large to send, queued between good ones (as an older version could), is
 *    rejected on that edit with a message saying so; the good ones apply and the pull runs;
 *  - the PRM answers an oversized request with a 413 (not a reset connection); the batch
 *    is split down to the one edit it can't take, which is rejected with the PRM's reason;
 *  - an edit breaking the rules is rejected by the PRM naming the field, the others apply;
 *  - a push the PRM fails (5xx on /v1/mutations) does not stop the pull; a refused sign-in does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { fixedClock } from '../../../src-main/base/clock';
import { createPrmClient, protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { listOutbox } from '../../../src-main/sync/conflicts';
import { queueEdit } from '../../../src-main/sync/edits';
import { push } from '../../../src-main/sync/push';
import { createSyncService } from '../../../src-main/sync/service';
import { HttpError, startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';
import { PrmStore } from '../../../tools/demo-prm/store';
import { replicaOf } from '../../support/replica-of';
import { seedBase, seedCase, type CaseIds } from '../../support/tiny-book';

const TOKEN = 'limits';
const clock = fixedClock('2026-11-20T10:00:00Z');
const RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
const dir = mkdtempSync(join(tmpdir(), 'pb-limits-'));
let prm: DemoPrm;
/** What POST /v1/mutations answers meanwhile: the real handler, a 503 or a 401. */
let mutationsMode: 'real' | 'down' | 'unauthorized' | 'rate' = 'real';
let n = 0;

beforeAll(async () => {
  const path = join(dir, 'prm.sqlite');
  const s = PrmStore.open(path);
  seedBase(s);
  s.close();
  prm = await startDemoPrm({
    storePath: path,
    token: TOKEN,
    routes: (routes) => {
      const real = routes.get('POST /v1/mutations')!;
      routes.set('POST /v1/mutations', (ctx) => {
        if (mutationsMode === 'down') throw new HttpError(503, 'unavailable', 'the PRM is down for maintenance');
        if (mutationsMode === 'unauthorized') throw new HttpError(401, 'unauthorized', 'the token was revoked');
        if (mutationsMode === 'rate') throw new HttpError(429, 'rate_limited', 'too many edits', { 'retry-after': '3600' });
        return real(ctx);
      });
    },
  });
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(): { db: Db; ids: CaseIds } {
  const ids = seedCase(prm.store, `L${++n}`, 3);
  return { db: replicaOf(prm.store), ids };
}

const sync = (db: Db) =>
  createSyncService({ db, clock, events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: TOKEN }), retry: RETRY, timeoutMs: 20_000 });

/** An edit as a version without the size rules could have queued it (the rules refuse it now). */
function queueRaw(db: Db, entity: string, id: string, fields: Record<string, unknown>, base: Record<string, unknown>): number {
  return Number(
    db.sqlite
      .prepare('INSERT INTO outbox (entity, record_id, op, base_version, fields, base, created_at) VALUES (?, ?, ?, 1, ?, ?, ?)')
      .run(entity, id, 'upsert', JSON.stringify(fields), JSON.stringify(base), clock.now()).lastInsertRowid,
  );
}

function goodAndBad(db: Db, ids: CaseIds, bad: Record<string, unknown>) {
  queueEdit(db.sqlite, clock, { entity: 'note', id: ids.notes[0]!, op: 'upsert', fields: { body: 'first good edit' } });
  const badId = queueRaw(db, 'jbp', ids.jbp, bad, { summary: 'Grow together' });
  queueEdit(db.sqlite, clock, { entity: 'note', id: ids.notes[1]!, op: 'upsert', fields: { body: 'second good edit' } });
  queueEdit(db.sqlite, clock, { entity: 'jbp_objective', id: ids.objectives[0]!, op: 'upsert', fields: { target: 140 } });
  return badId;
}

function expectGoodApplied(ids: CaseIds): void {
  expect(prm.store.get('note', ids.notes[0]!)?.data.body).toBe('first good edit');
  expect(prm.store.get('note', ids.notes[1]!)?.data.body).toBe('second good edit');
  expect(prm.store.get('jbp_objective', ids.objectives[0]!)?.data.target).toBe(140);
  expect(prm.store.get('jbp', ids.jbp)?.data.summary).toBe('Grow together');
}

describe('one edit the PRM cannot take does not stop sync', () => {
  it('an edit too large to send is rejected on that edit; the others apply and the pull still runs', async () => {
    const { db, ids } = fresh();
    const badId = goodAndBad(db, ids, { summary: 'x'.repeat(2_500_000) });
    prm.store.patch('note', ids.notes[2]!, { body: 'changed in the PRM' });
    const summary = await sync(db).run();
    expect(summary.error).toBeNull();
    expect(summary).toMatchObject({ ok: true, pushed: 3, applied: 3, rejected: 1 });
    expectGoodApplied(ids);
    expect(listOutbox(db.sqlite)).toEqual([
      expect.objectContaining({ mutation_id: badId, status: 'rejected', error: expect.stringMatching(/^summary: this edit is too large to send to the PRM \(2\.4 MB; an edit can be at most 1\.0 MB\)/) as unknown }),
    ]);
    // the pull ran: the PRM's own change is here
    expect(db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(ids.notes[2]!)).toEqual({ body: 'changed in the PRM' });
    db.close();
  });

  it('the PRM answers an oversized request with a 413, and the batch is split down to the edit it refuses', async () => {
    const res = await fetch(`${prm.url}/v1/mutations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'x', mutations: [], pad: 'x'.repeat(3_000_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'too_large', message: 'the request body is 2.9 MB; this PRM takes at most 2.0 MB per request' } });

    const { db, ids } = fresh();
    const badId = goodAndBad(db, ids, { summary: 'x'.repeat(2_500_000) });
    // a client that would send it: its own cap above what the PRM takes
    const result = await push(db.sqlite, createPrmClient({ url: prm.url, token: TOKEN }), { retry: RETRY, now: clock.now, maxBatchBytes: 8 * 1024 * 1024 });
    expect(result).toMatchObject({ pushed: 4, applied: 3, rejected: 1 });
    expectGoodApplied(ids);
    const [left] = listOutbox(db.sqlite);
    expect(left).toMatchObject({ mutation_id: badId, status: 'rejected' });
    expect(left!.error).toMatch(/^The PRM refused the request: the request body is 2\.4 MB; this PRM takes at most 2\.0 MB per request/);
    db.close();
  });

  it('an edit over the rules’ limit is rejected by the PRM naming the field; the others apply', async () => {
    const { db, ids } = fresh();
    const badId = goodAndBad(db, ids, { summary: 'y'.repeat(30_000) });
    const summary = await sync(db).run();
    expect(summary).toMatchObject({ ok: true, applied: 3, rejected: 1 });
    expectGoodApplied(ids);
    expect(listOutbox(db.sqlite)).toEqual([
      expect.objectContaining({ mutation_id: badId, status: 'rejected', error: 'summary: The summary is 30,000 characters long; it can be at most 20,000.' }),
    ]);
    db.close();
  });

  it('an edit that un-signs a signed plan is rejected by the PRM; the plan stays signed', async () => {
    const { db, ids } = fresh();
    prm.store.patch('jbp', ids.jbp, {
      status: 'signed', vendor_signoff_name: 'Dana', vendor_signoff_at: '2026-10-01', partner_signoff_name: 'Pat', partner_signoff_at: '2026-10-02',
    });
    const replica = replicaOf(prm.store);
    db.close();
    // as the generic path allowed before: status back to draft, signatures left
    queueRaw(replica, 'jbp', ids.jbp, { status: 'draft', summary: 'Changed after signing' }, { status: 'signed', summary: 'Grow together' });
    const summary = await sync(replica).run();
    expect(summary).toMatchObject({ ok: true, rejected: 1 });
    expect(prm.store.get('jbp', ids.jbp)?.data).toMatchObject({ status: 'signed', summary: 'Grow together', vendor_signoff_at: '2026-10-01' });
    expect(listOutbox(replica.sqlite)[0]!.error).toMatch(/^status: “Plan L\d+” is signed by both sides and locked\. Reopen it/);
    replica.close();
  });
});

describe('pull does not depend on push', () => {
  it('a push the PRM fails (5xx) still pulls new changes, and says the edits were not sent', async () => {
    const { db, ids } = fresh();
    queueEdit(db.sqlite, clock, { entity: 'note', id: ids.notes[0]!, op: 'upsert', fields: { body: 'waiting to be sent' } });
    prm.store.patch('note', ids.notes[1]!, { body: 'new in the PRM' });
    mutationsMode = 'down';
    try {
      const service = sync(db);
      const summary = await service.run();
      expect(summary.ok).toBe(false);
      expect(summary.error).toMatch(/^Your edits were not sent: The PRM had a problem \(HTTP 503\): the PRM is down for maintenance\. They wait/);
      expect(summary.pulled).toBeGreaterThan(0);
      expect(db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(ids.notes[1]!)).toEqual({ body: 'new in the PRM' });
      expect(listOutbox(db.sqlite)).toEqual([expect.objectContaining({ status: 'pending', fields: { body: 'waiting to be sent' } })]);
      expect(service.status()).toMatchObject({ state: 'error', pendingEdits: 1 });
      expect(service.runs(1)[0]).toMatchObject({ status: 'error', error: summary.error });
    } finally {
      mutationsMode = 'real';
    }
    // once the PRM takes edits again, the next sync sends it
    expect(await sync(db).run()).toMatchObject({ ok: true, applied: 1 });
    expect(prm.store.get('note', ids.notes[0]!)?.data.body).toBe('waiting to be sent');
    db.close();
  });

  it('a push the PRM rate-limits for an hour still pulls, and automatic runs hold off', async () => {
    const { db, ids } = fresh();
    queueEdit(db.sqlite, clock, { entity: 'note', id: ids.notes[0]!, op: 'upsert', fields: { body: 'later' } });
    prm.store.patch('note', ids.notes[1]!, { body: 'pulled all the same' });
    mutationsMode = 'rate';
    const service = createSyncService({
      db, clock, events: new EventBus(), source: () => protocolV1Connector({ url: prm.url, token: TOKEN }), retry: RETRY, editDebounceMs: 5,
    });
    try {
      const summary = await service.run();
      expect(summary.error).toMatch(/^Your edits were not sent: The PRM asked us to wait 60 minutes/);
      expect(db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(ids.notes[1]!)).toEqual({ body: 'pulled all the same' });
      // a local edit would sync shortly after; not while the PRM asked for a pause
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
      service.startSchedule();
      service.notifyEdit();
      await vi.advanceTimersByTimeAsync(50);
      expect(service.runs(10)).toHaveLength(1);
    } finally {
      service.stopSchedule();
      vi.useRealTimers();
      await service.abort();
      mutationsMode = 'real';
    }
    db.close();
  });

  it('a refused sign-in on push stops the run before the pull', async () => {
    const { db, ids } = fresh();
    queueEdit(db.sqlite, clock, { entity: 'note', id: ids.notes[0]!, op: 'upsert', fields: { body: 'not sent' } });
    prm.store.patch('note', ids.notes[1]!, { body: 'not pulled either' });
    mutationsMode = 'unauthorized';
    try {
      const summary = await sync(db).run();
      expect(summary).toMatchObject({ ok: false, pulled: 0 });
      expect(summary.error).toMatch(/did not accept your sign-in/);
      expect(db.sqlite.prepare('SELECT body FROM note WHERE id = ?').get(ids.notes[1]!)).toEqual({ body: 'Note 2' });
    } finally {
      mutationsMode = 'real';
    }
    db.close();
  });
});
