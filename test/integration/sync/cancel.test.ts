/**
 * Cancel: a PRM that takes requests and never answers keeps a sync retrying for minutes
 * (30 s a request, several attempts). The user's Cancel stops it at once — the request in
 * flight is cut, not waited out — and the status says it was cancelled and nothing is lost.
 * The test's timeout bounds it: without the cut, the run would take minutes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src-main/base/clock';
import { openDb } from '../../../src-main/db/connection';
import { EventBus } from '../../../src-main/events';
import { protocolV1Connector } from '../../../src-main/sources/protocol-v1/client';
import { CANCELLED_MESSAGE, createSyncService } from '../../../src-main/sync/service';
import type { SyncStatus } from '../../../src-shared/methods/sync';

let server: Server | null = null;
const sockets = new Set<Socket>();

/** A server on loopback that reads each request and never answers it; `seen` counts them. */
async function hungPrm(): Promise<{ url: string; seen: () => number }> {
  let seen = 0;
  server = createServer(() => {
    seen++;
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen: () => seen };
}

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

describe('cancelling a sync', () => {
  it('cuts the request in flight, ends the run as stopped, and says so', { timeout: 20_000 }, async () => {
    const prm = await hungPrm();
    const db = openDb(':memory:');
    const events = new EventBus();
    const sync = createSyncService({
      db,
      clock: fixedClock('2026-11-20T09:00:00Z'),
      events,
      source: () => protocolV1Connector({ url: prm.url, token: 'tok' }),
      // A minute a request: only a cut request lets the run end inside the test's timeout.
      timeoutMs: 60_000,
    });
    const running = sync.run();
    // Waits until the PRM holds the first request.
    while (prm.seen() === 0) await new Promise((r) => setTimeout(r, 20));
    expect(sync.status().state).toBe('syncing');

    expect(await sync.cancel()).toBe(true);
    const summary = await running;
    expect(summary.error).toBe(CANCELLED_MESSAGE);
    const status: SyncStatus = sync.status();
    expect(status.state).toBe('idle');
    expect(status.message).toBe(CANCELLED_MESSAGE);
    expect(sync.runs(1)[0]).toMatchObject({ status: 'aborted', error: 'Cancelled.' });
    // Nothing running: a second Cancel says so.
    expect(await sync.cancel()).toBe(false);
    await sync.close();
    db.close();
  });

  it('while it waits to retry, the status says what it waits for; Cancel stops the wait', { timeout: 20_000 }, async () => {
    const prm = await hungPrm();
    const db = openDb(':memory:');
    const events = new EventBus();
    const seen: SyncStatus[] = [];
    events.on('sync.status', (s) => seen.push(s));
    const sync = createSyncService({
      db,
      clock: fixedClock('2026-11-20T09:00:00Z'),
      events,
      source: () => protocolV1Connector({ url: prm.url, token: 'tok' }),
      timeoutMs: 200,
      // A minute between attempts: only a cut wait ends inside the test's timeout.
      retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const running = sync.run();
    while (!seen.some((s) => s.state === 'syncing' && /Retrying in/.test(s.message ?? ''))) await new Promise((r) => setTimeout(r, 20));
    const waiting = seen.find((s) => s.state === 'syncing' && s.message)!;
    expect(waiting.message).toMatch(/^The PRM at http:\/\/127\.0\.0\.1:\d+ did not answer within \d+ s\. Retrying in \d+ s \(attempt 2\)\.$/);
    expect(await sync.cancel()).toBe(true);
    await running;
    expect(sync.status()).toMatchObject({ state: 'idle', message: CANCELLED_MESSAGE });
    await sync.close();
    db.close();
  });
});
