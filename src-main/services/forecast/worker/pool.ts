/**
 * The main side of the forecast worker (worker.ts): one worker thread per open workspace
 * (base/worker-client.ts: started on first use, unref'd while idle, stopped when the
 * workspace closes; a dead worker fails its requests and the next one starts another).
 * It keeps nothing between requests, so it is stopped after IDLE_STOP_MS without one: the
 * book's history and the backtest leave a large book's worth in its heap.
 */
import { ServiceError } from '../../../base/errors';
import { WorkerClient, workerEntry } from '../../../base/worker-client';
import { currentMoneyDisplay } from '../../../../src-shared/format';
import type { ForecastComputed } from '../compute';
import type { BookRequest, ForecastReply } from './protocol';

/** How long the forecast worker is kept without a request (ms). */
export const IDLE_STOP_MS = 5_000;

export interface ForecastWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
  /**
   * For tests only: awaited before a reply of the worker is acted on, so a test can hold a
   * forecast's answer until it has seen other calls answered (never set by the app).
   */
  beforeReply?: (reply: { kind: 'book' | 'error' }) => Promise<void> | void;
}

export class ForecastWorker {
  private readonly client: WorkerClient<BookRequest, ForecastReply>;

  /** `path`: the replica file the worker reads (read-only). */
  constructor(
    private readonly path: string,
    o: ForecastWorkerOptions = {},
  ) {
    const hold = o.beforeReply;
    this.client = new WorkerClient<BookRequest, ForecastReply>({
      entry: () => o.entry ?? workerEntry(import.meta.url, 'forecast-worker'),
      failure: 'Computing the forecast failed',
      closed: 'The workspace was closed while its forecast was being computed.',
      beforeReply: hold ? (m) => hold({ kind: m.ok ? m.kind : 'error' }) : undefined,
      idleStopMs: IDLE_STOP_MS,
    });
  }

  /**
   * The whole book's forecast as of `asOf`. A worker that failed or stopped is said as it is
   * ("Computing the forecast failed: …"), a sentence the screens show without a method name.
   */
  async book(asOf: string): Promise<ForecastComputed> {
    let reply: ForecastReply;
    try {
      reply = await this.client.send({ kind: 'book', id: this.client.nextId(), path: this.path, asOf, display: currentMoneyDisplay() });
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      throw new ServiceError('internal', err instanceof Error ? err.message : String(err));
    }
    if (reply.ok) return reply.computed;
    throw new ServiceError('internal', 'Computing the forecast failed: the worker answered out of turn.');
  }

  /** Fails what is pending and stops the worker; later requests fail. */
  close(): Promise<void> {
    return this.client.close();
  }
}
