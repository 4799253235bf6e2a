/**
 * The main side of the health worker (worker.ts): one worker thread per open workspace
 * (base/worker-client.ts: started on first use, unref'd while idle, stopped when the
 * workspace closes; a dead worker fails its requests and the next one starts another).
 * It keeps nothing between requests but its connection, so it is stopped after
 * IDLE_STOP_MS without one: a whole book's inputs leave hundreds of MB in its heap and its
 * page cache, which a first sync's Portfolio (asking again as the book arrives) and the
 * actions worker's ranking would otherwise hold side by side (bench:sync-rss, issue 17).
 */
import type { HealthProgress } from '../../../../src-shared/methods/health';
import { progressNotes, WorkerClient, workerEntry } from '../../../base/worker-client';
import type { Derived } from '../derive';
import type { InputsByDate } from '../inputs';
import { unpackByDate } from '../packed-inputs';
import type { DeriveRequest, HealthReply, InputsRequest } from './protocol';

/** How long the health worker is kept without a request (ms). */
export const IDLE_STOP_MS = 5_000;

export interface HealthWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
  /** Stop the worker after this many ms without a request (IDLE_STOP_MS when not given). */
  idleStopMs?: number;
  /**
   * For tests only: awaited before a reply of the worker is acted on, so a test can hold a
   * recompute's answer until it has seen other calls answered (never set by the app).
   */
  beforeReply?: (reply: { kind: 'inputs' | 'error' }) => Promise<void> | void;
}

export class HealthWorker {
  private readonly client: WorkerClient<InputsRequest, HealthReply>;

  /** `path`: the replica file the worker reads (read-only); `progress` hears how far a job has got. */
  constructor(
    private readonly path: string,
    o: HealthWorkerOptions = {},
    progress?: (p: HealthProgress) => void,
  ) {
    const hold = o.beforeReply;
    this.client = new WorkerClient<InputsRequest, HealthReply>({
      entry: () => o.entry ?? workerEntry(import.meta.url, 'health-worker'),
      failure: 'Computing partner health failed',
      closed: 'The workspace was closed while its partner health was being computed.',
      beforeReply: hold ? (m) => hold({ kind: m.ok ? m.kind : 'error' }) : undefined,
      idleStopMs: o.idleStopMs ?? IDLE_STOP_MS,
      onNote: progressNotes<HealthProgress>((p) => progress?.(p)),
    });
  }

  /** Whether its thread is running now (for tests: stopped once idle). */
  running(): boolean {
    return this.client.running();
  }

  /**
   * Every partner's raw inputs on each of `dates` (and on any other date `derive` needed
   * that was not stored), their stored form, what `derive` asked for, and the fingerprint
   * of the replica they were all read from.
   */
  async inputs(
    dates: string[],
    derive?: DeriveRequest,
  ): Promise<{ fingerprint: string; inputs: InputsByDate; texts: Record<string, string>; derived: Derived | null }> {
    const reply = await this.client.send({ kind: 'inputs', id: this.client.nextId(), path: this.path, dates, derive });
    if (reply.ok) return { fingerprint: reply.fingerprint, inputs: unpackByDate(reply.inputs), texts: reply.texts, derived: reply.derived };
    throw new Error('the health worker answered out of turn');
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
