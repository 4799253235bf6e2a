/**
 * Decks are built in worker threads (export/deck-worker/pool.ts): the real worker returns
 * the same deck as building in-process; a deck that never finishes is stopped at its
 * deadline, a cancelled one at once, a crashed worker fails only its own deck — and each
 * time the next deck gets a fresh worker.
 */
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterEach, describe, expect, it } from 'vitest';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import { fixedClock } from '../../../src-main/base/clock';
import { DeckWorkers } from '../../../src-main/export/deck-worker/pool';
import { buildDeck } from '../../../src-main/export/pptx/deck';
import { createQbrBuilder } from '../../../src-main/services/qbr/pack';
import { qbrBook } from './fixtures';

const STUB = fileURLToPath(new URL('./deck-worker-stub.mjs', import.meta.url));
const packOf = (id: string) => ({ partner: { id } }) as QbrPack;
const text = (d: { bytes: Buffer }) => d.bytes.toString('utf8');

describe('deck workers', () => {
  let pool: DeckWorkers | null = null;
  afterEach(async () => {
    await pool?.close();
    pool = null;
  });

  it('build the same deck in a worker thread as in-process', async () => {
    pool = new DeckWorkers();
    const pack = createQbrBuilder({ db: qbrBook(), clock: fixedClock('2026-11-20'), sources: { health: null, jbpActuals: null, actions: null } }).pack('P-1', '2026-Q3');
    const [off, local] = await Promise.all([pool.build(pack), buildDeck(pack)]);
    expect(off.slides).toBe(local.slides);
    const slideText = async (bytes: Buffer) => {
      const zip = await JSZip.loadAsync(bytes);
      const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort();
      return Promise.all(names.map((n) => zip.file(n)!.async('string')));
    };
    expect(await slideText(off.bytes)).toEqual(await slideText(local.bytes));
  });

  it('stop a deck that runs past its deadline, and carry on with a fresh worker', async () => {
    pool = new DeckWorkers({ entry: STUB, size: 1, timeoutMs: 3000 });
    const stuck = pool.build(packOf('spin'));
    const next = pool.build(packOf('P-2'));
    await expect(stuck).rejects.toThrow('Building the deck took longer than 3 s; it was stopped.');
    expect(text(await next)).toBe('deck of P-2');
  });

  it('cancel a running or queued deck when its signal aborts', async () => {
    pool = new DeckWorkers({ entry: STUB, size: 1, timeoutMs: 60_000 });
    const running = new AbortController();
    const queued = new AbortController();
    const a = pool.build(packOf('spin'), { signal: running.signal });
    const b = pool.build(packOf('P-3'), { signal: queued.signal });
    const c = pool.build(packOf('P-4'));
    queued.abort();
    await expect(b).rejects.toThrow('cancelled');
    running.abort();
    await expect(a).rejects.toThrow('cancelled');
    expect(text(await c)).toBe('deck of P-4');
    await expect(pool.build(packOf('P-5'), { signal: AbortSignal.abort() })).rejects.toThrow('cancelled');
  });

  it('fail only the deck whose worker crashed or reported an error', async () => {
    pool = new DeckWorkers({ entry: STUB, size: 2 });
    const results = await Promise.allSettled([pool.build(packOf('crash')), pool.build(packOf('fail')), pool.build(packOf('P-6'))]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : text(r.value)))).toEqual([
      'Building the deck failed: the deck worker stopped (exit code 3)',
      'the pack has no title data',
      'deck of P-6',
    ]);
  });

  it('say so when the worker script cannot start', async () => {
    pool = new DeckWorkers({ entry: fileURLToPath(new URL('./no-such-worker.mjs', import.meta.url)) });
    await expect(pool.build(packOf('P-7'))).rejects.toThrow(/^Building the deck failed: .*no-such-worker/);
  });
});
