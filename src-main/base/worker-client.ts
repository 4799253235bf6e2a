/**
 * The main side of a service's worker thread (the actions ranking, the health inputs):
 * one worker, started on first use, kept while its workspace is open and unref'd while
 * idle, so it never keeps a process alive — or, with `idleStopMs`, stopped once it has had
 * nothing to do for that long (a worker that keeps nothing between requests gives its
 * memory back; the next request starts another). Requests and replies are plain data matched by
 * id. A worker that fails or exits fails the requests it had; the next request starts a
 * new one. `close` fails what is pending with a plain sentence and stops the worker.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ServiceError } from './errors';

/**
 * A worker script: `worker-dev.mjs` next to the module at `moduleUrl` (TypeScript sources:
 * tsx, vitest), or `<bundleName>.js` in out/main/ (the electron-vite bundle).
 */
export function workerEntry(moduleUrl: string, bundleName: string): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [
    join(here, 'worker-dev.mjs'), // TypeScript sources (tsx, vitest)
    join(here, `${bundleName}.js`), // bundle: out/main/
    join(here, '..', `${bundleName}.js`), // bundle, from a shared chunk in out/main/chunks/
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`This build has no ${bundleName} (looked for ${candidates.join(', ')}).`);
  return found;
}

export interface WorkerReplyBase {
  id: number;
  ok: boolean;
  /** Set when `ok` is false: what went wrong, in the worker's words. */
  message?: string;
}

export interface WorkerClientOptions<Reply> {
  /** The worker script (see `workerEntry`). */
  entry: () => string;
  /** What failed, for the errors: "Computing the actions failed: …". */
  failure: string;
  /** The sentence a request still pending when the workspace closes fails with. */
  closed: string;
  /** For tests only: awaited before a reply is acted on (a test holds an answer until it has seen other calls answered). */
  beforeReply?: (reply: Reply) => Promise<void> | void;
  /**
   * Stop the worker after this many ms without a request (only for a worker that keeps
   * nothing a later request needs). Left out: kept until the workspace closes.
   */
  idleStopMs?: number;
  /**
   * Messages a worker sends while it works (an import's progress): returns true for such a
   * note, which is then not taken for a reply.
   */
  onNote?: (message: unknown) => boolean;
}

/** What a worker sends while it works on request `id`, before its reply: how far it has got. */
export interface ProgressNote<P> {
  note: 'progress';
  id: number;
  progress: P;
}

/** An `onNote` that takes a worker's progress notes (`ProgressNote`) and hands each one's `progress` to `hear`. */
export function progressNotes<P>(hear: (progress: P, id: number) => void): (message: unknown) => boolean {
  return (m) => {
    if (typeof m !== 'object' || m === null || (m as { note?: unknown }).note !== 'progress') return false;
    const n = m as ProgressNote<P>;
    hear(n.progress, n.id);
    return true;
  };
}

interface Pending<Reply> {
  resolve(reply: Reply): void;
  reject(err: Error): void;
}

export class WorkerClient<Request extends { id: number }, Reply extends WorkerReplyBase> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending<Reply>>();
  private seq = 0;
  private closed = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly o: WorkerClientOptions<Reply>) {}

  /** A new request id. */
  nextId(): number {
    return ++this.seq;
  }

  /** Requests still unanswered. */
  busy(): boolean {
    return this.pending.size > 0;
  }

  /** Whether a worker thread is running now (started and not stopped). */
  running(): boolean {
    return this.worker !== null;
  }

  /** Sends `req` and resolves with its successful reply; a failed reply, a dead worker or `close` rejects. */
  send(req: Request): Promise<Reply> {
    if (this.closed) return Promise.reject(this.closedError());
    this.cancelIdleStop();
    return new Promise<Reply>((resolve, reject) => {
      let w: Worker;
      try {
        w = this.worker ?? this.spawn();
      } catch (err) {
        return reject(new Error(`${this.o.failure}: ${err instanceof Error ? err.message : String(err)}`));
      }
      this.pending.set(req.id, { resolve, reject });
      w.ref();
      w.postMessage(req);
    }).then((reply) => {
      if (!reply.ok) throw new Error(`${this.o.failure}: ${reply.message ?? 'the worker gave no reason'}`);
      return reply;
    });
  }

  /** Fails what is pending and stops the worker; later requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.cancelIdleStop();
    const w = this.worker;
    this.worker = null;
    this.failAll(this.closedError());
    if (w) await w.terminate();
  }

  private closedError(): ServiceError {
    return new ServiceError('unavailable', this.o.closed);
  }

  private spawn(): Worker {
    const w = new Worker(this.o.entry());
    w.on('message', (m: Reply) => {
      if (this.o.onNote?.(m)) return;
      const hold = this.o.beforeReply?.(m);
      if (!hold) return this.settle(w, m);
      const settle = () => this.settle(w, m);
      void Promise.resolve(hold).then(settle, settle);
    });
    w.on('error', (err) => this.gone(w, err));
    w.on('exit', (code) => this.gone(w, new Error(`the worker stopped (exit code ${code})`)));
    w.unref();
    this.worker = w;
    return w;
  }

  private settle(w: Worker, m: Reply): void {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0 && this.worker === w) {
      w.unref();
      this.armIdleStop(w);
    }
    p.resolve(m);
  }

  private armIdleStop(w: Worker): void {
    const ms = this.o.idleStopMs;
    if (ms === undefined) return;
    this.cancelIdleStop();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker !== w || this.pending.size > 0) return;
      // Forgotten first, so its exit fails nothing; the next request starts another.
      this.worker = null;
      void w.terminate();
    }, ms);
    this.idleTimer.unref();
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** The worker failed or exited on its own: fail what it had; the next request starts another. */
  private gone(w: Worker, err: Error): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.cancelIdleStop();
    this.failAll(new Error(`${this.o.failure}: ${err.message}`));
  }

  private failAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}
