/**
 * The health worker keeps nothing between requests but its connection, so it stops once
 * it has had nothing to do for a while (its heap and page cache go back: bench:sync-rss),
 * and the next request starts another that answers the same. On the small demo book in a
 * replica file; the idle time is shortened, and the test waits for the stop (no timing).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HealthWorker } from '../../../src-main/services/health/worker/pool';
import { demoReplicaFile } from '../../support/replica-of';

const AS_OF = '2026-11-20';
let dir: string;
let book: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pb-health-idle-'));
  book = join(dir, 'book.sqlite');
  demoReplicaFile(book, { seed: 42, scale: 'small', asOf: AS_OF });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!ok()) throw new Error(`never happened: ${what}`);
}

it('stops once idle and starts again for the next request, which answers the same', async () => {
  const worker = new HealthWorker(book, { idleStopMs: 100 });
  try {
    expect(worker.running()).toBe(false);
    const first = await worker.inputs([AS_OF]);
    expect(worker.running()).toBe(true);
    await until('the idle worker stopped', () => !worker.running());

    const again = await worker.inputs([AS_OF]);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.texts[AS_OF]).toBe(first.texts[AS_OF]);
    expect(again.inputs.get(AS_OF)?.size).toBeGreaterThan(100);
    // Requests one after another within the idle time keep the same thread.
    await worker.inputs([AS_OF]);
    expect(worker.running()).toBe(true);
  } finally {
    await worker.close();
  }
  expect(worker.running()).toBe(false);
});
