/**
 * The main side of a book worker (worker.ts): a worker thread that computes one kind of
 * whole-book figure for an open workspace — the forecast service has one, ROPI another, the
 * plans list a third, so each fails and is closed in its own words (base/worker-client.ts:
 * started on first use, unref'd while idle, stopped when the workspace closes; a dead worker
 * fails its requests and the next one starts another). It keeps nothing between requests,
 * so it is stopped after IDLE_STOP_MS without one: a large book's history leaves hundreds of
 * MB in its heap.
 */
import { ServiceError } from '../../base/errors';
import { progressNotes, WorkerClient, workerEntry } from '../../base/worker-client';
import { currentMoneyDisplay } from '../../../src-shared/format';
import type { RopiBook } from '../../../src-shared/methods/ropi';
import type { PlanListRow } from '../../../src-shared/methods/plans';
import type { Db } from '../../db/connection';
import type { ForecastComputed } from '../forecast/compute';
import type { BookReply, BookRequest } from './protocol';
import type { ForecastProgress } from '../../../src-shared/methods/forecast';

/** How long a book worker is kept without a request (ms). */
export const IDLE_STOP_MS = 5_000;

export interface BookWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
  /**
   * For tests only: awaited before a reply of the worker is acted on, so a test can hold an
   * answer until it has seen other calls answered (never set by the app).
   */
  beforeReply?: (reply: { kind: 'forecast' | 'ropi' | 'plans' | 'error' }) => Promise<void> | void;
}

/** What a book worker computes, and how its failures read. */
export interface BookWorkerKind {
  /** "Computing the forecast failed" (a failure reads "<failure>: <why>"). */
  failure: string;
  /** The sentence a request still pending when the workspace closes fails with. */
  closed: string;
  /** Hears how far a forecast being computed has got. */
  progress?: (p: ForecastProgress) => void;
}

/** A book worker for `db`'s replica when `background` is given and the replica is a file; null otherwise (compute on the calling thread). */
export function bookWorkerFor(db: Db, background: BookWorkerOptions | undefined, kind: BookWorkerKind): BookWorker | null {
  const path = db.sqlite.name;
  return background && !db.sqlite.memory && path && path !== ':memory:' ? new BookWorker(path, kind, background) : null;
}

export class BookWorker {
  private readonly client: WorkerClient<BookRequest, BookReply>;

  /** `path`: the replica file the worker reads (read-only). */
  constructor(
    private readonly path: string,
    kind: BookWorkerKind,
    o: BookWorkerOptions = {},
  ) {
    const hold = o.beforeReply;
    this.client = new WorkerClient<BookRequest, BookReply>({
      entry: () => o.entry ?? workerEntry(import.meta.url, 'book-worker'),
      failure: kind.failure,
      closed: kind.closed,
      beforeReply: hold ? (m) => hold({ kind: m.ok ? m.kind : 'error' }) : undefined,
      idleStopMs: IDLE_STOP_MS,
      onNote: progressNotes<ForecastProgress>((p) => kind.progress?.(p)),
    });
  }

  /** The whole book's forecast as of `asOf` (forecast/compute.ts). */
  async forecast(asOf: string): Promise<ForecastComputed> {
    const reply = await this.send('forecast', asOf);
    if (reply.ok && reply.kind === 'forecast') return reply.computed;
    throw new ServiceError('internal', 'The book worker answered out of turn.');
  }

  /** The whole book's ROPI as of `asOf` (ropi/ropi.ts). */
  async ropi(asOf: string): Promise<RopiBook> {
    const reply = await this.send('ropi', asOf);
    if (reply.ok && reply.kind === 'ropi') return reply.book;
    throw new ServiceError('internal', 'The book worker answered out of turn.');
  }

  /** Every plan of the book with its actuals as of `asOf` (plans/read.ts `listPlans`, unfiltered). */
  async plans(asOf: string): Promise<PlanListRow[]> {
    const reply = await this.send('plans', asOf);
    if (reply.ok && reply.kind === 'plans') return reply.rows;
    throw new ServiceError('internal', 'The book worker answered out of turn.');
  }

  /**
   * A worker that failed or stopped is said as it is ("Computing the forecast failed: …"), a
   * sentence the screens show without a method name.
   */
  private async send(kind: BookRequest['kind'], asOf: string): Promise<BookReply> {
    try {
      return await this.client.send({ kind, id: this.client.nextId(), path: this.path, asOf, display: currentMoneyDisplay() });
    } catch (err) {
      if (err instanceof ServiceError) throw err;
      throw new ServiceError('internal', err instanceof Error ? err.message : String(err));
    }
  }

  /** Fails what is pending and stops the worker; later requests fail. */
  close(): Promise<void> {
    return this.client.close();
  }
}
