/**
 * Decks are built in worker threads, so no export — however much text it carries — holds
 * up the main process (the API, IPC, sync). The caller builds the pack (quick reads from
 * the replica) and hands it over; the worker fits the text and renders the .pptx with
 * pptxgenjs, and sends the bytes back.
 *
 * Workers start on first use, at most `size` at a time (further decks queue), are unref'd
 * while idle (a CLI command exits when its work is done) and stop after `idleMs` without
 * work. A deck that runs longer than `timeoutMs`, or whose caller aborts, stops its worker;
 * a worker that dies fails only the deck it was building.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Branding } from '../../../src-shared/methods/branding';
import type { QbrPack } from '../../../src-shared/methods/qbr';
import type { Deck } from '../pptx/deck';
import type { DeckReply, DeckRequest } from './worker';

export interface BuildDeckOptions {
  signal?: AbortSignal;
  /** The company's look (the Partnerbook look when absent). */
  branding?: Branding;
}

export type BuildDeck = (pack: QbrPack, o?: BuildDeckOptions) => Promise<Deck>;

export interface DeckWorkersOptions {
  /** Most workers at a time. */
  size?: number;
  /** Longest a deck may take (worker start included) before its worker is stopped. */
  timeoutMs?: number;
  /** How long an idle worker is kept. */
  idleMs?: number;
  /** Heap limit of each worker. */
  maxMemoryMb?: number;
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
}

/** The worker script: worker-dev.mjs in a checkout, deck-worker.js in the electron-vite bundle. */
export function deckWorkerEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, 'worker-dev.mjs'), // TypeScript sources (tsx, vitest)
    join(here, 'deck-worker.js'), // bundle: out/main/
    join(here, '..', 'deck-worker.js'), // bundle, from a shared chunk in out/main/chunks/
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`This build has no deck worker (looked for ${candidates.join(', ')}).`);
  return found;
}

const cancelled = () => new Error('cancelled');

interface Job {
  req: DeckRequest;
  resolve(deck: Deck): void;
  reject(err: Error): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
  /** The running deck's deadline, or the idle worker's retirement. */
  timer: NodeJS.Timeout | null;
}

export class DeckWorkers {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private seq = 0;
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly maxMemoryMb: number;

  constructor(private readonly o: DeckWorkersOptions = {}) {
    this.size = Math.max(1, o.size ?? Math.min(2, availableParallelism() - 1));
    this.timeoutMs = o.timeoutMs ?? 60_000;
    this.idleMs = o.idleMs ?? 60_000;
    this.maxMemoryMb = o.maxMemoryMb ?? 512;
  }

  /** The .pptx for `pack`, built in a worker. Rejects with Error('cancelled') when `signal` aborts. */
  build: BuildDeck = (pack, o = {}) =>
    new Promise<Deck>((resolve, reject) => {
      if (o.signal?.aborted) return reject(cancelled());
      const job: Job = { req: { id: ++this.seq, pack, ...(o.branding ? { branding: o.branding } : {}) }, resolve, reject, signal: o.signal };
      if (o.signal) {
        job.onAbort = () => this.cancel(job);
        o.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });

  /**
   * Starts a worker ahead of the first deck (if none is running), so its start-up overlaps
   * the caller's work on the pack. A worker that can't start is reported by `build`.
   */
  warm(): void {
    if (this.slots.size > 0) return;
    try {
      this.release(this.spawn());
    } catch {
      // build() says why.
    }
  }

  /** Fails queued and running decks and stops every worker. */
  async close(): Promise<void> {
    for (const job of this.queue.splice(0)) this.settle(job, new Error('The deck workers were shut down.'));
    await Promise.all([...this.slots].map((s) => this.stop(s, new Error('The deck workers were shut down.'))));
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let slot = [...this.slots].find((s) => !s.job);
      if (!slot) {
        if (this.slots.size >= this.size) return;
        try {
          slot = this.spawn();
        } catch (err) {
          const e = new Error(`Building the deck failed: ${err instanceof Error ? err.message : String(err)}`);
          for (const job of this.queue.splice(0)) this.settle(job, e);
          return;
        }
      }
      this.assign(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.o.entry ?? deckWorkerEntry(), { resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb } });
    const slot: Slot = { worker, job: null, timer: null };
    worker.on('message', (m: DeckReply) => this.onReply(slot, m));
    worker.on('error', (err) => this.onGone(slot, err));
    worker.on('exit', (code) => this.onGone(slot, new Error(`the deck worker stopped (exit code ${code})`)));
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  private assign(slot: Slot, job: Job): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = job;
    slot.timer = setTimeout(() => void this.stop(slot, new Error(`Building the deck took longer than ${this.timeoutMs / 1000} s; it was stopped.`)), this.timeoutMs);
    slot.worker.ref();
    try {
      slot.worker.postMessage(job.req);
    } catch (err) {
      this.release(slot);
      this.settle(job, err instanceof Error ? err : new Error(String(err)));
    }
  }

  /** The slot's deck is settled: the worker idles (unref'd) until the next one or its retirement. */
  private release(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.worker.unref();
    slot.timer = setTimeout(() => void this.stop(slot, null), this.idleMs);
    slot.timer.unref();
  }

  private onReply(slot: Slot, m: DeckReply): void {
    const job = slot.job;
    if (!job || job.req.id !== m.id) return;
    this.release(slot);
    this.settle(job, m.ok ? { bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), slides: m.slides } : new Error(m.message));
    this.pump();
  }

  /** The worker failed or exited on its own: fail its deck, forget it. */
  private onGone(slot: Slot, err: Error): void {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    if (job) this.settle(job, new Error(`Building the deck failed: ${err.message}`));
    this.pump();
  }

  /** Stops the worker (a deck too slow, cancelled, or an idle worker retiring) and fails its deck with `err`. */
  private async stop(slot: Slot, err: Error | null): Promise<void> {
    if (!this.slots.delete(slot)) return;
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    if (job) this.settle(job, err ?? cancelled());
    this.pump();
    await slot.worker.terminate();
  }

  private cancel(job: Job): void {
    const i = this.queue.indexOf(job);
    if (i >= 0) {
      this.queue.splice(i, 1);
      this.settle(job, cancelled());
      return;
    }
    for (const slot of this.slots) if (slot.job === job) void this.stop(slot, cancelled());
  }

  private settle(job: Job, result: Deck | Error): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (result instanceof Error) job.reject(result);
    else job.resolve(result);
  }
}

let shared: DeckWorkers | null = null;
const workers = () => (shared ??= new DeckWorkers());

/** Builds the deck in one of the process's deck workers (started on first use). */
export const buildDeckOffThread: BuildDeck = (pack, o) => workers().build(pack, o);

/** Starts a deck worker now, for a deck that will be asked for once its pack is built. */
export const warmDeckWorkers = (): void => workers().warm();
