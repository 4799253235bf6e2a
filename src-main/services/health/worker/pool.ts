/**
 * The main side of the health worker (worker.ts): one worker thread per open workspace
 * (base/worker-client.ts: started on first use, unref'd while idle, stopped when the
 * workspace closes; a dead worker fails its requests and the next one starts another).
 */
import { WorkerClient, workerEntry } from '../../../base/worker-client';
import type { InputsByDate } from '../inputs';
import type { HealthReply, InputsRequest } from './protocol';

export interface HealthWorkerOptions {
  /** The worker script; found next to this module (sources) or in out/main/ (bundle) when not given. */
  entry?: string;
  /**
   * For tests only: awaited before a reply of the worker is acted on, so a test can hold a
   * recompute's answer until it has seen other calls answered (never set by the app).
   */
  beforeReply?: (reply: { kind: 'inputs' | 'error' }) => Promise<void> | void;
}

export class HealthWorker {
  private readonly client: WorkerClient<InputsRequest, HealthReply>;

  /** `path`: the replica file the worker reads (read-only). */
  constructor(
    private readonly path: string,
    o: HealthWorkerOptions = {},
  ) {
    const hold = o.beforeReply;
    this.client = new WorkerClient<InputsRequest, HealthReply>({
      entry: () => o.entry ?? workerEntry(import.meta.url, 'health-worker'),
      failure: 'Computing partner health failed',
      closed: 'The workspace was closed while its partner health was being computed.',
      beforeReply: hold ? (m) => hold({ kind: m.ok ? m.kind : 'error' }) : undefined,
    });
  }

  /** Every partner's raw inputs on each of `dates`, and the fingerprint of the replica they were read from. */
  async inputs(dates: string[]): Promise<{ fingerprint: string; inputs: InputsByDate }> {
    const reply = await this.client.send({ kind: 'inputs', id: this.client.nextId(), path: this.path, dates });
    if (reply.ok) return { fingerprint: reply.fingerprint, inputs: reply.inputs };
    throw new Error('the health worker answered out of turn');
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
