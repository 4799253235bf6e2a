/**
 * The source's notes (API usage, entities it cannot read) are kept after each run, in the
 * replica's sync state so they survive a restart, and `sync.status` carries them. The
 * source here is the demo PRM's protocol-v1 source with `notes()` added on top: it
 * counts the requests it made, like a Salesforce connection reading its limit header.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import type { Source, SourceConnector, SourceNotes } from '../../../src-main/sources/contract';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { createSyncService } from '../../../src-main/sync/service';
import { startDemoPrm, type DemoPrm } from '../../../tools/demo-prm/server';

let prm: DemoPrm;
let dir: string;
beforeAll(async () => {
  prm = await startDemoPrm({ seed: 5, scale: 'small', asOf: '2026-11-20', token: 't' });
  dir = mkdtempSync(join(tmpdir(), 'pb-notes-'));
});
afterAll(async () => {
  await prm.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The demo PRM's source, plus notes: requests counted against a limit, and one entity it "cannot read". */
function noting(url: string, unavailable: SourceNotes['unavailable'], leftOut?: SourceNotes['leftOut']): SourceConnector & { calls(): number } {
  let calls = 0;
  const inner = protocolV1Connector({ url, token: 't' });
  return {
    kind: inner.kind,
    label: inner.label,
    calls: () => calls,
    open(opts) {
      const s = inner.open(opts);
      const count = <T>(p: () => Promise<T>) => {
        calls++;
        return p();
      };
      const source: Source = {
        label: s.label,
        describe: () => count(() => s.describe()),
        changes: (cursor, limit) => count(() => s.changes(cursor, limit)),
        mutations: (req) => count(() => s.mutations(req)),
        notes: () => ({ apiUsage: { used: calls, limit: 15_000 }, unavailable, ...(leftOut ? { leftOut } : {}) }),
      };
      return source;
    },
  };
}

function service(path: string, source: () => SourceConnector) {
  const db = openDb(path);
  const sync = createSyncService({
    db,
    clock: fixedClock('2026-11-20T09:00:00Z'),
    events: new EventBus(),
    source,
    pageSize: 500,
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  return { db, sync };
}

describe('sync service: source notes', () => {
  it('keeps the last run’s notes in sync.status, across a restart', async () => {
    const path = join(dir, 'a.sqlite');
    const leftOut = [{ entity: 'certification' as const, count: 3, reason: 'Certifications whose contact is not in your book are left out.' }];
    const src = noting(prm.url, [{ entity: 'deal_registration', reason: 'Leads of the deal registration record type are not in this org.' }], leftOut);
    const first = service(path, () => src);
    expect(first.sync.status().notes).toBeNull();
    expect((await first.sync.run()).ok).toBe(true);
    const calls = src.calls();
    expect(calls).toBeGreaterThan(1);
    expect(first.sync.status().notes).toEqual({
      apiUsage: { used: calls, limit: 15_000 },
      unavailable: [{ entity: 'deal_registration', reason: 'Leads of the deal registration record type are not in this org.' }],
      leftOut,
      at: '2026-11-20T09:00:00Z',
    });
    first.db.close();

    // A restart (a new service on the same replica) shows them before any run.
    const second = service(path, () => src);
    expect(second.sync.status().notes).toMatchObject({ apiUsage: { used: calls, limit: 15_000 }, leftOut });
    second.db.close();
  });

  it('a failed run keeps what the source said; a source without notes leaves the old ones', async () => {
    const path = join(dir, 'b.sqlite');
    const down = noting('http://127.0.0.1:9', []);
    const a = service(path, () => down);
    expect((await a.sync.run()).ok).toBe(false);
    expect(a.sync.status().notes).toMatchObject({ apiUsage: { used: down.calls(), limit: 15_000 }, unavailable: [] });
    a.db.close();

    const plain = service(path, () => protocolV1Connector({ url: prm.url, token: 't' }));
    expect((await plain.sync.run()).ok).toBe(true);
    expect(plain.sync.status().notes).toMatchObject({ apiUsage: { used: down.calls(), limit: 15_000 } });
    plain.db.close();
  });
});
